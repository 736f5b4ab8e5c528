"""The agent's workflow, free of Telegram: register a customer message, keep a case's plan, track promises."""

from __future__ import annotations

from dataclasses import dataclass

from .cases import Case, CaseEvent, CaseStore
from .classify import Classifier
from .clock import Clock, to_datetime
from .models import Promise
from .playbooks import PlanContext, PlaybookStore, ReplyPlan, build_plan
from .promises import extract_promises
from .settings import Settings
from .taxonomy import Language
from .timers import Timer, TimerEngine

# A promise with no time ("I'll get back to you") still gets a reminder after this long.
VAGUE_PROMISE_DUE_S = 30 * 60
PLAN_LANGUAGES: tuple[Language, ...] = ("zh-Hans", "zh-Hant", "en")


@dataclass(frozen=True)
class CustomerSource:
    """Who the customer is, as far as the chat can tell."""

    key: str
    name: str


@dataclass(frozen=True)
class AssistResult:
    """A registered customer message: its case, the plan, and the response timer it started."""

    case: Case
    plan: ReplyPlan
    is_new_case: bool
    response_timer: Timer


@dataclass(frozen=True)
class PromiseTimer:
    """A timer started from a promise in an agent's message; ``vague`` when no time was given."""

    timer: Timer
    vague: bool


class Assistant:
    """The core operations behind the bot's commands."""

    def __init__(
        self,
        *,
        settings: Settings,
        clock: Clock,
        classifier: Classifier,
        playbooks: PlaybookStore,
        cases: CaseStore,
        timers: TimerEngine,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.classifier = classifier
        self.playbooks = playbooks
        self.cases = cases
        self.timers = timers

    def plan_for(self, text: str, default_language: Language) -> ReplyPlan:
        """The CLEAR plan for ``text`` (languages outside the three fall back to the chat's)."""
        classification = self.classifier.classify(text)
        lang = default_language if default_language in PLAN_LANGUAGES else "zh-Hans"
        context = PlanContext(text=text, default_language=lang)
        return build_plan(classification, store=self.playbooks, context=context)

    async def customer_message(
        self,
        *,
        chat_id: int,
        agent_id: int,
        source: CustomerSource,
        text: str,
        default_language: Language,
        thread_id: int | None = None,
    ) -> AssistResult:
        """Classify a customer's message, file it in the case, start the response timer, plan a reply."""
        now_ms = self.clock.now_ms()
        case, is_new = await self.cases.open_for(
            chat_id=chat_id,
            agent_id=agent_id,
            customer=source.name,
            customer_key=source.key,
            now_ms=now_ms,
            thread_id=thread_id,
        )
        plan = self.plan_for(text, default_language)
        case = case.model_copy(
            update={
                "last": plan.classification,
                "last_text": text,
                "lang": plan.language,
                "updated_ms": now_ms,
                "replied": False,
                "expanded": None,
                "templates": {s.step: [tpl.id for tpl in s.templates] for s in plan.steps},
            }
        )
        await self.cases.save(case)
        await self.cases.add_event(
            case.id, CaseEvent(at_ms=now_ms, role="customer", kind="message", text=text)
        )
        timer = await self.timers.customer_wrote(case.id, chat_id, agent_id, note=source.name)
        return AssistResult(case=case, plan=plan, is_new_case=is_new, response_timer=timer)

    def replan(self, case: Case) -> ReplyPlan:
        """The plan of the case's last customer message again (for editing its card)."""
        return self.plan_for(case.last_text, _as_language(case.lang))

    async def mark_replied(self, case: Case, *, by_user: int) -> Case:
        """The agent answered the customer: close the response timer and note it."""
        await self.timers.agent_replied(case.id)
        now_ms = self.clock.now_ms()
        case = case.model_copy(update={"replied": True, "updated_ms": now_ms})
        await self.cases.save(case)
        await self.cases.add_event(
            case.id, CaseEvent(at_ms=now_ms, role="agent", kind="replied", user_id=by_user)
        )
        return case

    def promises_in(self, text: str) -> list[Promise]:
        """The promises in an agent's text, in the team's zone and business hours."""
        now = to_datetime(self.clock.now_ms()).astimezone(self.settings.zone)
        opens, closes = self.settings.business_hours
        found = extract_promises(text, now, self.settings.zone, business_open=opens, business_close=closes)
        return found

    async def agent_promised(self, *, case: Case, agent_id: int, text: str) -> list[PromiseTimer]:
        """Start a timer for every promise in the agent's message about ``case``."""
        started: list[PromiseTimer] = []
        now_ms = self.clock.now_ms()
        for promise in self.promises_in(text):
            kind, due, span = promise.kind, promise.due, promise.text
            vague = due is None
            due_ms = now_ms + VAGUE_PROMISE_DUE_S * 1000 if due is None else round(due.timestamp() * 1000)
            timer = await self.timers.schedule(
                kind=kind,
                case_id=case.id,
                chat_id=case.chat_id,
                agent_id=agent_id,
                due_ms=due_ms,
                note=span,
                source_text=text,
                created_by=agent_id,
            )
            started.append(PromiseTimer(timer=timer, vague=vague))
            await self.cases.add_event(
                case.id,
                CaseEvent(at_ms=now_ms, role="agent", kind=f"promise:{kind}", text=span, user_id=agent_id),
            )
        return started

    async def manual_callback(self, *, case: Case, agent_id: int, seconds: int, note: str) -> Timer:
        """A callback timer set by hand (/callback 10m ...)."""
        timer = await self.timers.schedule(
            kind="callback",
            case_id=case.id,
            chat_id=case.chat_id,
            agent_id=agent_id,
            due_ms=self.clock.now_ms() + seconds * 1000,
            note=note,
            created_by=agent_id,
        )
        await self.cases.add_event(
            case.id,
            CaseEvent(
                at_ms=self.clock.now_ms(), role="agent", kind="promise:callback", text=note, user_id=agent_id
            ),
        )
        return timer

    async def case_for_agent(self, *, chat_id: int, agent_id: int, thread_id: int | None = None) -> Case:
        """The case the agent last worked on in this chat, or a fresh one for notes without a customer."""
        current = await self.cases.current(chat_id, agent_id)
        if current is not None:
            return current
        case, _ = await self.cases.open_for(
            chat_id=chat_id,
            agent_id=agent_id,
            customer="—",
            customer_key=f"agent{agent_id}",
            now_ms=self.clock.now_ms(),
            thread_id=thread_id,
        )
        return case


def _as_language(value: str) -> Language:
    for lang in PLAN_LANGUAGES:
        if lang == value:
            return lang
    return "zh-Hans"
