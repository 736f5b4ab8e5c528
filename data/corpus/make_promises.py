"""Write promises.jsonl: agent messages with the promises they contain.

Every due time is computed here with zoneinfo rather than by hand, following
"Promise record format" and its "Finer points" in ../../../shared/spec/taxonomy.md.
Run from the repository root: `.venv/bin/python data/corpus/make_promises.py`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

OUT_PATH = Path(__file__).with_name("promises.jsonl")
CLOSE_OF_BUSINESS = time(18, 0)
END_OF_MORNING = time(12, 0)

SH = "Asia/Shanghai"
TP = "Asia/Taipei"
HK = "Asia/Hong_Kong"
NY = "America/New_York"
LDN = "Europe/London"
SG = "Asia/Singapore"
SYD = "Australia/Sydney"


@dataclass(frozen=True)
class Rec:
    """One agent message. `now` is local wall time "YYYY-MM-DD HH:MM"; `fold` picks
    the first (0) or second (1) occurrence of a repeated wall time. Each promise is
    (kind, due rule); see `resolve_due` for the rules."""

    text: str
    now: str
    tz: str
    promises: tuple[tuple[str, str], ...] = ()
    fold: int = 0


def at_local(day: date, clock: time, zone: ZoneInfo) -> datetime:
    """The wall-clock time `clock` on `day` in `zone` (zoneinfo picks the offset)."""
    return datetime.combine(day, clock, tzinfo=zone)


def resolve_due(rule: str, now: datetime) -> datetime | None:
    """Due time for a rule: "null", "+<n>s|m|h" (elapsed), "today", "tomorrow",
    "tomorrow_morning", "day_after", "at HH:MM" (rolls to tomorrow when past) or
    "tomorrow HH:MM"."""
    zone = now.tzinfo
    assert isinstance(zone, ZoneInfo)
    today = now.date()
    if rule == "null":
        return None
    if rule.startswith("+"):
        amount, unit = float(rule[1:-1]), rule[-1]
        seconds = amount * {"s": 1, "m": 60, "h": 3600}[unit]
        # Elapsed time: add in UTC, then express in the zone's offset at that instant.
        return (now.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(zone)
    if rule == "today":
        due = at_local(today, CLOSE_OF_BUSINESS, zone)
        return due if now < due else None
    if rule == "tomorrow":
        return at_local(today + timedelta(days=1), CLOSE_OF_BUSINESS, zone)
    if rule == "tomorrow_morning":
        return at_local(today + timedelta(days=1), END_OF_MORNING, zone)
    if rule == "day_after":
        return at_local(today + timedelta(days=2), CLOSE_OF_BUSINESS, zone)
    word, _, clock_text = rule.partition(" ")
    clock = time.fromisoformat(clock_text)
    if word == "tomorrow":
        return at_local(today + timedelta(days=1), clock, zone)
    if word == "at":
        due = at_local(today, clock, zone)
        return due if due > now else at_local(today + timedelta(days=1), clock, zone)
    raise ValueError(f"unknown due rule: {rule}")


def to_record(index: int, rec: Rec) -> dict[str, object]:
    """The JSON object for one record."""
    zone = ZoneInfo(rec.tz)
    now = datetime.fromisoformat(rec.now).replace(tzinfo=zone, fold=rec.fold)
    promises = []
    for kind, rule in rec.promises:
        assert kind in ("callback", "follow_up", "hold"), kind
        due = resolve_due(rule, now)
        promises.append({"kind": kind, "due": None if due is None else due.isoformat()})
    return {
        "id": f"q{index:03d}",
        "text": rec.text,
        "now": now.isoformat(),
        "tz": rec.tz,
        "promises": promises,
    }


CB, FU, HOLD = "callback", "follow_up", "hold"

RECORDS: tuple[Rec, ...] = (
    # --- zh-Hans, Asia/Shanghai ---
    Rec("我去跟仓库确认一下，15分钟内给您回复。", "2026-03-09 10:20", SH, ((CB, "+15m"),)),
    Rec("请您稍等三分钟，我查一下您的订单状态。", "2026-03-09 11:02", SH, ((HOLD, "+3m"),)),
    Rec("这个问题我今天下班前给您答复。", "2026-03-10 14:30", SH, ((CB, "today"),)),
    Rec(
        "我这边已经提交给技术部门了，明天上午会有工程师联系您。",
        "2026-03-10 16:45",
        SH,
        ((CB, "tomorrow_morning"),),
    ),
    Rec(
        "退款已经操作了，明天我再帮您看一下有没有到账。",
        "2026-03-11 09:40",
        SH,
        ((FU, "tomorrow"),),
    ),
    Rec("下午三点前我把发票发到您邮箱。", "2026-03-11 10:15", SH, ((CB, "at 15:00"),)),
    Rec("我下午三点前把新的报价单发给您。", "2026-03-12 16:20", SH, ((CB, "at 15:00"),)),
    Rec("给我一两分钟，我看一下系统记录。", "2026-03-12 13:00", SH, ((HOLD, "+2m"),)),
    Rec("我们会在48小时内给您回电。", "2026-03-13 17:30", SH, ((CB, "+48h"),)),
    Rec("稍后我再联系您。", "2026-03-13 09:10", SH, ((CB, "null"),)),
    Rec(
        "明天上午十点前您把身份证照片上传一下就行。",
        "2026-03-14 11:00",
        SH,
    ),
    Rec(
        "后天我再跟进一下维修效果，确认热水器不再报错。",
        "2026-03-14 15:00",
        SH,
        ((FU, "day_after"),),
    ),
    Rec("明天下午三点前给您回复处理结果。", "2026-03-15 20:10", SH, ((CB, "tomorrow 15:00"),)),
    Rec("今天内给您一个明确答复。", "2026-03-16 19:05", SH, ((CB, "today"),)),
    Rec("半小时内安排售后给您打电话。", "2026-03-16 10:30", SH, ((CB, "+30m"),)),
    Rec("麻烦您等我五到十分钟，我去问一下主管。", "2026-03-17 14:12", SH, ((HOLD, "+10m"),)),
    Rec(
        "您先试一下重启路由器，明早我再回访一下网络是否恢复。",
        "2026-03-17 17:55",
        SH,
        ((FU, "tomorrow_morning"),),
    ),
    Rec("我马上帮您查，您稍等一会儿。", "2026-03-18 09:05", SH, ((HOLD, "null"),)),
    Rec("下周我们会安排专人跟您联系。", "2026-03-18 15:40", SH, ((CB, "null"),)),
    Rec("晚上八点前我把补偿方案发给您。", "2026-03-19 15:30", SH, ((CB, "at 20:00"),)),
    Rec(
        "上次我们约的是今天下午三点回电，刚才已经给您打过了。",
        "2026-03-19 15:20",
        SH,
    ),
    Rec(
        "您稍等两分钟，我把链接发给您；另外明天我会再确认一下您的会员有没有恢复。",
        "2026-03-20 11:30",
        SH,
        ((HOLD, "+2m"), (FU, "tomorrow")),
    ),
    Rec("周五我会打电话告诉您处理进度。", "2026-03-20 10:00", SH, ((CB, "null"),)),
    Rec("今晚我再跟进一下，有消息第一时间通知您。", "2026-03-20 16:00", SH, ((CB, "null"),)),
    Rec("十分钟后我给您回拨。", "2026-03-21 18:55", SH, ((CB, "+10m"),)),
    Rec("明天中午12点前我把对账单发给您。", "2026-03-22 16:00", SH, ((CB, "tomorrow 12:00"),)),
    Rec("我们的质检同事今天会联系您确认问题。", "2026-03-23 10:00", SH, ((CB, "today"),)),
    Rec(
        "明天我再打给您，确认一下空调制冷是否正常。",
        "2026-03-23 14:00",
        SH,
        ((FU, "tomorrow"),),
    ),
    Rec("二十分钟左右给您回电。", "2026-03-24 09:30", SH, ((CB, "+20m"),)),
    Rec("请稍候，我需要一点时间核实。", "2026-03-24 10:05", SH, ((HOLD, "null"),)),
    Rec("上午十一点前给您回复。", "2026-03-24 11:30", SH, ((CB, "at 11:00"),)),
    Rec("三天内给您一个处理结果。", "2026-03-25 15:00", SH, ((CB, "+72h"),)),
    Rec(
        "我今天下午再跟进一下物流，有结果告诉您。",
        "2026-03-26 10:00",
        SH,
        ((CB, "today"),),
    ),
    Rec(
        "我会在24小时内通过短信把处理结果发给您。",
        "2026-03-26 22:15",
        SH,
        ((CB, "+24h"),),
    ),
    Rec("您提交的材料我们已经收到了。", "2026-03-27 13:40", SH),
    Rec("明天上午我再确认一下退款是否到账。", "2026-03-27 18:30", SH, ((FU, "tomorrow_morning"),)),
    Rec("您的包裹预计明天下午送达，请注意查收。", "2026-03-02 09:30", SH),
    Rec("退款会在3-7个工作日内原路退回。", "2026-03-02 10:45", SH),
    Rec("我昨天下午三点给您打过电话，没有打通。", "2026-03-03 09:20", SH),
    Rec("麻烦您在今天18点前把照片发给我们。", "2026-03-03 11:00", SH),
    Rec("如果明天还没到货，我会给您打电话。", "2026-03-03 15:10", SH),
    Rec("需要我稍后给您回个电话吗？", "2026-03-04 10:00", SH),
    Rec("我们的营业时间是早上9点到晚上6点。", "2026-03-04 12:30", SH),
    Rec("保修期是自购买之日起一年。", "2026-03-04 14:00", SH),
    Rec("请您收到货后24小时内检查商品。", "2026-03-05 09:15", SH),
    Rec("上周我们已经给您发过邮件了。", "2026-03-05 10:40", SH),
    Rec("要不要我明天再帮您查一下？", "2026-03-05 16:30", SH),
    Rec("如果您那边方便的话，可以明天上午再联系我们。", "2026-03-06 17:20", SH),
    Rec("快递员今天下午会送到。", "2026-03-06 09:50", SH),
    Rec("已经帮您改好地址了，感谢您的耐心。", "2026-03-06 11:10", SH),
    Rec("您可以在APP里随时查看退款进度。", "2026-03-07 10:00", SH),
    Rec("假如工程师判断需要换机，我们会在两小时内通知您。", "2026-03-07 14:30", SH),
    Rec("审核一般需要1到3个工作日。", "2026-03-07 16:00", SH),
    Rec("抱歉让您久等了，刚才系统比较慢。", "2026-03-08 10:10", SH),
    Rec("我三点钟给您发过短信了，您看一下。", "2026-03-08 16:05", SH),
    Rec("优惠券有效期7天，请尽快使用。", "2026-03-08 12:00", SH),
    Rec("您要是还有问题，随时可以联系我们。", "2026-03-09 17:45", SH),
    Rec("需要的话我可以让主管给您回电，您看可以吗？", "2026-03-10 10:30", SH),
    Rec("订单已取消，款项将在24小时内退回。", "2026-03-10 13:25", SH),
    Rec("您在下午五点前提交的话，当天就能处理。", "2026-03-11 14:00", SH),
    Rec("请在三分钟内输入短信验证码。", "2026-03-11 15:00", SH),
    Rec("如果物流明天还不更新，您再找我。", "2026-03-12 11:40", SH),
    Rec("您的包裹已于今天上午10点签收。", "2026-03-12 14:50", SH),
    Rec("我这就去核实，两分钟后回来。", "2026-04-01 09:00", SH, ((HOLD, "+2m"),)),
    Rec("如果下午两点前工程师还没到，您直接打这个电话。", "2026-04-01 11:45", SH),
    Rec("这件事我们主管后天会亲自给您回电。", "2026-04-02 11:00", SH, ((CB, "day_after"),)),
    Rec("您要不要先等十五分钟，我去仓库确认一下库存？", "2026-04-02 15:10", SH),
    Rec(
        "今天下班前技术部会把检测报告发给您，明天我再跟进一下您的使用情况。",
        "2026-04-03 09:30",
        SH,
        ((CB, "today"), (FU, "tomorrow")),
    ),
    Rec("我们的客服热线24小时都有人接听。", "2026-04-03 12:00", SH),
    Rec("一个半小时内给您回电。", "2026-04-03 16:50", SH, ((CB, "+90m"),)),
    Rec("我明天一早就帮您催物流，催完告诉您。", "2026-04-03 20:00", SH, ((CB, "tomorrow_morning"),)),
    Rec("这个问题我记下了，下周一给您回复。", "2026-04-04 10:30", SH, ((CB, "null"),)),
    Rec("您先别挂，我转接给同事，一分钟就好。", "2026-04-05 10:00", SH, ((HOLD, "+1m"),)),
    Rec("明天下午两点我给您回电话确认安装时间。", "2026-04-06 09:00", SH, ((CB, "tomorrow 14:00"),)),
    Rec("我稍后把电子发票发到您邮箱，请注意查收。", "2026-04-06 11:20", SH, ((CB, "null"),)),
    Rec("如果您对处理结果不满意，可以拨打我们的投诉热线。", "2026-04-07 10:00", SH),
    Rec("我们已于3月20日为您办理了退款。", "2026-04-07 14:00", SH),
    Rec("安装师傅预计明天上午到达。", "2026-04-07 16:30", SH),
    # --- zh-Hant (Taiwan), Asia/Taipei ---
    Rec("我先跟物流確認一下，十分鐘內回覆您。", "2026-03-09 10:00", TP, ((CB, "+10m"),)),
    Rec("請稍等我兩分鐘，我幫您查詢訂單。", "2026-03-09 14:30", TP, ((HOLD, "+2m"),)),
    Rec("這部分我今天下班前給您回覆喔。", "2026-03-10 15:20", TP, ((CB, "today"),)),
    Rec(
        "明天早上我再打給您，確認一下網路有沒有恢復。",
        "2026-03-11 17:00",
        TP,
        ((FU, "tomorrow_morning"),),
    ),
    Rec("我們的技術人員會在兩小時內跟您聯繫。", "2026-03-12 09:45", TP, ((CB, "+2h"),)),
    Rec("晚點再回覆您。", "2026-03-12 11:00", TP, ((CB, "null"),)),
    Rec("我下午四點前把退款證明寄到您的信箱。", "2026-03-13 16:30", TP, ((CB, "at 16:00"),)),
    Rec("後天我會再追蹤一次，確認維修後的冰箱有沒有正常運作。", "2026-03-14 11:00", TP, ((FU, "day_after"),)),
    Rec("請給我三到五分鐘，我向主管確認。", "2026-03-15 10:10", TP, ((HOLD, "+5m"),)),
    Rec("明天中午前回覆您正式的處理方案。", "2026-03-15 17:40", TP, ((CB, "tomorrow 12:00"),)),
    Rec("今天之內會有專員打電話給您。", "2026-03-16 18:20", TP, ((CB, "today"),)),
    Rec("半小時後我再打給您。", "2026-03-17 13:00", TP, ((CB, "+30m"),)),
    Rec("這禮拜五前會給您答覆。", "2026-03-17 15:00", TP, ((CB, "null"),)),
    Rec("等我一下下，馬上回來。", "2026-03-18 09:30", TP, ((HOLD, "null"),)),
    Rec("您的商品預計三到五個工作天內送達。", "2026-03-18 11:00", TP),
    Rec("退款約需七到十四個工作天，依發卡銀行作業為準。", "2026-03-18 14:00", TP),
    Rec("我昨天晚上有打給您，但沒有人接。", "2026-03-19 10:00", TP),
    Rec("麻煩您明天中午前把發票照片傳給我們。", "2026-03-19 15:30", TP),
    Rec("如果明天包裹還沒到，我再幫您聯絡物流。", "2026-03-20 10:20", TP),
    Rec("需要我請主管回電給您嗎？", "2026-03-20 13:00", TP),
    Rec("七天鑑賞期是從您收到商品隔天開始算。", "2026-03-20 16:00", TP),
    Rec("已經幫您取消訂單囉，謝謝您。", "2026-03-21 11:00", TP),
    Rec("您也可以直接到門市辦理，營業到晚上九點。", "2026-03-21 14:00", TP),
    Rec("如果您方便的話，晚點再來電也可以。", "2026-03-22 10:30", TP),
    Rec("宅配人員今天下午會送達。", "2026-03-22 09:00", TP),
    # --- zh-Hant (Hong Kong, Cantonese), Asia/Hong_Kong ---
    Rec("我同倉務check一check，十五分鐘內覆你。", "2026-03-09 11:00", HK, ((CB, "+15m"),)),
    Rec("等我兩分鐘，我睇睇系統先。", "2026-03-09 15:00", HK, ((HOLD, "+2m"),)),
    Rec("今日收工前一定覆你。", "2026-03-10 10:30", HK, ((CB, "today"),)),
    Rec("聽日朝早我再打俾你，睇下部機修好未。", "2026-03-10 16:00", HK, ((FU, "tomorrow_morning"),)),
    Rec("陣間覆你。", "2026-03-11 09:20", HK, ((CB, "null"),)),
    Rec("我哋技術部同事一個鐘內會call你。", "2026-03-11 14:00", HK, ((CB, "+1h"),)),
    Rec("下晝三點前send份報價俾你。", "2026-03-12 10:00", HK, ((CB, "at 15:00"),)),
    Rec("我下晝三點前email張invoice俾你。", "2026-03-12 15:30", HK, ((CB, "at 15:00"),)),
    Rec("等我一陣，我幫你問下主管。", "2026-03-13 11:15", HK, ((HOLD, "null"),)),
    Rec("聽日下晝兩點前我會覆你退款進度。", "2026-03-13 19:00", HK, ((CB, "tomorrow 14:00"),)),
    Rec("後日我再打俾你，確認個新router用得順唔順。", "2026-03-14 12:00", HK, ((FU, "day_after"),)),
    Rec("我哋會喺24個鐘內send個confirmation email俾你。", "2026-03-15 21:00", HK, ((CB, "+24h"),)),
    Rec("俾我三五分鐘，我check下你個account。", "2026-03-16 10:40", HK, ((HOLD, "+5m"),)),
    Rec("今晚我再跟進，有消息話你知。", "2026-03-16 17:00", HK, ((CB, "null"),)),
    Rec("你嘅包裹預計聽日送到。", "2026-03-17 10:00", HK),
    Rec("退款一般需要七至十個工作天。", "2026-03-17 12:00", HK),
    Rec("我琴日下晝打過俾你，不過冇人聽。", "2026-03-18 09:40", HK),
    Rec("麻煩你今日六點前send張相俾我哋。", "2026-03-18 14:20", HK),
    Rec("如果聽日仲未收到，我再幫你追速遞。", "2026-03-19 16:00", HK),
    Rec("使唔使我遲啲打返俾你？", "2026-03-19 17:30", HK),
    Rec("保養期係一年，由購買日計。", "2026-03-20 10:00", HK),
    Rec("已經幫你改咗地址，唔該晒。", "2026-03-20 11:30", HK),
    Rec("如果師傅話要換零件，我哋會喺兩日內通知你。", "2026-03-20 15:00", HK),
    Rec("有咩問題你隨時搵返我哋。", "2026-03-21 10:00", HK),
    Rec("師傅大概下晝兩點到。", "2026-03-21 11:00", HK),
    # --- English: ordinary days ---
    Rec(
        "Let me check with the warehouse, I'll call you back in 10 minutes.",
        "2026-03-02 10:00",
        NY,
        ((CB, "+10m"),),
    ),
    Rec("Give me two minutes while I pull up your account.", "2026-03-02 14:00", LDN, ((HOLD, "+2m"),)),
    Rec("I'll get back to you by end of day with an answer.", "2026-03-03 11:30", NY, ((CB, "today"),)),
    Rec("Our engineer will call you within the hour.", "2026-03-03 16:00", LDN, ((CB, "+1h"),)),
    Rec("I'll email you the corrected invoice by 3 pm.", "2026-03-04 09:15", NY, ((CB, "at 15:00"),)),
    Rec("I'll email the corrected invoice over by 3 pm.", "2026-03-04 16:10", NY, ((CB, "at 15:00"),)),
    Rec(
        "I'll check again tomorrow that the refund has gone through.",
        "2026-03-05 12:00",
        LDN,
        ((FU, "tomorrow"),),
    ),
    Rec(
        "Bear with me for a couple of minutes while I check with billing.",
        "2026-03-05 15:00",
        SG,
        ((HOLD, "+2m"),),
    ),
    Rec("I'll get back to you.", "2026-03-06 10:00", NY, ((CB, "null"),)),
    Rec("Give me a sec.", "2026-03-06 11:00", SG, ((HOLD, "null"),)),
    Rec(
        "I'll ring you tomorrow morning to confirm the engineer's slot.",
        "2026-03-06 17:30",
        LDN,
        ((CB, "tomorrow_morning"),),
    ),
    # --- English: US spring forward (2026-03-08 02:00 EST -> 03:00 EDT) ---
    Rec(
        "I'll call you back in two hours with the warehouse's answer.",
        "2026-03-08 01:30",
        NY,
        ((CB, "+2h"),),
    ),
    Rec(
        "I'll send you the updated contract before 10 tomorrow.",
        "2026-03-07 16:00",
        NY,
        ((CB, "tomorrow 10:00"),),
    ),
    Rec(
        "Someone from our team will call you back tomorrow.",
        "2026-03-07 13:00",
        NY,
        ((CB, "tomorrow"),),
    ),
    Rec(
        "I'll follow up in 24 hours to make sure the new router is working.",
        "2026-03-07 12:00",
        NY,
        ((FU, "+24h"),),
    ),
    # --- English: US fall back (2026-11-01 02:00 EDT -> 01:00 EST) ---
    Rec("I'll call you back within the hour.", "2026-11-01 01:20", NY, ((CB, "+1h"),)),
    Rec(
        "I'll check in the day after tomorrow to see if the replacement fixed it.",
        "2026-10-30 15:00",
        NY,
        ((FU, "day_after"),),
    ),
    Rec("You'll hear back from me in 90 minutes.", "2026-11-01 00:45", NY, ((CB, "+90m"),)),
    # --- English: UK spring forward (2026-03-29) and fall back (2026-10-25) ---
    Rec("I'll call you back in an hour.", "2026-03-29 00:30", LDN, ((CB, "+1h"),)),
    Rec(
        "I'll get back to you tomorrow morning with the claim decision.",
        "2026-03-28 15:00",
        LDN,
        ((CB, "tomorrow_morning"),),
    ),
    Rec(
        "Let me follow up tomorrow to confirm the broadband is stable.",
        "2026-10-24 11:00",
        LDN,
        ((FU, "tomorrow"),),
    ),
    Rec("I'll call you back within 3 hours.", "2026-10-25 00:30", LDN, ((CB, "+3h"),)),
    Rec("Our billing team will email you within 48 hours.", "2026-03-27 10:00", LDN, ((CB, "+48h"),)),
    # --- English: Sydney DST end (2026-04-05) and start (2026-10-04) ---
    Rec(
        "I'll give you a call back tomorrow before noon.",
        "2026-04-04 15:00",
        SYD,
        ((CB, "tomorrow 12:00"),),
    ),
    Rec("I'll call you back in 4 hours.", "2026-10-04 00:30", SYD, ((CB, "+4h"),)),
    # --- English: more positives ---
    Rec(
        "Hold on 5–10 minutes while I speak to my supervisor.",
        "2026-03-10 14:00",
        SG,
        ((HOLD, "+10m"),),
    ),
    Rec(
        "I'll message you later today with the courier's answer.",
        "2026-03-12 13:00",
        NY,
        ((CB, "today"),),
    ),
    Rec("I'll message you later today with an update.", "2026-03-12 18:40", NY, ((CB, "today"),)),
    Rec("I'll send you the tracking link by 5:30 pm.", "2026-03-13 17:45", LDN, ((CB, "at 17:30"),)),
    Rec("I'll call you tonight.", "2026-03-13 15:00", NY, ((CB, "null"),)),
    Rec(
        "I'll get back to you next week with the engineer's report.",
        "2026-03-14 10:00",
        LDN,
        ((CB, "null"),),
    ),
    Rec("Let me put you on hold for a few minutes.", "2026-03-14 11:00", SG, ((HOLD, "null"),)),
    Rec("I'll call you on Monday.", "2026-03-14 16:00", NY, ((CB, "null"),)),
    Rec(
        "A specialist will phone you before we close today.",
        "2026-03-16 10:00",
        SG,
        ((CB, "today"),),
    ),
    Rec("Give me 30 seconds to pull that up.", "2026-03-17 11:00", LDN, ((HOLD, "+30s"),)),
    Rec(
        "I'll follow up in three days to make sure the repair held.",
        "2026-03-18 10:00",
        NY,
        ((FU, "+72h"),),
    ),
    Rec(
        "I'll send the refund confirmation within 15 minutes, and I'll check tomorrow "
        "morning that it shows on your card.",
        "2026-03-18 15:00",
        LDN,
        ((CB, "+15m"), (FU, "tomorrow_morning")),
    ),
    Rec("Please bear with me 2 or 3 minutes.", "2026-03-19 09:30", NY, ((HOLD, "+3m"),)),
    Rec("We'll call you back tomorrow at 4 pm.", "2026-03-19 11:00", NY, ((CB, "tomorrow 16:00"),)),
    Rec("I'll get an answer to you in an hour or two.", "2026-03-20 11:00", LDN, ((CB, "+2h"),)),
    Rec(
        "I'll drop you a message in 20 minutes with the rebooking options.",
        "2026-03-20 10:00",
        SYD,
        ((CB, "+20m"),),
    ),
    Rec(
        "Leave it with me — I'll confirm by 11 tomorrow morning.",
        "2026-03-22 16:00",
        LDN,
        ((CB, "tomorrow 11:00"),),
    ),
    # --- English: negatives ---
    Rec("Your parcel should arrive within 3–5 business days.", "2026-03-02 09:00", NY),
    Rec("Refunds usually take 5 to 10 working days to appear on your statement.", "2026-03-02 12:00", LDN),
    Rec("I called you at 2 pm yesterday but couldn't get through.", "2026-03-03 10:00", NY),
    Rec("Please reply within 24 hours so we can keep your booking.", "2026-03-03 13:00", SG),
    Rec("If the part is out of stock, I'll call you.", "2026-03-04 11:00", LDN),
    Rec("Would you like me to call you back tomorrow?", "2026-03-04 15:00", NY),
    Rec("Our opening hours are 9am to 6pm, Monday to Friday.", "2026-03-05 10:00", LDN),
    Rec("The warranty lasts 12 months from the date of purchase.", "2026-03-05 14:00", SG),
    Rec("We sent you an email about this last Thursday.", "2026-03-06 09:30", NY),
    Rec("The courier will be with you between 2 and 4 pm today.", "2026-03-06 10:15", LDN),
    Rec("Could you call us back when you have your policy number handy?", "2026-03-09 11:00", NY),
    Rec("If nothing changes by Friday, I'll escalate it and ring you.", "2026-03-09 14:00", LDN),
    Rec("Shall I have a supervisor give you a call?", "2026-03-10 09:45", NY),
    Rec("You have 30 days to return the item for a full refund.", "2026-03-10 12:00", SG),
    Rec("Thanks for waiting, I've found your order.", "2026-03-10 16:20", LDN),
    Rec("I already emailed the invoice to you at 10:15 this morning.", "2026-03-11 13:00", NY),
    Rec("Please upload the photos by 5 pm tomorrow.", "2026-03-11 15:30", LDN),
    Rec("Your engineer visit is scheduled for Thursday morning.", "2026-03-12 10:00", LDN),
    Rec("Delivery is expected tomorrow before noon.", "2026-03-12 11:00", SYD),
    Rec("Do you want me to check again in an hour?", "2026-03-13 10:00", NY),
    Rec("If you'd like, I can arrange a callback — just let me know a good time.", "2026-03-13 12:00", SG),
    Rec("Your plan renews automatically on the 1st of each month.", "2026-03-16 09:00", NY),
    Rec("Your refund was processed on March 3rd.", "2026-03-16 11:00", LDN),
    Rec("Feel free to get back to us any time before 6 pm.", "2026-03-16 14:00", SG),
    Rec("If the refund hasn't arrived by Monday, please contact us again.", "2026-03-17 10:00", NY),
    Rec("Sorry for the wait earlier, the system was down for about 20 minutes.", "2026-03-17 15:00", LDN),
    Rec("We can't give you a callback time at the moment, sorry.", "2026-03-18 12:00", NY),
    Rec("The new card will reach you in 7–10 days.", "2026-03-18 16:00", SYD),
    Rec("Your account was unlocked at 9:42 this morning.", "2026-03-19 10:30", LDN),
    Rec("If you don't receive the code within 5 minutes, tap resend.", "2026-03-19 14:00", SG),
)


def main() -> None:
    """Write every record, one JSON object a line."""
    lines = [json.dumps(to_record(i, r), ensure_ascii=False) for i, r in enumerate(RECORDS, 1)]
    OUT_PATH.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} records to {OUT_PATH}")


if __name__ == "__main__":
    main()
