"""The case card: a classified customer message and its CLEAR plan as one Telegram HTML message."""

from __future__ import annotations

import html

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.cases import Case
from bot.models import Classification
from bot.playbooks import ReplyPlan
from bot.taxonomy import EMOTION_NAMES
from bot.ui_text import UiLang, t

from .callback_data import pack

EMOTION_FACES = ("🙂", "😕", "😠", "🤬")
STEP_LETTERS = {"control": "C", "listen": "L", "empathize": "E", "apologize": "A", "resolve": "R"}
MAX_EVIDENCE = 6
# Keep a card clear of Telegram's 4096-character limit with room for the status line.
MAX_CARD_CHARS = 3900


def _labels(values: list[str], confidence: float) -> str:
    return (", ".join(values) if values else "—") + f" <i>({confidence:.0%})</i>"


def _cue_label(axis: str, label: str) -> str:
    # Emotion cues are levels ("2"); say what they are.
    return f"emotion {label}" if axis == "emotion" else label


def classification_lines(c: Classification, lang: UiLang) -> list[str]:
    """The classification at a glance, each label with its confidence, plus the words that drove it."""
    conf = c.confidence
    lines = [
        f"{EMOTION_FACES[c.emotion]} {t('card.emotion', lang)}: <b>{c.emotion} {EMOTION_NAMES[c.emotion]}</b>"
        f" <i>({conf.emotion:.0%})</i> · {t('card.intent', lang)}: <b>{c.intent}</b> <i>({conf.intent:.0%})</i>",
        f"{t('card.topic', lang)}: <b>{c.topic}</b> <i>({conf.topic:.0%})</i> · "
        f"{t('card.behaviors', lang)}: {_labels(list(c.behaviors), conf.behaviors)}",
    ]
    if c.risks:
        lines.append(f"⚠️ {t('card.risks', lang)}: <b>{', '.join(c.risks)}</b> <i>({conf.risks:.0%})</i>")
    cues = [ev for ev in c.evidence if ev.weight > 0][:MAX_EVIDENCE]
    if cues:
        why = ", ".join(f"«{html.escape(ev.text)}»→{_cue_label(ev.axis, ev.label)}" for ev in cues)
        lines.append(f"<i>{t('card.why', lang)}: {why}</i>")
    return lines


def card_text(case: Case, plan: ReplyPlan, lang: UiLang, *, open_timers: int = 0) -> str:
    """The card's HTML text: classification, status, then the plan (templates in <code> to copy)."""
    head = [f"<b>{t('card.title', lang, case=case.id)}</b> · {html.escape(case.customer)}"]
    head += classification_lines(plan.classification, lang)
    status = t("card.replied", lang) if case.replied else t("card.waiting", lang)
    if open_timers:
        status += f" · ⏰ {open_timers}"
    head.append(status)
    body = [f"<b>C</b> · {plan.control}"]
    for step in plan.steps:
        if step.step == "control":
            continue
        shown = step.templates if case.expanded == step.step else step.templates[:1]
        letter = STEP_LETTERS.get(step.step, "?")
        body.append(f"<b>{letter} · {step.title}</b>")
        if case.expanded == step.step:
            body.append(f"<i>{step.tip}</i>")
        for n, tpl in enumerate(shown, 1):
            mark = f"{n}. " if len(shown) > 1 else ""
            body.append(f"{mark}<code>{tpl.text}</code>")
    if plan.calming:
        body.append(
            f"<b>{t('card.calming', lang)}</b>: " + " / ".join(f"<code>{p}</code>" for p in plan.calming)
        )
    if plan.avoid:
        sep = "; " if lang == "en" else "；"
        body.append(f"<b>{t('card.avoid', lang)}</b>: " + sep.join(plan.avoid[:4]))
    if plan.escalation:
        body.append(f"🚩 <b>{t('card.escalation', lang)}</b>: {plan.escalation}")
    body.append(f"<i>{t('card.copy_hint', lang)}</i>")
    text = "\n".join(head) + "\n\n" + "\n".join(body)
    while len(text) > MAX_CARD_CHARS and len(body) > 2:
        body.pop(-2)  # drop trailing notes before anything the agent sends
        text = "\n".join(head) + "\n\n" + "\n".join(body)
    return text


def card_keyboard(case: Case, plan: ReplyPlan, lang: UiLang) -> InlineKeyboardMarkup:
    """Expand a step, mark replied, start a callback; rate the templates of an expanded step."""
    steps = [s for s in plan.steps if s.step != "control"]
    expand_row = [
        InlineKeyboardButton(
            ("▾ " if case.expanded == s.step else "▸ ") + STEP_LETTERS.get(s.step, "?"),
            callback_data=pack("x", case.id, "-" if case.expanded == s.step else s.step),
        )
        for s in steps
    ]
    rows = [
        expand_row,
        [
            InlineKeyboardButton(t("btn.replied", lang), callback_data=pack("r", case.id)),
            InlineKeyboardButton(t("btn.callback", lang), callback_data=pack("k", case.id)),
        ],
    ]
    expanded = next((s for s in steps if s.step == case.expanded), None)
    if expanded is not None:
        for n in range(1, len(expanded.templates) + 1):
            rows.append(
                [
                    InlineKeyboardButton(
                        f"{t('btn.used', lang)} {n}", callback_data=pack("u", case.id, expanded.step, n)
                    ),
                    InlineKeyboardButton(
                        f"{t('btn.unhelpful', lang)} {n}", callback_data=pack("n", case.id, expanded.step, n)
                    ),
                ]
            )
    return InlineKeyboardMarkup(rows)
