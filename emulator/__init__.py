"""A local Telegram Bot API emulator for end-to-end tests and the offline console.

Independent of ``bot/``: it speaks plain HTTP, so the real python-telegram-bot talks to it as it
talks to Telegram. Start it with ``async with EmulatorServer(port=0) as emu`` and give the bot
``base_url=emu.base_url``; drive users through the control API on ``emu``.
"""

from .client import ControlClient, ControlError
from .control import Control
from .errors import ApiError
from .models import (
    BotAction,
    CallbackAnswer,
    CallbackQueryRecord,
    CallRecord,
    Chat,
    ChatActionRecord,
    MessageRecord,
    Topic,
    User,
)
from .server import DEFAULT_TOKEN, EmulatorServer

__all__ = [
    "DEFAULT_TOKEN",
    "ApiError",
    "BotAction",
    "CallRecord",
    "CallbackAnswer",
    "CallbackQueryRecord",
    "Chat",
    "ChatActionRecord",
    "Control",
    "ControlClient",
    "ControlError",
    "EmulatorServer",
    "MessageRecord",
    "Topic",
    "User",
]
