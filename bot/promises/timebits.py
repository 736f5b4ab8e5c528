"""Shared pieces of the time-expression scanners: the builder type, units, clock helpers."""

from __future__ import annotations

import re
from collections.abc import Callable

from .mentions import DayPart, MentionKind, Meridiem, TimeMention
from .numbers import any_number

# A builder turns one regex match (and the whole folded text) into a mention, or rejects it.
Builder = Callable[[re.Match[str], str], TimeMention | None]
Patterns = tuple[tuple[re.Pattern[str], Builder], ...]

MINUTE_S = 60.0
HOUR_S = 3600.0
DAY_S = 86400.0


def meridiem_for_part(part: DayPart | None) -> Meridiem:
    """The am/pm a part of the day implies for a bare hour ("下午三点" is 15:00)."""
    if part in ("afternoon", "evening", "close"):
        return "pm"
    if part == "noon":
        return "noon"
    if part in ("morning", "open"):
        return "am"
    return "bare"


def clock_number(word: str) -> int | None:
    """A whole number in digits, Chinese or English words; None otherwise."""
    value = any_number(word)
    if value is None or value != int(value):
        return None
    return int(value)


def simple(kind: MentionKind) -> Builder:
    """A builder for mentions that carry nothing but their kind (vague, past)."""

    def build(m: re.Match[str], _t: str) -> TimeMention | None:
        return TimeMention(start=m.start(), end=m.end(), kind=kind)

    return build
