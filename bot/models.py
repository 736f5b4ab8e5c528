"""Data that crosses module boundaries."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .taxonomy import Behavior, Emotion, Intent, Language, Risk, Topic


class Evidence(BaseModel):
    """One cue that moved a decision: the words, where they are, and what they voted for."""

    model_config = ConfigDict(frozen=True)

    axis: str
    label: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    weight: float


class Confidence(BaseModel):
    """Confidence per axis, 0..1 (for multi-label axes: of the weakest label kept, 1.0 when none)."""

    model_config = ConfigDict(frozen=True)

    language: float
    intent: float
    topic: float
    behaviors: float
    emotion: float
    risks: float


class Classification(BaseModel):
    """The six taxonomy axes for one customer message, with confidences and evidence."""

    model_config = ConfigDict(frozen=True)

    language: Language
    intent: Intent
    topic: Topic
    behaviors: list[Behavior]
    emotion: Emotion
    risks: list[Risk]
    confidence: Confidence
    evidence: list[Evidence] = Field(default_factory=list)


PromiseKind = Literal["callback", "follow_up", "hold"]


class Promise(BaseModel):
    """A commitment with (or without) a deadline found in an agent's message."""

    model_config = ConfigDict(frozen=True)

    kind: PromiseKind
    due: datetime | None
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
