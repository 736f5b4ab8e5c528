"""The form of a cue file (``cues/*.yaml``), validated when the lexicon is compiled.

Kept apart from :mod:`.lexicon` because that module is compiled with mypyc, which cannot
compile pydantic models.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["LabelCues", "LexiconError", "LexiconFile"]


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and the entry."""


class LabelCues(BaseModel):
    """Cue terms of one label."""

    model_config = ConfigDict(extra="forbid")

    negatable: bool = False
    zh: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)
    # Other languages customers write in (ja, ko, es, fr, de, pt, it, vi, id, th, ru): terms in
    # Latin letters match whole words like English ones, the rest anywhere, like Chinese ones.
    other: list[str] = Field(default_factory=list)
    # Regular expressions over folded text, "regex|weight", for cues with words between their
    # parts ("cancel my … subscription") that no fixed term can spell.
    patterns: list[str] = Field(default_factory=list)

    @field_validator("zh", "en", "other", "patterns", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        return [] if value is None else value


class LexiconFile(BaseModel):
    """One axis's cues."""

    model_config = ConfigDict(extra="forbid")

    axis: str
    labels: dict[str, LabelCues]
