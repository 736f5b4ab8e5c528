"""Setting the bot up by chat: /start, /help, /register, /alerts_here, /lang."""

from __future__ import annotations

import logging

from telegram import Chat, ChatMember, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot.ui_text import UI_LANGS, t

from .context import chat_lang, services, ui_lang_for

log = logging.getLogger(__name__)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain the bot in the user's language."""
    if update.effective_message is not None:
        await update.effective_message.reply_html(t("help", ui_lang_for(update)))


async def _owner_or_refuse(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    if user is not None and user.id in services(context).settings.owner_ids:
        return True
    if update.effective_message is not None:
        await update.effective_message.reply_html(t("owner_only", ui_lang_for(update)))
    return False


async def _can_read_all(context: ContextTypes.DEFAULT_TYPE, chat_id: int) -> bool:
    """Whether Telegram shows the bot every group message: privacy mode off, or the bot is an admin."""
    me = await context.bot.get_me()
    if me.can_read_all_group_messages:
        return True
    try:
        member = await context.bot.get_chat_member(chat_id, me.id)
    except TelegramError as exc:
        log.warning("getChatMember failed for chat %s: %s", chat_id, exc)
        return False
    return member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)


async def register(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Make this group an agents' chat (owner only) and check the bot can read it."""
    chat, msg, user = update.effective_chat, update.effective_message, update.effective_user
    if chat is None or msg is None or user is None or not await _owner_or_refuse(update, context):
        return
    svc = services(context)
    can_read = True if chat.type == Chat.PRIVATE else await _can_read_all(context, chat.id)
    await svc.chats.update(
        chat.id,
        agents=True,
        title=chat.title or chat.full_name or "",
        registered_by=user.id,
        registered_ms=svc.clock.now_ms(),
        can_read_all=can_read,
    )
    await svc.remember_agent(user.id)
    lang = await chat_lang(update, context)
    text = t("registered", lang)
    if not can_read:
        text += "\n\n" + t("privacy_warning", lang)
    await msg.reply_html(text)


async def alerts_here(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Make this chat the supervisors' chat (owner only)."""
    chat, msg, user = update.effective_chat, update.effective_message, update.effective_user
    if chat is None or msg is None or user is None or not await _owner_or_refuse(update, context):
        return
    svc = services(context)
    await svc.chats.update(
        chat.id, alerts=True, title=chat.title or chat.full_name or "", registered_by=user.id
    )
    await msg.reply_html(t("alerts_here", await chat_lang(update, context)))


async def set_lang(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Set the chat's default language (/lang zh-Hans|zh-Hant|en)."""
    chat, msg = update.effective_chat, update.effective_message
    if chat is None or msg is None:
        return
    wanted = {code.lower(): code for code in UI_LANGS}.get((context.args or [""])[0].lower())
    if wanted is None:
        await msg.reply_html(t("lang_usage", await chat_lang(update, context)))
        return
    svc = services(context)
    if chat.type != Chat.PRIVATE and not await svc.is_supervisor(context.bot, chat.id, update.effective_user):
        await msg.reply_html(t("supervisors_only", await chat_lang(update, context)))
        return
    await svc.chats.update(chat.id, lang=wanted)
    await msg.reply_html(t("lang_set", await chat_lang(update, context), language=wanted))
