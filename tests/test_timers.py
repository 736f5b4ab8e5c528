"""Timer lifecycle, transitions, permissions and key layout, in virtual time against the real Redis."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from redis.asyncio import Redis
from redis.crc import key_slot

from bot.clock import ManualClock
from bot.embedded_redis import EmbeddedRedis
from bot.keys import Keys
from bot.redis_conn import client_for
from bot.timers import (
    Alert,
    InvalidTimerInput,
    Thresholds,
    TimerAlreadyResolved,
    TimerConfig,
    TimerEngine,
    TimerNotFound,
    TimerPermissionError,
)

AGENT = 7
OTHER_AGENT = 8
CHAT = -100
MIN_MS = 60_000
LADDER = Thresholds(remind_before_s=120, overdue_grace_s=300, escalate_after_s=900)


class Recorder:
    """A sender that remembers every alert it was given."""

    def __init__(self) -> None:
        self.alerts: list[Alert] = []

    async def __call__(self, alert: Alert) -> None:
        self.alerts.append(alert)

    @property
    def stages(self) -> list[str]:
        return [a.stage for a in self.alerts]

    def per_key(self) -> Counter[str]:
        return Counter(a.idempotency_key for a in self.alerts)


async def pump(
    clock: ManualClock, done: Callable[[], bool], *, step_s: float = 0.05, real_s: float = 5.0
) -> None:
    """Move virtual time in small steps, letting real I/O run, until ``done()`` (or fail)."""
    deadline = time.monotonic() + real_s
    while not done():
        assert time.monotonic() < deadline, "condition not reached in time"
        clock.advance(step_s)
        await asyncio.sleep(0.002)  # real time for Redis round trips, not for the timers


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def engine(redis_client: Redis, keys: Keys, clock: ManualClock) -> TimerEngine:
    return TimerEngine(redis_client, keys, clock, thresholds=LADDER, consumer="test")


async def _callback(engine: TimerEngine, clock: ManualClock, in_s: int = 600, **kw: object) -> str:
    timer = await engine.schedule(
        kind="callback",
        case_id=str(kw.pop("case_id", "case-1")),
        chat_id=int(kw.pop("chat_id", CHAT)),  # type: ignore[call-overload]
        agent_id=int(kw.pop("agent_id", AGENT)),  # type: ignore[call-overload]
        due_ms=clock.now_ms() + in_s * 1000,
        note="call the customer back about the refund",
        source_text="I will call you back in ten minutes",
    )
    return timer.id


async def test_full_ladder_in_virtual_time(
    engine: TimerEngine, clock: ManualClock, redis_client: Redis, keys: Keys
) -> None:
    rec = Recorder()
    timer_id = await _callback(engine, clock, in_s=600)
    created = await engine.get(timer_id)
    assert created is not None and created.stage == "scheduled" and created.is_open
    assert created.remind_ms == created.due_ms - 120_000

    await engine.tick(rec)
    assert rec.alerts == []  # nothing early

    clock.advance(480)  # 2 min before due: reminder
    await engine.tick(rec)
    clock.advance(120)  # due
    await engine.tick(rec)
    assert (await engine.counts()).overdue == 0
    clock.advance(300)  # grace over: overdue
    await engine.tick(rec)
    assert [t.id for t in await engine.list_overdue()] == [timer_id]
    clock.advance(900)  # still open: escalated
    await engine.tick(rec)
    clock.advance(3600)  # nothing after escalation
    await engine.tick(rec)

    assert rec.stages == ["reminder", "due", "overdue", "escalated"]
    assert all(a.late_ms == 0 for a in rec.alerts)
    assert all(a.timer_id == timer_id and a.chat_id == CHAT and a.agent_id == AGENT for a in rec.alerts)
    assert rec.alerts[0].source_text == "I will call you back in ten minutes"
    assert [a.for_supervisors for a in rec.alerts] == [False, False, True, True]
    assert set(rec.per_key().values()) == {1}
    assert await engine.counts() == type(await engine.counts())(open=1, overdue=1)

    closed = await engine.resolve(timer_id, by_user=AGENT)
    assert closed.status == "done" and closed.closed_by == AGENT and closed.closed_ms == clock.now_ms()
    assert (await engine.counts()).open == 0 and await engine.list_overdue() == []
    assert await engine.list_open() == []
    # Kept for reports, then gone.
    ttl_s = await redis_client.ttl(keys.timer(timer_id))
    assert engine.config.retention_s - 5 <= ttl_s <= engine.config.retention_s
    assert [t.id for t in await engine.list_resolved(0)] == [timer_id]
    assert await engine.pending_alerts() == 0


async def test_resolved_index_is_trimmed_after_retention(
    redis_client: Redis, keys: Keys, clock: ManualClock
) -> None:
    engine = TimerEngine(redis_client, keys, clock, config=TimerConfig(retention_days=1))
    old = await _callback(engine, clock)
    await engine.resolve(old, by_user=AGENT)
    clock.advance(24 * 3600 + 1)
    new = await _callback(engine, clock)
    await engine.resolve(new, by_user=AGENT)
    assert await redis_client.zrange(keys.timer_resolved, 0, -1) == [new]


async def test_snooze_moves_the_next_event_later_and_restarts_the_ladder(
    engine: TimerEngine, clock: ManualClock
) -> None:
    rec = Recorder()
    timer_id = await _callback(engine, clock, in_s=600)
    clock.advance(600 + 300)
    await engine.tick(rec)
    assert rec.stages == ["due", "overdue"]  # the missed reminder is not sent after its deadline
    assert (await engine.counts()).overdue == 1

    snoozed = await engine.snooze(timer_id, 600, by_user=99, is_supervisor=True)
    assert snoozed.due_ms == clock.now_ms() + 600_000 and snoozed.stage == "scheduled"
    assert snoozed.snoozes == 1 and snoozed.snoozed_by == 99
    assert (await engine.counts()).overdue == 0

    clock.advance(480)
    await engine.tick(rec)
    clock.advance(120)
    await engine.tick(rec)
    assert rec.stages == ["due", "overdue", "reminder", "due"]
    assert set(rec.per_key().values()) == {1}  # the second "due" has its own key


async def test_snoozing_a_future_timer_pushes_its_deadline(engine: TimerEngine, clock: ManualClock) -> None:
    timer_id = await _callback(engine, clock, in_s=3600)
    before = await engine.get(timer_id)
    after = await engine.snooze(timer_id, 600, by_user=AGENT)
    assert before is not None and after.due_ms == before.due_ms + 600_000


async def test_an_alert_claimed_before_a_snooze_or_resolve_is_not_sent(
    engine: TimerEngine, clock: ManualClock
) -> None:
    rec = Recorder()
    first = await _callback(engine, clock, in_s=60, case_id="a")
    second = await _callback(engine, clock, in_s=60, case_id="b")
    clock.advance(60)
    assert (await engine.claim_due()).alerts == 2
    await engine.resolve(first, by_user=AGENT)
    await engine.snooze(second, 60, by_user=AGENT)
    _, report = await engine.tick(rec)
    assert rec.alerts == [] and report.stale == 2
    assert await engine.pending_alerts() == 0


async def test_only_the_agent_or_a_supervisor_may_resolve_or_snooze(
    engine: TimerEngine, clock: ManualClock
) -> None:
    timer_id = await _callback(engine, clock)
    with pytest.raises(TimerPermissionError, match="neither the agent"):
        await engine.resolve(timer_id, by_user=OTHER_AGENT)
    with pytest.raises(TimerPermissionError):
        await engine.snooze(timer_id, 60, by_user=OTHER_AGENT)
    unchanged = await engine.get(timer_id)
    assert unchanged is not None and unchanged.is_open and unchanged.snoozes == 0

    assert (await engine.snooze(timer_id, 60, by_user=AGENT)).snoozes == 1
    assert (await engine.snooze(timer_id, 60, by_user=OTHER_AGENT, is_supervisor=True)).snoozes == 2
    cancelled = await engine.cancel(timer_id, by_user=OTHER_AGENT, is_supervisor=True)
    assert cancelled.status == "cancelled" and cancelled.closed_by == OTHER_AGENT


async def test_bad_input_is_refused_and_nothing_is_lost(engine: TimerEngine, clock: ManualClock) -> None:
    timer_id = await _callback(engine, clock)
    with pytest.raises(TimerNotFound, match="no timer with id 'nope'"):
        await engine.resolve("nope", by_user=AGENT)
    with pytest.raises(TimerNotFound):
        await engine.snooze("nope", 60, by_user=AGENT)
    for bad in (-60, 0):
        with pytest.raises(InvalidTimerInput, match="positive"):
            await engine.snooze(timer_id, bad, by_user=AGENT)
    with pytest.raises(InvalidTimerInput):
        await engine.schedule(kind="response", case_id="c", chat_id=CHAT, agent_id=AGENT, due_ms=1)
    with pytest.raises(InvalidTimerInput):
        await engine.schedule(
            kind="callback", case_id="c", chat_id=CHAT, agent_id=AGENT, due_ms=1, note="x" * 501
        )
    with pytest.raises(InvalidTimerInput):
        await engine.schedule(kind="callback", case_id="two words", chat_id=CHAT, agent_id=AGENT, due_ms=1)
    assert [t.id for t in await engine.list_open()] == [timer_id]

    await engine.resolve(timer_id, by_user=AGENT)
    with pytest.raises(TimerAlreadyResolved, match="already resolved"):
        await engine.resolve(timer_id, by_user=AGENT)
    with pytest.raises(TimerAlreadyResolved):
        await engine.snooze(timer_id, 60, by_user=AGENT)
    kept = await engine.get(timer_id)
    assert kept is not None and kept.status == "done"


async def test_response_timer_first_and_next_reply(
    redis_client: Redis, keys: Keys, clock: ManualClock
) -> None:
    engine = TimerEngine(
        redis_client, keys, clock, thresholds=Thresholds(response_first_s=120, response_next_s=300)
    )
    first = await engine.customer_wrote("case-9", CHAT, AGENT)
    assert first.kind == "response" and first.due_ms == clock.now_ms() + 120_000
    clock.advance(30)
    again = await engine.customer_wrote("case-9", CHAT, AGENT)
    assert again.id == first.id and again.due_ms == first.due_ms  # the customer waits since the first message

    replied = await engine.agent_replied("case-9")
    assert replied is not None and replied.id == first.id and replied.status == "replied"
    assert await engine.agent_replied("case-9") is None

    nxt = await engine.customer_wrote("case-9", CHAT, AGENT)
    assert nxt.id != first.id and nxt.due_ms == clock.now_ms() + 300_000
    other_case = await engine.customer_wrote("case-10", CHAT, AGENT)
    assert other_case.due_ms == clock.now_ms() + 120_000
    assert [t.id for t in await engine.list_open(case_id="case-9")] == [nxt.id]


async def test_case_index_buckets_agree_with_keys_py(
    engine: TimerEngine, clock: ManualClock, redis_client: Redis, keys: Keys
) -> None:
    for case_id in ("客户-7", "ünïcode", "x" * 64):
        timer_id = await _callback(engine, clock, case_id=case_id)
        assert await redis_client.hget(keys.timer_by_case(case_id), case_id) == timer_id
        assert [t.id for t in await engine.list_open(case_id=case_id)] == [timer_id]


async def test_customer_messages_at_once_start_one_response_timer(engine: TimerEngine) -> None:
    made = await asyncio.gather(*(engine.customer_wrote("case-x", CHAT, AGENT) for _ in range(20)))
    assert len({t.id for t in made}) == 1


async def test_team_thresholds_are_copied_onto_new_timers(engine: TimerEngine, clock: ManualClock) -> None:
    assert await engine.thresholds_for(CHAT) == LADDER
    before = await _callback(engine, clock)
    team = Thresholds(remind_before_s=0, overdue_grace_s=60, escalate_after_s=120)
    await engine.set_thresholds(CHAT, team)
    after = await _callback(engine, clock)
    elsewhere = await _callback(engine, clock, chat_id=-200)
    got = {t.id: t for t in await engine.list_open()}
    assert got[before].thresholds.overdue_grace_s == 300  # existing timers keep theirs
    assert got[after].thresholds.overdue_grace_s == 60 and got[after].remind_ms is None
    assert got[elsewhere].thresholds.overdue_grace_s == 300
    assert got[after].escalate_ms == got[after].due_ms + 180_000


async def test_list_open_filters(engine: TimerEngine, clock: ManualClock) -> None:
    a = await _callback(engine, clock, case_id="k1", agent_id=1, chat_id=-1)
    b = await _callback(engine, clock, in_s=60, case_id="k1", agent_id=2, chat_id=-1)
    c = await _callback(engine, clock, case_id="k2", agent_id=1, chat_id=-2)
    ids = lambda timers: [t.id for t in timers]  # noqa: E731
    assert ids(await engine.list_open()) == [b, a, c]  # soonest first
    assert ids(await engine.list_open(agent_id=1)) == [a, c]
    assert ids(await engine.list_open(chat_id=-1)) == [b, a]
    assert ids(await engine.list_open(agent_id=1, chat_id=-2)) == [c]
    assert ids(await engine.list_open(case_id="k1", agent_id=2)) == [b]
    assert await engine.list_open(agent_id=3) == []
    await engine.resolve(b, by_user=2)
    assert ids(await engine.list_open(case_id="k1")) == [a]


async def test_missed_events_fire_late_with_their_lateness(engine: TimerEngine, clock: ManualClock) -> None:
    rec = Recorder()
    await _callback(engine, clock, in_s=600)
    clock.advance(600 + 300 + 900 + 42)  # everything passed while nobody looked
    claim, _ = await engine.tick(rec)
    assert rec.stages == ["due", "overdue", "escalated"]
    assert [a.late_ms for a in rec.alerts] == [1_242_000, 942_000, 42_000]
    assert claim.next_event_ms is None


async def test_ids_are_short_base36(
    engine: TimerEngine, clock: ManualClock, redis_client: Redis, keys: Keys
) -> None:
    await redis_client.set(keys.timer_seq, 36**4 - 1)
    timer_id = await _callback(engine, clock)
    assert timer_id == "10000"
    await redis_client.set(keys.timer_seq, 2**40)
    assert await _callback(engine, clock) == "e13wu1oh"  # a trillion timers still fit in 8 characters


async def test_every_timer_key_shares_one_slot(
    engine: TimerEngine, clock: ManualClock, redis_client: Redis, keys: Keys
) -> None:
    timer_id = await _callback(engine, clock, in_s=0)
    await engine.customer_wrote("case-r", CHAT, AGENT)
    await engine.agent_replied("case-r")
    await engine.set_thresholds(CHAT, LADDER)
    await engine.tick(Recorder())
    await engine.resolve(timer_id, by_user=AGENT)
    written = [k async for k in redis_client.scan_iter(match=f"*{keys.prefix}*")]
    named = [
        keys.timer(timer_id),
        keys.timer_due,
        keys.timer_overdue,
        keys.timer_by_agent(AGENT),
        keys.timer_chat_agents(CHAT),
        keys.timer_by_case("case-r"),
        keys.timer_replies("case-r"),
        keys.timer_resolved,
        keys.timer_thresholds,
        keys.timer_seq,
        keys.alert_stream,
        keys.alert_sent(f"{timer_id}:due:1"),
        keys.alert_dead,
    ]
    assert len(written) >= 8
    slots = {key_slot(k.encode()) for k in [*written, *named]}
    assert slots == {key_slot(keys.timer_tag.encode())}


@pytest.fixture
async def private_redis(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Redis]:
    """A redis-server of our own, so every key in it is ours to inspect."""
    server = EmbeddedRedis(Path(tmp_path_factory.mktemp("tk")))
    client = client_for(server.start())
    yield client
    await client.aclose()
    server.stop()


async def test_no_key_outside_the_prefix(private_redis: Redis, clock: ManualClock) -> None:
    keys = Keys("mine")
    engine = TimerEngine(private_redis, keys, clock, thresholds=LADDER)
    timer_id = await _callback(engine, clock, in_s=0)
    await engine.customer_wrote("case-r", CHAT, AGENT)
    clock.advance(3600)
    await engine.tick(Recorder())
    await engine.agent_replied("case-r")
    await engine.snooze(timer_id, 60, by_user=AGENT)
    await engine.resolve(timer_id, by_user=AGENT)
    everything = [k async for k in private_redis.scan_iter(match="*")]
    assert len(everything) >= 8
    assert all(k.startswith(keys.timer_tag + ":") for k in everything), everything


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    remind_s=st.integers(0, 600),
    grace_s=st.integers(0, 600),
    escalate_s=st.integers(0, 600),
    due_in_s=st.integers(0, 1200),
    steps_s=st.lists(st.integers(1, 400), min_size=1, max_size=12),
)
async def test_any_ladder_fires_each_event_once_in_order(
    redis_client: Redis,
    remind_s: int,
    grace_s: int,
    escalate_s: int,
    due_in_s: int,
    steps_s: list[int],
) -> None:
    keys = Keys(f"cbtest-hyp-{time.monotonic_ns()}")
    clock = ManualClock()
    th = Thresholds(remind_before_s=remind_s, overdue_grace_s=grace_s, escalate_after_s=escalate_s)
    engine = TimerEngine(redis_client, keys, clock, thresholds=th)
    rec = Recorder()
    try:
        timer_id = await _callback(engine, clock, in_s=due_in_s)
        timer = await engine.get(timer_id)
        assert timer is not None
        for step in [*steps_s, 3000]:  # the last step passes every event
            clock.advance(step)
            await engine.tick(rec)
            order = ["reminder", "due", "overdue", "escalated"]
            assert rec.stages == sorted(rec.stages, key=order.index)
        assert rec.stages[-3:] == ["due", "overdue", "escalated"]
        assert set(rec.per_key().values()) == {1}
        for alert in rec.alerts:
            assert alert.late_ms >= 0 and alert.claimed_ms - alert.late_ms == alert.event_ms
            if alert.stage == "reminder":  # only when there was room, and only before the deadline
                assert timer.remind_ms is not None and alert.claimed_ms < timer.due_ms
    finally:
        async for key in redis_client.scan_iter(match=f"*{keys.prefix}*"):
            await redis_client.delete(key)


async def test_reassign_moves_the_timer_between_agents(engine: TimerEngine, clock: ManualClock) -> None:
    timer_id = await _callback(engine, clock)
    with pytest.raises(TimerPermissionError):
        await engine.reassign(timer_id, agent_id=OTHER_AGENT, by_user=OTHER_AGENT)
    moved = await engine.reassign(timer_id, agent_id=OTHER_AGENT, by_user=99, is_supervisor=True)
    assert moved.agent_id == OTHER_AGENT and moved.is_open
    assert await engine.list_open(agent_id=AGENT) == []
    assert [t.id for t in await engine.list_open(agent_id=OTHER_AGENT, chat_id=CHAT)] == [timer_id]
    with pytest.raises(TimerPermissionError):  # the old agent no longer owns it
        await engine.resolve(timer_id, by_user=AGENT)
    await engine.resolve(timer_id, by_user=OTHER_AGENT)
    with pytest.raises(TimerAlreadyResolved):
        await engine.reassign(timer_id, agent_id=AGENT, by_user=OTHER_AGENT)


async def test_a_notice_is_queued_and_delivered_once_per_key(engine: TimerEngine) -> None:
    rec = Recorder()

    async def notice(key: str) -> bool:
        return await engine.notify(
            idempotency_key=key, case_id="case-3", chat_id=CHAT, agent_id=AGENT, note="threat to complain"
        )

    assert await notice("risk:1") is True
    assert await notice("risk:1") is False  # a retried update queues nothing
    await engine.tick(rec)
    assert await notice("risk:1") is False
    await engine.tick(rec)
    [alert] = rec.alerts
    assert alert.stage == "risk" and alert.timer_id == "" and alert.for_supervisors
    assert alert.note == "threat to complain" and alert.late_ms == 0
    with pytest.raises(InvalidTimerInput):
        await notice("")


async def test_any_prefix_is_safe_inside_the_scripts(
    redis_client: Redis, key_prefix: str, clock: ManualClock
) -> None:
    keys = Keys(f"{key_prefix}-it's\\odd]\n")
    engine = TimerEngine(redis_client, keys, clock)
    timer_id = await _callback(engine, clock)
    assert await redis_client.exists(keys.timer(timer_id), keys.timer_due) == 2
    assert [t.id for t in await engine.list_open(agent_id=AGENT)] == [timer_id]


async def test_many_concurrent_calls_share_round_trips_correctly(
    engine: TimerEngine, clock: ManualClock
) -> None:
    made = await asyncio.gather(*(_callback(engine, clock, case_id=f"k{i}") for i in range(300)))
    assert len(set(made)) == 300
    assert len(await engine.list_open(agent_id=AGENT)) == 300
    outcomes = await asyncio.gather(
        engine.resolve(made[0], by_user=AGENT),
        engine.resolve(made[0], by_user=AGENT),  # the same pipeline: one wins, one is told
        engine.resolve("nope", by_user=AGENT),
        return_exceptions=True,
    )
    assert sorted(type(o).__name__ for o in outcomes) == ["Timer", "TimerAlreadyResolved", "TimerNotFound"]


async def test_scripts_are_loaded_again_after_redis_forgot_them(
    private_redis: Redis, clock: ManualClock
) -> None:
    engine = TimerEngine(private_redis, Keys("flush"), clock)
    first = await _callback(engine, clock)
    await private_redis.script_flush()
    second = await _callback(engine, clock)
    assert [t.id for t in await engine.list_open()] == [first, second]
