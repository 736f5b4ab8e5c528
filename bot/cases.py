"""Customer cases: one conversation with one customer in one chat, its card and its history.

Customer text is personal data: every case key carries the retention TTL, refreshed on activity.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict
from redis.asyncio import Redis

from .keys import Keys
from .models import Classification
from .redis_conn import awaited

EventRole = Literal["customer", "agent", "bot", "supervisor"]
# Enough history for /case; older events are dropped first.
MAX_EVENTS = 200


def short_id(n: int) -> str:
    """Base-36 text of a counter value: short enough for Telegram's 64-byte callback data."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


class CaseEvent(BaseModel):
    """Something that happened in a case."""

    model_config = ConfigDict(frozen=True)

    at_ms: int
    role: EventRole
    kind: str
    text: str = ""
    user_id: int | None = None


class Case(BaseModel):
    """A customer conversation handled in a chat."""

    model_config = ConfigDict(extra="ignore")

    id: str
    chat_id: int
    agent_id: int
    customer: str
    customer_key: str
    created_ms: int
    updated_ms: int
    thread_id: int | None = None
    card_message_id: int | None = None
    last: Classification | None = None
    last_text: str = ""
    lang: str = "zh-Hans"
    replied: bool = False
    # The step the card shows in full (None: one template a step).
    expanded: str | None = None
    # Template ids the card shows, by step, so a short button can name one ("step:index").
    templates: dict[str, list[str]] = {}


class CaseStore:
    """Cases in Redis, expiring ``retention_s`` after their last activity."""

    def __init__(self, redis: Redis, keys: Keys, retention_s: int) -> None:
        self._redis = redis
        self._keys = keys
        self.retention_s = retention_s

    async def get(self, case_id: str) -> Case | None:
        """A case by id."""
        raw = await self._redis.get(self._keys.case(case_id))
        return None if raw is None else Case.model_validate_json(raw)

    async def save(self, case: Case) -> None:
        """Store a case and refresh the expiry of everything that belongs to it."""
        pipe = self._redis.pipeline(transaction=True)
        pipe.set(self._keys.case(case.id), case.model_dump_json(), ex=self.retention_s)
        pipe.set(self._keys.case_by_customer(case.chat_id, case.customer_key), case.id, ex=self.retention_s)
        pipe.set(self._keys.case_current(case.chat_id, case.agent_id), case.id, ex=self.retention_s)
        pipe.expire(self._keys.case_events(case.id), self.retention_s)
        if case.card_message_id is not None:
            pipe.set(self._keys.case_card(case.chat_id, case.card_message_id), case.id, ex=self.retention_s)
        await pipe.execute()

    async def open_for(
        self,
        *,
        chat_id: int,
        agent_id: int,
        customer: str,
        customer_key: str,
        now_ms: int,
        thread_id: int | None,
    ) -> tuple[Case, bool]:
        """The customer's open case in this chat, or a new one; the flag says whether it is new."""
        existing = await self._redis.get(self._keys.case_by_customer(chat_id, customer_key))
        if existing is not None:
            case = await self.get(existing)
            if case is not None:
                return case, False
        case_id = short_id(int(await self._redis.incr(self._keys.case_seq)))
        case = Case(
            id=case_id,
            chat_id=chat_id,
            agent_id=agent_id,
            customer=customer,
            customer_key=customer_key,
            created_ms=now_ms,
            updated_ms=now_ms,
            thread_id=thread_id,
        )
        await self.save(case)
        return case, True

    async def current(self, chat_id: int, agent_id: int) -> Case | None:
        """The case the agent last worked on in this chat."""
        case_id = await self._redis.get(self._keys.case_current(chat_id, agent_id))
        return None if case_id is None else await self.get(case_id)

    async def by_card(self, chat_id: int, message_id: int) -> Case | None:
        """The case a card message belongs to."""
        case_id = await self._redis.get(self._keys.case_card(chat_id, message_id))
        return None if case_id is None else await self.get(case_id)

    async def add_event(self, case_id: str, event: CaseEvent) -> None:
        """Append to a case's history (bounded, expiring with the case)."""
        key = self._keys.case_events(case_id)
        pipe = self._redis.pipeline(transaction=True)
        pipe.rpush(key, event.model_dump_json())
        pipe.ltrim(key, -MAX_EVENTS, -1)
        pipe.expire(key, self.retention_s)
        await pipe.execute()

    async def events(self, case_id: str, last: int = 20) -> list[CaseEvent]:
        """The newest ``last`` events, oldest first."""
        raw = await awaited(self._redis.lrange(self._keys.case_events(case_id), -last, -1))
        return [CaseEvent.model_validate_json(item) for item in raw]
