"""The checker's rule book: rules.yaml validated by pydantic and compiled once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .models import FindingKind, Severity
from .view import fold_pattern

RULES_PATH = Path(__file__).with_name("rules.yaml")

RuleLang = Literal["en", "zh", "yue", "any"]
Guard = Literal["none", "remedy_follows", "no_time_nearby"]
Detector = Literal["all_caps"]
CueName = Literal["listen", "empathize", "apologize", "resolve", "remedy", "time", "negators"]
DocumentKind = Literal["missing_apology", "missing_next_step", "promise_without_time"]

_MACRO = re.compile(r"%([A-Z_]+)%")
_FULL_WIDTH = re.compile("[\uff01-\uff5e]")


class RulesError(ValueError):
    """rules.yaml is malformed; the message names the entry."""


class Rewrite(BaseModel):
    """A suggested rewrite per language: ``zh`` in Simplified, ``yue`` in Traditional Cantonese."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: str | None = None
    zh: str | None = None
    yue: str | None = None


class PhraseRule(BaseModel):
    """One non-compliant phrasing: a pattern (or a built-in detector) and what to say about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^(en|zh|yue|any)\.[a-z_]+\.[a-z0-9_]+$")
    kind: FindingKind
    lang: RuleLang
    severity: Severity = "medium"
    guard: Guard = "none"
    pattern: str | None = None
    detector: Detector | None = None
    # A plain message is in the rule's own language; "any" rules give one per language.
    message: str | Rewrite
    rewrite: Rewrite

    def message_texts(self) -> Rewrite:
        """The message as per-language texts."""
        if isinstance(self.message, Rewrite):
            return self.message
        return Rewrite.model_validate({"zh" if self.lang == "any" else self.lang: self.message})

    @model_validator(mode="after")
    def _consistent(self) -> PhraseRule:
        if (self.pattern is None) == (self.detector is None):
            raise ValueError("give exactly one of pattern and detector")
        if self.kind in ("missing_apology", "missing_next_step"):
            raise ValueError(f"{self.kind} is a document-level finding, not a phrase rule")
        if not self.id.startswith(self.lang + "."):
            raise ValueError(f"id {self.id!r} must start with its lang {self.lang!r}")
        needed = {"en": ("en",), "zh": ("zh",), "yue": ("yue",), "any": ("en", "zh")}[self.lang]
        messages = self.message_texts()
        for field, texts in (("rewrite", self.rewrite), ("message", messages)):
            missing = [lang for lang in needed if not getattr(texts, lang)]
            if missing:
                raise ValueError(f"{field} needs {', '.join(missing)}")
        if self.pattern is not None and _FULL_WIDTH.search(self.pattern):
            raise ValueError("write ASCII punctuation: the matching view folds full-width forms")
        return self


class DocumentRule(BaseModel):
    """Texts of a document-level finding (something missing from the whole draft)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    severity: Severity
    message: Rewrite
    rewrite: Rewrite

    @model_validator(mode="after")
    def _all_languages(self) -> DocumentRule:
        for field, texts in (("rewrite", self.rewrite), ("message", self.message)):
            if not (texts.en and texts.zh and texts.yue):
                raise ValueError(f"a document rule needs en, zh and yue {field}s")
        return self


class CueList(BaseModel):
    """Cue patterns of one kind, per language."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: list[str] = Field(default_factory=list)
    zh: list[str] = Field(default_factory=list)

    @field_validator("en", "zh", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        return [] if value is None else value


class RulesFile(BaseModel):
    """The whole of rules.yaml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    defs: dict[str, str] = Field(default_factory=dict)
    rules: list[PhraseRule]
    document: dict[DocumentKind, DocumentRule]
    cues: dict[CueName, CueList]

    @model_validator(mode="after")
    def _complete(self) -> RulesFile:
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        for kind in ("missing_apology", "missing_next_step", "promise_without_time"):
            if kind not in self.document:
                raise ValueError(f"document.{kind} is missing")
        for name in ("listen", "empathize", "apologize", "resolve", "remedy", "time", "negators"):
            if name not in self.cues:
                raise ValueError(f"cues.{name} is missing")
        return self


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A phrase rule with its regex (None for detector rules)."""

    spec: PhraseRule
    regex: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class RuleBook:
    """Everything the checker matches with, compiled."""

    rules: tuple[CompiledRule, ...]
    document: dict[DocumentKind, DocumentRule]
    cues: dict[CueName, re.Pattern[str] | None]


def _expand(pattern: str, defs: dict[str, str], where: str) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in defs:
            raise RulesError(f"{where}: unknown macro %{name}%")
        return defs[name]

    return fold_pattern(_MACRO.sub(sub, pattern))


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise RulesError(f"{where}: bad regex: {exc}") from exc


def compile_rules(raw: Any) -> RuleBook:
    """Validate a parsed rules document and compile it; :class:`RulesError` names the bad entry."""
    try:
        parsed = RulesFile.model_validate(raw)
    except ValidationError as exc:
        raise RulesError(str(exc)) from exc
    rules = tuple(
        CompiledRule(
            rule,
            None if rule.pattern is None else _compile(_expand(rule.pattern, parsed.defs, rule.id), rule.id),
        )
        for rule in parsed.rules
    )
    cues: dict[CueName, re.Pattern[str] | None] = {}
    for name, cue_list in parsed.cues.items():
        parts = [
            _expand(p, parsed.defs, f"cues.{name}.{lang}")
            for lang, patterns in (("en", cue_list.en), ("zh", cue_list.zh))
            for p in patterns
        ]
        cues[name] = _compile("|".join(f"(?:{p})" for p in parts), f"cues.{name}") if parts else None
    return RuleBook(rules=rules, document=dict(parsed.document), cues=cues)


def load_rules(path: Path = RULES_PATH) -> RuleBook:
    """Read, validate and compile a rules file."""
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise RulesError(f"{path.name}: {exc}") from exc
    return compile_rules(raw)


@lru_cache(maxsize=1)
def default_rules() -> RuleBook:
    """The shipped rule book, compiled once per process."""
    return load_rules()
