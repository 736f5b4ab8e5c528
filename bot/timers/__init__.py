"""Timers on Redis: callbacks, holds, follow-ups and response times, with their alert ladder.

Created → optional reminder → due → overdue (supervisors) → escalated → resolved / snoozed.
All state lives in Redis; any number of processes may share it and each alert reaches its
chat once. No Telegram here: alerts go to an injected ``async def send(alert)``.
"""

from .config import TimerConfig
from .delivery import Sender, default_consumer_name
from .engine import TimerEngine
from .errors import (
    InvalidTimerInput,
    TimerAlreadyResolved,
    TimerError,
    TimerNotFound,
    TimerPermissionError,
    TimerStoreUnavailable,
)
from .models import (
    Alert,
    AlertStage,
    ClaimResult,
    DeliveryReport,
    Resolution,
    Stage,
    Status,
    Thresholds,
    Timer,
    TimerCounts,
    TimerKind,
    TimerThresholds,
)
from .store import TimerStore

__all__ = [
    "Alert",
    "AlertStage",
    "ClaimResult",
    "DeliveryReport",
    "InvalidTimerInput",
    "Resolution",
    "Sender",
    "Stage",
    "Status",
    "Thresholds",
    "Timer",
    "TimerAlreadyResolved",
    "TimerConfig",
    "TimerCounts",
    "TimerEngine",
    "TimerError",
    "TimerKind",
    "TimerNotFound",
    "TimerPermissionError",
    "TimerStore",
    "TimerStoreUnavailable",
    "TimerThresholds",
    "default_consumer_name",
]
