"""The timer data that crosses module boundaries."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..settings import Settings

TimerKind = Literal["callback", "hold", "follow_up", "response"]
# Where a timer is on its ladder: the last event that fired.
Stage = Literal["scheduled", "reminded", "due", "overdue", "escalated"]
# What an alert announces: a timer event, or a one-off "risk" notice (no timer behind it).
AlertStage = Literal["reminder", "due", "overdue", "escalated", "risk"]
Status = Literal["open", "done", "cancelled", "replied"]
Resolution = Literal["done", "cancelled"]

STAGES: tuple[Stage, ...] = ("scheduled", "reminded", "due", "overdue", "escalated")
NOTE_MAX_CHARS = 500
SOURCE_MAX_CHARS = 2000
CASE_ID_MAX_CHARS = 64


class Thresholds(BaseModel):
    """When a timer reminds, turns overdue and escalates; set per team (chat), copied onto each timer."""

    model_config = ConfigDict(frozen=True)

    remind_before_s: int = Field(default=120, ge=0)
    overdue_grace_s: int = Field(default=300, ge=0)
    escalate_after_s: int = Field(default=900, ge=0)
    response_first_s: int = Field(default=120, ge=1)
    response_next_s: int = Field(default=300, ge=1)

    @classmethod
    def from_settings(cls, settings: Settings) -> Thresholds:
        """The defaults of ``CLEARBOT_*`` settings of the same names."""
        return cls(
            remind_before_s=settings.remind_before_s,
            overdue_grace_s=settings.overdue_grace_s,
            escalate_after_s=settings.escalate_after_s,
            response_first_s=settings.response_first_s,
            response_next_s=settings.response_next_s,
        )


class TimerThresholds(BaseModel):
    """The part of :class:`Thresholds` a timer keeps (response waits only matter at creation)."""

    model_config = ConfigDict(frozen=True)

    remind_before_s: int = Field(ge=0)
    overdue_grace_s: int = Field(ge=0)
    escalate_after_s: int = Field(ge=0)


class Timer(BaseModel):
    """One timer as stored."""

    model_config = ConfigDict(frozen=True)

    id: str
    kind: TimerKind
    case_id: str
    chat_id: int
    agent_id: int
    note: str
    source_text: str | None = None
    created_ms: int
    created_by: int | None = None
    due_ms: int
    remind_ms: int | None = None
    stage: Stage
    status: Status
    thresholds: TimerThresholds
    snoozes: int = 0
    snoozed_by: int | None = None
    closed_ms: int | None = None
    closed_by: int | None = None

    @property
    def is_open(self) -> bool:
        """Not yet resolved."""
        return self.status == "open"

    @property
    def is_overdue(self) -> bool:
        """Open and past its grace period (the overdue alert was claimed)."""
        return self.is_open and self.stage in ("overdue", "escalated")

    @property
    def overdue_ms(self) -> int:
        """When it turns overdue."""
        return self.due_ms + self.thresholds.overdue_grace_s * 1000

    @property
    def escalate_ms(self) -> int:
        """When it escalates a second time."""
        return self.overdue_ms + self.thresholds.escalate_after_s * 1000


class Alert(BaseModel):
    """One event of one timer (or a notice: ``timer_id`` empty), to be told to a chat once."""

    model_config = ConfigDict(frozen=True)

    idempotency_key: str
    timer_id: str
    stage: AlertStage
    kind: TimerKind
    case_id: str
    chat_id: int
    agent_id: int
    note: str
    source_text: str | None = None
    snoozes: int = 0
    due_ms: int
    event_ms: int
    claimed_ms: int
    late_ms: int = Field(ge=0, description="How long after its scheduled time the event was claimed.")

    @property
    def for_supervisors(self) -> bool:
        """Overdue, escalated and risk alerts go to supervisors; reminders and due pings to the agent."""
        return self.stage in ("overdue", "escalated", "risk")


class TimerCounts(BaseModel):
    """Gauges for metrics."""

    model_config = ConfigDict(frozen=True)

    open: int
    overdue: int


class ClaimResult(BaseModel):
    """What one claim pass did."""

    model_config = ConfigDict(frozen=True)

    alerts: int
    timers: int
    next_event_ms: int | None


class DeliveryReport(BaseModel):
    """What one delivery pass did."""

    sent: int = 0
    already_sent: int = 0
    stale: int = 0
    failed: int = 0
    dead: int = 0

    @property
    def total(self) -> int:
        """Alerts handled in the pass, whatever became of them."""
        return self.sent + self.already_sent + self.stale + self.failed + self.dead

    def add(self, other: DeliveryReport) -> None:
        """Accumulate another pass."""
        self.sent += other.sent
        self.already_sent += other.already_sent
        self.stale += other.stale
        self.failed += other.failed
        self.dead += other.dead
