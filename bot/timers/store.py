"""Timer state transitions and queries: one round trip to Redis each (a script or a pipeline)."""

from __future__ import annotations

from typing import Any

from redis.asyncio import Redis

from ..clock import Clock
from ..keys import Keys
from ..redis_conn import awaited
from .codec import (
    thresholds_from_field,
    thresholds_to_field,
    timer_from_hash,
    timer_from_reply,
)
from .config import TimerConfig
from .errors import (
    InvalidTimerInput,
    TimerAlreadyResolved,
    TimerNotFound,
    TimerPermissionError,
    store_errors,
)
from .models import (
    CASE_ID_MAX_CHARS,
    NOTE_MAX_CHARS,
    SOURCE_MAX_CHARS,
    Resolution,
    Thresholds,
    Timer,
    TimerCounts,
    TimerKind,
)
from .scripts import TimerScripts

SCHEDULED_KINDS: frozenset[str] = frozenset({"callback", "hold", "follow_up"})


def _check_text(case_id: str, note: str, source_text: str | None) -> None:
    if not case_id or len(case_id) > CASE_ID_MAX_CHARS or any(c.isspace() for c in case_id):
        raise InvalidTimerInput(f"case id must be 1-{CASE_ID_MAX_CHARS} characters without spaces")
    if len(note) > NOTE_MAX_CHARS:
        raise InvalidTimerInput(f"note is longer than {NOTE_MAX_CHARS} characters")
    if source_text is not None and len(source_text) > SOURCE_MAX_CHARS:
        raise InvalidTimerInput(f"source text is longer than {SOURCE_MAX_CHARS} characters")


class TimerStore:
    """Create, resolve, snooze and query timers (no clock-driven work: see :class:`TimerEngine`)."""

    def __init__(
        self,
        redis: Redis,
        keys: Keys,
        clock: Clock,
        *,
        thresholds: Thresholds | None = None,
        config: TimerConfig | None = None,
    ) -> None:
        self._redis = redis
        self._keys = keys
        self._clock = clock
        self.default_thresholds = thresholds or Thresholds()
        self._default_thresholds_field = thresholds_to_field(self.default_thresholds)
        self.config = config or TimerConfig()
        self._scripts = TimerScripts(redis, keys)

    # Creation -------------------------------------------------------------------------------

    async def schedule(
        self,
        *,
        kind: TimerKind,
        case_id: str,
        chat_id: int,
        agent_id: int,
        due_ms: int,
        note: str = "",
        source_text: str | None = None,
        created_by: int | None = None,
        thresholds: Thresholds | None = None,
    ) -> Timer:
        """Start a callback / hold / follow-up timer due at ``due_ms`` (a past due fires at once).

        Thresholds: ``thresholds`` if given, else the chat's (:meth:`set_thresholds`), else the defaults.
        """
        if kind not in SCHEDULED_KINDS:
            raise InvalidTimerInput(f"kind must be one of {sorted(SCHEDULED_KINDS)}; use customer_wrote()")
        if due_ms <= 0:
            raise InvalidTimerInput("due_ms must be a positive epoch time in milliseconds")
        _check_text(case_id, note, source_text)
        timer, _ = await self._create(
            "scheduled", kind, case_id, chat_id, agent_id, due_ms, note, source_text, created_by, thresholds
        )
        return timer

    async def customer_wrote(self, case_id: str, chat_id: int, agent_id: int, *, note: str = "") -> Timer:
        """Start the case's response timer unless one is open (then return that one, unchanged).

        It waits ``response_first_s`` until the case's first agent reply, ``response_next_s`` after.
        """
        _check_text(case_id, note, None)
        timer, _ = await self._create(
            "response", "response", case_id, chat_id, agent_id, 0, note, None, None, None
        )
        return timer

    async def _create(
        self,
        mode: str,
        kind: TimerKind,
        case_id: str,
        chat_id: int,
        agent_id: int,
        due_ms: int,
        note: str,
        source_text: str | None,
        created_by: int | None,
        thresholds: Thresholds | None,
    ) -> tuple[Timer, int | None]:
        """The timer and the ms of its first event (None if it already existed)."""
        now_ms = self._clock.now_ms()
        with store_errors():
            reply = await self._scripts.call(
                "schedule",
                mode,
                kind,
                case_id,
                chat_id,
                agent_id,
                note,
                source_text or "",
                "" if created_by is None else created_by,
                now_ms,
                due_ms,
                "" if thresholds is None else thresholds_to_field(thresholds),
                self._default_thresholds_field,
            )
        if reply[0] == "existing":
            return timer_from_reply(reply[1]), None
        _, timer_id, due_field, remind_flag, kept_thresholds, first_field = reply
        kept = thresholds_from_field(kept_thresholds)
        timer = Timer(
            id=timer_id,
            kind=kind,
            case_id=case_id,
            chat_id=chat_id,
            agent_id=agent_id,
            note=note,
            source_text=source_text or None,
            created_ms=now_ms,
            created_by=created_by,
            due_ms=int(due_field),
            remind_ms=int(due_field) - kept.remind_before_s * 1000 if remind_flag == "1" else None,
            stage="scheduled",
            status="open",
            thresholds=kept,
        )
        first_ms = int(first_field)
        self._scheduled(first_ms)
        return timer, first_ms

    def _scheduled(self, first_event_ms: int) -> None:
        """Hook: a timer's next event is now ``first_event_ms`` (the engine wakes its loop)."""

    # Transitions ----------------------------------------------------------------------------

    async def resolve(
        self,
        timer_id: str,
        *,
        by_user: int,
        is_supervisor: bool = False,
        resolution: Resolution = "done",
    ) -> Timer:
        """Close a timer as done or cancelled; only its agent or a supervisor may."""
        if resolution not in ("done", "cancelled"):
            raise InvalidTimerInput("resolution must be 'done' or 'cancelled'")
        with store_errors():
            reply = await self._scripts.call(
                "resolve",
                "id",
                timer_id,
                by_user,
                "1" if is_supervisor else "0",
                resolution,
                self._clock.now_ms(),
                self.config.retention_s,
            )
        return timer_from_reply(self._ok(reply, timer_id, by_user)[1])

    async def cancel(self, timer_id: str, *, by_user: int, is_supervisor: bool = False) -> Timer:
        """Resolve as cancelled."""
        return await self.resolve(
            timer_id, by_user=by_user, is_supervisor=is_supervisor, resolution="cancelled"
        )

    async def agent_replied(self, case_id: str) -> Timer | None:
        """The agent answered the case: close its response timer (returned), if one was open."""
        with store_errors():
            reply = await self._scripts.call(
                "resolve",
                "replied",
                case_id,
                "",
                "1",
                "replied",
                self._clock.now_ms(),
                self.config.retention_s,
            )
        if reply[0] == "none":
            return None
        return timer_from_reply(reply[1])

    async def snooze(
        self, timer_id: str, seconds: int, *, by_user: int, is_supervisor: bool = False
    ) -> Timer:
        """Push the deadline ``seconds`` past the later of the old deadline and now; the ladder restarts."""
        if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds <= 0:
            raise InvalidTimerInput(f"snooze must be a positive whole number of seconds, got {seconds!r}")
        with store_errors():
            reply = await self._scripts.call(
                "snooze", timer_id, by_user, "1" if is_supervisor else "0", seconds, self._clock.now_ms()
            )
        ok = self._ok(reply, timer_id, by_user)
        self._scheduled(int(ok[2]))
        return timer_from_reply(ok[1])

    async def reassign(
        self, timer_id: str, *, agent_id: int, by_user: int, is_supervisor: bool = False
    ) -> Timer:
        """Give an open timer to ``agent_id`` (its ladder goes on); only its agent or a supervisor may."""
        with store_errors():
            reply = await self._scripts.call(
                "reassign", timer_id, agent_id, by_user, "1" if is_supervisor else "0"
            )
        return timer_from_reply(self._ok(reply, timer_id, by_user)[1])

    async def notify(
        self,
        *,
        idempotency_key: str,
        case_id: str,
        chat_id: int,
        agent_id: int,
        note: str,
        source_text: str | None = None,
        kind: TimerKind = "response",
    ) -> bool:
        """Queue a one-off ``risk`` alert for supervisors, delivered like timer alerts (retried, once).

        False if ``idempotency_key`` was queued or sent before. ``kind`` says what it concerns; the
        default is the conversation itself.
        """
        if not idempotency_key or any(c.isspace() for c in idempotency_key):
            raise InvalidTimerInput("idempotency key must be non-empty and without spaces")
        _check_text(case_id, note, source_text)
        with store_errors():
            queued = await self._scripts.call(
                "notify",
                idempotency_key,
                kind,
                case_id,
                chat_id,
                agent_id,
                note,
                source_text or "",
                self._clock.now_ms(),
                self.config.notice_dedup_s,
            )
        if queued:
            self._notified()
        return bool(queued)

    def _notified(self) -> None:
        """Hook: an alert was queued directly (the engine wakes its delivery loop)."""

    @staticmethod
    def _ok(reply: list[Any], timer_id: str, by_user: int) -> list[Any]:
        if reply[0] != "err":
            return reply
        code = reply[1]
        if code == "unknown":
            raise TimerNotFound(timer_id)
        if code == "closed":
            raise TimerAlreadyResolved(timer_id)
        if code == "forbidden":
            raise TimerPermissionError(timer_id, by_user)
        raise RuntimeError(f"unexpected reply from a timer script: {reply!r}")

    # Team thresholds ------------------------------------------------------------------------

    async def set_thresholds(self, chat_id: int, thresholds: Thresholds) -> None:
        """Thresholds for timers created from now on in this chat (existing timers keep theirs)."""
        with store_errors():
            await awaited(
                self._redis.hset(self._keys.timer_thresholds, str(chat_id), thresholds.model_dump_json())
            )

    async def thresholds_for(self, chat_id: int) -> Thresholds:
        """The chat's thresholds, or the defaults."""
        with store_errors():
            raw = await awaited(self._redis.hget(self._keys.timer_thresholds, str(chat_id)))
        return self.default_thresholds if raw is None else Thresholds.model_validate_json(raw)

    # Queries --------------------------------------------------------------------------------

    async def get(self, timer_id: str) -> Timer | None:
        """A timer by id: open, or resolved within retention."""
        with store_errors():
            fields = await awaited(self._redis.hgetall(self._keys.timer(timer_id)))
        return timer_from_hash(timer_id, fields) if fields else None

    async def list_open(
        self, *, agent_id: int | None = None, chat_id: int | None = None, case_id: str | None = None
    ) -> list[Timer]:
        """Open timers matching every given filter, soonest deadline first."""
        return await self._list(agent_id, chat_id, case_id, overdue=False)

    async def list_overdue(self, *, agent_id: int | None = None, chat_id: int | None = None) -> list[Timer]:
        """Open timers past their grace period, most overdue first."""
        return await self._list(agent_id, chat_id, None, overdue=True)

    async def _list(
        self, agent_id: int | None, chat_id: int | None, case_id: str | None, *, overdue: bool
    ) -> list[Timer]:
        with store_errors():
            reply = await self._scripts.call(
                "list",
                "" if agent_id is None else agent_id,
                "" if chat_id is None else chat_id,
                case_id or "",
                "1" if overdue else "0",
            )
        timers = [timer_from_reply(flat) for flat in reply]
        found = [
            t
            for t in timers
            if t.is_open
            and (agent_id is None or t.agent_id == agent_id)
            and (chat_id is None or t.chat_id == chat_id)
            and (case_id is None or t.case_id == case_id)
            and (not overdue or t.is_overdue)
        ]
        return sorted(found, key=lambda t: (t.due_ms, t.created_ms))

    async def list_resolved(self, since_ms: int, until_ms: int | None = None) -> list[Timer]:
        """Timers resolved in ``[since_ms, until_ms]`` still within retention, oldest first (reports)."""
        with store_errors():
            ids = await self._redis.zrangebyscore(
                self._keys.timer_resolved, since_ms, "+inf" if until_ms is None else until_ms
            )
            pipe = self._redis.pipeline(transaction=False)
            for timer_id in ids:
                pipe.hgetall(self._keys.timer(timer_id))
            rows = await pipe.execute() if ids else []
        return [
            timer_from_hash(timer_id, fields) for timer_id, fields in zip(ids, rows, strict=True) if fields
        ]

    async def counts(self) -> TimerCounts:
        """Open and overdue totals, for metrics."""
        with store_errors():
            pipe = self._redis.pipeline(transaction=False)
            pipe.zcard(self._keys.timer_due)
            pipe.scard(self._keys.timer_overdue)
            n_open, n_overdue = await pipe.execute()
        return TimerCounts(open=int(n_open), overdue=int(n_overdue))
