"""The one clock. Everything that needs "now" takes a :class:`Clock` so tests can run in virtual time."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """A source of wall time (epoch milliseconds) and a way to wait."""

    def now_ms(self) -> int:
        """Milliseconds since the epoch."""
        ...

    async def sleep(self, seconds: float) -> None:
        """Wait ``seconds`` of this clock's time."""
        ...


class SystemClock:
    """Real time."""

    def now_ms(self) -> int:
        return time.time_ns() // 1_000_000

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(max(0.0, seconds))


class ManualClock:
    """Virtual time for tests: it only moves when told to; sleepers wake when it passes their deadline."""

    def __init__(self, start_ms: int = 1_767_225_600_000) -> None:
        self._now_ms = start_ms
        self._changed = asyncio.Event()

    def now_ms(self) -> int:
        return self._now_ms

    def advance(self, seconds: float) -> None:
        """Move time forward and wake sleepers."""
        self._now_ms += round(seconds * 1000)
        self._changed.set()
        self._changed = asyncio.Event()

    def set_ms(self, now_ms: int) -> None:
        """Jump to an absolute time (forward only)."""
        if now_ms < self._now_ms:
            raise ValueError("a ManualClock never goes backwards")
        self._now_ms = now_ms
        self._changed.set()
        self._changed = asyncio.Event()

    async def sleep(self, seconds: float) -> None:
        deadline = self._now_ms + round(seconds * 1000)
        while self._now_ms < deadline:
            await self._changed.wait()


def to_datetime(ms: int) -> datetime:
    """Epoch milliseconds as an aware UTC datetime."""
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def to_ms(moment: datetime) -> int:
    """An aware datetime as epoch milliseconds."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime: a time zone is required")
    return round(moment.timestamp() * 1000)
