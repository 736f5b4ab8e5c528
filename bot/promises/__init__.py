"""Promises in agents' messages: callbacks, follow-ups and holds, each with its due time.

>>> from datetime import datetime
>>> from zoneinfo import ZoneInfo
>>> now = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
>>> [(p.kind, p.due.isoformat()) for p in extract_promises("我核实一下，10分钟内给您回电。", now)]
[('callback', '2026-03-02T10:10:00+08:00')]
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from ..models import Promise
from .detect import extract

__all__ = ["Promise", "extract_promises"]


def extract_promises(
    text: str,
    now: datetime,
    tz: ZoneInfo | None = None,
    *,
    business_open: time = time(9),
    business_close: time = time(18),
) -> list[Promise]:
    """The promises an agent makes in ``text``, sent at ``now`` (aware) by a team in ``tz``.

    ``tz`` defaults to ``now``'s zone. Dues are aware datetimes in ``tz`` (with the offset in force
    at that moment), always after ``now``, or None for a promise without a usable time.
    """
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    zone = tz if tz is not None else now.tzinfo
    if not isinstance(zone, ZoneInfo):
        zone = _fixed_zone(now)
    return extract(text, now, zone, business_open, business_close)


def _fixed_zone(now: datetime) -> ZoneInfo:
    """A ZoneInfo for a datetime carrying only a fixed offset (e.g. parsed from ISO 8601)."""
    offset = now.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    if minutes % 60 == 0 and -12 <= minutes // 60 <= 14:
        # Etc/GMT signs are inverted by POSIX convention: UTC+8 is "Etc/GMT-8".
        hours = minutes // 60
        return ZoneInfo("UTC" if hours == 0 else f"Etc/GMT{-hours:+d}")
    raise ValueError(f"cannot name a zone for offset {offset}; pass tz explicitly")
