"""Alert delivery: restarts, several processes, crashes, failed sends and the run loop."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis

from bot.clock import ManualClock
from bot.keys import Keys
from bot.redis_conn import client_for
from bot.timers import Alert, Thresholds, TimerConfig, TimerEngine
from tests.test_timers import AGENT, CHAT, LADDER, Recorder, pump


class Flaky(Recorder):
    """Fails the first ``failures`` sends."""

    def __init__(self, failures: int, clock: ManualClock) -> None:
        super().__init__()
        self.failures = failures
        self.clock = clock
        self.attempts_ms: list[int] = []

    async def __call__(self, alert: Alert) -> None:
        self.attempts_ms.append(self.clock.now_ms())
        if self.failures > 0:
            self.failures -= 1
            raise ConnectionResetError("chat unreachable")
        await super().__call__(alert)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
async def clients(redis_url: str) -> AsyncIterator[list[Redis]]:
    """Three separate connection pools, standing in for three processes."""
    made = [client_for(redis_url) for _ in range(3)]
    yield made
    for client in made:
        await client.aclose()


async def _schedule_many(engine: TimerEngine, clock: ManualClock, n: int, *, in_s: int = 60) -> list[str]:
    ids = []
    for i in range(n):
        timer = await engine.schedule(
            kind="follow_up",
            case_id=f"case-{i}",
            chat_id=CHAT,
            agent_id=AGENT + i % 3,
            due_ms=clock.now_ms() + (in_s + i) * 1000,
            note=f"follow up #{i}",
        )
        ids.append(timer.id)
    return ids


async def test_a_new_engine_fires_what_fell_due_while_down(
    redis_client: Redis, keys: Keys, clock: ManualClock, clients: list[Redis]
) -> None:
    before = TimerEngine(redis_client, keys, clock, thresholds=LADDER, consumer="old")
    ids = await _schedule_many(before, clock, 10, in_s=60)
    del before  # the process stops
    clock.advance(60 + 10 + 600)  # ten minutes of downtime: reminders, deadlines and grace passed

    rec = Recorder()
    after = TimerEngine(clients[0], keys, clock, thresholds=LADDER, consumer="new")
    await after.tick(rec)
    await after.tick(rec)  # nothing twice
    assert set(rec.per_key().values()) == {1}
    assert Counter(rec.stages) == {"due": 10, "overdue": 10}
    assert {a.timer_id for a in rec.alerts} == set(ids)
    for alert in rec.alerts:
        assert alert.late_ms == clock.now_ms() - alert.event_ms and alert.late_ms > 0
    assert max(a.late_ms for a in rec.alerts if a.stage == "due") == 610_000
    assert (await after.counts()).overdue == 10


async def test_three_engines_fire_each_alert_exactly_once(
    keys: Keys, clock: ManualClock, clients: list[Redis]
) -> None:
    engines = [
        TimerEngine(
            client, keys, clock, thresholds=LADDER, consumer=f"p{i}", config=TimerConfig(read_batch=7)
        )
        for i, client in enumerate(clients)
    ]
    # Every process schedules some of the timers.
    for i, engine in enumerate(engines):
        await _schedule_many(engine, clock, 20, in_s=200 + i)
    delivered: Counter[str] = Counter()
    by_engine: Counter[int] = Counter()

    def sender_for(i: int) -> Recorder:
        class Counting(Recorder):
            async def __call__(self, alert: Alert) -> None:
                await asyncio.sleep(0)  # let the others interleave mid-send
                delivered[alert.idempotency_key] += 1
                by_engine[i] += 1

        return Counting()

    senders = [sender_for(i) for i in range(3)]
    for _ in range(30):
        clock.advance(60)
        await asyncio.gather(*(engine.tick(sender) for engine, sender in zip(engines, senders, strict=True)))
    assert len(delivered) == 60 * 4  # reminder, due, overdue, escalated for each timer
    assert set(delivered.values()) == {1}
    assert len(by_engine) >= 2  # the work was actually shared
    assert await engines[0].pending_alerts() == 0


async def test_a_crash_between_claim_and_send_is_taken_over(
    redis_client: Redis, keys: Keys, clock: ManualClock, clients: list[Redis]
) -> None:
    a = TimerEngine(redis_client, keys, clock, thresholds=LADDER, consumer="a")
    [timer_id] = await _schedule_many(a, clock, 1, in_s=0)
    entered = asyncio.Event()

    async def hangs(alert: Alert) -> None:
        entered.set()
        await asyncio.Event().wait()

    assert (await a.claim_due()).alerts == 1
    crashed = asyncio.create_task(a.deliver(hangs))
    await entered.wait()
    crashed.cancel()  # the process dies holding the alert
    with contextlib.suppress(asyncio.CancelledError):
        await crashed
    assert await a.pending_alerts() == 1

    fast = TimerConfig(claim_idle_ms=20, retry_base_ms=5, retry_max_ms=10)
    b = TimerEngine(clients[0], keys, clock, thresholds=LADDER, consumer="b", config=fast)
    rec = Recorder()
    await asyncio.sleep(0.05)  # Redis measures idle time on its own clock, which we cannot fake
    await b.tick(rec)
    c = TimerEngine(clients[1], keys, clock, thresholds=LADDER, consumer="c", config=fast)
    await asyncio.sleep(0.05)
    await c.tick(rec)
    assert [(x.timer_id, x.stage) for x in rec.alerts] == [(timer_id, "due")]
    assert await b.pending_alerts() == 0


async def test_a_taken_over_alert_that_was_sent_is_only_acknowledged(
    redis_client: Redis, keys: Keys, clock: ManualClock, clients: list[Redis]
) -> None:
    a = TimerEngine(redis_client, keys, clock, thresholds=LADDER, consumer="a")
    await _schedule_many(a, clock, 1, in_s=0)
    await a.claim_due()
    entered = asyncio.Event()
    release = asyncio.Event()
    chat: list[str] = []

    async def slow(alert: Alert) -> None:
        entered.set()
        await release.wait()
        chat.append(alert.idempotency_key)

    slow_delivery = asyncio.create_task(a.deliver(slow))
    await entered.wait()
    fast = TimerConfig(claim_idle_ms=20, retry_base_ms=5, retry_max_ms=10)
    b = TimerEngine(clients[0], keys, clock, thresholds=LADDER, consumer="b", config=fast)
    await asyncio.sleep(0.05)
    # "a" is slow, not dead: "b" takes the alert over; "a" finishes first and marks it sent.
    # The first half of b's pass, then a finishes, then the second half of b's pass.
    taken = await redis_client.xautoclaim(keys.alert_stream, keys.alert_group, "b", 20, "0-0")
    assert len(taken[1]) == 1
    release.set()
    assert (await slow_delivery).sent == 1
    report = await b.delivery.process(list(taken[1]), Recorder())
    assert report.already_sent == 1 and report.sent == 0
    assert len(chat) == 1
    assert await b.pending_alerts() == 0


async def test_a_failed_send_is_retried_with_backoff(
    redis_client: Redis, keys: Keys, clock: ManualClock
) -> None:
    config = TimerConfig(retry_base_ms=1000, retry_max_ms=4000)
    engine = TimerEngine(redis_client, keys, clock, thresholds=LADDER, config=config)
    await _schedule_many(engine, clock, 1, in_s=0)
    flaky = Flaky(failures=2, clock=clock)
    start = clock.now_ms()
    _, report = await engine.tick(flaky)
    assert report.failed == 1 and await engine.pending_alerts() == 1
    await engine.tick(flaky)  # not yet: backing off
    clock.advance(1)
    await engine.tick(flaky)  # second failure, next try in 2 s
    clock.advance(1)
    await engine.tick(flaky)
    clock.advance(1)
    _, report = await engine.tick(flaky)
    assert report.sent == 1
    assert [ms - start for ms in flaky.attempts_ms] == [0, 1000, 3000]
    assert len(flaky.alerts) == 1 and await engine.pending_alerts() == 0


async def test_a_send_that_keeps_failing_ends_in_dead_letters(
    redis_client: Redis, keys: Keys, clock: ManualClock
) -> None:
    config = TimerConfig(retry_base_ms=100, retry_max_ms=100, max_send_attempts=3)
    engine = TimerEngine(redis_client, keys, clock, thresholds=LADDER, config=config)
    [timer_id] = await _schedule_many(engine, clock, 1, in_s=0)
    flaky = Flaky(failures=99, clock=clock)
    for _ in range(5):
        await engine.tick(flaky)
        clock.advance(0.1)
    assert len(flaky.attempts_ms) == 3 and flaky.alerts == []
    [dead] = await engine.delivery.dead_letters()
    assert dead["alert"]["timer_id"] == timer_id and "chat unreachable" in dead["error"]
    assert await engine.pending_alerts() == 0


async def test_run_loop_delivers_in_virtual_time(redis_client: Redis, keys: Keys, clock: ManualClock) -> None:
    engine = TimerEngine(redis_client, keys, clock, thresholds=Thresholds(remind_before_s=0))
    rec = Recorder()
    stop = asyncio.Event()
    runner = asyncio.create_task(engine.run(rec, stop))
    await _schedule_many(engine, clock, 3, in_s=10)
    await pump(clock, lambda: len(rec.alerts) == 3)
    stop.set()
    await asyncio.wait_for(runner, 5)
    assert rec.stages == ["due"] * 3
    assert all(a.late_ms <= 100 for a in rec.alerts)


async def test_scheduling_wakes_a_loop_that_sleeps_long(
    redis_client: Redis, keys: Keys, clock: ManualClock
) -> None:
    slow_poll = TimerConfig(poll_delay_ms=3_600_000)
    engine = TimerEngine(
        redis_client, keys, clock, thresholds=Thresholds(remind_before_s=0), config=slow_poll
    )
    rec = Recorder()
    stop = asyncio.Event()
    runner = asyncio.create_task(engine.run(rec, stop))
    await pump(clock, lambda: engine._planned_ms is not None)  # the loop sleeps for an hour
    await _schedule_many(engine, clock, 1, in_s=5)
    await pump(clock, lambda: len(rec.alerts) == 1, step_s=0.5)
    assert rec.alerts[0].late_ms <= 500
    stop.set()
    await asyncio.wait_for(runner, 5)
