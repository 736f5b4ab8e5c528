"""The clock-driven side: claim due events, deliver alerts, and a loop that does both."""

from __future__ import annotations

import asyncio
import logging

from redis.asyncio import Redis
from redis.exceptions import ResponseError

from ..clock import Clock
from ..keys import Keys
from ..redis_conn import awaited
from ..settings import Settings
from .config import TimerConfig
from .delivery import AlertDelivery, Sender, default_consumer_name
from .errors import TimerStoreUnavailable, store_errors
from .models import ClaimResult, DeliveryReport, Thresholds
from .store import TimerStore

log = logging.getLogger(__name__)


class TimerEngine(TimerStore):
    """Timers plus the work that time triggers. Run one per process; any number may share a Redis."""

    def __init__(
        self,
        redis: Redis,
        keys: Keys,
        clock: Clock,
        *,
        thresholds: Thresholds | None = None,
        config: TimerConfig | None = None,
        consumer: str | None = None,
    ) -> None:
        super().__init__(redis, keys, clock, thresholds=thresholds, config=config)
        self.delivery = AlertDelivery(
            redis, keys, clock, self.config, self._scripts, consumer or default_consumer_name()
        )
        self._wake = asyncio.Event()
        self._alerts_ready = asyncio.Event()
        # When the claim loop means to look next; an earlier timer scheduled here wakes it.
        self._planned_ms: int | None = None

    @classmethod
    def from_settings(cls, redis: Redis, keys: Keys, clock: Clock, settings: Settings) -> TimerEngine:
        """An engine with the thresholds and retention of ``settings``."""
        return cls(
            redis,
            keys,
            clock,
            thresholds=Thresholds.from_settings(settings),
            config=TimerConfig.from_settings(settings),
        )

    def wake(self) -> None:
        """Look for due events now instead of at the planned time."""
        self._wake.set()

    def _scheduled(self, first_event_ms: int) -> None:
        if self._planned_ms is None or first_event_ms < self._planned_ms:
            self._wake.set()

    def _notified(self) -> None:
        self._alerts_ready.set()

    async def claim_due(self, limit: int | None = None) -> ClaimResult:
        """Claim up to ``limit`` timers with an event due now and queue one alert per event."""
        with store_errors():
            alerts, timers, head = await self._scripts.call(
                "claim", self._clock.now_ms(), limit or self.config.claim_batch
            )
        next_ms = None if head in ("", "inf") else int(float(head))
        return ClaimResult(alerts=int(alerts), timers=int(timers), next_event_ms=next_ms)

    async def deliver(self, sender: Sender) -> DeliveryReport:
        """One delivery pass (retries, take-overs, new alerts)."""
        return await self.delivery.deliver(sender)

    async def tick(self, sender: Sender) -> tuple[ClaimResult, DeliveryReport]:
        """Claim everything due now, then deliver until nothing is left to read (tests, tools)."""
        total = ClaimResult(alerts=0, timers=0, next_event_ms=None)
        while True:
            got = await self.claim_due()
            total = ClaimResult(
                alerts=total.alerts + got.alerts,
                timers=total.timers + got.timers,
                next_event_ms=got.next_event_ms,
            )
            if got.timers < self.config.claim_batch:
                break
        report = DeliveryReport()
        while True:
            one = await self.deliver(sender)
            report.add(one)
            if one.total == 0:
                return total, report

    async def pending_alerts(self) -> int:
        """Alerts claimed but not yet acknowledged by any consumer."""
        with store_errors():
            try:
                info = await awaited(self._redis.xpending(self._keys.alert_stream, self._keys.alert_group))
            except ResponseError as exc:  # no stream or group yet: nothing is pending
                if "NOGROUP" in str(exc):
                    return 0
                raise
        return int(info["pending"])

    # The loop -------------------------------------------------------------------------------

    async def run(self, sender: Sender, stop: asyncio.Event) -> None:
        """Claim and deliver until ``stop`` is set; survives Redis outages (retries with backoff)."""
        loops = [
            asyncio.create_task(self._claim_loop(stop), name="timers-claim"),
            asyncio.create_task(self._deliver_loop(sender, stop), name="timers-deliver"),
        ]
        try:
            await asyncio.gather(*loops)
        finally:
            for task in loops:
                task.cancel()
            await asyncio.gather(*loops, return_exceptions=True)

    async def _claim_loop(self, stop: asyncio.Event) -> None:
        outage = _Backoff(self.config.outage_backoff_min_ms, self.config.outage_backoff_max_ms)
        while not stop.is_set():
            # Cleared before looking, so a timer scheduled while we claim still wakes the next wait.
            self._wake.clear()
            try:
                result = await self.claim_due()
            except TimerStoreUnavailable as exc:
                await self._pause(outage.next_ms(), stop, what="claim", exc=exc)
                continue
            except Exception as exc:  # a bug must not stop the timers: log it and go on
                log.exception("claiming due timers failed")
                await self._pause(outage.next_ms(), stop, what="claim", exc=exc)
                continue
            outage.reset()
            if result.alerts:
                self._alerts_ready.set()
            if result.timers >= self.config.claim_batch:
                continue  # more are due right now
            now_ms = self._clock.now_ms()
            wait_ms = self.config.poll_delay_ms
            if result.next_event_ms is not None:
                wait_ms = max(0, min(wait_ms, result.next_event_ms - now_ms))
            self._planned_ms = now_ms + wait_ms
            await self._wait(wait_ms, stop, self._wake)

    async def _deliver_loop(self, sender: Sender, stop: asyncio.Event) -> None:
        outage = _Backoff(self.config.outage_backoff_min_ms, self.config.outage_backoff_max_ms)
        while not stop.is_set():
            self._alerts_ready.clear()
            try:
                report = await self.deliver(sender)
            except TimerStoreUnavailable as exc:
                await self._pause(outage.next_ms(), stop, what="deliver", exc=exc)
                continue
            except Exception as exc:
                log.exception("delivering alerts failed")
                await self._pause(outage.next_ms(), stop, what="deliver", exc=exc)
                continue
            outage.reset()
            if report.total >= self.config.read_batch:
                continue
            # Alerts claimed by other processes are found by polling; ours wake us at once.
            await self._wait(self.config.poll_delay_ms, stop, self._alerts_ready)

    async def _pause(self, delay_ms: int, stop: asyncio.Event, *, what: str, exc: Exception) -> None:
        log.warning("timers: %s paused %d ms: %s", what, delay_ms, exc)
        await self._wait(delay_ms, stop)

    async def _wait(self, delay_ms: int, *events: asyncio.Event) -> None:
        """Sleep ``delay_ms`` on the engine's clock, or less if any of ``events`` is set."""
        if delay_ms <= 0 or any(e.is_set() for e in events):
            return
        waiters: list[asyncio.Future[object]] = [asyncio.ensure_future(self._clock.sleep(delay_ms / 1000))]
        waiters += [asyncio.ensure_future(e.wait()) for e in events]
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()


class _Backoff:
    """Doubling delays between ``min_ms`` and ``max_ms``."""

    def __init__(self, min_ms: int, max_ms: int) -> None:
        self._min_ms = min_ms
        self._max_ms = max_ms
        self._next_ms = min_ms

    def next_ms(self) -> int:
        delay = self._next_ms
        self._next_ms = min(self._max_ms, self._next_ms * 2)
        return delay

    def reset(self) -> None:
        self._next_ms = self._min_ms
