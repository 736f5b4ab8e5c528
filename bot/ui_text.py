"""What the bot itself says (help, card labels, confirmations, alerts), in zh-Hans, zh-Hant and en.

Values are HTML-escaped and substituted in one pass: user text is never read as template syntax.
"""

from __future__ import annotations

import html
import re
from typing import Final, Literal

UiLang = Literal["zh-Hans", "zh-Hant", "en"]
UI_LANGS: Final[tuple[UiLang, ...]] = ("zh-Hans", "zh-Hant", "en")

_T: Final[dict[str, tuple[str, str, str]]] = {
    # (zh-Hans, zh-Hant, en)
    "help": (
        "<b>clearbot：客服实时助手</b>\n"
        "把客户的消息转发给我（或 <code>/c 消息内容</code>，或回复客户消息发 /suggest），"
        "我会分析客户的情绪、诉求和风险，并按 CLEAR 方法给出可直接复制的回复。\n\n"
        "<b>常用命令</b>\n"
        "/c 文本 — 分析一条客户消息\n/check 草稿 — 发送前检查你的回复\n"
        "/callback 10m 备注 — 设一个回电提醒\n/done — 完成当前案例的提醒\n"
        "/timers — 我的待办提醒\n/case — 当前客户的记录和提醒\n"
        "/overdue — 所有超时提醒（主管）\n/lang — 设置本群默认语言\n"
        "/register — 把本群设为客服群（管理员）\n/alerts_here — 在本群接收主管告警（管理员）",
        "<b>clearbot：客服即時助手</b>\n"
        "把客戶的訊息轉傳給我（或 <code>/c 訊息內容</code>，或回覆客戶訊息輸入 /suggest），"
        "我會分析客戶的情緒、訴求和風險，並依 CLEAR 方法提供可直接複製的回覆。\n\n"
        "<b>常用指令</b>\n"
        "/c 文字 — 分析一則客戶訊息\n/check 草稿 — 送出前檢查你的回覆\n"
        "/callback 10m 備註 — 設定回電提醒\n/done — 完成目前案件的提醒\n"
        "/timers — 我的待辦提醒\n/case — 目前客戶的紀錄與提醒\n"
        "/overdue — 所有逾時提醒（主管）\n/lang — 設定本群預設語言\n"
        "/register — 將本群設為客服群（管理員）\n/alerts_here — 在本群接收主管警示（管理員）",
        "<b>clearbot: a live assistant for support agents</b>\n"
        "Forward a customer's message to me (or <code>/c message text</code>, or reply /suggest to it) "
        "and I will read the customer's mood, request and risks and give you CLEAR replies to copy.\n\n"
        "<b>Commands</b>\n"
        "/c text — analyse a customer message\n/check draft — check your reply before sending\n"
        "/callback 10m note — set a callback reminder\n/done — close the current case's reminders\n"
        "/timers — my open reminders\n/case — this customer's history and reminders\n"
        "/overdue — every overdue reminder (supervisors)\n/lang — set this chat's default language\n"
        "/register — make this group an agents' chat (admins)\n/alerts_here — send supervisor alerts here (admins)",
    ),
    "cmd.c": ("分析一条客户消息", "分析一則客戶訊息", "Analyse a customer message"),
    "cmd.suggest": (
        "为回复的客户消息出方案",
        "為回覆的客戶訊息出方案",
        "Suggest replies for the replied-to message",
    ),
    "cmd.check": ("检查回复草稿", "檢查回覆草稿", "Check a draft reply"),
    "cmd.callback": ("设回电提醒，如 10m", "設定回電提醒，如 10m", "Set a callback reminder, e.g. 10m"),
    "cmd.done": ("完成当前提醒", "完成目前提醒", "Close the current reminders"),
    "cmd.timers": ("我的提醒", "我的提醒", "My open reminders"),
    "cmd.case": ("当前客户记录", "目前客戶紀錄", "This customer's case"),
    "cmd.overdue": ("所有超时提醒", "所有逾時提醒", "Every overdue reminder"),
    "cmd.register": ("设为客服群", "設為客服群", "Make this an agents' chat"),
    "cmd.alerts_here": ("在此接收告警", "在此接收警示", "Send supervisor alerts here"),
    "cmd.lang": ("设置默认语言", "設定預設語言", "Set the default language"),
    "cmd.help": ("使用说明", "使用說明", "How to use the bot"),
    "unregistered": (
        "这个群还没有启用 clearbot。请机器人的所有者在群里发送 /register（客服群）或 /alerts_here（主管群）。",
        "這個群組尚未啟用 clearbot。請機器人的擁有者在群組內輸入 /register（客服群）或 /alerts_here（主管群）。",
        "clearbot is not enabled in this chat. Ask the bot's owner to send /register (agents' chat) "
        "or /alerts_here (supervisors' chat) here.",
    ),
    "owner_only": (
        "只有机器人的所有者可以这样做。",
        "只有機器人的擁有者可以這樣做。",
        "Only the bot's owner can do that.",
    ),
    "registered": (
        "✅ 本群已设为客服群。",
        "✅ 本群已設為客服群。",
        "✅ This chat is now an agents' chat.",
    ),
    "privacy_warning": (
        "⚠️ 我现在看不到群里的普通消息（Telegram 隐私模式）。想让我自动识别承诺，请二选一：\n"
        "1. 把我设为本群管理员；或\n2. 在 @BotFather 里 /setprivacy → 选择本机器人 → Disable，然后把我移出群再重新加入。\n"
        "在此之前，/c、回复我的消息和 @提及 仍然可用。",
        "⚠️ 我目前看不到群組裡的一般訊息（Telegram 隱私模式）。若要我自動辨識承諾，請擇一：\n"
        "1. 將我設為本群管理員；或\n2. 在 @BotFather 輸入 /setprivacy → 選擇本機器人 → Disable，然後將我移出群組再重新加入。\n"
        "在此之前，/c、回覆我的訊息和 @提及 仍可使用。",
        "⚠️ I cannot see ordinary messages in this group (Telegram privacy mode). To let me spot promises, either:\n"
        "1. make me an admin of this group, or\n2. in @BotFather send /setprivacy → pick this bot → Disable, "
        "then remove me from the group and add me again.\n"
        "Until then /c, replies to my messages and @mentions still work.",
    ),
    "alerts_here": (
        "🔔 主管告警将发送到这里。",
        "🔔 主管警示將傳送到這裡。",
        "🔔 Supervisor alerts will be posted here.",
    ),
    "lang_set": ("默认语言：{language}", "預設語言：{language}", "Default language: {language}"),
    "lang_usage": (
        "用法：/lang zh-Hans | zh-Hant | en",
        "用法：/lang zh-Hans | zh-Hant | en",
        "Usage: /lang zh-Hans | zh-Hant | en",
    ),
    "c_usage": (
        "用法：/c 客户消息（或回复客户消息发 /suggest）",
        "用法：/c 客戶訊息（或回覆客戶訊息輸入 /suggest）",
        "Usage: /c customer message (or reply /suggest to it)",
    ),
    "check_usage": (
        "用法：/check 你的回复草稿（或回复你的草稿发 /check）",
        "用法：/check 你的回覆草稿（或回覆你的草稿輸入 /check）",
        "Usage: /check your draft (or reply /check to your draft)",
    ),
    "callback_usage": (
        "用法：/callback 10m 备注（时间可写 90s、10m、2h、1h30m）",
        "用法：/callback 10m 備註（時間可寫 90s、10m、2h、1h30m）",
        "Usage: /callback 10m note (time as 90s, 10m, 2h, 1h30m)",
    ),
    "card.title": (
        "客户消息分析 · 案例 #{case}",
        "客戶訊息分析 · 案件 #{case}",
        "Customer message · case #{case}",
    ),
    "card.emotion": ("情绪", "情緒", "Emotion"),
    "card.intent": ("诉求", "訴求", "Intent"),
    "card.topic": ("主题", "主題", "Topic"),
    "card.behaviors": ("客户行为", "客戶行為", "Behaviour"),
    "card.risks": ("风险", "風險", "Risks"),
    "card.why": ("依据", "依據", "Why"),
    "card.calming": ("安抚用语", "安撫用語", "Calming phrases"),
    "card.avoid": ("避免说", "避免說", "Avoid saying"),
    "card.escalation": ("升级", "升級", "Escalate"),
    "card.replied": ("✅ 已回复客户", "✅ 已回覆客戶", "✅ Customer answered"),
    "card.waiting": ("⏳ 客户等待回复中", "⏳ 客戶等待回覆中", "⏳ Customer waiting for a reply"),
    "card.copy_hint": ("点按模板即可复制", "點按範本即可複製", "Tap a template to copy it"),
    "btn.expand": ("展开 {step}", "展開 {step}", "More: {step}"),
    "btn.collapse": ("收起", "收合", "Less"),
    "btn.replied": ("✅ 已回复", "✅ 已回覆", "✅ Replied"),
    "btn.callback": ("⏰ 10 分钟回电", "⏰ 10 分鐘回電", "⏰ Call back in 10 min"),
    "btn.used": ("👍 用了", "👍 用了", "👍 Used"),
    "btn.unhelpful": ("👎 没用", "👎 沒用", "👎 Not helpful"),
    "btn.done": ("完成", "完成", "Done"),
    "btn.snooze": ("延后 10 分钟", "延後 10 分鐘", "Snooze 10 min"),
    "btn.cancel": ("取消", "取消", "Cancel"),
    "btn.take_over": ("我来接手", "我來接手", "Take over"),
    "feedback.thanks": ("已记录，谢谢！", "已記錄，謝謝！", "Noted, thanks!"),
    "timer.created": (
        "⏰ 已记下：{kind}，{due}到期（案例 #{case}）",
        "⏰ 已記下：{kind}，{due}到期（案件 #{case}）",
        "⏰ Noted: {kind}, due {due} (case #{case})",
    ),
    "timer.created_vague": (
        "⏰ 已记下：{kind}（没有具体时间，{due}后提醒你）",
        "⏰ 已記下：{kind}（沒有具體時間，{due}後提醒你）",
        "⏰ Noted: {kind} (no time given, I will remind you in {due})",
    ),
    "timer.done": ("✅ 提醒已完成", "✅ 提醒已完成", "✅ Reminder closed"),
    "timer.cancelled": ("🚫 提醒已取消", "🚫 提醒已取消", "🚫 Reminder cancelled"),
    "timer.snoozed": ("💤 已延后到 {due}", "💤 已延後到 {due}", "💤 Snoozed until {due}"),
    "timer.none": ("没有待办提醒。", "沒有待辦提醒。", "No open reminders."),
    "timer.not_found": ("找不到这个提醒。", "找不到這個提醒。", "That reminder no longer exists."),
    "timer.forbidden": (
        "只有负责的客服或主管可以处理这个提醒。",
        "只有負責的客服或主管可以處理這個提醒。",
        "Only the agent on the case or a supervisor can do that.",
    ),
    "timer.list_title": ("⏰ 待办提醒", "⏰ 待辦提醒", "⏰ Open reminders"),
    "overdue.title": ("🚨 超时提醒", "🚨 逾時提醒", "🚨 Overdue reminders"),
    "supervisors_only": ("只有主管可以查看。", "只有主管可以查看。", "Supervisors only."),
    "case.none": (
        "这里还没有案例。先转发一条客户消息给我。",
        "這裡還沒有案件。先轉傳一則客戶訊息給我。",
        "No case here yet. Forward me a customer message first.",
    ),
    "case.title": (
        "📁 案例 #{case} · {customer}",
        "📁 案件 #{case} · {customer}",
        "📁 Case #{case} · {customer}",
    ),
    "alert.remind": (
        "⏰ {agent}，{kind}将在 {due} 到期：{note}（案例 #{case}）",
        "⏰ {agent}，{kind}將在 {due} 到期：{note}（案件 #{case}）",
        "⏰ {agent}, your {kind} is due at {due}: {note} (case #{case})",
    ),
    "alert.due": (
        "🔔 {agent}，{kind}现在到期：{note}（案例 #{case}）{late}",
        "🔔 {agent}，{kind}現在到期：{note}（案件 #{case}）{late}",
        "🔔 {agent}, your {kind} is due now: {note} (case #{case}){late}",
    ),
    "alert.overdue": (
        "🚨 超时：{agent} 的{kind}已超时 {overdue}：{note}（案例 #{case}）{late}",
        "🚨 逾時：{agent} 的{kind}已逾時 {overdue}：{note}（案件 #{case}）{late}",
        "🚨 Overdue: {agent}'s {kind} is {overdue} late: {note} (case #{case}){late}",
    ),
    "alert.escalation": (
        "🆘 再次升级：{agent} 的{kind}仍未处理，已超时 {overdue}：{note}（案例 #{case}）{late}",
        "🆘 再次升級：{agent} 的{kind}仍未處理，已逾時 {overdue}：{note}（案件 #{case}）{late}",
        "🆘 Second escalation: {agent}'s {kind} is still open, {overdue} late: {note} (case #{case}){late}",
    ),
    "alert.late": (
        "（机器人离线，晚发 {late}）",
        "（機器人離線，晚發 {late}）",
        " (sent {late} late: the bot was down)",
    ),
    "alert.risk": (
        "⚠️ 风险：{risks} · {agent} 的案例 #{case}\n“{text}”",
        "⚠️ 風險：{risks} · {agent} 的案件 #{case}\n「{text}」",
        "⚠️ Risk: {risks} · {agent}'s case #{case}\n“{text}”",
    ),
    "alert.taken": ("👤 {agent} 已接手", "👤 {agent} 已接手", "👤 {agent} took over"),
    "kind.callback": ("回电", "回電", "callback"),
    "kind.hold": ("请客户稍等", "請客戶稍候", "hold"),
    "kind.follow_up": ("跟进", "跟進", "follow-up"),
    "kind.response": ("回复客户", "回覆客戶", "reply to the customer"),
    "check.clean": ("没有发现问题。", "沒有發現問題。", "No problems found."),
    "check.score": (
        "CLEAR 覆盖度：{score}/100（{steps}）",
        "CLEAR 覆蓋度：{score}/100（{steps}）",
        "CLEAR coverage: {score}/100 ({steps})",
    ),
    "check.rewrite": ("建议", "建議", "Try"),
    "check.promise": ("承诺", "承諾", "Promise"),
    "error": (
        "抱歉，出了点问题，请稍后再试。",
        "抱歉，發生了一點問題，請稍後再試。",
        "Sorry, something went wrong. Please try again.",
    ),
}

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def ui_lang(code: str | None, default: UiLang = "en") -> UiLang:
    """Map a Telegram language_code (or a taxonomy language) to a UI language."""
    if not code:
        return default
    c = code.lower().replace("_", "-")
    if c in ("zh-hant", "zh-tw", "zh-hk", "zh-mo") or c.startswith("zh-hant"):
        return "zh-Hant"
    if c.startswith("zh"):
        return "zh-Hans"
    if c.startswith("en"):
        return "en"
    return default


def t(key: str, lang: UiLang, **values: object) -> str:
    """The text ``key`` in ``lang`` with ``values`` HTML-escaped; unknown placeholders are left empty."""
    text = _T[key][UI_LANGS.index(lang)]
    return _PLACEHOLDER.sub(lambda m: html.escape(str(values.get(m.group(1), ""))), text)


def raw(key: str, lang: UiLang) -> str:
    """The text ``key`` in ``lang`` without substitution (for plain-text places like command menus)."""
    return _T[key][UI_LANGS.index(lang)]
