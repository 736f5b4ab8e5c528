"""What a time expression in an agent's message means, before it is pinned to a calendar."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

MentionKind = Literal["duration", "clock", "day", "named_day", "vague", "past"]
DayPart = Literal["morning", "noon", "afternoon", "close", "evening", "open", "same_time"]
Meridiem = Literal["am", "pm", "noon", "bare"]


class TimeMention(BaseModel):
    """One time expression found in folded text, with what it says (fields by kind).

    - duration: ``seconds`` (None when the amount is vague: "a few minutes", "一个多小时"),
      or ``business_days``;
    - clock: ``hour``/``minute`` with ``meridiem`` ("bare" when no am/pm or day part said it),
      and ``day_offset``/``part`` when a day word was attached ("明天下午三点");
    - day: ``day_offset`` (0 today, 1 tomorrow…) and/or ``part`` of the day;
    - named_day: a weekday, a date or "next week" (``weekday``, ``next_week``, ``month``/``day``);
    - vague: "稍后", "soon", "一会儿"; past: "昨天", "10 minutes ago".
    """

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    kind: MentionKind
    seconds: float | None = None
    business_days: int | None = None
    hour: int | None = None
    minute: int = 0
    meridiem: Meridiem | None = None
    day_offset: int | None = None
    part: DayPart | None = None
    weekday: int | None = None
    next_week: bool = False
    month: int | None = None
    day: int | None = None
