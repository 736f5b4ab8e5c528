"""What every handler needs: the core services, reached through PTB's ``bot_data``."""

from __future__ import annotations

from dataclasses import dataclass

from redis.asyncio import Redis
from telegram import Bot, Update, User
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.assist import Assistant
from bot.cases import CaseStore
from bot.chats import ChatRegistry
from bot.clock import Clock
from bot.keys import Keys
from bot.metrics import Metrics
from bot.playbooks import PlaybookStore
from bot.redis_conn import awaited
from bot.settings import Settings
from bot.timers import TimerEngine
from bot.ui_text import UiLang, ui_lang

SERVICES_KEY = "clearbot.services"
ADMIN_CACHE_S = 300


@dataclass
class Services:
    """The core objects shared by every handler of one process."""

    settings: Settings
    redis: Redis
    keys: Keys
    clock: Clock
    playbooks: PlaybookStore
    chats: ChatRegistry
    cases: CaseStore
    timers: TimerEngine
    metrics: Metrics
    assistant: Assistant

    async def remember_user(self, user: User) -> None:
        """Keep a display name for mentions in alerts."""
        await awaited(self.redis.hset(self.keys.user_names, str(user.id), user.full_name[:64]))

    async def user_name(self, user_id: int) -> str:
        """A user's display name, or their id."""
        name = await awaited(self.redis.hget(self.keys.user_names, str(user_id)))
        return str(name) if name else str(user_id)

    async def remember_agent(self, user_id: int) -> None:
        """Note a user seen in a registered agents' chat."""
        await awaited(self.redis.sadd(self.keys.known_agents, str(user_id)))

    async def is_known_agent(self, user_id: int) -> bool:
        """Whether the user works in a registered agents' chat."""
        return bool(await awaited(self.redis.sismember(self.keys.known_agents, str(user_id))))

    async def is_supervisor(self, bot: Bot, chat_id: int, user: User | None) -> bool:
        """Owners; anyone in a supervisors' chat; else the chat's configured supervisors or its admins."""
        if user is None:
            return False
        if user.id in self.settings.owner_ids:
            return True
        config = await self.chats.get(chat_id)
        if config is not None and config.alerts:
            return True
        if config is not None and config.supervisor_ids is not None:
            return user.id in config.supervisor_ids
        return user.id in await self._admins(bot, chat_id)

    async def _admins(self, bot: Bot, chat_id: int) -> set[int]:
        key = self.keys.chat_admins(chat_id)
        cached = await awaited(self.redis.smembers(key))
        if cached:
            return {int(x) for x in cached if x != "-"}
        try:
            admins = {m.user.id for m in await bot.get_chat_administrators(chat_id)}
        except TelegramError:
            admins = set()
        pipe = self.redis.pipeline(transaction=True)
        # "-" marks "looked up, none": an empty set cannot be stored.
        pipe.sadd(key, *(str(a) for a in admins), "-")
        pipe.expire(key, ADMIN_CACHE_S)
        await pipe.execute()
        return admins


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    """The process's services."""
    svc = context.application.bot_data[SERVICES_KEY]
    assert isinstance(svc, Services)
    return svc


def ui_lang_for(update: Update) -> UiLang:
    """The UI language of the user behind ``update``."""
    user = update.effective_user
    return ui_lang(user.language_code if user else None)


async def chat_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> UiLang:
    """The chat's default language if set, else the user's."""
    chat = update.effective_chat
    if chat is not None:
        config = await services(context).chats.get(chat.id)
        if config is not None and config.lang is not None and config.lang != "other":
            return ui_lang(config.lang)
    return ui_lang_for(update)
