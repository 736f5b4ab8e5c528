"""Timers through Telegram: ping, supervisor alert exactly once across replicas, permissions, 429s."""

from __future__ import annotations

from .conftest import World


async def _promise(world: World, text: str = "told her I'd call back in 10 min") -> str:
    await world.emu.send_user_message(world.team, world.agent, text)
    confirm = await world.emu.wait_for_message(world.team, text_contains="⏰", timeout_s=10)
    return str(confirm.buttons()[0]["callback_data"]).split("|")[1]


def _count(world: World, chat: object, needle: str) -> int:
    return sum(1 for m in world.emu.bot_messages(chat) if needle in (m.text or ""))  # type: ignore[arg-type]


async def test_ping_then_supervisor_alert_exactly_once_with_two_replicas(world: World) -> None:
    await world.start_replica()
    await world.start_replica()
    await world.setup_chats()
    await _promise(world)
    await world.advance(9 * 60 + 1)  # reminder 60 s before due
    await world.emu.wait_for_message(world.team, text_contains="is due at", timeout_s=10, since=0)
    await world.advance(60)
    await world.emu.wait_for_message(world.team, text_contains="is due now", timeout_s=10, since=0)
    await world.advance(61)
    alert = await world.emu.wait_for_message(world.sups, text_contains="Overdue", timeout_s=10, since=0)
    assert "Ann" in (alert.text or "")
    assert [str(b["text"]) for b in alert.buttons()] == ["Take over", "Snooze 10 min", "Done"]
    await world.advance(2)
    await world.advance(2)
    assert _count(world, world.team, "is due now") == 1
    assert _count(world, world.sups, "Overdue") == 1
    # Only one replica long-polls (a second getUpdates would get 409 Conflict).
    assert not [c for c in world.emu.calls("getUpdates") if c.error_code == 409]


async def test_non_supervisor_cannot_close_someone_elses_timer(world: World) -> None:
    await world.start_replica()
    await world.setup_chats()
    await _promise(world)
    confirm = world.emu.last_bot_message(world.team)
    assert confirm is not None
    query = await world.emu.press_button(
        world.team, world.other_agent, confirm.message_id, button_text="Done"
    )
    answer = await world.emu.wait_for_callback_answer(query)
    assert answer.show_alert and "Only the agent" in (answer.text or "")
    query = await world.emu.press_button(
        world.team, world.other_agent, confirm.message_id, button_text="Snooze"
    )
    assert "Only the agent" in ((await world.emu.wait_for_callback_answer(query)).text or "")
    query = await world.emu.press_button(world.team, world.agent, confirm.message_id, button_text="Done")
    assert (await world.emu.wait_for_callback_answer(query)).text in (None, "")
    closed = await world.emu.wait_for_message(
        world.team, text_contains="Reminder closed", kinds=("edit",), timeout_s=10
    )
    assert closed.buttons() == []


async def test_supervisor_takes_over_from_the_alert(world: World) -> None:
    await world.start_replica()
    await world.setup_chats()
    timer_id = await _promise(world)
    await world.advance(11 * 60 + 1)
    alert = await world.emu.wait_for_message(world.sups, text_contains="Overdue", timeout_s=10, since=0)
    query = await world.emu.press_button(world.sups, world.owner, alert.message_id, button_text="Take over")
    await world.emu.wait_for_callback_answer(query)
    taken = await world.emu.wait_for_message(
        world.sups, text_contains="took over", kinds=("edit",), timeout_s=10
    )
    assert taken.message_id == alert.message_id
    await world.emu.send_user_message(world.sups, world.owner, "/overdue")
    listing = await world.emu.wait_for_message(world.sups, text_contains=timer_id, timeout_s=10)
    assert "Olga" in (listing.text or "")


async def test_a_429_delays_an_alert_but_does_not_lose_it(world: World) -> None:
    await world.start_replica()
    await world.setup_chats()
    await _promise(world)
    world.emu.fail_next("sendMessage", 429, retry_after_s=1, times=6)
    await world.advance(11 * 60 + 1)
    for _ in range(20):
        await world.advance(2, settle_s=0.5)
        if _count(world, world.sups, "Overdue"):
            break
    assert _count(world, world.sups, "Overdue") == 1
    assert [c for c in world.emu.calls("sendMessage") if c.error_code == 429]


async def test_forum_topic_case_gets_its_pings_in_the_topic(world: World) -> None:
    forum = await world.emu.create_group(
        "Support forum", members=[world.agent], owner=world.owner, forum=True, bot_status="administrator"
    )
    topic = await world.emu.create_topic(forum, "Wang's order", by=world.owner)
    await world.start_replica()
    await world.emu.wait_for_long_poll()
    await world.emu.send_user_message(forum, world.owner, "/register")
    await world.emu.wait_for_message(forum, text_contains="agents' chat", timeout_s=10)
    await world.emu.send_user_message(
        forum,
        world.agent,
        "Where is my parcel?? It's a week late!",
        forward_from="Wang",
        thread_id=topic.thread_id,
    )
    card = await world.emu.wait_for_message(forum, text_contains="Customer message", timeout_s=10)
    assert card.thread_id == topic.thread_id
    await world.emu.send_user_message(
        forum, world.agent, "told him I'd call back in 10 min", thread_id=topic.thread_id
    )
    confirm = await world.emu.wait_for_message(forum, text_contains="⏰", timeout_s=10)
    assert confirm.thread_id == topic.thread_id
    await world.advance(10 * 60 + 1)
    ping = await world.emu.wait_for_message(forum, text_contains="is due now", timeout_s=10, since=0)
    assert ping.thread_id == topic.thread_id
