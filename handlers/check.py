"""/check — the draft checker's findings and rewrites for an agent's reply before it is sent."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import ContextTypes

from bot.checker import DraftReport, check_draft
from bot.clock import to_datetime
from bot.ui_text import UiLang, t

from .alerts import local_hhmm
from .context import Services, chat_lang, services

MAX_FINDINGS = 12


def report_text(svc: Services, report: DraftReport, lang: UiLang) -> str:
    """Findings with the flagged words and a rewrite each, then the CLEAR coverage."""
    lines = []
    for finding in report.findings[:MAX_FINDINGS]:
        lines.append(
            f"❗ <b>{html.escape(finding.kind)}</b>: «{html.escape(finding.text)}» — {html.escape(finding.message)}"
        )
        if finding.rewrite:
            lines.append(f"   {t('check.rewrite', lang)}: <code>{html.escape(finding.rewrite)}</code>")
    if not report.findings:
        lines.append("✅ " + t("check.clean", lang))
    present = [name for name, on in report.steps.model_dump().items() if on]
    lines.append(t("check.score", lang, score=report.score, steps=", ".join(present) or "—"))
    for promise in report.promises:
        due = local_hhmm(svc, round(promise.due.timestamp() * 1000)) if promise.due else "?"
        lines.append(
            f"⏰ {t('check.promise', lang)}: {html.escape(promise.kind)} · {due} «{html.escape(promise.text)}»"
        )
    return "\n".join(lines)


async def check_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/check <draft>, or /check in reply to the agent's own draft."""
    msg, chat, user = update.effective_message, update.effective_chat, update.effective_user
    if msg is None or chat is None or user is None or msg.text is None:
        return
    lang = await chat_lang(update, context)
    parts = msg.text.split(maxsplit=1)
    draft = parts[1].strip() if len(parts) > 1 else ""
    if not draft and msg.reply_to_message is not None:
        draft = msg.reply_to_message.text or msg.reply_to_message.caption or ""
    if not draft:
        await msg.reply_html(t("check_usage", lang))
        return
    svc = services(context)
    case = await svc.cases.current(chat.id, user.id)
    customer = case.last_text if case is not None and case.last_text else None
    now = to_datetime(svc.clock.now_ms()).astimezone(svc.settings.zone)
    report = check_draft(draft, customer, now=now)
    await msg.reply_html(report_text(svc, report, lang))
