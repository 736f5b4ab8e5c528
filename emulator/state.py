"""Everything the emulated Telegram knows: users, chats, messages, pending updates, bot settings.

One :class:`EmulatorState` per emulator. The Bot API handlers and the control API both mutate it;
every mutation calls :meth:`EmulatorState.notify`, which wakes long polls, the webhook sender and
tests waiting for the bot (one replaced ``asyncio.Event``, no busy polling).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import TypeVar

from .models import (
    DEFAULT_EXCLUDED_UPDATES,
    BotAction,
    BotProfile,
    CallbackQueryRecord,
    CallRecord,
    Chat,
    ChatActionRecord,
    Fault,
    Member,
    MessageRecord,
    User,
    WebhookConfig,
    WebhookDelivery,
)

T = TypeVar("T")
ChatRef = int | Chat
UserRef = int | User


class EmulatorState:
    """The emulated Telegram, for one bot token."""

    def __init__(
        self,
        *,
        token: str,
        bot_username: str = "clear_test_bot",
        bot_first_name: str = "Clear Test Bot",
        privacy: bool = True,
        now_s: Callable[[], float] | None = None,
        first_update_id: int = 1,
    ) -> None:
        self.token = token
        self.bot = BotProfile(
            id=int(token.split(":", 1)[0]), first_name=bot_first_name, username=bot_username, privacy=privacy
        )
        self._now_s = now_s or time.time
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], MessageRecord] = {}
        self.updates: list[dict[str, object]] = []
        self.next_update_id = first_update_id
        self.callback_queries: dict[str, CallbackQueryRecord] = {}
        self._next_callback_id = 4_000_000_001
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.webhook: WebhookConfig | None = None
        self.allowed_updates: list[str] | None = None
        self.faults: list[Fault] = []
        self.calls: list[CallRecord] = []
        self.actions: list[BotAction] = []
        self.chat_actions: list[ChatActionRecord] = []
        self.webhook_deliveries: list[WebhookDelivery] = []
        self.poll_generation = 0
        # Generation of the getUpdates call currently waiting for updates, if any.
        self.waiting_poll: int | None = None
        self.closing = False
        self._next_user_id = 1001
        self._next_group_id = 2001
        self._changed = asyncio.Event()

    # -- time and waking -------------------------------------------------------------------------

    def now(self) -> int:
        """Unix seconds for message dates."""
        return int(self._now_s())

    def notify(self) -> None:
        """Wake everyone waiting for a change."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_changed(self, timeout_s: float) -> None:
        """Return at the next change or after ``timeout_s``, whichever comes first."""
        if timeout_s <= 0:
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), timeout_s)

    async def wait_for(self, check: Callable[[], T | None], timeout_s: float) -> T | None:
        """Re-run ``check`` after every change until it returns something or time runs out."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout_s
        while True:
            found = check()
            if found is not None:
                return found
            remaining = deadline - loop.time()
            if remaining <= 0:
                return None
            await self.wait_changed(remaining)

    # -- users and chats -------------------------------------------------------------------------

    def new_user_id(self) -> int:
        while self._next_user_id in self.users or self._next_user_id == self.bot.id:
            self._next_user_id += 1
        return self._next_user_id

    def new_group_id(self, supergroup: bool) -> int:
        while True:
            n = self._next_group_id
            self._next_group_id += 1
            chat_id = -(1_000_000_000_000 + n) if supergroup else -n
            if chat_id not in self.chats:
                return chat_id

    def user(self, ref: UserRef) -> User:
        user_id = ref.id if isinstance(ref, User) else ref
        if user_id == self.bot.id:
            return self.bot
        try:
            return self.users[user_id]
        except KeyError:
            raise KeyError(f"no user {user_id} in the emulator; create it first") from None

    def chat(self, ref: ChatRef | User) -> Chat:
        chat_id = ref if isinstance(ref, int) else ref.id
        try:
            return self.chats[chat_id]
        except KeyError:
            raise KeyError(f"no chat {chat_id} in the emulator; create it first") from None

    def find_chat(self, ref: int | str) -> Chat | None:
        """A chat by id or public ``@username``, as the Bot API resolves ``chat_id``."""
        if isinstance(ref, int):
            return self.chats.get(ref)
        wanted = ref.removeprefix("@").lower()
        for chat in self.chats.values():
            if chat.username and chat.username.lower() == wanted:
                return chat
        return None

    def bot_member(self, chat: Chat) -> Member:
        """The bot's standing in a chat; private chats count as membership."""
        if chat.type == "private":
            return Member(user_id=self.bot.id, status="kicked" if chat.bot_blocked else "member")
        return chat.members.get(self.bot.id, Member(user_id=self.bot.id, status="left"))

    def bot_is_admin(self, chat: Chat) -> bool:
        return self.bot_member(chat).is_admin

    # -- messages --------------------------------------------------------------------------------

    def next_message_id(self, chat: Chat) -> int:
        message_id = chat.next_message_id
        chat.next_message_id += 1
        return message_id

    def message(self, chat_id: int, message_id: int) -> MessageRecord | None:
        """A live (not deleted) message."""
        found = self.messages.get((chat_id, message_id))
        return None if found is None or found.deleted else found

    def store(self, message: MessageRecord) -> MessageRecord:
        self.messages[(message.chat_id, message.message_id)] = message
        self.notify()
        return message

    def chat_messages(self, chat_id: int) -> list[MessageRecord]:
        return sorted(
            (m for (cid, _), m in self.messages.items() if cid == chat_id), key=lambda m: m.message_id
        )

    def message_json(self, message: MessageRecord, *, nested: bool = False) -> dict[str, object]:
        """The Bot API ``Message`` object for a stored message."""
        chat = self.chats[message.chat_id]
        data: dict[str, object] = {"message_id": message.message_id}
        if message.thread_id is not None:
            data["message_thread_id"] = message.thread_id
        sender = self.bot if message.from_bot else self.users.get(message.sender_id)
        if sender is not None:
            data["from"] = sender.to_api()
        data["date"] = message.date
        data["chat"] = chat.to_api()
        if message.forward_origin is not None:
            data["forward_origin"] = message.forward_origin
        if message.is_topic_message:
            data["is_topic_message"] = True
        if not nested:
            reply_id = message.reply_to_message_id
            if reply_id is None and message.is_topic_message and message.thread_id != message.message_id:
                # Telegram makes every topic message a reply to the topic's creation message.
                reply_id = message.thread_id
            target = self.messages.get((message.chat_id, reply_id)) if reply_id is not None else None
            if target is not None:
                data["reply_to_message"] = self.message_json(target, nested=True)
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        if message.text is not None:
            data["text"] = message.text
            if message.entities:
                data["entities"] = message.entities
        data.update(message.extra)
        if message.reply_markup is not None and "inline_keyboard" in message.reply_markup:
            data["reply_markup"] = message.reply_markup
        return data

    def record_action(self, kind: str, method: str, message: MessageRecord) -> BotAction:
        action = BotAction.model_validate(
            {
                "seq": len(self.actions) + 1,
                "kind": kind,
                "method": method,
                "message": message.model_copy(deep=True),
            }
        )
        self.actions.append(action)
        self.notify()
        return action

    # -- updates ---------------------------------------------------------------------------------

    def update_allowed(self, kind: str) -> bool:
        allowed = self.webhook.allowed_updates if self.webhook is not None else self.allowed_updates
        if not allowed:
            return kind not in DEFAULT_EXCLUDED_UPDATES
        return kind in allowed

    def enqueue(self, kind: str, payload: dict[str, object]) -> dict[str, object] | None:
        """Queue an update for the bot unless its allowed_updates filter drops it."""
        if not self.update_allowed(kind):
            return None
        update: dict[str, object] = {"update_id": self.next_update_id, kind: payload}
        self.next_update_id += 1
        self.updates.append(update)
        self.notify()
        return update

    def confirm_updates(self, offset: int) -> None:
        """Forget updates before ``offset``; a negative offset keeps only the last ``-offset``."""
        if offset > 0:
            self.updates = [u for u in self.updates if _update_id(u) >= offset]
        elif offset < 0:
            self.updates = self.updates[offset:]

    def new_callback_id(self) -> str:
        query_id = str(self._next_callback_id)
        self._next_callback_id += 1
        return query_id

    # -- faults and call log ---------------------------------------------------------------------

    def take_fault(self, method: str) -> Fault | None:
        """The first fault armed for ``method`` (case-insensitive), using up one of its ``times``."""
        wanted = method.lower()
        for fault in self.faults:
            if fault.method.lower() != wanted:
                continue
            if fault.times is not None:
                fault.times -= 1
                if fault.times <= 0:
                    self.faults.remove(fault)
            return fault.model_copy()
        return None

    def log_call(self, record: CallRecord) -> None:
        self.calls.append(record)
        self.notify()

    def record_chat_action(self, record: ChatActionRecord) -> None:
        self.chat_actions.append(record)
        self.notify()


def _update_id(update: dict[str, object]) -> int:
    value = update["update_id"]
    assert isinstance(value, int)
    return value
