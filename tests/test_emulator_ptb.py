"""The real python-telegram-bot Application against the emulator, over HTTP, nothing patched."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Callable
from typing import Any

import aiohttp
import pytest
from telegram import (
    BotCommand,
    BotCommandScopeChat,
    ChatFullInfo,
    ChatMemberAdministrator,
    ChatMemberLeft,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest, ChatMigrated, Conflict, Forbidden, RetryAfter, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from emulator import EmulatorServer

POLL_TIMEOUT_S = 1

Ctx = ContextTypes.DEFAULT_TYPE
HandlerFn = Callable[[Update, Ctx], Any]


def build_app(emu: EmulatorServer, *, rate_limiter: AIORateLimiter | None = None) -> Application:  # type: ignore[type-arg]
    builder = ApplicationBuilder().token(emu.token).base_url(emu.base_url).base_file_url(emu.base_file_url)
    if rate_limiter is not None:
        # PTB's builder generics pin the limiter's argument type to None; AIORateLimiter takes int | None
        builder = builder.rate_limiter(rate_limiter)  # type: ignore[arg-type]
    return builder.build()


@contextlib.asynccontextmanager
async def polling(
    app: Application,  # type: ignore[type-arg]
    error_callback: Callable[[TelegramError], None] | None = None,
) -> AsyncIterator[None]:
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0, timeout=POLL_TIMEOUT_S, error_callback=error_callback
        )
        await app.start()
        try:
            yield
        finally:
            await app.updater.stop()
            await app.stop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
async def emu() -> AsyncIterator[EmulatorServer]:
    async with EmulatorServer(port=0, max_poll_timeout_s=5) as server:
        yield server


async def test_start_command_gets_an_html_reply_with_a_keyboard(emu: EmulatorServer) -> None:
    async def start(update: Update, context: Ctx) -> None:
        assert update.effective_message is not None
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Call me back 📞", callback_data="cb:1")]])
        await update.effective_message.reply_html("<b>Hi</b> 👋 &amp; welcome", reply_markup=keyboard)

    app = build_app(emu)
    app.add_handler(CommandHandler("start", start))
    user = await emu.create_user("Mei", username="mei_cs")
    async with polling(app):
        sent = await emu.send_user_message(user, user, "/start")
        reply = await emu.wait_for_message(user)
    assert sent.delivered and sent.entities == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert reply.text == "Hi 👋 & welcome"
    assert reply.raw_text == "<b>Hi</b> 👋 &amp; welcome" and reply.parse_mode == "HTML"
    assert reply.entities == [{"type": "bold", "offset": 0, "length": 2}]
    assert reply.callback_data() == ["cb:1"]
    assert [c.method for c in emu.calls()][:2] == ["getMe", "deleteWebhook"]
    assert emu.pending_updates() == []  # the bot confirmed the update with its next offset


async def test_button_press_is_answered_and_the_message_edited(emu: EmulatorServer) -> None:
    async def menu(update: Update, context: Ctx) -> None:
        assert update.effective_message is not None
        keyboard = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton("Refund", callback_data="refund"),
                    InlineKeyboardButton("Other", callback_data="other"),
                ]
            ]
        )
        await update.effective_message.reply_text("What do you need?", reply_markup=keyboard)

    async def pressed(update: Update, context: Ctx) -> None:
        query = update.callback_query
        assert query is not None and query.message is not None
        await query.answer(f"noted: {query.data}")
        await query.edit_message_text(f"You picked {query.data}")

    app = build_app(emu)
    app.add_handler(CommandHandler("menu", menu))
    app.add_handler(CallbackQueryHandler(pressed))
    user = await emu.create_user()
    async with polling(app):
        await emu.send_user_message(user, user, "/menu")
        menu_msg = await emu.wait_for_message(user, text_contains="What do you need")
        query = await emu.press_button(user, user, menu_msg.message_id, button_text="Refund")
        answer = await emu.wait_for_callback_answer(query)
        edited = await emu.wait_for_message(user, kinds=("edit",))
    assert answer.text == "noted: refund" and not answer.show_alert
    assert edited.message_id == menu_msg.message_id
    assert edited.text == "You picked refund" and edited.edit_date is not None
    # editMessageText without reply_markup drops the keyboard, as on Telegram
    assert edited.reply_markup is None
    with pytest.raises(ValueError, match="no button"):
        await emu.press_button(user, user, menu_msg.message_id, "refund")


async def test_injected_429_reaches_the_handler_as_retry_after(emu: EmulatorServer) -> None:
    outcome: asyncio.Queue[object] = asyncio.Queue()

    async def echo(update: Update, context: Ctx) -> None:
        assert update.effective_message is not None and update.effective_message.text is not None
        try:
            await update.effective_message.reply_text(update.effective_message.text)
        except RetryAfter as exc:
            await outcome.put(exc)
            return
        await outcome.put("sent")

    app = build_app(emu)
    app.add_handler(MessageHandler(filters.TEXT, echo))
    user = await emu.create_user()
    emu.fail_next("sendMessage", 429, retry_after_s=3)
    async with polling(app):
        await emu.send_user_message(user, user, "first")
        first = await asyncio.wait_for(outcome.get(), 5)
        await emu.send_user_message(user, user, "second")
        second = await asyncio.wait_for(outcome.get(), 5)
    assert isinstance(first, RetryAfter) and "Retry in 3" in first.message
    assert second == "sent"
    failed = emu.calls("sendMessage")[0]
    assert (failed.ok, failed.error_code, failed.description) == (
        False,
        429,
        "Too Many Requests: retry after 3",
    )
    assert [m.text for m in emu.bot_messages(user)] == ["second"]


async def test_rate_limiter_retries_after_an_injected_429(emu: EmulatorServer) -> None:
    user = await emu.create_user()
    await emu.open_private_chat(user)
    emu.fail_next("sendMessage", 429, retry_after_s=1)
    app = build_app(emu, rate_limiter=AIORateLimiter(max_retries=2))
    async with app:
        await app.bot.send_message(user.id, "after a pause")
    attempts = emu.calls("sendMessage")
    assert [c.ok for c in attempts] == [False, True]
    assert emu.last_bot_message(user) is not None


async def test_second_concurrent_get_updates_terminates_the_bots_poll_with_409(emu: EmulatorServer) -> None:
    conflicts: list[TelegramError] = []
    seen = asyncio.Event()

    def on_error(exc: TelegramError) -> None:
        conflicts.append(exc)
        seen.set()

    app = build_app(emu)
    async with polling(app, error_callback=on_error):
        await emu.wait_for_long_poll()
        # a rival instance polls while the bot's long poll is waiting
        async with (
            aiohttp.ClientSession() as http,
            http.post(f"{emu.base_url}{emu.token}/getUpdates", data={"timeout": "0"}) as resp,
        ):
            rival = await resp.json()
        await asyncio.wait_for(seen.wait(), 5)
    assert rival == {"ok": True, "result": []}
    assert isinstance(conflicts[0], Conflict)
    assert "terminated by other getUpdates request" in conflicts[0].message


async def test_refused_set_my_commands_raises_and_can_be_lifted(emu: EmulatorServer) -> None:
    user = await emu.create_user(language_code="zh-hans")
    group = await emu.create_group(members=[user], admins=[user])
    emu.refuse("setMyCommands", 400, description="Bad Request: BOT_COMMANDS_TOO_MUCH")
    app = build_app(emu)
    async with app:
        with pytest.raises(BadRequest, match=r"(?i)BOT_COMMANDS_TOO_MUCH"):
            await app.bot.set_my_commands([BotCommand("start", "Start")])
        emu.allow("setMyCommands")
        await app.bot.set_my_commands([BotCommand("start", "Start")])
        await app.bot.set_my_commands(
            [BotCommand("register", "注册本群")], scope=BotCommandScopeChat(group.id), language_code="zh"
        )
        by_scope = await app.bot.get_my_commands(scope=BotCommandScopeChat(group.id), language_code="zh")
        assert [c["command"] for c in emu.visible_commands(group, user)] == [
            "register"
        ]  # user speaks zh-hans
        with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
            await app.bot.set_my_commands([BotCommand("Bad-Name", "x")])
        in_english = emu.visible_commands(group, user, language_code="en")
        await app.bot.delete_my_commands(scope=BotCommandScopeChat(group.id), language_code="zh")
        after_delete = await app.bot.get_my_commands(scope=BotCommandScopeChat(group.id), language_code="zh")
    assert [c.command for c in by_scope] == ["register"] and after_delete == ()
    assert emu.commands() == [{"command": "start", "description": "Start"}]
    assert [c["command"] for c in emu.visible_commands(user, user)] == ["start"]
    # a zh user sees the chat's zh menu; an English one falls through to the default scope
    assert [c["command"] for c in in_english] == ["start"]
    assert [c["command"] for c in emu.visible_commands(group, user)] == ["start"]  # zh menu deleted


async def test_privacy_mode_hides_plain_group_messages_until_the_bot_is_admin(emu: EmulatorServer) -> None:
    received: list[str] = []
    arrived: asyncio.Queue[str] = asyncio.Queue()

    async def record(update: Update, context: Ctx) -> None:
        message = update.effective_message
        assert message is not None and message.text is not None
        received.append(message.text)
        await arrived.put(message.text)

    async def ack(update: Update, context: Ctx) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("ack")

    app = build_app(emu)
    app.add_handler(CommandHandler("ack", ack))
    app.add_handler(MessageHandler(filters.TEXT, record), group=1)
    agent = await emu.create_user("Agent")
    group = await emu.create_group("Agents", members=[agent])
    async with polling(app):
        plain = await emu.send_user_message(group, agent, "customer is angry")
        mention = await emu.send_user_message(group, agent, "@clear_test_bot look at this")
        assert await asyncio.wait_for(arrived.get(), 5) == mention.text
        await emu.send_user_message(group, agent, "/ack@clear_test_bot")
        bot_msg = await emu.wait_for_message(group, text_contains="ack")
        await emu.send_user_message(group, agent, "/other@someone_else_bot")
        reply = await emu.send_user_message(group, agent, "thanks", reply_to=bot_msg.message_id)
        assert await asyncio.wait_for(arrived.get(), 5) == "/ack@clear_test_bot"
        assert await asyncio.wait_for(arrived.get(), 5) == "thanks"
        await emu.set_bot_status(group, "administrator")
        await emu.send_user_message(group, agent, "now you see everything")
        assert await asyncio.wait_for(arrived.get(), 5) == "now you see everything"
    assert not plain.delivered and mention.delivered and reply.delivered
    assert received == [
        "@clear_test_bot look at this",
        "/ack@clear_test_bot",
        "thanks",
        "now you see everything",
    ]


async def test_bot_checks_its_own_rights_with_get_me_and_get_chat_member(emu: EmulatorServer) -> None:
    owner = await emu.create_user("Boss")
    agent = await emu.create_user("Agent")
    stranger = await emu.create_user("Stranger")
    group = await emu.create_group("Agents", owner=owner, members=[agent], bot_status="administrator")
    app = build_app(emu)
    async with app:
        me = await app.bot.get_me()
        bot_member = await app.bot.get_chat_member(group.id, me.id)
        admins = await app.bot.get_chat_administrators(group.id)
        absent = await app.bot.get_chat_member(group.id, stranger.id)
        info = await app.bot.get_chat(group.id)
        count = await app.bot.get_chat_member_count(group.id)
        with pytest.raises(BadRequest, match=r"(?i)chat not found"):
            await app.bot.get_chat(-42)
    assert me.can_read_all_group_messages is False and me.username == "clear_test_bot"
    assert isinstance(bot_member, ChatMemberAdministrator)
    assert isinstance(admins[0], ChatMemberOwner) and admins[0].user.id == owner.id
    assert {a.user.id for a in admins} == {owner.id, me.id}
    assert isinstance(absent, ChatMemberLeft)
    assert isinstance(info, ChatFullInfo) and info.title == "Agents" and info.type == "supergroup"
    assert count == 3


async def test_forum_topic_messages_keep_their_thread(emu: EmulatorServer) -> None:
    seen: asyncio.Queue[Message] = asyncio.Queue()

    async def answer(update: Update, context: Ctx) -> None:
        message = update.effective_message
        assert message is not None
        await seen.put(message)
        await message.reply_text("on it")

    app = build_app(emu)
    app.add_handler(MessageHandler(filters.TEXT, answer))
    agent = await emu.create_user()
    forum = await emu.create_group("Desk", forum=True, members=[agent], bot_privacy=False)
    topic = await emu.create_topic(forum, "Refunds", by=agent)
    async with polling(app):
        await emu.send_user_message(forum, agent, "order 1182 is late", thread_id=topic.thread_id)
        incoming = await asyncio.wait_for(seen.get(), 5)
        reply = await emu.wait_for_message(forum)
        with pytest.raises(BadRequest, match=r"(?i)message thread not found"):
            await app.bot.send_message(forum.id, "lost", message_thread_id=999)
    assert incoming.message_thread_id == topic.thread_id and incoming.is_topic_message
    # Telegram links topic messages to the topic's creation message
    assert incoming.reply_to_message is not None and incoming.reply_to_message.forum_topic_created is not None
    assert reply.thread_id == topic.thread_id and reply.is_topic_message


async def test_sending_limits_html_callback_data_and_length(emu: EmulatorServer) -> None:
    user = await emu.create_user()
    await emu.open_private_chat(user)
    app = build_app(emu)
    async with app:
        bot = app.bot
        with pytest.raises(
            BadRequest, match=r"(?i)can't parse entities: Unsupported start tag \"br\" at byte offset 6"
        ):
            await bot.send_message(user.id, "line 1<br/>line 2", parse_mode="HTML")
        with pytest.raises(BadRequest, match=r"(?i)Can.t find end tag corresponding to start tag \"b\""):
            await bot.send_message(user.id, "<b>unclosed", parse_mode="HTML")
        with pytest.raises(BadRequest, match=r"(?i)Character '.' is reserved"):
            await bot.send_message(user.id, "Done.", parse_mode="MarkdownV2")
        too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="退" * 22)]])  # 66 bytes
        with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
            await bot.send_message(user.id, "pick", reply_markup=too_long)
        just_fits = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="a" * 64)]])
        await bot.send_message(user.id, "pick", reply_markup=just_fits)
        with pytest.raises(BadRequest, match=r"(?i)message is too long"):
            await bot.send_message(user.id, "字" * 4097)
        await bot.send_message(
            user.id, "<i>" + "字" * 4096 + "</i>", parse_mode="HTML"
        )  # length counts after parsing
        with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
            await bot.send_message(user.id, "<b> </b>", parse_mode="HTML")
        sent = await bot.send_message(user.id, "same")
        with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
            await sent.edit_text("same")
    assert len(emu.bot_messages(user)) == 3


async def test_who_the_bot_may_write_to(emu: EmulatorServer) -> None:
    never_started = await emu.create_user("Quiet")
    blocker = await emu.create_user("Blocker")
    await emu.open_private_chat(blocker)
    left_group = await emu.create_group("Old team", members=[blocker], bot_status="left")
    basic = await emu.create_group("Basic", supergroup=False, members=[blocker])
    app = build_app(emu)
    async with app:
        with pytest.raises(Forbidden, match=r"(?i)bot can't initiate conversation with a user"):
            await app.bot.send_message(never_started.id, "hello")
        await emu.block_bot(blocker)
        with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
            await app.bot.send_message(blocker.id, "hello")
        with pytest.raises(Forbidden, match=r"(?i)bot is not a member of the supergroup chat"):
            await app.bot.send_message(left_group.id, "hello")
        upgraded = await emu.migrate_to_supergroup(basic)
        with pytest.raises(ChatMigrated) as migrated:
            await app.bot.send_message(basic.id, "hello")
    assert migrated.value.new_chat_id == upgraded.id
    kinds = [next(k for k in u if k != "update_id") for u in emu.pending_updates()]
    assert "my_chat_member" in kinds  # the block, for a bot that polls


async def test_webhook_mode_application_receives_updates_with_the_secret(emu: EmulatorServer) -> None:
    async def start(update: Update, context: Ctx) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("hello over webhook")

    app = build_app(emu)
    app.add_handler(CommandHandler("start", start))
    port = free_port()
    user = await emu.create_user()
    async with app:
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="hook",
            webhook_url=f"http://127.0.0.1:{port}/hook",
            secret_token="s3cret-token",
        )
        await app.start()
        try:
            await emu.send_user_message(user, user, "/start")
            reply = await emu.wait_for_message(user)
            with pytest.raises(Conflict, match=r"(?i)webhook is active"):
                await app.bot.get_updates()
        finally:
            await app.updater.stop()
            await app.stop()
    assert reply.text == "hello over webhook"
    assert emu.webhook_deliveries()[0].status == 200
    hook = emu.calls("setWebhook")[0].params
    assert hook["secret_token"] == "s3cret-token"
