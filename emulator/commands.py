"""Bot command scopes: a stable key per BotCommandScope, as setMyCommands stores them."""

from __future__ import annotations

from .errors import bad_request
from .state import EmulatorState

_SCOPES_WITHOUT_CHAT = ("default", "all_private_chats", "all_group_chats", "all_chat_administrators")


def scope_key(state: EmulatorState, scope: dict[str, object] | None) -> str:
    """A stable key for a BotCommandScope; chat ids are resolved so ``@name`` and id agree."""
    kind = str((scope or {}).get("type", "default"))
    if kind in _SCOPES_WITHOUT_CHAT:
        return kind
    if kind not in ("chat", "chat_administrators", "chat_member"):
        raise bad_request("wrong bot command scope type specified")
    assert scope is not None
    chat = state.find_chat(as_chat_ref(scope.get("chat_id")))
    if chat is None:
        raise bad_request("chat not found")
    if kind == "chat_member":
        user_id = scope.get("user_id")
        if not isinstance(user_id, int) or user_id not in state.users:
            raise bad_request("user not found")
        return f"chat_member:{chat.id}:{user_id}"
    return f"{kind}:{chat.id}"


def as_chat_ref(value: object) -> int | str:
    """A chat id or ``@username`` from a nested JSON field."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        if value.startswith("@"):
            return value
        try:
            return int(value)
        except ValueError:
            pass
    raise bad_request("chat not found")
