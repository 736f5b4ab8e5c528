"""Customer messages brought by an agent: a forward, ``/c text`` or ``/suggest`` in reply → the case card."""

from __future__ import annotations

import hashlib
import logging

from telegram import (
    Message,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.assist import CustomerSource
from bot.cases import Case
from bot.playbooks import ReplyPlan
from bot.ui_text import t, ui_lang

from .alerts import queue_risk_alert
from .cards import card_keyboard, card_text
from .context import Services, chat_lang, services

log = logging.getLogger(__name__)


def _source_of(message: Message, agent_id: int) -> CustomerSource:
    """Who wrote a forwarded message; pasted text belongs to the agent's running case."""
    origin = message.forward_origin
    if isinstance(origin, MessageOriginUser):
        return CustomerSource(key=f"u{origin.sender_user.id}", name=origin.sender_user.full_name)
    if isinstance(origin, MessageOriginHiddenUser):
        digest = hashlib.sha256(origin.sender_user_name.encode()).hexdigest()[:12]
        return CustomerSource(key=f"h{digest}", name=origin.sender_user_name)
    if isinstance(origin, MessageOriginChat):
        return CustomerSource(key=f"c{origin.sender_chat.id}", name=origin.sender_chat.title or "chat")
    if isinstance(origin, MessageOriginChannel):
        return CustomerSource(key=f"c{origin.chat.id}", name=origin.chat.title or "channel")
    return CustomerSource(key=f"paste{agent_id}", name="customer")


async def show_card(
    svc: Services,
    context: ContextTypes.DEFAULT_TYPE,
    case: Case,
    plan: ReplyPlan,
    *,
    reply_to: Message | None,
) -> Case:
    """Edit the case's card in place, or post it when the case has none (or it can no longer be edited)."""
    lang = ui_lang(plan.language)
    open_timers = len(await svc.timers.list_open(case_id=case.id))
    text = card_text(case, plan, lang, open_timers=open_timers)
    keyboard = card_keyboard(case, plan, lang)
    if case.card_message_id is not None:
        try:
            await context.bot.edit_message_text(
                text,
                chat_id=case.chat_id,
                message_id=case.card_message_id,
                parse_mode="HTML",
                reply_markup=keyboard,
            )
            return case
        except BadRequest as exc:
            if "not modified" in str(exc).lower():
                return case
            log.info(
                "card %s of case %s cannot be edited (%s); posting a new one",
                case.card_message_id,
                case.id,
                exc,
            )
    if reply_to is not None:
        sent = await reply_to.reply_html(
            text, reply_markup=keyboard, do_quote=True, allow_sending_without_reply=True
        )
    else:
        sent = await context.bot.send_message(
            case.chat_id, text, parse_mode="HTML", reply_markup=keyboard, message_thread_id=case.thread_id
        )
    case = case.model_copy(update={"card_message_id": sent.message_id})
    await svc.cases.save(case)
    return case


async def _analyse(
    update: Update, context: ContextTypes.DEFAULT_TYPE, text: str, source_msg: Message
) -> None:
    msg, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if msg is None or chat is None or user is None:
        return
    svc = services(context)
    default = await chat_lang(update, context)
    result = await svc.assistant.customer_message(
        chat_id=chat.id,
        agent_id=user.id,
        source=_source_of(source_msg, user.id),
        text=text,
        default_language=default,
        thread_id=msg.message_thread_id if msg.is_topic_message else None,
    )
    # One card per case, edited in place: a group allows about 20 bot messages a minute.
    await show_card(svc, context, result.case, result.plan, reply_to=msg)
    if result.plan.classification.risks:
        await queue_risk_alert(svc, result.case, result.plan.classification.risks, text)


async def forwarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A customer's message forwarded to the bot gets a card."""
    msg = update.effective_message
    if msg is not None and (msg.text or msg.caption):
        await _analyse(update, context, msg.text or msg.caption or "", msg)


async def analyse_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/c <customer text> — analyse pasted customer text."""
    msg = update.effective_message
    if msg is None or msg.text is None:
        return
    parts = msg.text.split(maxsplit=1)
    if len(parts) < 2 or not parts[1].strip():
        await msg.reply_html(t("c_usage", await chat_lang(update, context)))
        return
    await _analyse(update, context, parts[1].strip(), msg)


async def suggest_reply(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/suggest in reply to a customer's message — analyse that message."""
    msg = update.effective_message
    if msg is None:
        return
    target = msg.reply_to_message
    if (
        target is None
        or not (target.text or target.caption)
        or (target.from_user and target.from_user.is_bot)
    ):
        await msg.reply_html(t("c_usage", await chat_lang(update, context)))
        return
    await _analyse(update, context, target.text or target.caption or "", target)
