"""The first handlers every update meets: de-duplication, metrics, and the registered-chat rule."""

from __future__ import annotations

import logging

from telegram import Chat, Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.dedup import first_time
from bot.ui_text import t

from .context import services, ui_lang_for

log = logging.getLogger(__name__)

# Commands that work in a chat nobody registered yet (so it can be registered).
SETUP_COMMANDS = frozenset({"/register", "/alerts_here", "/start", "/help"})


def _command(update: Update) -> str | None:
    msg = update.effective_message
    if msg is None or not msg.text or not msg.text.startswith("/"):
        return None
    return msg.text.split()[0].split("@")[0].lower()


async def drop_duplicates(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stop an update that any replica already handled (webhook retries, failovers)."""
    svc = services(context)
    if not await first_time(svc.redis, svc.keys, update.update_id):
        svc.metrics.duplicates.inc()
        raise ApplicationHandlerStop


async def ignore_edits(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An edited message was handled when it was first sent: a second pass would double its timers."""
    if update.edited_message is not None or update.edited_channel_post is not None:
        raise ApplicationHandlerStop


async def require_registered_chat(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Serve registered chats (and their agents in private); tell any other chat once, then stay silent."""
    chat = update.effective_chat
    user = update.effective_user
    if chat is None:
        return
    svc = services(context)
    if _command(update) in SETUP_COMMANDS:
        return
    if chat.type == Chat.PRIVATE:
        if user is not None and (user.id in svc.settings.owner_ids or await svc.is_known_agent(user.id)):
            await svc.remember_user(user)
            return
    else:
        config = await svc.chats.get(chat.id)
        if config is not None and config.registered:
            if user is not None and not user.is_bot:
                await svc.remember_agent(user.id)
                await svc.remember_user(user)
            return
    if await svc.chats.note_unregistered_once(chat.id) and update.effective_message is not None:
        await update.effective_message.reply_html(t("unregistered", ui_lang_for(update)))
    raise ApplicationHandlerStop
