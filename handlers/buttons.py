"""Button presses on cards and reminders; the state behind them lives in Redis."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, Update
from telegram.ext import ContextTypes

from bot import feedback
from bot.timers import TimerAlreadyResolved, TimerNotFound, TimerPermissionError
from bot.ui_text import UiLang, t, ui_lang

from .alerts import local_hhmm, mention
from .assist import show_card
from .callback_data import unpack
from .context import Services, services

log = logging.getLogger(__name__)
SNOOZE_S = 600
CARD_CALLBACK_S = 600


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Route a button press by its action code."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    action, args = unpack(query.data)
    svc = services(context)
    if action in ("x", "r", "k", "u", "n") and args:
        await _card_action(svc, context, query, action, args)
    elif action in ("td", "ts", "tc", "tt") and args:
        await _timer_action(svc, context, query, action, args[0])
    else:
        await query.answer()


async def _card_action(
    svc: Services, context: ContextTypes.DEFAULT_TYPE, query: CallbackQuery, action: str, args: list[str]
) -> None:
    case = await svc.cases.get(args[0])
    lang: UiLang = ui_lang(query.from_user.language_code)
    if case is None or case.last is None:
        await query.answer(t("case.none", lang), show_alert=True)
        return
    lang = ui_lang(case.lang, lang)
    if action in ("u", "n") and len(args) == 3:
        ids = case.templates.get(args[1], [])
        index = int(args[2]) - 1 if args[2].isdigit() else -1
        if 0 <= index < len(ids):
            await feedback.record(svc.redis, svc.keys, ids[index], "used" if action == "u" else "not_helpful")
        await query.answer(t("feedback.thanks", lang))
        return
    if action == "x":
        case = case.model_copy(
            update={"expanded": None if args[1:] == ["-"] else (args[1] if len(args) > 1 else None)}
        )
        await svc.cases.save(case)
    elif action == "r":
        case = await svc.assistant.mark_replied(case, by_user=query.from_user.id)
    elif action == "k":
        timer = await svc.assistant.manual_callback(
            case=case, agent_id=query.from_user.id, seconds=CARD_CALLBACK_S, note=case.customer
        )
        await query.answer(
            t(
                "timer.created",
                lang,
                kind=t("kind.callback", lang),
                due=local_hhmm(svc, timer.due_ms),
                case=case.id,
            )
        )
    await show_card(svc, context, case, svc.assistant.replan(case), reply_to=None)
    if action != "k":
        await query.answer()


async def _timer_action(
    svc: Services, context: ContextTypes.DEFAULT_TYPE, query: CallbackQuery, action: str, timer_id: str
) -> None:
    user = query.from_user
    lang = ui_lang(user.language_code)
    message = query.message
    if not isinstance(message, Message):
        await query.answer()
        return
    supervisor = await svc.is_supervisor(context.bot, message.chat.id, user)
    try:
        if action == "td":
            timer = await svc.timers.resolve(timer_id, by_user=user.id, is_supervisor=supervisor)
            note = t("timer.done", lang)
        elif action == "tc":
            timer = await svc.timers.cancel(timer_id, by_user=user.id, is_supervisor=supervisor)
            note = t("timer.cancelled", lang)
        elif action == "ts":
            timer = await svc.timers.snooze(timer_id, SNOOZE_S, by_user=user.id, is_supervisor=supervisor)
            note = t("timer.snoozed", lang, due=local_hhmm(svc, timer.due_ms))
        else:
            if not supervisor:
                raise TimerPermissionError(timer_id, user.id)
            timer = await svc.timers.reassign(timer_id, agent_id=user.id, by_user=user.id, is_supervisor=True)
            note = t("alert.taken", lang, agent="\x02").replace("\x02", mention(user.id, user.full_name))
    except TimerPermissionError:
        await query.answer(t("timer.forbidden", lang), show_alert=True)
        return
    except (TimerNotFound, TimerAlreadyResolved):
        await query.answer(t("timer.not_found", lang), show_alert=True)
        return
    await query.answer()
    # Snoozed or taken over, the reminder stays actionable; closed, its buttons go.
    keep_buttons = action in ("ts", "tt") and timer.is_open
    await query.edit_message_text(
        f"{message.text_html}\n{note}",
        parse_mode="HTML",
        reply_markup=message.reply_markup if keep_buttons else None,
    )
