"""Agents in a team chat: cards, checks, promises and buttons, through the real PTB Application."""

from __future__ import annotations

import asyncio

from bot import feedback
from bot.classify import classify
from bot.keys import Keys

from .conftest import World

ANGRY_ZH = "你们这个快递三天了还没到！打了五次电话都没人管，再不给我解决我就投诉到12315！！"


async def test_forwarded_angry_message_gets_a_clear_card_in_its_language(world: World) -> None:
    await world.start_replica()
    await world.setup_chats()
    await world.emu.send_user_message(world.team, world.agent, ANGRY_ZH, forward_from="王女士")
    card = await world.emu.wait_for_message(world.team, text_contains="案例 #", timeout_s=10)
    text = card.text or ""
    for letter in ("C ·", "L ·", "E ·", "A ·", "R ·"):
        assert letter in text, f"step {letter} missing from the card:\n{text}"
    # The card shows the classifier's own verdict (its accuracy is measured by `eval`, not here).
    verdict = classify(ANGRY_ZH)
    assert f"主题: {verdict.topic}" in text and "authority" in verdict.risks and "authority" in text
    assert any(e.get("type") == "code" for e in card.entities), "templates are tap-to-copy <code>"
    # The risk goes to the supervisors' chat.
    alert = await world.emu.wait_for_message(world.sups, text_contains="authority", timeout_s=10, since=0)
    assert "Ann" in (alert.text or "")
    # The same threat again in the same case does not flood the supervisors.
    await world.emu.send_user_message(
        world.team, world.agent, "我说了要投诉到12315，你们听到没有！", forward_from="王女士"
    )
    await world.emu.wait_for_message(world.team, kinds=("edit",), timeout_s=10)
    await world.advance(1)
    risk_alerts = [m for m in world.emu.bot_messages(world.sups) if "authority" in (m.text or "")]
    assert len(risk_alerts) == 1


async def test_english_message_gets_an_english_card_edited_in_place(world: World) -> None:
    await world.start_replica()
    await world.setup_chats()
    await world.emu.send_user_message(
        world.team, world.agent, "My refund still hasn't arrived.", forward_from="Joe"
    )
    first = await world.emu.wait_for_message(world.team, text_contains="Customer message", timeout_s=10)
    await world.emu.send_user_message(world.team, world.agent, "Hello?? Anyone there??", forward_from="Joe")
    edited = await world.emu.wait_for_message(world.team, kinds=("edit",), timeout_s=10)
    assert edited.message_id == first.message_id, "one card per case, edited in place"


async def test_promise_in_agent_message_creates_a_timer(world: World) -> None:
    await world.start_replica()
    await world.setup_chats()
    await world.emu.send_user_message(world.team, world.agent, "好的，我跟仓库确认一下，10分钟内给她回电")
    confirm = await world.emu.wait_for_message(world.team, text_contains="⏰", timeout_s=10)
    labels = [str(b["text"]) for b in confirm.buttons()]
    assert labels == ["Done", "Snooze 10 min", "Cancel"]
    await world.emu.send_user_message(world.team, world.agent, "/timers")
    listing = await world.emu.wait_for_message(world.team, text_contains="Open reminders", timeout_s=10)
    assert "callback" in (listing.text or "")


async def test_buttons_expand_mark_replied_and_count_feedback(
    world: World, keys: Keys, redis_client: object
) -> None:
    await world.start_replica()
    await world.setup_chats()
    await world.emu.send_user_message(
        world.team, world.agent, "The blender arrived broken. I want a replacement.", forward_from="Kim"
    )
    card = await world.emu.wait_for_message(world.team, text_contains="Customer message", timeout_s=10)
    resolve = next(b for b in card.buttons() if str(b["text"]).endswith("R"))
    await world.emu.press_button(world.team, world.agent, card.message_id, str(resolve["callback_data"]))
    expanded = await world.emu.wait_for_message(world.team, kinds=("edit",), timeout_s=10)
    used = next(b for b in expanded.buttons() if str(b["text"]).startswith("👍"))
    query = await world.emu.press_button(world.team, world.agent, card.message_id, str(used["callback_data"]))
    answer = await world.emu.wait_for_callback_answer(query)
    assert answer.text == "Noted, thanks!"
    _, case_id, step, n = str(used["callback_data"]).split("|")
    svc_keys = Keys(world.base.redis_prefix)
    case_raw = await redis_client.get(svc_keys.case(case_id))  # type: ignore[attr-defined]
    assert case_raw is not None
    import json

    template_id = json.loads(case_raw)["templates"][step][int(n) - 1]
    assert (await feedback.counts(redis_client, svc_keys, template_id))["used"] == 1  # type: ignore[arg-type]
    replied = next(b for b in expanded.buttons() if "Replied" in str(b["text"]))
    await world.emu.press_button(world.team, world.agent, card.message_id, str(replied["callback_data"]))
    done = await world.emu.wait_for_message(
        world.team, text_contains="Customer answered", kinds=("edit",), timeout_s=10
    )
    assert done.message_id == card.message_id


async def test_check_command_reports_findings(world: World) -> None:
    await world.start_replica()
    await world.setup_chats()
    await world.emu.send_user_message(world.team, world.agent, "/check Calm down, that's not our department.")
    report = await world.emu.wait_for_message(world.team, text_contains="CLEAR coverage", timeout_s=10)
    assert "calm" in (report.text or "").lower()


async def test_unregistered_chat_gets_nothing_but_one_note(world: World) -> None:
    await world.start_replica()
    await world.emu.wait_for_long_poll()
    stranger = await world.emu.create_user("Eve", language_code="en")
    group = await world.emu.create_group(
        "Random", members=[stranger], owner=stranger, bot_status="administrator"
    )
    await world.emu.send_user_message(group, stranger, "/c my parcel is late", forward_from=None)
    note = await world.emu.wait_for_message(group, text_contains="not enabled", timeout_s=10)
    assert note
    mark = world.emu.mark()
    await world.emu.send_user_message(group, stranger, "/c my parcel is late")
    await world.emu.send_user_message(group, stranger, "I'll call you back in 10 minutes")
    await world.emu.wait_until_consumed()
    await asyncio.sleep(0.3)
    assert world.emu.actions(group, since=mark) == []


async def test_register_needs_the_owner_and_warns_about_privacy(world: World) -> None:
    await world.start_replica()
    await world.emu.wait_for_long_poll()
    await world.emu.send_user_message(world.team, world.agent, "/register")
    refused = await world.emu.wait_for_message(world.team, timeout_s=10)
    assert "owner" in (refused.text or "")
    # Privacy mode is the bot's BotFather setting, which the bot reads with getMe.
    await world.emu.set_bot_privacy(True)
    private_group = await world.emu.create_group(
        "Quiet", members=[world.owner], owner=world.owner, bot_privacy=True
    )
    await world.emu.send_user_message(private_group, world.owner, "/register")
    reply = await world.emu.wait_for_message(private_group, timeout_s=10)
    assert "privacy mode" in (reply.text or "") and "/setprivacy" in (reply.text or "")


async def test_supervisors_chat_talk_makes_no_timers(world: World) -> None:
    await world.start_replica()
    await world.setup_chats()
    mark = world.emu.mark()
    await world.emu.send_user_message(
        world.sups, world.owner, "I'll call Ann back in 10 minutes about her queue"
    )
    await world.emu.wait_until_consumed()
    await asyncio.sleep(0.3)
    assert world.emu.actions(world.sups, since=mark) == []


async def test_editing_a_promise_does_not_start_a_second_timer(world: World) -> None:
    await world.start_replica()
    await world.setup_chats()
    sent = await world.emu.send_user_message(world.team, world.agent, "10分钟内给他回电")
    await world.emu.wait_for_message(world.team, text_contains="⏰", timeout_s=10)
    mark = world.emu.mark()
    await world.emu.edit_user_message(world.team, sent.message_id, "10分钟内给他回电话")
    await world.emu.wait_until_consumed()
    await asyncio.sleep(0.3)
    assert world.emu.actions(world.team, since=mark) == []
