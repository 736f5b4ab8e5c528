"""The Bot API methods the emulator answers, each checking its input the way Telegram does."""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Awaitable, Callable
from urllib.parse import urlparse

from .commands import as_chat_ref, scope_key
from .entities import Entity
from .errors import ApiError, bad_request, conflict, forbidden
from .formatting import ParseError, parse_text
from .keyboards import validate_reply_markup
from .members import member_json
from .models import CallbackAnswer, Chat, ChatActionRecord, Member, MessageRecord, WebhookConfig
from .params import Params
from .state import EmulatorState
from .topics import open_topic
from .webhook import WebhookSender

Handler = Callable[[Params], Awaitable[object]]

MAX_TEXT_LENGTH = 4096
MAX_CALLBACK_ANSWER_LENGTH = 200
GENERAL_TOPIC_ID = 1
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same "
    "as a current content and reply markup of the message"
)
_SEND_OPTIONS = ("disable_notification", "protect_content", "link_preview_options", "message_effect_id")


class BotApi:
    """Dispatches ``<method>`` to a handler; method names are case-insensitive, as on Telegram."""

    def __init__(
        self,
        state: EmulatorState,
        webhook: WebhookSender,
        *,
        max_poll_timeout_s: float = 50.0,
        callback_answer_window_s: float = 900.0,
        allow_http_webhook: bool = True,
    ) -> None:
        self.state = state
        self.webhook = webhook
        self.max_poll_timeout_s = max_poll_timeout_s
        self.callback_answer_window_s = callback_answer_window_s
        self.allow_http_webhook = allow_http_webhook
        handlers: dict[str, Handler] = {
            "getMe": self.get_me,
            "logOut": self.ok,
            "close": self.ok,
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "deleteMessages": self.delete_messages,
            "answerCallbackQuery": self.answer_callback_query,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "getChat": self.get_chat,
            "getChatMember": self.get_chat_member,
            "getChatAdministrators": self.get_chat_administrators,
            "getChatMemberCount": self.get_chat_member_count,
            "sendChatAction": self.send_chat_action,
            "createForumTopic": self.create_forum_topic,
        }
        self.methods = {name.lower(): handler for name, handler in handlers.items()}
        self.method_names = sorted(handlers)

    def knows(self, method: str) -> bool:
        return method.lower() in self.methods

    async def call(self, method: str, params: Params) -> object:
        """Run one method; raises :class:`ApiError` on refusal."""
        handler = self.methods.get(method.lower())
        if handler is None:
            raise ApiError(404, "Not Found")
        return await handler(params)

    # -- identity and updates --------------------------------------------------------------------

    async def ok(self, p: Params) -> object:
        return True

    async def get_me(self, p: Params) -> object:
        return self.state.bot.to_api()

    async def get_updates(self, p: Params) -> object:
        state = self.state
        if state.webhook is not None:
            raise conflict(
                "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
            )
        offset = p.get_int("offset") or 0
        limit = min(max(p.get_int("limit") or 100, 1), 100)
        timeout_s = min(max(p.get_float("timeout") or 0.0, 0.0), self.max_poll_timeout_s)
        allowed = p.get_list("allowed_updates")
        if allowed is not None:
            state.allowed_updates = [str(kind) for kind in allowed] or None
        # A newer request always wins: the one still waiting is answered with 409, like Telegram.
        state.poll_generation += 1
        generation = state.poll_generation
        state.notify()
        state.confirm_updates(offset)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        try:
            while True:
                if generation != state.poll_generation:
                    raise conflict(
                        "terminated by other getUpdates request; make sure that only one bot instance is running"
                    )
                if state.webhook is not None:
                    raise conflict(
                        "can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
                    )
                batch = [u for u in state.updates if offset <= 0 or _id_of(u) >= offset][:limit]
                remaining = deadline - loop.time()
                if batch or remaining <= 0 or state.closing:
                    return batch
                if state.waiting_poll != generation:
                    state.waiting_poll = generation
                    state.notify()
                await state.wait_changed(remaining)
        finally:
            if state.waiting_poll == generation:
                state.waiting_poll = None

    async def set_webhook(self, p: Params) -> object:
        url = p.get_str("url") or ""
        if not url:
            return await self.delete_webhook(p)
        parsed = urlparse(url)
        allowed_schemes = ("https", "http") if self.allow_http_webhook else ("https",)
        if parsed.scheme not in allowed_schemes:
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if not parsed.hostname:
            raise bad_request("bad webhook: Failed to resolve host: Name or service not known")
        secret = p.get_str("secret_token")
        if secret is not None and not _SECRET_RE.fullmatch(secret):
            raise bad_request("secret token contains unallowed characters")
        max_connections = p.get_int("max_connections") or 40
        if not 1 <= max_connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        allowed = p.get_list("allowed_updates")
        if p.get_bool("drop_pending_updates"):
            self.state.updates.clear()
        self.state.webhook = WebhookConfig(
            url=url,
            secret_token=secret,
            max_connections=max_connections,
            allowed_updates=[str(kind) for kind in allowed] if allowed else None,
            ip_address=p.get_str("ip_address"),
            has_custom_certificate=p.has("certificate"),
        )
        self.state.notify()
        self.webhook.start()
        return True

    async def delete_webhook(self, p: Params) -> object:
        if p.get_bool("drop_pending_updates"):
            self.state.updates.clear()
        self.state.webhook = None
        self.state.notify()
        await self.webhook.stop()
        return True

    async def get_webhook_info(self, p: Params) -> object:
        config = self.state.webhook
        info: dict[str, object] = {
            "url": config.url if config else "",
            "has_custom_certificate": bool(config and config.has_custom_certificate),
            "pending_update_count": len(self.state.updates),
        }
        if config is not None:
            info["max_connections"] = config.max_connections
            if config.ip_address:
                info["ip_address"] = config.ip_address
            if config.allowed_updates:
                info["allowed_updates"] = config.allowed_updates
            if config.last_error_date is not None:
                info["last_error_date"] = config.last_error_date
                info["last_error_message"] = config.last_error_message
        return info

    # -- messages --------------------------------------------------------------------------------

    async def send_message(self, p: Params) -> object:
        state = self.state
        chat = self._sendable_chat(p)
        thread_id = self._thread_id(chat, p.get_int("message_thread_id"))
        reply_to, thread_id = self._reply_target(chat, p, thread_id)
        text, entities, raw, parse_mode = self._text(p)
        markup = self._markup(p)
        message = MessageRecord(
            message_id=state.next_message_id(chat),
            chat_id=chat.id,
            sender_id=state.bot.id,
            from_bot=True,
            date=state.now(),
            text=text,
            entities=[e.to_api() for e in entities],
            raw_text=raw,
            parse_mode=parse_mode,
            reply_markup=markup,
            thread_id=thread_id,
            is_topic_message=thread_id is not None,
            reply_to_message_id=reply_to,
            options={name: p.raw[name] for name in _SEND_OPTIONS if p.has(name)},
        )
        chat.last_bot_sender_id = state.bot.id
        state.store(message)
        state.record_action("send", "sendMessage", message)
        return state.message_json(message)

    async def edit_message_text(self, p: Params) -> object:
        _chat, message = self._own_message(p)
        if message.text is None:
            raise bad_request("there is no text in the message to edit")
        text, entities, raw, parse_mode = self._text(p)
        # Telegram drops the inline keyboard when editMessageText is called without one.
        markup = self._markup(p)
        entity_dicts = [e.to_api() for e in entities]
        if text == message.text and entity_dicts == message.entities and markup == message.reply_markup:
            raise bad_request(_NOT_MODIFIED)
        message.text, message.entities, message.raw_text, message.parse_mode = (
            text,
            entity_dicts,
            raw,
            parse_mode,
        )
        message.reply_markup = markup
        return self._edited(message, "editMessageText")

    async def edit_message_reply_markup(self, p: Params) -> object:
        _, message = self._own_message(p)
        markup = self._markup(p)
        if markup == message.reply_markup:
            raise bad_request(_NOT_MODIFIED)
        message.reply_markup = markup
        return self._edited(message, "editMessageReplyMarkup")

    async def delete_message(self, p: Params) -> object:
        chat = self._chat(p)
        self._delete(chat, p.require_int("message_id"))
        return True

    async def delete_messages(self, p: Params) -> object:
        chat = self._chat(p)
        ids = p.get_list("message_ids") or []
        if not 1 <= len(ids) <= 100:
            raise bad_request("message_ids must contain 1-100 identifiers")
        for message_id in ids:
            # deleteMessages skips what it can't delete instead of failing the batch
            if isinstance(message_id, int):
                with contextlib.suppress(ApiError):
                    self._delete(chat, message_id)
        return True

    async def answer_callback_query(self, p: Params) -> object:
        state = self.state
        query = state.callback_queries.get(p.require_str("callback_query_id"))
        loop = asyncio.get_running_loop()
        if (
            query is None
            or query.answer is not None
            or loop.time() - query.created_s > self.callback_answer_window_s
        ):
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        text = p.get_str("text")
        if text is not None and len(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answer = CallbackAnswer(
            text=text,
            show_alert=p.get_bool("show_alert"),
            url=p.get_str("url"),
            cache_time=p.get_int("cache_time") or 0,
        )
        state.notify()
        return True

    async def send_chat_action(self, p: Params) -> object:
        chat = self._sendable_chat(p)
        action = p.require_str("action")
        if action not in CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        thread_id = self._thread_id(chat, p.get_int("message_thread_id"))
        self.state.record_chat_action(ChatActionRecord(chat_id=chat.id, action=action, thread_id=thread_id))
        return True

    # -- commands --------------------------------------------------------------------------------

    async def set_my_commands(self, p: Params) -> object:
        commands = p.get_list("commands")
        if commands is None:
            raise bad_request("commands is empty")
        if len(commands) > 100:
            raise bad_request("too many commands")
        cleaned: list[dict[str, str]] = []
        for item in commands:
            if not isinstance(item, dict):
                raise bad_request("can't parse BotCommand: object expected")
            command = str(item.get("command", "")).removeprefix("/")
            description = str(item.get("description", ""))
            if not _COMMAND_RE.fullmatch(command):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(description) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": command, "description": description})
        key = self._commands_key(p)
        if cleaned:
            self.state.commands[key] = cleaned
        else:
            self.state.commands.pop(key, None)
        self.state.notify()
        return True

    async def get_my_commands(self, p: Params) -> object:
        return list(self.state.commands.get(self._commands_key(p), []))

    async def delete_my_commands(self, p: Params) -> object:
        self.state.commands.pop(self._commands_key(p), None)
        self.state.notify()
        return True

    def _commands_key(self, p: Params) -> tuple[str, str]:
        language = p.get_str("language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("LANGUAGE_CODE_INVALID")
        return scope_key(self.state, p.get_object("scope")), language

    # -- chats -----------------------------------------------------------------------------------

    async def get_chat(self, p: Params) -> object:
        chat = self._chat(p)
        info = chat.to_api()
        info.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        return info

    async def get_chat_member(self, p: Params) -> object:
        chat = self._chat(p)
        user_id = p.require_int("user_id")
        if user_id != self.state.bot.id and user_id not in self.state.users:
            raise bad_request("PARTICIPANT_ID_INVALID")
        if chat.type == "private":
            if user_id == self.state.bot.id:
                return member_json(self.state, self.state.bot_member(chat))
            status = "member" if user_id == chat.id else "left"
            return member_json(self.state, Member(user_id=user_id, status=status))
        if user_id == self.state.bot.id:
            return member_json(self.state, self.state.bot_member(chat))
        return member_json(self.state, chat.members.get(user_id, Member(user_id=user_id, status="left")))

    async def get_chat_administrators(self, p: Params) -> object:
        chat = self._chat(p)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        admins = sorted(
            (m for m in chat.members.values() if m.is_admin), key=lambda m: (m.status != "creator", m.user_id)
        )
        return [member_json(self.state, m) for m in admins]

    async def get_chat_member_count(self, p: Params) -> object:
        chat = self._chat(p)
        if chat.type == "private":
            return 2
        return sum(1 for m in chat.members.values() if m.is_present)

    async def create_forum_topic(self, p: Params) -> object:
        chat = self._sendable_chat(p)
        if not chat.is_forum:
            raise bad_request("the chat is not a forum")
        if not self.state.bot_is_admin(chat):
            raise bad_request("not enough rights to create a topic")
        name = p.require_str("name")
        if not 1 <= len(name) <= 128:
            raise bad_request("TOPIC_TITLE_EMPTY" if not name else "TOPIC_TITLE_TOO_LONG")
        topic = open_topic(self.state, chat, name, self.state.bot.id, icon_color=p.get_int("icon_color"))
        return {"message_thread_id": topic.thread_id, "name": topic.name, "icon_color": topic.icon_color}

    # -- shared checks ---------------------------------------------------------------------------

    def _chat(self, p: Params) -> Chat:
        chat = self.state.find_chat(p.chat_ref())
        if chat is None:
            raise bad_request("chat not found")
        if chat.migrated_to_chat_id is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=chat.migrated_to_chat_id,
            )
        return chat

    def _sendable_chat(self, p: Params) -> Chat:
        ref = p.chat_ref()
        if isinstance(ref, int) and ref in self.state.users and ref not in self.state.chats:
            # a user the bot knows (from a group) but who never opened a private chat with it
            raise forbidden("bot can't initiate conversation with a user")
        chat = self._chat(p)
        if chat.type == "private":
            if chat.bot_blocked:
                raise forbidden("bot was blocked by the user")
            if not chat.bot_started:
                raise forbidden("bot can't initiate conversation with a user")
            return chat
        status = self.state.bot_member(chat).status
        kind = "supergroup chat" if chat.type == "supergroup" else "group chat"
        if status == "kicked":
            raise forbidden(f"bot was kicked from the {kind}")
        if status == "left":
            raise forbidden(f"bot is not a member of the {kind}")
        return chat

    def _thread_id(self, chat: Chat, thread_id: int | None) -> int | None:
        """The topic a message goes to; ``None`` for the General topic and for chats without topics."""
        if thread_id is None or not chat.is_forum or thread_id == GENERAL_TOPIC_ID:
            return None
        topic = chat.topics.get(thread_id)
        if topic is None:
            raise bad_request("message thread not found")
        if topic.closed and not self.state.bot_is_admin(chat):
            raise bad_request("TOPIC_CLOSED")
        return thread_id

    def _reply_target(self, chat: Chat, p: Params, thread_id: int | None) -> tuple[int | None, int | None]:
        reply = p.get_object("reply_parameters") or {}
        if not reply and p.has("reply_to_message_id"):
            reply = {
                "message_id": p.get_int("reply_to_message_id"),
                "allow_sending_without_reply": p.get_bool("allow_sending_without_reply"),
            }
        if not reply:
            return None, thread_id
        message_id = reply.get("message_id")
        target_chat = chat
        if reply.get("chat_id") not in (None, chat.id, chat.username and f"@{chat.username}"):
            other = self.state.find_chat(as_chat_ref(reply.get("chat_id")))
            if other is None:
                raise bad_request("chat not found")
            target_chat = other
        target = self.state.message(target_chat.id, message_id) if isinstance(message_id, int) else None
        if target is None:
            if reply.get("allow_sending_without_reply") is True:
                return None, thread_id
            raise bad_request("message to be replied not found")
        if target_chat.id != chat.id:
            return None, thread_id  # replies to other chats are quotes; not modelled beyond acceptance
        if thread_id is None and target.thread_id is not None:
            thread_id = target.thread_id  # a reply lands in the replied message's topic
        return target.message_id, thread_id

    def _text(self, p: Params) -> tuple[str, list[Entity], str, str | None]:
        raw = p.get_str("text")
        if raw is None or not raw.strip():
            raise bad_request("message text is empty")
        parse_mode = p.get_str("parse_mode") or None
        if parse_mode is not None and parse_mode.lower() not in ("html", "markdown", "markdownv2"):
            raise bad_request(f"unsupported parse_mode {parse_mode}")
        explicit = p.get_list("entities")
        try:
            text, entities = parse_text(raw, None if explicit else parse_mode)
        except ParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
        if explicit:
            entities = [_entity(item) for item in explicit]
        if not text.strip():
            raise bad_request("message text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise bad_request("message is too long")
        return text, entities, raw, parse_mode

    def _markup(self, p: Params) -> dict[str, object] | None:
        markup = p.get_object("reply_markup")
        if markup is not None:
            validate_reply_markup(markup)
        return markup

    def _own_message(self, p: Params) -> tuple[Chat, MessageRecord]:
        if p.has("inline_message_id"):
            raise bad_request("MESSAGE_ID_INVALID")
        chat = self._chat(p)
        message = self.state.message(chat.id, p.require_int("message_id"))
        if message is None:
            raise bad_request("message to edit not found")
        if not message.from_bot:
            raise bad_request("message can't be edited")
        return chat, message

    def _edited(self, message: MessageRecord, method: str) -> object:
        message.edit_date = self.state.now()
        self.state.notify()
        self.state.record_action("edit", method, message)
        return self.state.message_json(message)

    def _delete(self, chat: Chat, message_id: int) -> None:
        message = self.state.message(chat.id, message_id)
        if message is None:
            raise bad_request("message to delete not found")
        allowed = message.from_bot or chat.type == "private" or self.state.bot_is_admin(chat)
        if not allowed:
            raise bad_request("message can't be deleted")
        message.deleted = True
        self.state.record_action("delete", "deleteMessage", message)


def _entity(item: object) -> Entity:
    if not isinstance(item, dict):
        raise bad_request("can't parse MessageEntity: object expected")
    try:
        return Entity.model_validate(item)
    except ValueError:
        raise bad_request("can't parse MessageEntity") from None


def _id_of(update: dict[str, object]) -> int:
    value = update["update_id"]
    assert isinstance(value, int)
    return value
