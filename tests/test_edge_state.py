"""Chat registry, cases, lease, update de-duplication and feedback counts against the real Redis."""

from __future__ import annotations

import asyncio

import pytest
from redis.asyncio import Redis

from bot import feedback
from bot.cases import CaseEvent, CaseStore, short_id
from bot.chats import ChatRegistry
from bot.dedup import first_time
from bot.keys import Keys
from bot.lease import Lease


async def test_chat_registry_roles_and_language(redis_client: Redis, keys: Keys) -> None:
    chats = ChatRegistry(redis_client, keys)
    assert await chats.get(-100) is None
    await chats.update(-100, agents=True, title="Team A", registered_by=1)
    await chats.update(-200, alerts=True)
    cfg = await chats.update(-100, lang="zh-Hant")
    assert cfg.agents and cfg.lang == "zh-Hant" and cfg.title == "Team A"
    assert await chats.agent_chat_ids() == [-100]
    assert await chats.alert_chat_ids() == [-200]
    await chats.update(-200, alerts=False)
    assert await chats.alert_chat_ids() == []
    assert await chats.note_unregistered_once(-300) is True
    assert await chats.note_unregistered_once(-300) is False


async def test_bad_language_is_refused(redis_client: Redis, keys: Keys) -> None:
    with pytest.raises(ValueError):
        await ChatRegistry(redis_client, keys).update(-1, lang="klingon")


async def test_cases_are_found_again_and_expire(redis_client: Redis, keys: Keys) -> None:
    store = CaseStore(redis_client, keys, retention_s=60)
    case, new = await store.open_for(
        chat_id=-1, agent_id=7, customer="Ann", customer_key="u42", now_ms=1000, thread_id=None
    )
    assert new
    again, new_again = await store.open_for(
        chat_id=-1, agent_id=7, customer="Ann", customer_key="u42", now_ms=2000, thread_id=None
    )
    assert again.id == case.id and not new_again
    other, _ = await store.open_for(
        chat_id=-1, agent_id=7, customer="Bo", customer_key="u43", now_ms=1, thread_id=5
    )
    assert other.id != case.id
    assert (await store.current(-1, 7)).id == other.id  # type: ignore[union-attr]
    other.card_message_id = 99
    await store.save(other)
    assert (await store.by_card(-1, 99)).id == other.id  # type: ignore[union-attr]
    await store.add_event(case.id, CaseEvent(at_ms=1, role="customer", kind="message", text="hello"))
    assert [e.text for e in await store.events(case.id)] == ["hello"]
    ttl = await redis_client.ttl(keys.case_events(case.id))
    assert 0 < ttl <= 60
    assert 0 < await redis_client.ttl(keys.case(case.id)) <= 60


def test_short_ids() -> None:
    assert short_id(0) == "0"
    assert short_id(35) == "z"
    assert short_id(36) == "10"
    assert len(short_id(10**12)) <= 8


async def test_lease_has_one_holder_and_is_taken_over(redis_client: Redis, keys: Keys) -> None:
    a = Lease(redis_client, keys.poller_lease, "a", ttl_ms=200)
    b = Lease(redis_client, keys.poller_lease, "b", ttl_ms=200)
    assert await a.acquire()
    assert not await b.acquire()
    assert await a.renew()
    # a stops renewing (crashed): once the lease runs out, b takes over and a cannot renew.
    await asyncio.sleep(0.3)
    assert await b.acquire()
    assert not await a.renew()
    await a.release()  # not ours any more: must not free b's lease
    assert await b.holder() == "b"
    await b.release()
    assert await b.holder() is None


async def test_updates_count_once(redis_client: Redis, keys: Keys) -> None:
    results = await asyncio.gather(*(first_time(redis_client, keys, 555) for _ in range(5)))
    assert sorted(results) == [False, False, False, False, True]


async def test_feedback_counts(redis_client: Redis, keys: Keys) -> None:
    await feedback.record(redis_client, keys, "topic.delivery.resolve.1", "used")
    await feedback.record(redis_client, keys, "topic.delivery.resolve.1", "used")
    await feedback.record(redis_client, keys, "topic.delivery.resolve.1", "not_helpful")
    assert await feedback.counts(redis_client, keys, "topic.delivery.resolve.1") == {
        "used": 2,
        "not_helpful": 1,
    }
