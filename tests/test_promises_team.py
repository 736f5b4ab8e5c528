"""Promises agents write in their team chat: the customer in the third person ("call her back"),
reports of what they just told the customer ("told her I'd call back in 10"), and what must stay
out (the customer's own actions, past calls, questions, conditions, other people's promises)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.promises import extract_promises

NY = "America/New_York"
SH = "Asia/Shanghai"
HK = "Asia/Hong_Kong"
TP = "Asia/Taipei"
EN_MON_10 = "2026-03-02T10:00:00-05:00"  # a Monday morning in New York
ZH_MON_10 = "2026-03-02T10:00:00+08:00"  # the same wall time in Shanghai, Hong Kong and Taipei

Found = list[tuple[str, str | None]]


def found(text: str, now: str, tz: str) -> Found:
    promises = extract_promises(text, datetime.fromisoformat(now), ZoneInfo(tz))
    return [(p.kind, p.due.isoformat() if p.due else None) for p in promises]


def en(due: str | None, kind: str = "callback") -> Found:
    return [(kind, f"2026-03-{due}-05:00" if due else None)]


def zh(due: str | None, kind: str = "callback") -> Found:
    return [(kind, f"2026-03-{due}+08:00" if due else None)]


ENGLISH_TEAM = [
    # the customer in the third person
    ("I'll call her back within 10 minutes", en("02T10:10:00")),
    ("I'll get back to him by 3pm", en("02T15:00:00")),
    ("will ring the customer back in 15 mins", en("02T10:15:00")),
    ("calling them back in half an hour", en("02T10:30:00")),
    ("I'll follow up with her tomorrow", en("03T18:00:00", "follow_up")),
    ("gonna call him back in 20 min", en("02T10:20:00")),
    ("ok, ringing the client back at 3", en("02T15:00:00")),
    ("I'm calling the customer back in an hour", en("02T11:00:00")),
    ("I'll text her the tracking link in 10 minutes", en("02T10:10:00")),
    ("I'll email him the quote by end of day", en("02T18:00:00")),
    ("I'll send her the refund receipt this afternoon", en("02T18:00:00")),
    ("I'll update the customer tomorrow morning", en("03T12:00:00")),
    ("will reply to her within 30 mins", en("02T10:30:00")),
    ("I'll call Mrs Chen back at 2pm", en("02T14:00:00")),
    ("I'll call John back in 15 minutes", en("02T10:15:00")),
    ("Following up with her on Thursday at 10am.", en("05T10:00:00", "follow_up")),
    ("Emailing him the return label in 10 minutes.", en("02T10:10:00")),
    (
        "Customer wants a refund - I'll call her back in 15 once I've checked with billing.",
        en("02T10:15:00"),
    ),
    ("Customer on line 2 - I'll call him back in 10, can you watch the queue?", en("02T10:10:00")),
    # reports of what the agent just told the customer: due from the message time
    ("told her I'd call back in 10 min", en("02T10:10:00")),
    ("told him I'll send the invoice by end of day", en("02T18:00:00")),
    ("promised the customer a callback within the hour", en("02T11:00:00")),
    ("said I'd check back with them tomorrow morning", en("03T12:00:00", "follow_up")),
    ("Just told her I'll ring back in 20 mins.", en("02T10:20:00")),
    ("Spoke to Mr Lee, told him we'll call back tomorrow morning.", en("03T12:00:00")),
    ("We promised him an update by end of day.", en("02T18:00:00")),
    ("promised to call him back by 4pm", en("02T16:00:00")),
    ("Let the customer know we'd get back to her within the hour.", en("02T11:00:00")),
    ("Told her I'd call back Thursday, at 3pm.", en("05T15:00:00")),
    # holds
    ("I've asked her to hold for 2 minutes", en("02T10:02:00", "hold")),
    ("asked the customer to hang on 3 minutes", en("02T10:03:00", "hold")),
    ("Put her on hold for 3 minutes.", en("02T10:03:00", "hold")),
    # the team's promise made by a colleague
    ("our engineer will call him within the hour", en("02T11:00:00")),
    ("Tom will call her back in 10", en("02T10:10:00")),
    ("someone from billing will call him tomorrow morning", en("03T12:00:00")),
]

ENGLISH_NOT_OURS = [
    # the customer's own actions
    "she said she'd call back later",
    "he'll call back tomorrow",
    "the customer will call back after lunch",
    "customer says he'll ring us back in 10 min",
    "asked him to call back in an hour",
    "told her she needs to reply within 24 hours",
    "she wants us to call her back at 3",
    "the customer asked us to call back within the hour",
    # past events, and a report made before today
    "I called him back an hour ago",
    "I already emailed her the invoice",
    "called her back at 2, all sorted",
    "I told her yesterday I'd call back today",
    # questions, offers, conditions, negations, habits
    "should I call her back?",
    "want me to ring him back in 10?",
    "can you call her back in 5?",
    "if the part is in stock I'll call her back",
    "I'll call her back if the warehouse confirms",
    "I won't be able to call her back today",
    "we usually call customers back within 24 hours",
    # someone else's promise, deliveries and policy periods
    "the courier told her he'd come at 3",
    "the courier will call her at 3pm",
    "told her the parcel should arrive by Friday",
    "told him refunds take 5-7 business days",
    "her refund will reach her in 3 days",
]

CHINESE_TEAM = [
    # Simplified
    ("10分钟内给他回电", zh("02T10:10:00")),
    ("我跟客户说了半小时内回复", zh("02T10:30:00")),
    ("答应他明天上午给答复", zh("03T12:00:00")),
    ("跟她说好下午三点前回电", zh("02T15:00:00")),
    ("让客户稍等两分钟", zh("02T10:02:00", "hold")),
    ("我稍后给这位客户回个电话", zh(None)),
    ("我十分钟后给客户回电话", zh("02T10:10:00")),
    ("半小时内回复客户", zh("02T10:30:00")),
    ("我下午三点前联系这位客户", zh("02T15:00:00")),
    ("我明天上午跟进一下这个客户", zh("03T12:00:00", "follow_up")),
    ("已经跟客户讲好明天上午给他答复", zh("03T12:00:00")),
    ("我答应了客户今天下班前回电", zh("02T18:00:00")),
    ("告诉客户我们一小时内回电", zh("02T11:00:00")),
    ("叫客户等五分钟", zh("02T10:05:00", "hold")),
    ("技术同事会在一小时内给客户打电话", zh("02T11:00:00")),
    ("我五分钟后打给他", zh("02T10:05:00")),
    ("我会在今天下班前把报价发给客户", zh("02T18:00:00")),
    ("我跟她说了，二十分钟内回电", zh("02T10:20:00")),
    ("跟客户约好明早十点回电", zh("03T10:00:00")),
    ("这个客户我下午回电", zh("02T18:00:00")),
    ("我答应客户两个工作日内给他结果", zh("04T18:00:00")),
    ("我刚跟客户说好了，明天给他打电话", zh("03T18:00:00")),
    ("好的，我已经告诉客户我们半小时内回复他", zh("02T10:30:00")),
    ("客户要求退款，我答应他半小时内回复", zh("02T10:30:00")),
]

CHINESE_NOT_OURS = [
    "客户说他明天再打来",
    "客户说晚点会回电给我们",
    "她说她下午自己打过来",
    "他说半小时后再回电",
    "客户明天会回复我们",
    "客户要求我们十分钟内回电",
    "昨天已经给她回过电话了",
    "我一个小时前已经回复客户了",
    "上午已经联系过这位客户了",
    "昨天跟客户说了今天回复",
    "要不要给他回个电话？",
    "需要我给客户回电吗？",
    "如果仓库没货，我再通知客户",
    "快递员说他下午三点会打电话给客户",
    "客户的退款3到5个工作日到账",
    "跟客户说了退货要在七天内申请",
    "我跟客户说了请他明天上午回复",
    "我们一般24小时内回复客户",
    "我不会再联系这位客户了",
    "系统会自动给客户发短信",
]

CANTONESE_TEAM = [
    ("我同佢講咗十分鐘內覆佢", zh("02T10:10:00"), HK),
    ("答應咗佢聽日朝早回覆", zh("03T12:00:00"), HK),
    ("我半小時內回電給這位客人", zh("02T10:30:00"), HK),
    ("叫客人等我兩分鐘", zh("02T10:02:00", "hold"), HK),
    ("我同客人講咗半個鐘內會覆佢", zh("02T10:30:00"), HK),
    ("我半個鐘內打返俾佢", zh("02T10:30:00"), HK),
    ("我聽日朝早再搵佢", zh("03T12:00:00"), HK),
    ("我一個鐘內whatsapp佢", zh("02T11:00:00"), HK),
    ("話咗俾佢知我哋今日收工前覆佢", zh("02T18:00:00"), HK),
    ("應承咗客人聽日下晝三點前打電話俾佢", zh("03T15:00:00"), HK),
    ("佢喺線上，我叫咗佢等兩分鐘", zh("02T10:02:00", "hold"), HK),
    ("我已跟客戶說好明天下午三點前回覆", zh("03T15:00:00"), TP),
    ("我會在今天下班前聯絡這位客戶", zh("02T18:00:00"), TP),
]

CANTONESE_NOT_OURS = [
    "佢話聽日再打嚟",
    "佢話陣間會覆我哋",
    "琴日已經覆咗佢",
    "使唔使打俾佢？",
    "如果冇貨，我再通知客人",
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH_TEAM)
def test_english_team_chat(text: str, expected: Found) -> None:
    assert found(text, EN_MON_10, NY) == expected


@pytest.mark.parametrize("text", ENGLISH_NOT_OURS)
def test_english_team_chat_not_ours(text: str) -> None:
    assert found(text, EN_MON_10, NY) == []


@pytest.mark.parametrize(("text", "expected"), CHINESE_TEAM)
def test_chinese_team_chat(text: str, expected: Found) -> None:
    assert found(text, ZH_MON_10, SH) == expected


@pytest.mark.parametrize("text", CHINESE_NOT_OURS)
def test_chinese_team_chat_not_ours(text: str) -> None:
    assert found(text, ZH_MON_10, SH) == []


@pytest.mark.parametrize(("text", "expected", "tz"), CANTONESE_TEAM)
def test_cantonese_and_traditional_team_chat(text: str, expected: Found, tz: str) -> None:
    assert found(text, ZH_MON_10, tz) == expected


@pytest.mark.parametrize("text", CANTONESE_NOT_OURS)
def test_cantonese_team_chat_not_ours(text: str) -> None:
    assert found(text, ZH_MON_10, HK) == []


# In a message to the customer, "them"/"他" is someone else: only the promise to "you" counts.
TO_THE_CUSTOMER = [
    ("I'll call the warehouse and ring you back in 10", NY, en("02T10:10:00")),
    ("I'll contact them today and let you know by tomorrow", NY, en("03T18:00:00")),
    ("I'll let them know you called", NY, []),
    ("I'll pass your feedback on and let them know", NY, []),
    ("我会让他明天联系您", SH, zh("03T18:00:00")),
    ("我先联系他们仓库，半小时内回复您", SH, zh("02T10:30:00")),
]


@pytest.mark.parametrize(("text", "tz", "expected"), TO_THE_CUSTOMER)
def test_third_person_in_a_message_to_the_customer(text: str, tz: str, expected: Found) -> None:
    now = EN_MON_10 if tz == NY else ZH_MON_10
    assert found(text, now, tz) == expected


# Gaps found by another helper: English weekdays with a clock time, timed Chinese/Cantonese promises.
WEEKDAYS_AND_CLOCKS = [
    ("I'll call you on Thursday at 3pm", EN_MON_10, NY, en("05T15:00:00")),
    ("I'll call you on Thursday", EN_MON_10, NY, en(None)),
    ("I'll call you on Thursday, at 3pm.", EN_MON_10, NY, en("05T15:00:00")),
    ("I'll call you Thursday - 3pm.", EN_MON_10, NY, en("05T15:00:00")),
    ("I'll call you on Thurs. at 3pm", EN_MON_10, NY, en("05T15:00:00")),
    ("I'll ring you Weds at 4pm.", EN_MON_10, NY, en("04T16:00:00")),
    # (New York moves to daylight time on 8 March, so later dues carry -04:00)
    ("I'll call you next Mon at 9am.", EN_MON_10, NY, [("callback", "2026-03-09T09:00:00-04:00")]),
    ("I'll call you Fri morning.", EN_MON_10, NY, en(None)),
    ("I'll call you on the 5th at 3pm.", EN_MON_10, NY, en("05T15:00:00")),
    ("I'll call you tomorrow, before 3pm.", EN_MON_10, NY, en("03T15:00:00")),
    # said on Thursday after 3pm, "Thursday at 3pm" is next week's
    (
        "I'll call you on Thursday at 3pm",
        "2026-03-05T16:00:00-05:00",
        NY,
        [("callback", "2026-03-12T15:00:00-04:00")],
    ),
    ("今晚8点前我把快递单号发给您", ZH_MON_10, SH, zh("02T20:00:00")),
    ("今日下晝四點前我會親自打電話同你交代", ZH_MON_10, HK, zh("02T16:00:00")),
    ("我明天，下午三点前给您回电", ZH_MON_10, SH, zh("03T15:00:00")),
]


@pytest.mark.parametrize(("text", "now", "tz", "expected"), WEEKDAYS_AND_CLOCKS)
def test_weekday_clock_and_timed_chinese(text: str, now: str, tz: str, expected: Found) -> None:
    assert found(text, now, tz) == expected


def test_report_across_a_daylight_saving_change() -> None:
    """ "told her I'd call back in 2 hours" is elapsed time from the message, across the DST jump."""
    now = "2026-03-08T01:30:00-05:00"  # New York springs forward at 02:00 that night
    assert found("told her I'd call back in 2 hours", now, NY) == [("callback", "2026-03-08T04:30:00-04:00")]


TEMPLATES = [
    "I'll call her back in {n} minutes",
    "told him I'd ring back in {n} mins",
    "{n}分钟内给客户回电",
    "我跟客户说了{n}分钟内回复",
    "我同佢講咗{n}分鐘內覆佢",
]


@given(n=st.integers(min_value=1, max_value=59), template=st.sampled_from(TEMPLATES))
def test_any_minute_count_is_due_that_many_minutes_on(n: int, template: str) -> None:
    now = datetime.fromisoformat(ZH_MON_10)
    promises = extract_promises(template.format(n=n), now, ZoneInfo(SH))
    assert [(p.kind, p.due) for p in promises] == [("callback", now + timedelta(minutes=n))]
