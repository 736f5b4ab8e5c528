"""Pydantic models of the playbook YAML files (playbooks/*.yaml): the schema supervisors edit.

Every customer- or agent-facing text is a :class:`LangText` with all three languages
required, so a missing translation fails validation instead of showing up as a gap.
"""

from __future__ import annotations

from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..taxonomy import Intent

PlanLanguage = Literal["zh-Hans", "zh-Hant", "en"]
PLAN_LANGUAGES: Final[tuple[PlanLanguage, ...]] = ("zh-Hans", "zh-Hant", "en")

StepId = Literal["control", "listen", "empathize", "apologize", "resolve"]
STEP_ORDER: Final[tuple[StepId, ...]] = ("control", "listen", "empathize", "apologize", "resolve")

# Which axes of a classification may add their step templates for an intent (see IntentEntry.axes).
Axis = Literal["topic", "behaviors", "emotion", "risks"]
ALL_AXES: Final[tuple[Axis, ...]] = ("topic", "behaviors", "emotion", "risks")

# The placeholders templates may use; each needs a value format and a fallback in clear.yaml.
PLACEHOLDER_NAMES: Final[tuple[str, ...]] = ("customer_name", "agent_name", "order_id", "minutes")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class LangText(_Strict):
    """One text in every language the bot answers in."""

    zh_hans: str = Field(alias="zh-Hans", min_length=1)
    zh_hant: str = Field(alias="zh-Hant", min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: PlanLanguage) -> str:
        """The text in ``lang``."""
        if lang == "zh-Hans":
            return self.zh_hans
        if lang == "zh-Hant":
            return self.zh_hant
        return self.en

    def items(self) -> tuple[tuple[PlanLanguage, str], ...]:
        """(language, text) pairs, for validators that look at every language."""
        return (("zh-Hans", self.zh_hans), ("zh-Hant", self.zh_hant), ("en", self.en))


class Template(LangText):
    """A reply template; ``id`` is short and stable so usage feedback can be counted per template."""

    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$")

    @field_validator("id", mode="before")
    @classmethod
    def _int_id(cls, value: object) -> object:
        # `id: 1` in YAML is an int; ids are compared as text.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class StepTemplates(_Strict):
    """Templates per CLEAR step; any step may be left out."""

    control: list[Template] = Field(default_factory=list)
    listen: list[Template] = Field(default_factory=list)
    empathize: list[Template] = Field(default_factory=list)
    apologize: list[Template] = Field(default_factory=list)
    resolve: list[Template] = Field(default_factory=list)

    def for_step(self, step: StepId) -> list[Template]:
        """The templates of ``step``."""
        found: list[Template] = getattr(self, step)
        return found


class Entry(StepTemplates):
    """Guidance for one label of one axis (a topic, a behavior, an emotion level, a risk, an intent).

    ``by_intent`` replaces the templates of a step for one intent, e.g. how to answer an inquiry
    about delivery rather than a complaint about it; steps it leaves empty keep the general ones.
    """

    guidance: LangText | None = None
    tips: list[LangText] = Field(default_factory=list)
    calming: list[LangText] = Field(default_factory=list)
    avoid: list[LangText] = Field(default_factory=list)
    by_intent: dict[Intent, StepTemplates] = Field(default_factory=dict)


class RiskEntry(Entry):
    """A risk also says whom to tell and what to hand over."""

    name: LangText
    escalate_to: LangText
    handover: LangText


class IntentEntry(Entry):
    """How the plan is shaped for an intent."""

    # Axes whose step templates apply (templates under ``by_intent`` of this intent always apply).
    axes: list[Axis] = Field(default_factory=lambda: list(ALL_AXES))
    skip: list[StepId] = Field(default_factory=list)
    # Skipped only for a calm message with no behavior or risk (e.g. a plain request needs no apology).
    skip_when_calm: list[StepId] = Field(default_factory=list)
    # A brief plan: at most two templates a step and no generic fallbacks.
    brief: bool = False


class StepInfo(_Strict):
    """A CLEAR step: its title, a one-line tip for the agent, and generic templates."""

    title: LangText
    tip: LangText
    templates: list[Template] = Field(min_length=1)


class StepInfos(_Strict):
    """All five steps; none may be missing."""

    control: StepInfo
    listen: StepInfo
    empathize: StepInfo
    apologize: StepInfo
    resolve: StepInfo

    def for_step(self, step: StepId) -> StepInfo:
        """The info of ``step``."""
        found: StepInfo = getattr(self, step)
        return found


class PlaceholderSpec(_Strict):
    """How a placeholder reads with a value (``{value}`` marks where) and without one."""

    value: LangText
    one: LangText | None = None  # for the value "1", where a language needs the singular
    fallback: LangText


class ClearFile(_Strict):
    """``kind: clear``: the method itself: steps, placeholders, and the general lists."""

    kind: Literal["clear"]
    steps: StepInfos
    placeholders: dict[str, PlaceholderSpec]
    tips: list[LangText] = Field(min_length=1)
    calming: list[LangText] = Field(min_length=3)
    avoid: list[LangText] = Field(min_length=1)


class TopicFile(_Strict):
    """``kind: topic``: what to do about each kind of problem."""

    kind: Literal["topic"]
    entries: dict[str, Entry]


class BehaviorFile(_Strict):
    """``kind: behavior``: how to handle each kind of customer behavior."""

    kind: Literal["behavior"]
    entries: dict[str, Entry]


class EmotionFile(_Strict):
    """``kind: emotion``: per emotion level, keyed calm / dissatisfied / angry / furious."""

    kind: Literal["emotion"]
    entries: dict[str, Entry]


class RiskFile(_Strict):
    """``kind: risk``: escalation per risk."""

    kind: Literal["risk"]
    entries: dict[str, RiskEntry]


class IntentFile(_Strict):
    """``kind: intent``: plan shape and intent-specific templates."""

    kind: Literal["intent"]
    entries: dict[str, IntentEntry]


PlaybookFile = ClearFile | TopicFile | BehaviorFile | EmotionFile | RiskFile | IntentFile
FILE_MODELS: Final[dict[str, type[BaseModel]]] = {
    "clear": ClearFile,
    "topic": TopicFile,
    "behavior": BehaviorFile,
    "emotion": EmotionFile,
    "risk": RiskFile,
    "intent": IntentFile,
}


class Playbooks(_Strict):
    """A complete, validated set of playbooks: what the plan builder reads."""

    clear: ClearFile
    topics: dict[str, Entry]
    behaviors: dict[str, Entry]
    emotions: dict[str, Entry]
    risks: dict[str, RiskEntry]
    intents: dict[str, IntentEntry]
    files: tuple[str, ...]

    def entries(self) -> list[Entry]:
        """Every entry of every axis."""
        found: list[Entry] = [*self.topics.values(), *self.behaviors.values(), *self.emotions.values()]
        found += [*self.risks.values(), *self.intents.values()]
        return found

    def template_count(self) -> int:
        """Reply templates in the set (each exists in all three languages)."""
        n = sum(len(self.clear.steps.for_step(s).templates) for s in STEP_ORDER)
        for entry in self.entries():
            n += sum(len(entry.for_step(s)) for s in STEP_ORDER)
            n += sum(len(st.for_step(s)) for st in entry.by_intent.values() for s in STEP_ORDER)
        return n

    def phrase_counts(self) -> dict[str, int]:
        """Counts of the other lists: agent tips, calming phrases, avoid items."""
        entries = self.entries()
        return {
            "tips": len(self.clear.tips) + sum(len(e.tips) for e in entries),
            "calming": len(self.clear.calming) + sum(len(e.calming) for e in entries),
            "avoid": len(self.clear.avoid) + sum(len(e.avoid) for e in entries),
            "guidance": sum(1 for e in entries if e.guidance is not None),
        }
