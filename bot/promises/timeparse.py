"""Find time expressions (durations, clock times, day words) in folded text, in Chinese and English.

Every pattern runs over the folded text (normalize.fold: lower case, Simplified characters, ASCII
digits); where matches overlap the longest wins, so "明天下午三点前" is one clock mention rather
than a day, a part of the day and a clock.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .mentions import TimeMention
from .timeparse_en import EN_PATTERNS
from .timeparse_zh import ZH_PATTERNS

_PATTERNS = ZH_PATTERNS + EN_PATTERNS

_HAS_DIGIT_OR_CJK = re.compile(r"[\d\u3400-\u9fff]|[a-z]")


def find_time_mentions(folded: str) -> list[TimeMention]:
    """Every time expression in ``folded`` text, left to right, overlaps resolved longest-first."""
    return list(_cached_mentions(folded))


@lru_cache(maxsize=256)
def _cached_mentions(folded: str) -> tuple[TimeMention, ...]:
    if not _HAS_DIGIT_OR_CJK.search(folded):
        return ()
    found: list[TimeMention] = []
    for pattern, build in _PATTERNS:
        for m in pattern.finditer(folded):
            if m.end() <= m.start():
                continue
            mention = build(m, folded)
            if mention is not None:
                found.append(mention)
    found.sort(key=lambda x: (-(x.end - x.start), x.start))
    taken: list[TimeMention] = []
    for mention in found:
        if all(mention.end <= t.start or mention.start >= t.end for t in taken):
            taken.append(mention)
    taken.sort(key=lambda x: x.start)
    return tuple(_trim(folded, t) for t in taken)


def _trim(folded: str, mention: TimeMention) -> TimeMention:
    start, end = mention.start, mention.end
    while start < end and folded[start].isspace():
        start += 1
    while end > start and folded[end - 1].isspace():
        end -= 1
    if (start, end) == (mention.start, mention.end):
        return mention
    return mention.model_copy(update={"start": start, "end": end})
