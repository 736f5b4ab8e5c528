"""Promises and reminders: promises in agents' messages, /callback, /done, /timers, /case."""

from __future__ import annotations

import html
import re

from telegram import Chat, Update
from telegram.ext import ContextTypes

from bot.timers import Timer, TimerAlreadyResolved, TimerNotFound, TimerPermissionError
from bot.ui_text import UiLang, t

from .alerts import duration_text, local_hhmm, timer_buttons
from .assist import forwarded
from .context import Services, chat_lang, services

_DURATION = re.compile(r"^(?:(\d+)h)?(?:(\d+)m(?:in)?)?(?:(\d+)s)?$|^(\d+)$")
MAX_CALLBACK_S = 7 * 24 * 3600
LIST_LIMIT = 30


def parse_duration_s(token: str) -> int | None:
    """Seconds in ``90s``, ``10m``, ``2h``, ``1h30m`` or a bare number of minutes; None if not a duration."""
    m = _DURATION.match(token.strip().lower())
    if not m or not any(m.groups()):
        return None
    if m.group(4):
        seconds = int(m.group(4)) * 60
    else:
        seconds = int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + int(m.group(3) or 0)
    return seconds if 0 < seconds <= MAX_CALLBACK_S else None


def timer_line(svc: Services, timer: Timer, lang: UiLang) -> str:
    """One reminder as a line: id, kind, due, note, and how late it is."""
    late = svc.clock.now_ms() - timer.due_ms
    flag = (
        f" 🚨 +{duration_text(late)}"
        if timer.is_overdue
        else (f" 🔔 +{duration_text(late)}" if late > 0 else "")
    )
    note = f" — {html.escape(timer.note)}" if timer.note else ""
    return f"<code>{timer.id}</code> {t(f'kind.{timer.kind}', lang)} · {local_hhmm(svc, timer.due_ms)}{flag} · #{timer.case_id}{note}"


async def confirm_timer(update: Update, svc: Services, timer: Timer, lang: UiLang, *, vague: bool) -> None:
    """Tell the agent the timer exists, with Done / Snooze / Cancel."""
    msg = update.effective_message
    if msg is None:
        return
    kind = t(f"kind.{timer.kind}", lang)
    if vague:
        text = t("timer.created_vague", lang, kind=kind, due=duration_text(timer.due_ms - svc.clock.now_ms()))
    else:
        text = t("timer.created", lang, kind=kind, due=local_hhmm(svc, timer.due_ms), case=timer.case_id)
    await msg.reply_html(text, reply_markup=timer_buttons(timer.id, lang, supervisor=False))


async def agent_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An agent's own message in the team chat: each promise in it becomes a timer."""
    msg, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if msg is None or chat is None or user is None or not msg.text:
        return
    svc = services(context)
    if chat.type != Chat.PRIVATE:
        config = await svc.chats.get(chat.id)
        if config is None or not config.agents:
            return  # a supervisors' chat: its talk makes no timers
    if not svc.assistant.promises_in(msg.text):
        if chat.type == Chat.PRIVATE:
            # In a private chat plain text with no promise is taken as pasted customer text.
            await forwarded(update, context)
        return
    case = await svc.assistant.case_for_agent(chat_id=chat.id, agent_id=user.id)
    lang = await chat_lang(update, context)
    for started in await svc.assistant.agent_promised(case=case, agent_id=user.id, text=msg.text):
        await confirm_timer(update, svc, started.timer, lang, vague=started.vague)


async def callback_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/callback 10m <note> — a callback reminder set by hand."""
    msg, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if msg is None or chat is None or user is None:
        return
    lang = await chat_lang(update, context)
    args = context.args or []
    seconds = parse_duration_s(args[0]) if args else None
    if seconds is None:
        await msg.reply_html(t("callback_usage", lang))
        return
    svc = services(context)
    case = await svc.assistant.case_for_agent(chat_id=chat.id, agent_id=user.id)
    timer = await svc.assistant.manual_callback(
        case=case, agent_id=user.id, seconds=seconds, note=" ".join(args[1:])
    )
    await confirm_timer(update, svc, timer, lang, vague=False)


async def done_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/done [timer id] — close one reminder, or every open reminder of my current case."""
    msg, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if msg is None or chat is None or user is None:
        return
    svc = services(context)
    lang = await chat_lang(update, context)
    if context.args:
        ids = context.args[:10]
    else:
        case = await svc.cases.current(chat.id, user.id)
        ids = [tm.id for tm in await svc.timers.list_open(case_id=case.id)] if case else []
    if not ids:
        await msg.reply_html(t("timer.none", lang))
        return
    supervisor = await svc.is_supervisor(context.bot, chat.id, user)
    lines = []
    for timer_id in ids:
        try:
            timer = await svc.timers.resolve(timer_id, by_user=user.id, is_supervisor=supervisor)
            lines.append(f"{t('timer.done', lang)}: <code>{timer.id}</code>")
        except TimerPermissionError:
            lines.append(f"<code>{html.escape(timer_id)}</code>: {t('timer.forbidden', lang)}")
        except (TimerNotFound, TimerAlreadyResolved):
            lines.append(f"<code>{html.escape(timer_id)}</code>: {t('timer.not_found', lang)}")
    await msg.reply_html("\n".join(lines))


async def timers_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timers — my open reminders."""
    msg, user = update.effective_message, update.effective_user
    if msg is None or user is None:
        return
    svc = services(context)
    lang = await chat_lang(update, context)
    mine = await svc.timers.list_open(agent_id=user.id)
    if not mine:
        await msg.reply_html(t("timer.none", lang))
        return
    lines = [f"<b>{t('timer.list_title', lang)}</b>"] + [
        timer_line(svc, tm, lang) for tm in mine[:LIST_LIMIT]
    ]
    await msg.reply_html("\n".join(lines))


async def case_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/case — the current customer's history and open reminders."""
    msg, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if msg is None or chat is None or user is None:
        return
    svc = services(context)
    lang = await chat_lang(update, context)
    case = None
    if msg.reply_to_message is not None:
        case = await svc.cases.by_card(chat.id, msg.reply_to_message.message_id)
    if case is None:
        case = await svc.cases.current(chat.id, user.id)
    if case is None:
        await msg.reply_html(t("case.none", lang))
        return
    lines = [f"<b>{t('case.title', lang, case=case.id, customer=case.customer)}</b>"]
    for event in await svc.cases.events(case.id, last=15):
        snippet = html.escape(event.text[:120]) if event.text else ""
        lines.append(f"{local_hhmm(svc, event.at_ms)} · {event.role} · {event.kind} {snippet}".rstrip())
    open_timers = await svc.timers.list_open(case_id=case.id)
    if open_timers:
        lines.append(f"<b>{t('timer.list_title', lang)}</b>")
        lines += [timer_line(svc, tm, lang) for tm in open_timers]
    await msg.reply_html("\n".join(lines))


async def overdue_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/overdue — every open overdue reminder across the team (supervisors)."""
    msg, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if msg is None or chat is None or user is None:
        return
    svc = services(context)
    lang = await chat_lang(update, context)
    if not await svc.is_supervisor(context.bot, chat.id, user):
        await msg.reply_html(t("supervisors_only", lang))
        return
    late = await svc.timers.list_overdue()
    if not late:
        await msg.reply_html(t("timer.none", lang))
        return
    lines = [f"<b>{t('overdue.title', lang)}</b>"]
    for tm in late[:LIST_LIMIT]:
        lines.append(f"{timer_line(svc, tm, lang)} · {html.escape(await svc.user_name(tm.agent_id))}")
    await msg.reply_html("\n".join(lines))
