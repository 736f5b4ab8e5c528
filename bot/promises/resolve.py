"""Pin time mentions to a moment: durations are elapsed time, day words follow business hours.

Wall-clock times are built in the team's zone and written with the UTC offset in force at that
moment, so a due across a daylight-saving change carries a different offset from ``now``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict

from .mentions import DayPart, TimeMention

NOON = time(12)
# A promise more than a year out is not a timer anyone wants; it also keeps datetime arithmetic in range.
MAX_HORIZON = timedelta(days=366)


class BusinessHours(BaseModel):
    """The team's opening hours, which day words resolve against."""

    model_config = ConfigDict(frozen=True)

    open: time = time(9)
    close: time = time(18)


class Resolution(BaseModel):
    """What the mentions attached to one promise amount to."""

    model_config = ConfigDict(frozen=True)

    due: datetime | None
    past: bool = False
    timed: bool = False  # some time expression (even a vague one) was attached


def wall_time(day: date, at: time, tz: ZoneInfo) -> datetime:
    """``at`` on ``day`` in ``tz``; a time skipped by a DST jump moves forward past the gap."""
    naive = datetime.combine(day, at)
    return naive.replace(tzinfo=tz).astimezone(UTC).astimezone(tz)


def _hour_24(mention: TimeMention, part: DayPart | None) -> int:
    hour = mention.hour if mention.hour is not None else 0
    meridiem = mention.meridiem
    if meridiem == "bare" and part is not None:
        meridiem = "pm" if part in ("afternoon", "evening", "close") else "noon" if part == "noon" else "am"
    if meridiem == "pm":
        return hour + 12 if hour < 12 else hour
    if meridiem == "noon":
        return hour + 12 if 1 <= hour <= 5 else hour
    if meridiem == "am":
        return 0 if hour == 12 and mention.meridiem == "am" else hour
    # A bare hour is read inside a working day: "3点" and "by 5" are afternoon, "by 10" is morning.
    if 1 <= hour <= 7:
        return hour + 12
    return hour


def _add_business_days(start: date, count: int) -> date:
    day = start
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


def _named_date(mention: TimeMention, today: date) -> date | None:
    if mention.weekday is not None:
        if mention.next_week:
            monday_next = today - timedelta(days=today.weekday()) + timedelta(days=7)
            return monday_next + timedelta(days=mention.weekday)
        return today + timedelta(days=(mention.weekday - today.weekday()) % 7)
    if mention.day is not None:
        year, month = today.year, mention.month or today.month
        for _ in range(13):
            try:
                candidate = date(year, month, mention.day)
            except ValueError:
                candidate = None
            if candidate is not None and candidate >= today:
                return candidate
            if mention.month:
                year += 1
            else:
                month = month % 12 + 1
                year += 1 if month == 1 else 0
        return None
    return None


def _within_horizon(due: datetime | None, now: datetime) -> datetime | None:
    if due is None or due <= now or due - now > MAX_HORIZON:
        return None
    return due


def _clock_due(
    clock: TimeMention,
    day_offset: int | None,
    part: DayPart | None,
    named: TimeMention | None,
    today: date,
    now: datetime,
    tz: ZoneInfo,
) -> datetime | None:
    """A clock time on the day given (or the next day it has not yet passed)."""
    hour = _hour_24(clock, clock.part or part)
    extra_day = 1 if hour >= 24 else 0
    at = time(hour % 24, clock.minute)
    if day_offset is not None:
        return wall_time(today + timedelta(days=day_offset + extra_day), at, tz)
    if named is not None:
        on = _named_date(named, today)
        if on is None:
            return None
        due = wall_time(on + timedelta(days=extra_day), at, tz)
        if due <= now and named.weekday is not None and not named.next_week:
            due = wall_time(on + timedelta(days=7 + extra_day), at, tz)
        return due
    due = wall_time(today + timedelta(days=extra_day), at, tz)
    if due <= now:
        due = wall_time(today + timedelta(days=1 + extra_day), at, tz)
    return due


def resolve(mentions: Sequence[TimeMention], now: datetime, tz: ZoneInfo, hours: BusinessHours) -> Resolution:
    """The due moment of a promise from the time mentions attached to it (None when it has none)."""
    # A past mention next to a future one ("about yesterday's order, within the hour") is context.
    future = [m for m in mentions if m.kind != "past"]
    if mentions and not future:
        return Resolution(due=None, past=True, timed=True)
    mentions = future
    if not mentions:
        return Resolution(due=None)
    local_now = now.astimezone(tz)
    today = local_now.date()

    durations = [m for m in mentions if m.kind == "duration"]
    if durations:
        first = durations[0]
        if first.business_days is not None:
            if first.business_days > MAX_HORIZON.days:
                return Resolution(due=None, timed=True)
            day = _add_business_days(today, first.business_days)
            return Resolution(due=_within_horizon(wall_time(day, hours.close, tz), now), timed=True)
        if first.seconds is None or first.seconds > MAX_HORIZON.total_seconds():
            return Resolution(due=None, timed=True)
        due = (now.astimezone(UTC) + timedelta(seconds=first.seconds)).astimezone(tz)
        return Resolution(due=_within_horizon(due, now), timed=True)

    day_offset: int | None = None
    part: DayPart | None = None
    for m in mentions:
        if m.kind in ("day", "clock"):
            if day_offset is None and m.day_offset is not None:
                day_offset = m.day_offset
            if part is None and m.part is not None:
                part = m.part
    named = next((m for m in mentions if m.kind == "named_day"), None)
    clock = next((m for m in mentions if m.kind == "clock"), None)

    if clock is not None:
        # Several clock times ("四点到六点之间", "between 2pm and 4pm"): a range is due at its end.
        candidates = [
            _clock_due(m, day_offset, part, named, today, now, tz) for m in mentions if m.kind == "clock"
        ]
        found = [d for d in candidates if d is not None]
        return Resolution(due=_within_horizon(max(found), now) if found else None, timed=True)

    if named is not None:
        return Resolution(due=None, timed=True)

    if day_offset is None and part is None:
        return Resolution(due=None, timed=True)
    if part == "evening":
        return Resolution(due=None, timed=True)
    if part == "morning" and day_offset is None and local_now.time() >= NOON:
        day_offset = 1  # "in the morning", said after noon, is tomorrow's
    if part == "open" and day_offset is None and local_now.time() >= hours.open:
        day_offset = 1  # "as soon as we open", said once open, is tomorrow's opening
    if part == "same_time":
        at = local_now.time().replace(second=0, microsecond=0, tzinfo=None)
    else:
        at = {"morning": NOON, "noon": NOON, "open": hours.open}.get(part or "", hours.close)
    due = wall_time(today + timedelta(days=day_offset or 0), at, tz)
    return Resolution(due=_within_horizon(due, now), timed=True)
