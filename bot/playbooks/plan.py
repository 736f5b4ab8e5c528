"""The reply plan: the bot's answer to "what do I say now?", built from a classification and the playbooks.

Five CLEAR steps in order (control, listen, empathize, apologize, resolve), each with 1-3
templates drawn from the entries that match this message: its intent, topic, behaviors, emotion
level and risks, most specific first; the method's generic lines only top a step up to two.
Alternatives are picked by a hash of the message text, so the same message always gets the same
plan and similar messages vary.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from typing import Any, Final, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from ..models import Classification
from ..taxonomy import EMOTION_NAMES, Behavior, Risk
from .loader import PlaybookStore
from .models import STEP_ORDER, Entry, LangText, PlanLanguage, Playbooks, StepId, StepTemplates, Template
from .render import render

# The order in which several behaviors or risks are served when a step has room for only some.
# Abuse comes last: its boundary line already leads the control step, so the resolve step is
# better spent on what the customer's other behavior needs (proof, choices, no blame...).
BEHAVIOR_PRIORITY: Final[tuple[Behavior, ...]] = (
    "distrust",
    "unreasonable_demand",
    "customer_negligence",
    "refuses_communication",
    "withholds_information",
    "breaks_agreement",
    "changing_requirements",
    "indecisive",
    "lacks_knowledge",
    "abusive",
)
RISK_PRIORITY: Final[tuple[Risk, ...]] = ("safety", "legal", "authority", "media", "churn")

Slot = Literal["safety", "intent", "topic", "lead_behavior", "behaviors", "emotion", "risks"]
# Where each step looks first. Safety leads wherever it has something to say (people before parcels);
# the emotion slot sits early in listen and empathize so the plan calms before it solves; resolve
# always holds the topic's fix and the leading behavior's handling (safety + topic + behavior = 3).
STEP_SLOTS: Final[dict[StepId, tuple[Slot, ...]]] = {
    "control": ("intent", "behaviors", "emotion", "risks", "topic"),
    "listen": ("safety", "intent", "emotion", "behaviors", "topic", "risks"),
    "empathize": ("intent", "emotion", "behaviors", "topic"),
    "apologize": ("intent", "behaviors", "topic", "emotion"),
    "resolve": ("safety", "topic", "lead_behavior", "intent", "behaviors", "risks", "emotion"),
}
MAX_TEMPLATES: Final = 3
MIN_TEMPLATES: Final = 2  # generic lines top a full plan's step up to this many
MAX_BRIEF_TEMPLATES: Final = 2
MAX_AVOID: Final = 6
MAX_BRIEF_AVOID: Final = 3

_T = TypeVar("_T")


class PlanContext(BaseModel):
    """What the plan builder knows besides the labels: the text (for rotation) and placeholder values."""

    model_config = ConfigDict(frozen=True)

    text: str | None = None
    default_language: PlanLanguage = "zh-Hans"
    customer_name: str | None = None
    agent_name: str | None = None
    order_id: str | None = None
    # A concrete callback promise the agent can keep; None leaves a vaguer "shortly".
    minutes: int | None = Field(default=10, ge=1, le=24 * 60)


class PlanTemplate(BaseModel):
    """A suggested sentence and the stable id of the template it came from."""

    model_config = ConfigDict(frozen=True)

    id: str
    text: str


class PlanStep(BaseModel):
    """One CLEAR step of the plan."""

    model_config = ConfigDict(frozen=True)

    step: StepId
    title: str
    tip: str
    templates: list[PlanTemplate] = Field(min_length=1, max_length=MAX_TEMPLATES)


class ReplyPlan(BaseModel):
    """The suggested reply, step by step, with the agent's notes around it."""

    model_config = ConfigDict(frozen=True)

    classification: Classification
    language: PlanLanguage
    brief: bool
    steps: list[PlanStep]
    control: str  # a self-control tip for the agent, never sent to the customer
    calming: list[str]
    avoid: list[str]
    guidance: list[str]
    escalation: str | None

    def template_ids(self) -> list[str]:
        """Ids of every suggested template, in plan order."""
        return [t.id for s in self.steps for t in s.templates]

    def to_output(self) -> dict[str, Any]:
        """The JSON shape of ``clearbot suggest --json``."""
        return {
            "classification": self.classification.model_dump(mode="json"),
            "language": self.language,
            "plan": [
                {
                    "step": s.step,
                    "title": s.title,
                    "templates": [t.text for t in s.templates],
                    "template_ids": [t.id for t in s.templates],
                    "tip": s.tip,
                }
                for s in self.steps
            ],
            "calming": self.calming,
            "avoid": self.avoid,
            "escalation": self.escalation,
            "control": self.control,
            "guidance": self.guidance,
            "brief": self.brief,
        }


def _pick(seed: str, key: str, n: int) -> int:
    # A stable hash (not hash(), which is salted per process) so plans are reproducible anywhere.
    digest = hashlib.sha256(f"{seed}\x1f{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % n


def _rotate(seed: str, key: str, items: list[_T]) -> list[_T]:
    if not items:
        return []
    start = _pick(seed, key, len(items))
    return items[start:] + items[:start]


class _Source:
    """Templates of one entry for one step, with the id prefix they are counted under."""

    __slots__ = ("prefix", "templates")

    def __init__(self, prefix: str, templates: list[Template]) -> None:
        self.prefix = prefix
        self.templates = templates


class _Builder:
    def __init__(self, pb: Playbooks, c: Classification, ctx: PlanContext) -> None:
        self.pb = pb
        self.c = c
        self.ctx = ctx
        self.lang: PlanLanguage = ctx.default_language if c.language == "other" else c.language
        # The text is the natural seed; without it, the labels (so equal inputs still agree).
        self.seed = (
            ctx.text
            if ctx.text is not None
            else c.model_dump_json(include={"language", "intent", "topic", "behaviors", "emotion", "risks"})
        )
        self.intent_name = c.intent
        self.intent = pb.intents[c.intent]
        self.emotion_name = EMOTION_NAMES[c.emotion]
        self.behaviors = [b for b in BEHAVIOR_PRIORITY if b in c.behaviors]
        self.risks = [r for r in RISK_PRIORITY if r in c.risks]
        self.values: dict[str, object | None] = {
            "customer_name": ctx.customer_name,
            "agent_name": ctx.agent_name,
            "order_id": ctx.order_id,
            "minutes": ctx.minutes,
        }

    def text(self, t: LangText) -> str:
        return render(t.get(self.lang), self.values, self.lang, self.pb.clear.placeholders)

    def _entry_templates(self, kind: str, label: str, entry: Entry, step: StepId, axis: str) -> list[_Source]:
        override: StepTemplates | None = entry.by_intent.get(self.intent_name)
        if override is not None and override.for_step(step):
            return [_Source(f"{kind}.{label}.{self.intent_name}.{step}", override.for_step(step))]
        if axis in self.intent.axes:
            return [_Source(f"{kind}.{label}.{step}", entry.for_step(step))]
        return []

    def sources(self, step: StepId) -> list[_Source]:
        pb = self.pb
        found: list[_Source] = []
        served: set[str] = set()
        for slot in STEP_SLOTS[step]:
            if slot == "safety":
                if "safety" in self.risks:
                    found += self._entry_templates("risk", "safety", pb.risks["safety"], step, "risks")
            elif slot == "intent":
                found.append(_Source(f"intent.{self.intent_name}.{step}", self.intent.for_step(step)))
            elif slot == "topic":
                found += self._entry_templates("topic", self.c.topic, pb.topics[self.c.topic], step, "topic")
            elif slot in ("lead_behavior", "behaviors"):
                for b in self.behaviors[:1] if slot == "lead_behavior" else self.behaviors:
                    if b not in served:
                        served.add(b)
                        found += self._entry_templates("behavior", b, pb.behaviors[b], step, "behaviors")
            elif slot == "emotion":
                entry = pb.emotions[self.emotion_name]
                found += self._entry_templates("emotion", self.emotion_name, entry, step, "emotion")
            else:
                for r in self.risks:
                    if r != "safety" or "safety" not in STEP_SLOTS[step]:
                        found += self._entry_templates("risk", r, pb.risks[r], step, "risks")
        return found

    def step(self, step: StepId) -> PlanStep:
        info = self.pb.clear.steps.for_step(step)
        sources = [
            (src.prefix, _rotate(self.seed, src.prefix, src.templates))
            for src in self.sources(step)
            if src.templates
        ]
        if self.intent.brief:
            # In a brief plan the intent's own line is the fallback, as the generic lines are in a full one.
            fallback = [(p, t[0]) for p, t in sources if p.startswith("intent.")]
            sources = [(p, t) for p, t in sources if not p.startswith("intent.")]
            cap, floor = MAX_BRIEF_TEMPLATES, 1
        else:
            fallback = [(f"base.{step}", t) for t in _rotate(self.seed, f"base.{step}", info.templates)]
            cap, floor = MAX_TEMPLATES, MIN_TEMPLATES
        # Round-robin over the matching sources: one template from each (most specific first), then
        # their other alternatives; generic lines only top the step up to ``floor``.
        depth = max((len(t) for _, t in sources), default=0)
        ordered = [(prefix, t[i]) for i in range(depth) for prefix, t in sources if i < len(t)]
        picked = ordered[:cap]
        for item in fallback:
            if len(picked) >= floor:
                break
            picked.append(item)
        chosen = [PlanTemplate(id=f"{prefix}.{tpl.id}", text=self.text(tpl)) for prefix, tpl in picked]
        if not chosen:  # a brief intent with an empty step; validation forbids it, this keeps the model valid
            tpl = info.templates[0]
            chosen.append(PlanTemplate(id=f"base.{step}.{tpl.id}", text=self.text(tpl)))
        tip = "" if self.intent.brief else self.text(info.tip)
        return PlanStep(step=step, title=self.text(info.title), tip=tip, templates=chosen)

    def skipped(self) -> set[StepId]:
        skip: set[StepId] = set(self.intent.skip)
        if self.c.emotion == 0 and not self.c.behaviors and not self.c.risks:
            skip |= set(self.intent.skip_when_calm)
        return skip

    def _related(self) -> list[Entry]:
        """Entries that apply to this message, most specific first (for tips, avoid and guidance)."""
        pb = self.pb
        out: list[Entry] = [pb.behaviors[b] for b in self.behaviors]
        out += [pb.risks[r] for r in self.risks]
        out.append(self.intent)
        if "topic" in self.intent.axes or self.intent_name in pb.topics[self.c.topic].by_intent:
            out.append(pb.topics[self.c.topic])
        out.append(pb.emotions[self.emotion_name])
        return out

    def control_tip(self) -> str:
        pb = self.pb
        emotion = pb.emotions[self.emotion_name]
        groups: list[tuple[str, list[LangText]]] = [
            (f"behavior.{b}", pb.behaviors[b].tips) for b in self.behaviors
        ]
        if self.c.emotion >= 2:  # at high emotion, keeping one's own temper matters most
            groups.append((f"emotion.{self.emotion_name}", emotion.tips))
        groups.append((f"intent.{self.intent_name}", self.intent.tips))
        groups.append((f"emotion.{self.emotion_name}", emotion.tips))
        groups.append(("base", pb.clear.tips))
        for key, tips in groups:
            if tips:
                return self.text(tips[_pick(self.seed, f"tip.{key}", len(tips))])
        return ""

    def calming(self) -> list[str]:
        if self.c.emotion == 0:
            return []
        want = 2 if self.c.emotion == 1 else 3
        emotion = self.pb.emotions[self.emotion_name]
        pool = _rotate(self.seed, "calm.level", emotion.calming)
        pool += _rotate(self.seed, "calm.base", self.pb.clear.calming)
        out: list[str] = []
        for item in pool:
            text = self.text(item)
            if text not in out:
                out.append(text)
            if len(out) == want:
                break
        return out

    def avoid(self) -> list[str]:
        out: list[str] = []
        pool: list[LangText] = [item for e in self._related() for item in e.avoid]
        if not self.intent.brief:  # the general list is about complaints; brief intents bring their own
            pool += _rotate(self.seed, "avoid.base", self.pb.clear.avoid)
        for item in pool:
            text = self.text(item)
            if text not in out:
                out.append(text)
            if len(out) == (MAX_BRIEF_AVOID if self.intent.brief else MAX_AVOID):
                break
        return out

    def guidance(self) -> list[str]:
        return [self.text(e.guidance) for e in self._related() if e.guidance is not None]

    def escalation(self) -> str | None:
        if not self.risks:
            return None
        sep = ": " if self.lang == "en" else "："
        gap = " " if self.lang == "en" else ""
        lines = []
        for r in self.risks:
            entry = self.pb.risks[r]
            to, handover = self.text(entry.escalate_to), self.text(entry.handover)
            lines.append(f"{self.text(entry.name)}{sep}{to}{gap}{handover}")
        return "\n".join(lines)

    def build(self) -> ReplyPlan:
        skip = self.skipped()
        steps = [self.step(s) for s in STEP_ORDER if s not in skip]
        return ReplyPlan(
            classification=self.c,
            language=self.lang,
            brief=self.intent.brief,
            steps=steps,
            control=self.control_tip(),
            calming=self.calming(),
            avoid=self.avoid(),
            guidance=self.guidance(),
            escalation=self.escalation(),
        )


@lru_cache(maxsize=1)
def default_store() -> PlaybookStore:
    """The process-wide store: ``CLEARBOT_PLAYBOOKS_DIR`` if set, else the bundled playbooks."""
    from ..settings import get_settings

    return PlaybookStore(get_settings().playbooks_dir)


def build_plan(
    classification: Classification, *, store: PlaybookStore | None = None, context: PlanContext | None = None
) -> ReplyPlan:
    """The CLEAR reply plan for one classified message (deterministic for equal inputs)."""
    playbooks = (store or default_store()).current
    return _Builder(playbooks, classification, context or PlanContext()).build()
