"""What the draft checker reports: findings with offsets into the draft, CLEAR steps, a score."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..models import Promise
from ..taxonomy import Language

FindingKind = Literal[
    "blame",
    "refusal_without_alternative",
    "calm_down",
    "passing_the_buck",
    "dont_know",
    "promise_without_time",
    "sarcasm",
    "policy_hiding",
    "minimizing",
    "shouting",
    "arguing",
    "apology_negated",
    "non_apology",
    "questioning_honesty",
    "disrespect",
    "impatience",
    "dismissive",
    "missing_apology",
    "missing_next_step",
]
Severity = Literal["low", "medium", "high"]
Step = Literal["control", "listen", "empathize", "apologize", "resolve"]
STEPS: tuple[Step, ...] = ("control", "listen", "empathize", "apologize", "resolve")

# A draft with any of these findings has not kept its composure: the C of CLEAR is missing.
CONTROL_BREAKERS: frozenset[str] = frozenset(
    {
        "blame",
        "calm_down",
        "passing_the_buck",
        "sarcasm",
        "policy_hiding",
        "minimizing",
        "shouting",
        "arguing",
        "apology_negated",
        "non_apology",
        "questioning_honesty",
        "disrespect",
        "impatience",
        "dismissive",
    }
)


class Finding(BaseModel):
    """One problem in a draft. ``draft[start:end] == text``; document-level findings are empty spans."""

    model_config = ConfigDict(frozen=True)

    kind: FindingKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    rewrite: str
    severity: Severity
    message: str
    rule: str


class ClearSteps(BaseModel):
    """Which CLEAR steps the draft shows."""

    model_config = ConfigDict(frozen=True)

    control: bool
    listen: bool
    empathize: bool
    apologize: bool
    resolve: bool

    def present(self) -> list[Step]:
        """The steps that are present, in CLEAR order."""
        return [step for step in STEPS if getattr(self, step)]


class DraftReport(BaseModel):
    """The checker's verdict on one draft reply."""

    model_config = ConfigDict(frozen=True)

    language: Language
    findings: list[Finding]
    score: int = Field(ge=0, le=100)
    steps: ClearSteps
    # Promises with a due time; an undated one is a ``promise_without_time`` finding instead.
    promises: list[Promise]
