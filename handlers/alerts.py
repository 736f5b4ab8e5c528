"""Telling alerts to chats: the timer engine's sender, and risk alerts for supervisors.

Every alert goes through the engine's Redis stream, so one that could not be sent is retried
(by this replica or, if it died, another) and never dropped.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest
from telegram.ext import Application

from bot.cases import Case
from bot.clock import to_datetime
from bot.taxonomy import Risk
from bot.timers import Alert, Sender
from bot.ui_text import UiLang, t, ui_lang

from .callback_data import pack
from .context import Services

log = logging.getLogger(__name__)

# A chat that got its copy of an alert is not sent it again when the alert is retried for another chat.
PER_CHAT_MARK_TTL_S = 2 * 24 * 3600


def mention(user_id: int, name: str) -> str:
    """An HTML mention that notifies the user."""
    return f'<a href="tg://user?id={user_id}">{html.escape(name)}</a>'


def local_hhmm(svc: Services, ms: int) -> str:
    """Epoch ms as HH:MM in the team's zone (with the date when not today)."""
    moment: datetime = to_datetime(ms).astimezone(svc.settings.zone)
    today = to_datetime(svc.clock.now_ms()).astimezone(svc.settings.zone).date()
    return moment.strftime("%H:%M") if moment.date() == today else moment.strftime("%m-%d %H:%M")


def duration_text(ms: int) -> str:
    """A short human duration (3m, 1h05m)."""
    minutes = max(0, round(ms / 60000))
    if minutes < 60:
        return f"{minutes}m" if minutes else f"{max(0, round(ms / 1000))}s"
    return f"{minutes // 60}h{minutes % 60:02d}m"


def timer_buttons(timer_id: str, lang: UiLang, *, supervisor: bool) -> InlineKeyboardMarkup:
    """Done / Snooze / Cancel for the agent; Take over / Snooze / Done for supervisors."""
    done = InlineKeyboardButton(t("btn.done", lang), callback_data=pack("td", timer_id))
    snooze = InlineKeyboardButton(t("btn.snooze", lang), callback_data=pack("ts", timer_id))
    if supervisor:
        take = InlineKeyboardButton(t("btn.take_over", lang), callback_data=pack("tt", timer_id))
        return InlineKeyboardMarkup([[take, snooze, done]])
    cancel = InlineKeyboardButton(t("btn.cancel", lang), callback_data=pack("tc", timer_id))
    return InlineKeyboardMarkup([[done, snooze, cancel]])


async def _lang_of(svc: Services, chat_id: int, fallback: UiLang = "en") -> UiLang:
    config = await svc.chats.get(chat_id)
    if config is not None and config.lang is not None:
        return ui_lang(config.lang, fallback)
    return fallback


def _text(svc: Services, alert: Alert, lang: UiLang, agent: str) -> str:
    kind = t(f"kind.{alert.kind}", lang)
    note = html.escape(alert.note) if alert.note else "—"
    late = t("alert.late", lang, late=duration_text(alert.late_ms)) if alert.late_ms >= 60_000 else ""
    if alert.stage == "risk":
        text = t(
            "alert.risk",
            lang,
            risks=alert.note,
            agent="\x02",
            case=alert.case_id,
            text=alert.source_text or "",
        )
        return text.replace("\x02", agent)
    key = {
        "reminder": "alert.remind",
        "due": "alert.due",
        "overdue": "alert.overdue",
        "escalated": "alert.escalation",
    }[alert.stage]
    text = t(
        key,
        lang,
        kind=kind,
        due=local_hhmm(svc, alert.due_ms),
        note="\x00",
        case=alert.case_id,
        late="\x01",
        overdue=duration_text(svc.clock.now_ms() - alert.due_ms),
        agent="\x02",
    )
    # Mentions and notes are already HTML; put them in after escaping the rest.
    return text.replace("\x00", note).replace("\x01", late).replace("\x02", agent)


def make_sender(application: Application, svc: Services) -> Sender:  # type: ignore[type-arg]
    """The engine's sender: agent pings to the case's chat, overdue and risk alerts to supervisors."""

    async def send(alert: Alert) -> None:
        agent = mention(alert.agent_id, await svc.user_name(alert.agent_id))
        to_supervisors = alert.stage in ("overdue", "escalated", "risk")
        targets = [alert.chat_id]
        if to_supervisors:
            # With no supervisors' chat registered the agents' chat gets it: an alert is never dropped.
            targets = await svc.chats.alert_chat_ids() or [alert.chat_id]
        agent_lang = await _lang_of(svc, alert.chat_id)
        for chat_id in targets:
            mark = f"{svc.keys.alert_sent(alert.idempotency_key)}:{chat_id}"
            if await svc.redis.exists(mark):
                continue
            lang = await _lang_of(svc, chat_id, agent_lang)
            text = _text(svc, alert, lang, agent)
            markup = (
                None
                if alert.stage == "risk"
                else timer_buttons(alert.timer_id, lang, supervisor=to_supervisors)
            )
            thread_id = await _case_thread(svc, alert) if chat_id == alert.chat_id else None
            try:
                await application.bot.send_message(
                    chat_id, text, parse_mode="HTML", reply_markup=markup, message_thread_id=thread_id
                )
            except BadRequest as exc:
                if thread_id is None or "thread" not in str(exc).lower():
                    raise
                # The case's forum topic was closed or deleted: the chat's general topic still works.
                await application.bot.send_message(chat_id, text, parse_mode="HTML", reply_markup=markup)
            await svc.redis.set(mark, "1", ex=PER_CHAT_MARK_TTL_S)
        svc.metrics.alerts_sent.labels(kind=alert.stage).inc()

    return send


async def _case_thread(svc: Services, alert: Alert) -> int | None:
    """The forum topic the case lives in, so the agent's ping lands beside the card."""
    case = await svc.cases.get(alert.case_id)
    return case.thread_id if case is not None else None


async def queue_risk_alert(svc: Services, case: Case, risks: list[Risk], text: str) -> None:
    """Put a risk alert for supervisors on the reliable alert stream, once per case and set of risks.

    A customer repeating a threat in every message should not flood the supervisors' chat.
    """
    await svc.timers.notify(
        idempotency_key=f"risk:{case.id}:{'+'.join(sorted(risks))}",
        case_id=case.id,
        chat_id=case.chat_id,
        agent_id=case.agent_id,
        note=", ".join(risks),
        source_text=text[:500],
    )
