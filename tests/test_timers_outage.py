"""Redis goes away and comes back: a clear error meanwhile, nothing lost, the loop recovers by itself."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.embedded_redis import EmbeddedRedis
from bot.keys import Keys
from bot.redis_conn import client_for
from bot.timers import Alert, Thresholds, TimerConfig, TimerEngine, TimerStoreUnavailable
from tests.test_timers import AGENT, CHAT, pump


async def test_redis_outage_raises_a_clear_error_and_the_loop_recovers(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    server = EmbeddedRedis(Path(tmp_path_factory.mktemp("to")))  # short path: Unix socket limit
    client = client_for(server.start())
    clock = ManualClock()
    config = TimerConfig(outage_backoff_min_ms=50, outage_backoff_max_ms=400)
    engine = TimerEngine(
        client, Keys("outage"), clock, thresholds=Thresholds(remind_before_s=0), config=config
    )
    sent: list[Alert] = []

    async def send(alert: Alert) -> None:
        sent.append(alert)

    stop = asyncio.Event()
    runner = asyncio.create_task(engine.run(send, stop))
    try:
        ids = []
        for i in range(20):
            timer = await engine.schedule(
                kind="callback",
                case_id=f"c{i}",
                chat_id=CHAT,
                agent_id=AGENT,
                due_ms=clock.now_ms() + 60_000,
                note=f"call back #{i}",
            )
            ids.append(timer.id)

        server.stop()  # SIGTERM: the server writes its append-only file and exits
        with pytest.raises(TimerStoreUnavailable, match="timer store unavailable"):
            await engine.get(ids[0])
        with pytest.raises(TimerStoreUnavailable):
            await engine.schedule(
                kind="callback", case_id="x", chat_id=CHAT, agent_id=AGENT, due_ms=clock.now_ms()
            )
        with pytest.raises(TimerStoreUnavailable):
            await engine.counts()
        # The timers fall due while Redis is away; the loop keeps retrying instead of dying.
        clock.advance(120)
        for _ in range(40):
            clock.advance(0.1)
            await asyncio.sleep(0.002)
        assert not runner.done() and sent == []

        server.start()  # same data dir: the append-only file brings everything back
        await pump(clock, lambda: len(sent) == 20, real_s=10)
        assert sorted(a.timer_id for a in sent) == sorted(ids)
        assert all(a.stage == "due" and a.late_ms >= 60_000 for a in sent)
        assert (await engine.counts()).open == 20
        for timer_id in ids:
            timer = await engine.get(timer_id)
            assert timer is not None and timer.stage == "due"
        assert await engine.pending_alerts() == 0
    finally:
        stop.set()
        await asyncio.wait_for(runner, 5)
        await client.aclose()
        server.stop()


async def test_redis_lost_between_send_and_acknowledgement_sends_nothing_twice(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    server = EmbeddedRedis(Path(tmp_path_factory.mktemp("ta")))
    client = client_for(server.start())
    clock = ManualClock()
    engine = TimerEngine(client, Keys("ack"), clock, thresholds=Thresholds(remind_before_s=0))
    sent: list[Alert] = []

    async def send_then_lose_redis(alert: Alert) -> None:
        sent.append(alert)
        if len(sent) == 1:
            server.stop()

    try:
        await engine.schedule(kind="hold", case_id="c", chat_id=CHAT, agent_id=AGENT, due_ms=clock.now_ms())
        assert (await engine.claim_due()).alerts == 1
        with pytest.raises(TimerStoreUnavailable):
            await engine.deliver(send_then_lose_redis)
        server.start()
        await engine.tick(send_then_lose_redis)
        assert len(sent) == 1
        assert await engine.pending_alerts() == 0
    finally:
        await client.aclose()
        server.stop()
