"""The control API: what tests and the console use to play users and watch the bot.

Setup and user input are ``async`` (they enqueue updates and wake the bot's long poll); reads and
fault switches are plain methods. Waiting is event driven: every state change wakes waiters.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Literal

from .commands import scope_key
from .delivery import bot_receives
from .entities import Entity, detect_entities
from .errors import ApiError, generic_error, too_many_requests
from .members import member_json
from .models import (
    BotAction,
    CallbackAnswer,
    CallbackQueryRecord,
    CallRecord,
    Chat,
    ChatActionRecord,
    Fault,
    Member,
    MemberStatus,
    MessageRecord,
    Topic,
    User,
    WebhookConfig,
    WebhookDelivery,
)
from .state import ChatRef, EmulatorState, UserRef
from .topics import open_topic

MessagePredicate = Callable[[MessageRecord], bool]
DEFAULT_WAIT_S = 5.0


class Control:
    """Drive the emulated Telegram from the user's side and inspect what the bot did."""

    def __init__(self, state: EmulatorState) -> None:
        self.state = state
        # Bot actions up to here happened before the latest user input; waits start after it.
        self._input_mark = 0

    @property
    def token(self) -> str:
        return self.state.token

    @property
    def bot(self) -> User:
        return self.state.bot

    # -- setup -----------------------------------------------------------------------------------

    async def create_user(
        self,
        first_name: str = "Alice",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        user_id: int | None = None,
        is_bot: bool = False,
        is_premium: bool | None = None,
    ) -> User:
        """A new user (or another bot, with ``is_bot=True``)."""
        state = self.state
        new_id = user_id if user_id is not None else state.new_user_id()
        if new_id in state.users or new_id == state.bot.id:
            raise ValueError(f"user id {new_id} is taken")
        user = User(
            id=new_id,
            first_name=first_name,
            last_name=last_name,
            username=username,
            language_code=language_code,
            is_bot=is_bot,
            is_premium=is_premium,
        )
        state.users[new_id] = user
        state.notify()
        return user.model_copy()

    async def open_private_chat(self, user: UserRef) -> Chat:
        """The user's private chat with the bot, as if they pressed Start (no message is sent)."""
        chat = self._private_chat(self.state.user(user))
        chat.bot_started = True
        self.state.notify()
        return chat.model_copy(deep=True)

    async def create_group(
        self,
        title: str = "Support team",
        *,
        members: Sequence[UserRef] = (),
        admins: Sequence[UserRef] = (),
        owner: UserRef | None = None,
        supergroup: bool = True,
        forum: bool = False,
        username: str | None = None,
        bot_status: Literal["member", "administrator", "left"] = "member",
        bot_privacy: bool | None = None,
        chat_id: int | None = None,
    ) -> Chat:
        """A group or supergroup (optionally a forum) with the bot already in it (``bot_status``).

        ``bot_privacy`` defaults to the bot's BotFather setting at creation, as Telegram fixes the
        privacy mode per group when the bot joins.
        """
        state = self.state
        if forum and not supergroup:
            raise ValueError("only supergroups can be forums")
        new_id = chat_id if chat_id is not None else state.new_group_id(supergroup)
        if new_id in state.chats:
            raise ValueError(f"chat id {new_id} is taken")
        chat = Chat(
            id=new_id,
            type="supergroup" if supergroup else "group",
            title=title,
            username=username,
            is_forum=forum,
            # id 1 belongs to the General topic in forums
            next_message_id=2 if forum else 1,
            bot_privacy=state.bot.privacy if bot_privacy is None else bot_privacy,
        )
        owner_user = state.user(owner) if owner is not None else None
        if owner_user is not None:
            chat.members[owner_user.id] = Member(user_id=owner_user.id, status="creator")
        for ref in members:
            user = state.user(ref)
            chat.members.setdefault(user.id, Member(user_id=user.id))
        for ref in admins:
            user = state.user(ref)
            if chat.members.get(user.id, Member(user_id=user.id)).status != "creator":
                chat.members[user.id] = Member(user_id=user.id, status="administrator")
        if bot_status != "left":
            chat.members[state.bot.id] = Member(user_id=state.bot.id, status=bot_status)
        state.chats[new_id] = chat
        state.notify()
        return chat.model_copy(deep=True)

    async def create_topic(
        self, chat: ChatRef, name: str, *, by: UserRef | None = None, icon_color: int | None = None
    ) -> Topic:
        """A forum topic, announced by a ``forum_topic_created`` service message."""
        target = self.state.chat(chat)
        if not target.is_forum:
            raise ValueError(f"chat {target.id} is not a forum")
        creator = self.state.user(by).id if by is not None else self._some_member(target)
        topic = open_topic(self.state, target, name, creator, icon_color=icon_color)
        return topic.model_copy()

    async def close_topic(self, chat: ChatRef, thread_id: int, *, closed: bool = True) -> None:
        """Close (or reopen) a topic; only admins may post in a closed topic."""
        target = self.state.chat(chat)
        target.topics[thread_id].closed = closed
        self.state.notify()

    async def add_member(self, chat: ChatRef, user: UserRef, *, status: MemberStatus = "member") -> None:
        """Put a user in a group, announced with a ``new_chat_members`` service message."""
        state = self.state
        target, person = state.chat(chat), state.user(user)
        target.members[person.id] = Member(user_id=person.id, status=status)
        service = MessageRecord(
            message_id=state.next_message_id(target),
            chat_id=target.id,
            sender_id=person.id,
            from_bot=False,
            date=state.now(),
            extra={"new_chat_members": [person.to_api()]},
        )
        self._deliver(target, service, [])

    async def set_admin(self, chat: ChatRef, user: UserRef, admin: bool = True) -> None:
        """Promote or demote a user (the bot uses :meth:`set_bot_status`)."""
        target, person = self.state.chat(chat), self.state.user(user)
        current = target.members.get(person.id)
        if current is not None and current.status == "creator":
            raise ValueError("the owner's status does not change")
        target.members[person.id] = Member(user_id=person.id, status="administrator" if admin else "member")
        self.state.notify()

    async def set_bot_status(
        self,
        chat: ChatRef,
        status: Literal["member", "administrator", "left", "kicked"],
        *,
        by: UserRef | None = None,
    ) -> None:
        """Add, promote, demote or remove the bot; the bot gets a ``my_chat_member`` update."""
        state = self.state
        target = state.chat(chat)
        if target.type == "private":
            raise ValueError("use block_bot / unblock_bot for private chats")
        old = state.bot_member(target)
        new = Member(user_id=state.bot.id, status=status)
        if status in ("left", "kicked"):
            target.members.pop(state.bot.id, None)
            if status == "kicked":
                target.members[state.bot.id] = new
        else:
            if not old.is_present:
                target.bot_privacy = state.bot.privacy  # a re-join picks up the current setting
            target.members[state.bot.id] = new
        actor = state.user(by) if by is not None else self._any_member(target)
        self._my_chat_member(target, old, new, actor)

    async def set_bot_privacy(self, privacy: bool, chat: ChatRef | None = None) -> None:
        """Privacy mode: for one group, or (no ``chat``) the BotFather setting seen in getMe."""
        if chat is None:
            self.state.bot.privacy = privacy
        else:
            self.state.chat(chat).bot_privacy = privacy
        self.state.notify()

    async def block_bot(self, user: UserRef) -> None:
        """The user blocks the bot: sends fail with 403, the bot gets ``my_chat_member`` (kicked)."""
        await self._set_blocked(user, True)

    async def unblock_bot(self, user: UserRef) -> None:
        """The user restarts the bot after blocking it."""
        await self._set_blocked(user, False)

    async def migrate_to_supergroup(self, chat: ChatRef) -> Chat:
        """Upgrade a basic group; the old id then answers with ``migrate_to_chat_id``."""
        state = self.state
        old = state.chat(chat)
        if old.type != "group":
            raise ValueError("only basic groups migrate")
        new = old.model_copy(
            deep=True, update={"id": state.new_group_id(True), "type": "supergroup", "next_message_id": 1}
        )
        state.chats[new.id] = new
        old.migrated_to_chat_id = new.id
        actor = self._some_member(old)
        for target, field, value in (
            (old, "migrate_to_chat_id", new.id),
            (new, "migrate_from_chat_id", old.id),
        ):
            service = MessageRecord(
                message_id=state.next_message_id(target),
                chat_id=target.id,
                sender_id=actor,
                from_bot=False,
                date=state.now(),
                extra={field: value},
            )
            self._deliver(target, service, [])
        return new.model_copy(deep=True)

    # -- user input ------------------------------------------------------------------------------

    async def send_user_message(
        self,
        chat: ChatRef | User,
        user: UserRef,
        text: str,
        *,
        reply_to: int | None = None,
        forward_from: User | int | str | None = None,
        thread_id: int | None = None,
        entities: Sequence[Mapping[str, object]] | None = None,
        extra: Mapping[str, object] | None = None,
    ) -> MessageRecord:
        """A user writes ``text``; the bot gets it if Telegram would deliver it (privacy mode).

        Entities (bot_command, mention, hashtag, url, email) are computed with UTF-16 offsets
        unless given. ``forward_from`` is a user (MessageOriginUser) or a name (hidden user).
        Returns the stored message; ``delivered`` says whether an update was queued.
        """
        state = self.state
        sender = state.user(user)
        target = self._chat_for_input(chat, sender)
        thread, reply_id = self._placement(target, thread_id, reply_to)
        found = (
            [Entity.model_validate(dict(e)) for e in entities]
            if entities is not None
            else detect_entities(text)
        )
        message = MessageRecord(
            message_id=state.next_message_id(target),
            chat_id=target.id,
            sender_id=sender.id,
            from_bot=False,
            date=state.now(),
            text=text,
            entities=[e.to_api() for e in found],
            raw_text=text,
            thread_id=thread,
            is_topic_message=thread is not None,
            reply_to_message_id=reply_id,
            forward_origin=self._origin(forward_from),
            extra=dict(extra or {}),
        )
        if sender.is_bot:
            target.last_bot_sender_id = sender.id
        return self._deliver(target, message, found)

    async def edit_user_message(self, chat: ChatRef | User, message_id: int, text: str) -> MessageRecord:
        """A user edits their message; the bot gets ``edited_message`` if it would see the message."""
        state = self.state
        target = state.chat(chat)
        message = state.message(target.id, message_id)
        if message is None or message.from_bot:
            raise ValueError(f"no user message {message_id} in chat {target.id}")
        found = detect_entities(text)
        message.text, message.raw_text = text, text
        message.entities = [e.to_api() for e in found]
        message.edit_date = state.now()
        self._input_mark = len(state.actions)
        if message.delivered or bot_receives(state, target, message, found):
            message.delivered = state.enqueue("edited_message", state.message_json(message)) is not None
        state.notify()
        return message.model_copy(deep=True)

    async def press_button(
        self,
        chat: ChatRef | User,
        user: UserRef,
        message_id: int,
        callback_data: str | None = None,
        *,
        button_text: str | None = None,
        strict: bool = True,
    ) -> CallbackQueryRecord:
        """A user presses an inline button (by ``callback_data`` or by label) on a bot message.

        With ``strict`` the button must be on the message's current keyboard, as in a real client.
        """
        state = self.state
        target = state.chat(chat)
        presser = state.user(user)
        message = state.message(target.id, message_id)
        if message is None or not message.from_bot:
            raise ValueError(f"no bot message {message_id} in chat {target.id}")
        if button_text is not None:
            data = message.button(button_text).get("callback_data")
            if not isinstance(data, str):
                raise ValueError(f"button {button_text!r} has no callback_data")
        elif callback_data is not None:
            data = callback_data
            if strict and data not in message.callback_data():
                raise ValueError(
                    f"message {message_id} has no button with {data!r}; it has {message.callback_data()}"
                )
        else:
            raise ValueError("give callback_data or button_text")
        if target.type == "private" and target.bot_blocked:
            raise ValueError("the user blocked the bot")
        query = CallbackQueryRecord(
            id=state.new_callback_id(),
            chat_id=target.id,
            message_id=message_id,
            user_id=presser.id,
            data=data,
            created_s=asyncio.get_running_loop().time(),
        )
        state.callback_queries[query.id] = query
        self._input_mark = len(state.actions)
        state.enqueue(
            "callback_query",
            {
                "id": query.id,
                "from": presser.to_api(),
                "message": state.message_json(message),
                "chat_instance": target.chat_instance,
                "data": data,
            },
        )
        return query.model_copy()

    # -- reading ---------------------------------------------------------------------------------

    def mark(self) -> int:
        """The current position in the bot's action log, for ``since=``."""
        return len(self.state.actions)

    def bot_messages(
        self, chat: ChatRef | User | None = None, *, include_deleted: bool = False
    ) -> list[MessageRecord]:
        """The bot's messages (current text, markup, edit state), oldest first."""
        chat_id = None if chat is None else self.state.chat(chat).id
        return [
            m.model_copy(deep=True)
            for m in sorted(self.state.messages.values(), key=lambda m: (m.chat_id, m.message_id))
            if m.from_bot and (chat_id is None or m.chat_id == chat_id) and (include_deleted or not m.deleted)
        ]

    def last_bot_message(self, chat: ChatRef | User | None = None) -> MessageRecord | None:
        """The bot's most recently sent message still present (per chat if given)."""
        sends = [a for a in self.actions(chat) if a.kind == "send"]
        for action in reversed(sends):
            current = self.state.message(action.message.chat_id, action.message.message_id)
            if current is not None:
                return current.model_copy(deep=True)
        return None

    def chat_history(self, chat: ChatRef | User) -> list[MessageRecord]:
        """Every message in a chat, users' and the bot's, deleted ones flagged."""
        return [m.model_copy(deep=True) for m in self.state.chat_messages(self.state.chat(chat).id)]

    def message(self, chat: ChatRef | User, message_id: int) -> MessageRecord | None:
        found = self.state.messages.get((self.state.chat(chat).id, message_id))
        return None if found is None else found.model_copy(deep=True)

    def actions(self, chat: ChatRef | User | None = None, *, since: int = 0) -> list[BotAction]:
        """Sends, edits and deletes by the bot, in order, after position ``since``."""
        chat_id = None if chat is None else self.state.chat(chat).id
        return [a for a in self.state.actions[since:] if chat_id is None or a.message.chat_id == chat_id]

    async def wait_for_action(
        self,
        chat: ChatRef | User | None = None,
        predicate: Callable[[BotAction], bool] | None = None,
        *,
        kinds: Iterable[str] = ("send", "edit", "delete"),
        timeout_s: float = DEFAULT_WAIT_S,
        since: int | None = None,
    ) -> BotAction:
        """The first bot action after ``since`` (default: the latest user input) that matches."""
        start = self._input_mark if since is None else since
        wanted = set(kinds)

        def check() -> BotAction | None:
            for action in self.actions(chat, since=start):
                if action.kind in wanted and (predicate is None or predicate(action)):
                    return action
            return None

        found = await self.state.wait_for(check, timeout_s)
        if found is None:
            seen = [
                f"{a.kind} {a.message.chat_id}/{a.message.message_id}: {a.message.text!r}"
                for a in self.actions(since=start)
            ]
            raise TimeoutError(
                f"no matching bot action within {timeout_s}s; the bot did: {seen or 'nothing'}"
            )
        return found

    async def wait_for_message(
        self,
        chat: ChatRef | User | None = None,
        predicate: MessagePredicate | None = None,
        *,
        text_contains: str | None = None,
        kinds: Iterable[str] = ("send", "edit"),
        timeout_s: float = DEFAULT_WAIT_S,
        since: int | None = None,
    ) -> MessageRecord:
        """The message of the first matching bot send/edit after ``since`` (default: latest user input).

        Raises ``TimeoutError`` listing what the bot did instead.
        """

        def matches(action: BotAction) -> bool:
            msg = action.message
            if text_contains is not None and text_contains not in (msg.text or ""):
                return False
            return predicate is None or predicate(msg)

        action = await self.wait_for_action(chat, matches, kinds=kinds, timeout_s=timeout_s, since=since)
        return action.message

    async def wait_for_callback_answer(
        self, query: CallbackQueryRecord | str, *, timeout_s: float = DEFAULT_WAIT_S
    ) -> CallbackAnswer:
        """The bot's answerCallbackQuery for a press."""
        query_id = query if isinstance(query, str) else query.id

        def check() -> CallbackAnswer | None:
            return self.state.callback_queries[query_id].answer

        answer = await self.state.wait_for(check, timeout_s)
        if answer is None:
            raise TimeoutError(f"callback query {query_id} not answered within {timeout_s}s")
        return answer.model_copy()

    def calls(self, method: str | None = None) -> list[CallRecord]:
        """Bot API requests, in order (``method`` is case-insensitive)."""
        return [c for c in self.state.calls if method is None or c.method.lower() == method.lower()]

    async def wait_for_call(
        self,
        method: str,
        predicate: Callable[[CallRecord], bool] | None = None,
        *,
        timeout_s: float = DEFAULT_WAIT_S,
        since: int = 0,
    ) -> CallRecord:
        """The first completed call of ``method`` with ``seq > since`` that matches."""

        def check() -> CallRecord | None:
            for call in self.calls(method):
                if call.seq > since and (predicate is None or predicate(call)):
                    return call
            return None

        found = await self.state.wait_for(check, timeout_s)
        if found is None:
            raise TimeoutError(f"no {method} call within {timeout_s}s")
        return found

    def call_mark(self) -> int:
        """The sequence number of the latest call, for ``wait_for_call(since=...)``."""
        return len(self.state.calls)

    async def wait_for_long_poll(self, *, timeout_s: float = DEFAULT_WAIT_S) -> None:
        """Until a getUpdates call is waiting for updates (the bot is idle and polling)."""
        if await self.state.wait_for(lambda: self.state.waiting_poll, timeout_s) is None:
            raise TimeoutError(f"no getUpdates call waiting within {timeout_s}s")

    def pending_updates(self) -> list[dict[str, object]]:
        """Updates queued and not yet confirmed by the bot."""
        return list(self.state.updates)

    async def wait_until_consumed(self, *, timeout_s: float = DEFAULT_WAIT_S) -> None:
        """Until the bot has confirmed every queued update (next getUpdates offset or webhook 2xx)."""
        if await self.state.wait_for(lambda: True if not self.state.updates else None, timeout_s) is None:
            raise TimeoutError(f"{len(self.state.updates)} updates still pending after {timeout_s}s")

    def chat_actions(self, chat: ChatRef | User | None = None) -> list[ChatActionRecord]:
        chat_id = None if chat is None else self.state.chat(chat).id
        return [a for a in self.state.chat_actions if chat_id is None or a.chat_id == chat_id]

    def commands(
        self, scope: Mapping[str, object] | None = None, language_code: str = ""
    ) -> list[dict[str, str]]:
        """Commands stored for exactly this scope and language (what getMyCommands returns)."""
        return list(self.state.commands.get((scope_key(self.state, dict(scope or {})), language_code), []))

    def visible_commands(
        self, chat: ChatRef | User, user: UserRef | None = None, language_code: str | None = None
    ) -> list[dict[str, str]]:
        """The command menu a user would see in a chat, resolving scopes and languages like clients do."""
        state = self.state
        chat_id = chat if isinstance(chat, int) else chat.id
        # A user's private chat need not exist yet: the menu shows before the first message.
        target = state.chats.get(chat_id) or self._private_chat_view(state.user(chat_id))
        person = state.user(user) if user is not None else None
        lang = (
            language_code if language_code is not None else (person.language_code if person else "")
        ) or ""
        lang = lang[:2].lower()
        if target.type == "private":
            scopes = [f"chat:{target.id}", "all_private_chats", "default"]
        else:
            member = target.members.get(person.id) if person else None
            is_admin = member is not None and member.is_admin
            scopes = [f"chat_member:{target.id}:{person.id}"] if person else []
            if is_admin:
                scopes.append(f"chat_administrators:{target.id}")
            scopes.append(f"chat:{target.id}")
            if is_admin:
                scopes.append("all_chat_administrators")
            scopes += ["all_group_chats", "default"]
        for scope in scopes:
            for language in [lang, ""] if lang else [""]:
                found = state.commands.get((scope, language))
                if found:
                    return list(found)
        return []

    def webhook(self) -> WebhookConfig | None:
        return None if self.state.webhook is None else self.state.webhook.model_copy()

    def webhook_deliveries(self) -> list[WebhookDelivery]:
        return list(self.state.webhook_deliveries)

    # -- fault injection -------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        error_code: int = 429,
        *,
        retry_after_s: int | None = 1,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """The next ``times`` calls of ``method`` fail; a 429 carries ``retry_after`` (PTB: RetryAfter)."""
        self._arm(
            Fault(
                method=method,
                error_code=error_code,
                description=description,
                retry_after_s=retry_after_s,
                times=times,
            )
        )

    def refuse(self, method: str, error_code: int = 400, *, description: str | None = None) -> None:
        """Every call of ``method`` fails until :meth:`allow`."""
        self._arm(
            Fault(
                method=method, error_code=error_code, description=description, retry_after_s=None, times=None
            )
        )

    def delay_next(self, method: str, delay_s: float, *, times: int = 1) -> None:
        """The next ``times`` calls of ``method`` answer ``delay_s`` late (to provoke client timeouts)."""
        self._arm(Fault(method=method, error_code=None, delay_s=delay_s, times=times))

    def allow(self, method: str) -> None:
        """Lift every fault armed for ``method``."""
        self.state.faults = [f for f in self.state.faults if f.method.lower() != method.lower()]

    # -- internals -------------------------------------------------------------------------------

    def _arm(self, fault: Fault) -> None:
        if fault.error_code is not None:
            fault_error(fault)  # fail early on nonsense rather than at request time
        self.state.faults.append(fault)

    def _private_chat(self, user: User) -> Chat:
        chat = self.state.chats.get(user.id)
        if chat is None:
            chat = self._private_chat_view(user)
            self.state.chats[user.id] = chat
        return chat

    @staticmethod
    def _private_chat_view(user: User) -> Chat:
        return Chat(
            id=user.id,
            type="private",
            first_name=user.first_name,
            last_name=user.last_name,
            username=user.username,
        )

    def _chat_for_input(self, chat: ChatRef | User, sender: User) -> Chat:
        chat_id = chat if isinstance(chat, int) else chat.id
        existing = self.state.chats.get(chat_id)
        if existing is None and chat_id == sender.id:
            existing = self._private_chat(sender)
        if existing is None:
            raise KeyError(f"no chat {chat_id} in the emulator; create it first")
        if existing.type == "private":
            if existing.id != sender.id:
                raise ValueError(f"user {sender.id} cannot write in {existing.id}'s private chat")
            if existing.bot_blocked:
                raise ValueError("the user blocked the bot; call unblock_bot first")
            existing.bot_started = True
        elif existing.migrated_to_chat_id is not None:
            raise ValueError(f"chat {existing.id} migrated to {existing.migrated_to_chat_id}")
        elif not existing.members.get(sender.id, Member(user_id=sender.id, status="left")).is_present:
            raise ValueError(f"user {sender.id} is not a member of chat {existing.id}")
        return existing

    def _placement(
        self, chat: Chat, thread_id: int | None, reply_to: int | None
    ) -> tuple[int | None, int | None]:
        thread = None
        if thread_id is not None and chat.is_forum and thread_id != 1:
            if thread_id not in chat.topics:
                raise ValueError(f"no topic {thread_id} in chat {chat.id}")
            thread = thread_id
        if reply_to is not None:
            target = self.state.message(chat.id, reply_to)
            if target is None:
                raise ValueError(f"no message {reply_to} in chat {chat.id} to reply to")
            if thread is None and target.thread_id is not None:
                thread = target.thread_id
        return thread, reply_to

    def _origin(self, forward_from: User | int | str | None) -> dict[str, object] | None:
        if forward_from is None:
            return None
        date = self.state.now()
        if isinstance(forward_from, str):
            return {"type": "hidden_user", "date": date, "sender_user_name": forward_from}
        return {"type": "user", "date": date, "sender_user": self.state.user(forward_from).to_api()}

    def _deliver(self, chat: Chat, message: MessageRecord, entities: list[Entity]) -> MessageRecord:
        state = self.state
        state.store(message)
        self._input_mark = len(state.actions)
        if bot_receives(state, chat, message, entities):
            # delivered: an update was queued (allowed_updates may still filter it out)
            message.delivered = state.enqueue("message", state.message_json(message)) is not None
        return message.model_copy(deep=True)

    def _some_member(self, chat: Chat) -> int:
        """Who performs service actions when the test does not say: the owner, else any member."""
        ranked = sorted(
            (m for m in chat.members.values() if m.is_present and m.user_id != self.state.bot.id),
            key=lambda m: (m.status != "creator", m.status != "administrator", m.user_id),
        )
        if not ranked:
            raise ValueError(f"chat {chat.id} has no members to act; pass by=")
        return ranked[0].user_id

    def _any_member(self, chat: Chat) -> User | None:
        try:
            return self.state.users.get(self._some_member(chat))
        except ValueError:
            return None

    def _my_chat_member(self, chat: Chat, old: Member, new: Member, actor: User | None) -> None:
        state = self.state
        state.enqueue(
            "my_chat_member",
            {
                "chat": chat.to_api(),
                "from": (actor or state.bot).to_api(),
                "date": state.now(),
                "old_chat_member": member_json(state, old),
                "new_chat_member": member_json(state, new),
            },
        )

    async def _set_blocked(self, user: UserRef, blocked: bool) -> None:
        person = self.state.user(user)
        chat = self._private_chat(person)
        old = self.state.bot_member(chat)
        chat.bot_blocked = blocked
        if not blocked:
            chat.bot_started = True
        self._my_chat_member(chat, old, self.state.bot_member(chat), person)


def fault_error(fault: Fault) -> ApiError:
    """The ApiError an armed fault produces."""
    code = fault.error_code or 500
    if code == 429 and fault.retry_after_s is not None and fault.description is None:
        return too_many_requests(fault.retry_after_s)
    error = generic_error(code, fault.description)
    if code == 429:
        error.retry_after_s = fault.retry_after_s
    return error
