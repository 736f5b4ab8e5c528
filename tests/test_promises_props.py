"""Robustness of promise extraction: whatever the text, no crash, and every due is aware and ahead."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.models import Promise
from bot.promises import extract_promises

ZONES = [ZoneInfo(z) for z in ("Asia/Shanghai", "Asia/Hong_Kong", "America/New_York", "Europe/London", "UTC")]

# Pieces of real promises, so random text often reaches the time arithmetic and not only the scanners.
FRAGMENTS = [
    "给您回电",
    "回复您",
    "请稍等",
    "等我",
    "跟进",
    "聽日朝早",
    "明天",
    "后天",
    "今天下班前",
    "下午三点前",
    "十点",
    "两三分钟",
    "一个半小时",
    "半个钟",
    "个把钟",
    "十个字",
    "5-10分钟",
    "99999999天",
    "1e999",
    "24:00",
    "25:61",
    "I'll call you back",
    "give me",
    "within the hour",
    "tomorrow",
    "by 3pm",
    "at 12am",
    "in 999999 days",
    "half an hour",
    "a couple of minutes",
    "in 10",
    "first thing in the morning",
    "end of day",
    "follow up",
    "if",
    "?",
    "，",
    "。",
    "would you like",
    "ago",
    "yesterday",
    "昨天",
    "如果",
    "吗",
    "0分钟",
    "零点",
    "Monday at 10",
    "3月31日上午9点",
    "2月30日下午3点",
    "next friday at 4pm",
    "周日上午十点",
    "99号下午2点",
]

texts = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), max_size=12).map(" ".join),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=12).map("".join),
)
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.sampled_from(ZONES)
)


def _check(text: str, now: datetime, promises: list[Promise]) -> None:
    for p in promises:
        assert p.kind in ("callback", "follow_up", "hold")
        assert 0 <= p.start <= p.end <= len(text)
        assert text[p.start : p.end] == p.text
        if p.due is not None:
            assert p.due.tzinfo is not None and p.due.utcoffset() is not None
            assert p.due >= now


@settings(max_examples=300, deadline=None)
@given(text=texts, now=moments, tz=st.sampled_from(ZONES))
def test_any_text_any_time(text: str, now: datetime, tz: ZoneInfo) -> None:
    _check(text, now, extract_promises(text, now, tz))


@settings(max_examples=60, deadline=None)
@given(
    text=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=8).map("".join),
    now=moments,
    opens=st.integers(min_value=0, max_value=11),
    closes=st.integers(min_value=12, max_value=23),
)
def test_any_business_hours(text: str, now: datetime, opens: int, closes: int) -> None:
    promises = extract_promises(text, now, business_open=time(opens), business_close=time(closes))
    _check(text, now, promises)


def test_control_characters_emoji_and_huge_text() -> None:
    now = datetime(2026, 3, 2, 10, 0, tzinfo=ZONES[0])
    nasty = "\x00\x07\x1b[31m\u200b\ufeff😀🙏" + "我10分钟内给您回电。" + "\x7f\u202e"
    (promise,) = extract_promises(nasty, now)
    assert promise.due == now + timedelta(minutes=10)
    huge = ("请稍等两分钟 🙂 \x00 " * 7000)[:100_000]
    started = datetime.now(UTC)
    _check(huge, now, extract_promises(huge, now))
    assert datetime.now(UTC) - started < timedelta(seconds=5)
