"""Records the emulator keeps: users, chats, members, messages, callback queries, calls, faults.

They are pydantic models so the control API can hand out snapshots (``model_copy``) and the HTTP
control routes can serialise them without extra code.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

ChatType = Literal["private", "group", "supergroup", "channel"]
MemberStatus = Literal["creator", "administrator", "member", "restricted", "left", "kicked"]
ActionKind = Literal["send", "edit", "delete"]

# Update types Telegram leaves out when allowed_updates was never given (or given empty).
DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

# Admin rights Telegram reports for an administrator; the emulator grants them all.
ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_pin_messages",
    "can_manage_topics",
)


class User(BaseModel):
    """A Telegram user (or another bot) as the Bot API serialises it."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    is_premium: bool | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}" if self.last_name else self.first_name

    def to_api(self) -> dict[str, object]:
        return self.model_dump(exclude_none=True)


class BotProfile(User):
    """The emulated bot itself; ``privacy`` is the BotFather setting new groups inherit."""

    is_bot: bool = True
    privacy: bool = True
    can_join_groups: bool = True
    supports_inline_queries: bool = False

    def to_api(self) -> dict[str, object]:
        data = User.model_validate(self.model_dump(include=set(User.model_fields))).to_api()
        data.update(
            can_join_groups=self.can_join_groups,
            can_read_all_group_messages=not self.privacy,
            supports_inline_queries=self.supports_inline_queries,
        )
        return data


class Member(BaseModel):
    """Someone's standing in a group."""

    user_id: int
    status: MemberStatus = "member"
    custom_title: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.status in ("creator", "administrator")

    @property
    def is_present(self) -> bool:
        return self.status in ("creator", "administrator", "member", "restricted")


class Topic(BaseModel):
    """A forum topic; its id is the id of the service message that created it."""

    thread_id: int
    name: str
    icon_color: int = 0x6FB9F0
    closed: bool = False


class Chat(BaseModel):
    """A private chat, group or supergroup, with the bot's own standing in it."""

    id: int
    type: ChatType
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    is_forum: bool = False
    members: dict[int, Member] = Field(default_factory=dict)
    # Privacy mode as it applied when the bot joined; Telegram fixes it per group at join time.
    bot_privacy: bool = True
    topics: dict[int, Topic] = Field(default_factory=dict)
    next_message_id: int = 1
    # Private chats only: the user pressed Start (or wrote) / the user blocked the bot.
    bot_started: bool = False
    bot_blocked: bool = False
    # Which bot last posted here; decides who gets bare /commands under privacy mode.
    last_bot_sender_id: int | None = None
    # Set when a basic group was upgraded: sends to the old id fail with migrate_to_chat_id.
    migrated_to_chat_id: int | None = None

    @property
    def chat_instance(self) -> str:
        return str(abs(self.id) * 7919 + 104729)

    def to_api(self) -> dict[str, object]:
        data: dict[str, object] = {"id": self.id, "type": self.type}
        for name in ("title", "username", "first_name", "last_name"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.is_forum:
            data["is_forum"] = True
        return data


class MessageRecord(BaseModel):
    """A message in a chat, from a user or from the bot, in its current state."""

    message_id: int
    chat_id: int
    sender_id: int
    from_bot: bool
    date: int
    text: str | None = Field(default=None, description="plain text as users see it (markup parsed)")
    entities: list[dict[str, object]] = Field(default_factory=list)
    raw_text: str | None = Field(default=None, description="text exactly as the bot sent it")
    parse_mode: str | None = None
    reply_markup: dict[str, object] | None = None
    thread_id: int | None = None
    is_topic_message: bool = False
    reply_to_message_id: int | None = None
    forward_origin: dict[str, object] | None = None
    extra: dict[str, object] = Field(default_factory=dict, description="other Message fields, verbatim")
    edit_date: int | None = None
    deleted: bool = False
    delivered: bool = Field(
        default=False, description="user messages: whether an update for it was queued for the bot"
    )
    options: dict[str, object] = Field(default_factory=dict, description="other send options the bot used")

    def buttons(self) -> list[dict[str, object]]:
        """Inline keyboard buttons, row by row, flattened."""
        rows = (self.reply_markup or {}).get("inline_keyboard")
        if not isinstance(rows, list):
            return []
        return [b for row in rows if isinstance(row, list) for b in row if isinstance(b, dict)]

    def button(self, text: str) -> dict[str, object]:
        """The inline button whose label contains ``text``."""
        for candidate in self.buttons():
            if text in str(candidate.get("text", "")):
                return candidate
        raise KeyError(f"no button labelled {text!r} in message {self.message_id}")

    def callback_data(self) -> list[str]:
        """Every callback_data on the message's inline keyboard."""
        return [str(b["callback_data"]) for b in self.buttons() if "callback_data" in b]


class BotAction(BaseModel):
    """Something the bot did to a message: ``send``, ``edit`` or ``delete``; ``message`` is a snapshot."""

    seq: int
    kind: ActionKind
    method: str
    message: MessageRecord


class CallbackAnswer(BaseModel):
    """What the bot passed to answerCallbackQuery."""

    text: str | None = None
    show_alert: bool = False
    url: str | None = None
    cache_time: int = 0


class CallbackQueryRecord(BaseModel):
    """A button press and, once the bot answered, its answer."""

    id: str
    chat_id: int
    message_id: int
    user_id: int
    data: str
    created_s: float
    answer: CallbackAnswer | None = None


class CallRecord(BaseModel):
    """One Bot API request and its outcome."""

    seq: int
    method: str
    params: dict[str, object]
    ok: bool
    error_code: int | None = None
    description: str | None = None
    result: object = None


class Fault(BaseModel):
    """An injected failure (or delay) for a method; ``times`` None means until lifted."""

    method: str
    error_code: int | None = 429
    description: str | None = None
    retry_after_s: int | None = None
    times: int | None = 1
    delay_s: float = 0.0


class WebhookConfig(BaseModel):
    """The webhook as setWebhook left it, plus delivery health for getWebhookInfo."""

    url: str
    secret_token: str | None = None
    max_connections: int = 40
    allowed_updates: list[str] | None = None
    ip_address: str | None = None
    has_custom_certificate: bool = False
    last_error_date: int | None = None
    last_error_message: str | None = None


class WebhookDelivery(BaseModel):
    """One POST of an update to the webhook."""

    update_id: int
    status: int | None
    error: str | None = None


class ChatActionRecord(BaseModel):
    """A sendChatAction call."""

    chat_id: int
    action: str
    thread_id: int | None = None
