"""What can go wrong with a timer, as exceptions a caller can tell apart."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError


class TimerError(Exception):
    """Base of every timer error."""


class TimerNotFound(TimerError, LookupError):
    """No timer has this id (never existed, or expired after retention)."""

    def __init__(self, timer_id: str) -> None:
        super().__init__(f"no timer with id {timer_id!r}")
        self.timer_id = timer_id


class TimerAlreadyResolved(TimerError):
    """The timer is closed already; nothing was changed."""

    def __init__(self, timer_id: str) -> None:
        super().__init__(f"timer {timer_id!r} is already resolved")
        self.timer_id = timer_id


class TimerPermissionError(TimerError, PermissionError):
    """Only the timer's agent or a supervisor may resolve or snooze it."""

    def __init__(self, timer_id: str, user_id: int) -> None:
        super().__init__(f"user {user_id} is neither the agent of timer {timer_id!r} nor a supervisor")
        self.timer_id = timer_id
        self.user_id = user_id


class InvalidTimerInput(TimerError, ValueError):
    """An argument is out of range (e.g. a snooze that is not positive)."""


class TimerStoreUnavailable(TimerError):
    """Redis could not be reached or did not answer in time.

    State written before stays in Redis. After a refused connection the call changed nothing;
    after a timeout it may have taken effect, so check (``get``/``list_open``) before repeating it.
    """


@contextmanager
def store_errors() -> Iterator[None]:
    """Turn Redis connection failures (refused, reset, timed out, still loading) into one clear error."""
    try:
        yield
    except (RedisConnectionError, RedisTimeoutError) as exc:
        raise TimerStoreUnavailable(f"timer store unavailable: {exc}") from exc
