"""Time arithmetic of promises: numerals, daylight-saving changes, zones and business hours."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.promises import extract_promises
from bot.promises.numbers import cn_number, en_number, upper_of

NY = ZoneInfo("America/New_York")
LDN = ZoneInfo("Europe/London")
SH = ZoneInfo("Asia/Shanghai")
SYD = ZoneInfo("Australia/Sydney")


def dues(text: str, now: str, tz: ZoneInfo | None) -> list[str | None]:
    promises = extract_promises(text, datetime.fromisoformat(now), tz)
    return [p.due.isoformat() if p.due else None for p in promises]


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("廿", 20),
        ("两", 2),
        ("一百二十", 120),
        ("两三", 3),  # a range, not twenty-three
        ("一两", 2),
        ("三五", 5),
        ("二三十", 30),
        ("十一二", 12),
        ("百", None),
    ],
)
def test_chinese_numerals(word: str, value: int | None) -> None:
    assert cn_number(word) == value


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("a", 1),
        ("an", 1),
        ("fifteen", 15),
        ("forty-five", 45),
        ("twenty five", 25),
        ("2.5", 2.5),
        ("soon", None),
    ],
)
def test_english_numbers(word: str, value: float | None) -> None:
    assert en_number(word) == value


def test_range_upper_end() -> None:
    assert upper_of("5", "10") == 10
    assert upper_of("two", "three") == 3
    assert upper_of("15", None) == 15
    assert upper_of("x", "10") is None


@pytest.mark.parametrize(
    ("text", "now", "tz", "expected"),
    [
        # New York springs forward on 2026-03-08 at 02:00.
        ("I'll call you back in 3 hours.", "2026-03-07T23:30:00-05:00", NY, ["2026-03-08T03:30:00-04:00"]),
        ("I'll call you back in 24 hours.", "2026-03-07T23:30:00-05:00", NY, ["2026-03-09T00:30:00-04:00"]),
        ("I'll call you tomorrow.", "2026-03-07T16:00:00-05:00", NY, ["2026-03-08T18:00:00-04:00"]),
        ("I'll call you tomorrow at 2:30am.", "2026-03-07T16:00:00-05:00", NY, ["2026-03-08T03:30:00-04:00"]),
        # ... and falls back on 2026-11-01 at 02:00.
        ("I'll call you back in 2 hours.", "2026-11-01T00:30:00-04:00", NY, ["2026-11-01T01:30:00-05:00"]),
        (
            "I'll get back to you tomorrow morning.",
            "2026-10-31T15:00:00-04:00",
            NY,
            ["2026-11-01T12:00:00-05:00"],
        ),
        # London: BST from 2026-03-29 01:00 UTC to 2026-10-25 01:00 UTC.
        ("I'll ring you back in 10 hours.", "2026-03-29T00:30:00+00:00", LDN, ["2026-03-29T11:30:00+01:00"]),
        ("I'll email you tomorrow morning.", "2026-03-28T17:00:00+00:00", LDN, ["2026-03-29T12:00:00+01:00"]),
        ("I'll get back to you tomorrow.", "2026-10-24T17:00:00+01:00", LDN, ["2026-10-25T18:00:00+00:00"]),
        ("I'll call you at 4pm tomorrow.", "2026-10-24T17:00:00+01:00", LDN, ["2026-10-25T16:00:00+00:00"]),
        # Sydney leaves daylight saving on 2026-04-05 at 03:00.
        ("I'll call you tomorrow.", "2026-04-04T16:00:00+11:00", SYD, ["2026-04-05T18:00:00+10:00"]),
        ("I'll call you back in 12 hours.", "2026-04-04T16:00:00+11:00", SYD, ["2026-04-05T03:00:00+10:00"]),
        # A clock time already past today rolls to tomorrow, across the change too.
        ("I'll call you at 9am.", "2026-03-07T10:00:00-05:00", NY, ["2026-03-08T09:00:00-04:00"]),
        # ``now`` in another zone than the team's: the team's calendar decides "today".
        ("今天之内给您答复。", "2026-03-02T02:00:00+00:00", SH, ["2026-03-02T18:00:00+08:00"]),
        ("今天之内给您答复。", "2026-03-02T11:00:00+00:00", SH, [None]),
        # tz omitted: now's own offset is the zone.
        ("10分钟内给您回电。", "2026-03-02T10:00:00+08:00", None, ["2026-03-02T10:10:00+08:00"]),
        # Weekends are not skipped by day words; business days do skip them.
        ("后天给您答复。", "2026-03-06T10:00:00+08:00", SH, ["2026-03-08T18:00:00+08:00"]),
        ("我们会在两个工作日内回复您。", "2026-03-06T10:00:00+08:00", SH, ["2026-03-10T18:00:00+08:00"]),
    ],
)
def test_daylight_saving_and_zones(
    text: str, now: str, tz: ZoneInfo | None, expected: list[str | None]
) -> None:
    assert dues(text, now, tz) == expected


def test_zone_aware_now_keeps_its_zone() -> None:
    now = datetime(2026, 7, 1, 10, 0, tzinfo=NY)
    (promise,) = extract_promises("I'll call you back in 15 minutes.", now)
    assert promise.due == datetime(2026, 7, 1, 10, 15, tzinfo=NY)
    assert promise.due.utcoffset() == now.utcoffset()


def test_due_is_expressed_in_team_zone() -> None:
    now = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    (promise,) = extract_promises("30分钟后回复您", now, SH)
    assert promise.due is not None and promise.due.isoformat() == "2026-03-02T10:30:00+08:00"


def test_custom_business_hours() -> None:
    now = datetime(2026, 3, 2, 10, 0, tzinfo=SH)
    kwargs = {"business_open": time(8), "business_close": time(17, 30)}
    (today,) = extract_promises("今天下班前给您回复", now, SH, **kwargs)
    assert today.due == datetime(2026, 3, 2, 17, 30, tzinfo=SH)
    (tomorrow,) = extract_promises("明天给您回复", now, SH, **kwargs)
    assert tomorrow.due == datetime(2026, 3, 3, 17, 30, tzinfo=SH)


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        extract_promises("10分钟内给您回电", datetime(2026, 3, 2, 10, 0))
