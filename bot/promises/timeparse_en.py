"""English time expressions: durations in digits and words, clock times, day words, named days,
vague and past times."""

from __future__ import annotations

import re

from .mentions import DayPart, Meridiem, TimeMention
from .numbers import EN_NUM, EN_WORD_NUM, RANGE_SEP_EN, any_number, en_number, upper_of
from .timebits import DAY_S, HOUR_S, MINUTE_S, Builder, Patterns, clock_number, simple

_EN_UNIT = (
    r"(?P<unit>seconds?|secs?|minutes?|mins?|m(?![a-z'])|hours?|hrs?|h(?![a-z'])|"
    r"business\s+days?|working\s+days?|work\s+days?|days?|weeks?)"
)
_EN_UNIT2 = r"(?P<unit2>minutes?|mins?|hours?|hrs?|days?)"
_EN_RANGE = rf"(?P<n1>{EN_NUM})(?:{RANGE_SEP_EN}(?P<n2>{EN_NUM}))?"
_EN_DURATION = re.compile(
    rf"(?<![a-z0-9])(?:(?P<vague>a\s+few|few|several|some|a\s+number\s+of|couple\s+more|a\s+few\s+more)|{_EN_RANGE})"
    rf"(?:\s+|-)?(?:(?P<extra>more|extra|additional|further)\s+)?{_EN_UNIT}(?![a-z])"
    r"(?P<tail>\s+or\s+(?:so|two|three|four|five|less|fewer|more|\d+))?(?P<ago>\s+ago|\s+back(?!\s+to))?"
    r"(?P<before>\s+(?:before|prior\s+to|ahead\s+of|in\s+advance)(?![a-z]))?"
)
_EN_COUPLE = re.compile(
    rf"(?<![a-z])(?:a\s+)?couple(?:\s+of)?(?:\s+(?P<extra>more|extra))?\s+{_EN_UNIT}(?![a-z])(?P<ago>\s+ago)?"
)
_EN_HALF_HOUR = re.compile(
    r"(?<![a-z])(?:half\s+an?\s+hour|(?:a\s+)?half[- ]hour|30[- ]minutes?)(?![a-z])(?P<ago>\s+ago)?"
)
_EN_HOUR_AND_HALF = re.compile(
    r"(?<![a-z])(?:(?:an?|one|1)\s+)?hour\s+and\s+a\s+half|(?:one|1)\s+and\s+a\s+half\s+hours?|an?\s+hour-and-a-half"
)
_EN_N_AND_HALF = re.compile(
    rf"(?<![a-z])(?P<n1>{EN_NUM})\s+and\s+a\s+half\s+{_EN_UNIT}(?![a-z])|(?<![a-z])(?P<n2>{EN_NUM})\s+{_EN_UNIT2}\s+and\s+a\s+half(?![a-z])"
)
_EN_QUARTER_HOUR = re.compile(
    r"(?<![a-z])(?:(?P<three>three\s+)?quarters?\s+of\s+an\s+hour|a\s+quarter[- ]hour|quarter[- ]hour)(?![a-z])"
)
# "call you back in 10": a bare count after in/within, at the end of the phrase, is minutes.
_EN_BARE_MINUTES = re.compile(
    r"(?<![a-z])(?:in|within|(?:give|allow)\s+(?:me|us)(?:\s+another)?)\s+(?:about\s+|around\s+|like\s+)?(?P<n1>\d{1,2}|five|ten|fifteen|twenty|thirty|forty-five|forty)(?=\s*(?:$|[.,!?;)\-–—]|and\s|or\s|ok|okay|max|tops|(?:once|when|after|while|then)\s))"
)
_EN_WITHIN_THE_HOUR = re.compile(
    r"(?<![a-z])(?:within|in|inside|during|over)\s+the\s+(?:next\s+|coming\s+)?(?P<unit>hour|day)(?![a-z])"
)
_EN_NEXT_UNIT = re.compile(r"(?<![a-z])(?:the\s+)?next\s+(?P<unit>hour|minute|day)(?![a-z])")


def _en_unit_seconds(unit: str) -> tuple[float, bool]:
    unit = re.sub(r"\s+", " ", unit)
    if unit.startswith(("business", "working", "work ")):
        return DAY_S, True
    if unit.startswith("s"):
        return 1.0, False
    if unit.startswith("mi") or unit == "m":
        return MINUTE_S, False
    if unit.startswith("h"):
        return HOUR_S, False
    if unit.startswith("d"):
        return DAY_S, False
    return DAY_S * 7, False


def _en_duration(m: re.Match[str], _t: str) -> TimeMention | None:
    if m.group("ago"):
        return TimeMention(start=m.start(), end=m.end(), kind="past")
    if m.group("before"):
        # "an hour before the visit" counts from the visit, not from now.
        return TimeMention(start=m.start(), end=m.end(), kind="vague")
    unit = m.group("unit")
    unit_s, business = _en_unit_seconds(unit)
    n1 = m.group("n1")
    tail_words = (m.group("tail") or "").split()
    ranged = len(tail_words) == 2 and any_number(tail_words[1]) is not None
    if n1 in ("a", "an") and unit_s in (1.0, MINUTE_S) and not m.group("n2") and not ranged:
        # "in a minute", "give me a sec" are idioms for "soon", not a measured minute.
        return TimeMention(start=m.start(), end=m.end(), kind="vague")
    if unit in ("m", "h") and n1 is not None and not n1[0].isdigit():
        return None
    if m.group("vague") or (m.group("extra") and not n1):
        return TimeMention(start=m.start(), end=m.end(), kind="duration", seconds=None)
    amount = upper_of(n1, m.group("n2"))
    tail = (m.group("tail") or "").split()
    if amount is not None and len(tail) == 2 and tail[1] not in ("so", "less", "fewer", "more"):
        more = any_number(tail[1])
        if more is not None and more > amount:
            amount = more
    if amount is None or amount <= 0:
        return None
    if business:
        return TimeMention(start=m.start(), end=m.end(), kind="duration", business_days=round(amount))
    return TimeMention(start=m.start(), end=m.end(), kind="duration", seconds=amount * unit_s)


def _en_n_and_half(m: re.Match[str], _t: str) -> TimeMention | None:
    amount = en_number(m.group("n1") or m.group("n2") or "")
    unit_s, _ = _en_unit_seconds(m.group("unit") or m.group("unit2") or "")
    if amount is None:
        return None
    return TimeMention(start=m.start(), end=m.end(), kind="duration", seconds=(amount + 0.5) * unit_s)


def _en_couple(m: re.Match[str], _t: str) -> TimeMention | None:
    if m.group("ago"):
        return TimeMention(start=m.start(), end=m.end(), kind="past")
    unit_s, business = _en_unit_seconds(m.group("unit"))
    if business:
        return TimeMention(start=m.start(), end=m.end(), kind="duration", business_days=2)
    return TimeMention(start=m.start(), end=m.end(), kind="duration", seconds=2 * unit_s)


def _fixed_seconds(seconds: float) -> Builder:
    def build(m: re.Match[str], _t: str) -> TimeMention | None:
        if m.groupdict().get("ago"):
            return TimeMention(start=m.start(), end=m.end(), kind="past")
        return TimeMention(start=m.start(), end=m.end(), kind="duration", seconds=seconds)

    return build


def _en_quarter_hour(m: re.Match[str], _t: str) -> TimeMention | None:
    return TimeMention(
        start=m.start(),
        end=m.end(),
        kind="duration",
        seconds=45 * MINUTE_S if m.group("three") else 15 * MINUTE_S,
    )


def _en_bare_minutes(m: re.Match[str], _t: str) -> TimeMention | None:
    amount = en_number(m.group("n1")) or 0
    if not 1 <= amount <= 60:
        return None
    return TimeMention(start=m.start(), end=m.end(), kind="duration", seconds=amount * MINUTE_S)


def _en_the_unit(m: re.Match[str], _t: str) -> TimeMention | None:
    if m.group("unit") == "day" and not re.search(r"next|coming", m.group()):
        # "within the day" is by close of business today, not 24 hours.
        return TimeMention(start=m.start(), end=m.end(), kind="day", day_offset=0, part="close")
    unit_s, _ = _en_unit_seconds(m.group("unit"))
    return TimeMention(start=m.start(), end=m.end(), kind="duration", seconds=unit_s)


_EN_HOUR_WORD = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_EN_CLOCK_AMPM = re.compile(
    rf"(?<![\d:.])(?P<h>\d{{1,2}}|{_EN_HOUR_WORD})(?:[:.](?P<m>\d{{2}}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])"
)
_EN_OCLOCK = re.compile(rf"(?<![a-z\d])(?P<h>\d{{1,2}}|{_EN_HOUR_WORD})\s*o'?\s?clock(?![a-z])")
_EN_NOON = re.compile(
    r"(?<![a-z])(?:12\s+)?(?:noon|midday|lunchtime|lunch\s+time)(?![a-z])|(?<![a-z])(?:before|by)\s+lunch(?![a-z])"
)
_EN_PAST_TO = re.compile(
    rf"(?<![a-z])(?P<q>half|quarter|\d{{1,2}}|{EN_WORD_NUM})\s+(?:minutes\s+)?(?P<dir>past|after|to)\s+(?P<h>\d{{1,2}}|{_EN_HOUR_WORD})(?![a-z\d])"
)
_EN_NOT_AN_HOUR = (
    r"(?!\s*(?:%|\.\d|\d|[-–]\s*\d|(?:mins?|minutes?|hours?|hrs?|h|m|secs?|seconds?|days?|business|working|weeks?|"
    r"months?|years?|items?|orders?|units?|steps?|times?|of|percent|people|customers?|am|pm|a\.m|p\.m|o'?clock|st|nd|rd|th|"
    r"more|or|and|euros?|dollars?|pounds?|usd|gbp|eur|rmb|yuan|boxes|packages?|parcels?|pieces?|pcs|kg|g|ml|bags?)(?![a-z])))"
)
_EN_BARE_CLOCK = re.compile(
    rf"(?<![a-z])(?:by|at|before|around|about|until|till|til|no\s+later\s+than|not\s+later\s+than|latest\s+by|by\s+about|by\s+around)"
    rf"\s+(?P<h>\d{{1,2}}|{_EN_HOUR_WORD})(?::(?P<m>\d{{2}}))?(?![\d:]){_EN_NOT_AN_HOUR}(?![a-z])"
)


_EN_CLOCK_RANGE = re.compile(
    rf"(?<![a-z])(?:between|from)\s+(?P<h1>\d{{1,2}}|{_EN_HOUR_WORD})(?::\d{{2}})?\s*(?P<ampm1>a\.?\s?m\.?|p\.?\s?m\.?)?"
    rf"\s*(?:and|to|until|till|-|–|—)\s*(?P<h>\d{{1,2}}|{_EN_HOUR_WORD})(?::(?P<m>\d{{2}}))?"
    r"(?:\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?))?(?![a-z\d])"
)


def _en_clock_range(m: re.Match[str], text: str) -> TimeMention | None:
    """ "between 9 and 11": a range of clock times is due at its end."""
    found = _en_clock(m, text)
    if found is None or m.group("ampm") or not m.group("ampm1"):
        return found
    first = clock_number(m.group("h1"))
    ampm = m.group("ampm1").replace(".", "").replace(" ", "")
    meridiem: Meridiem = "am" if ampm == "am" else "pm"
    if found.hour == 12:
        meridiem = "noon"
    elif first is not None and found.hour is not None and found.hour < first:
        meridiem = "pm" if meridiem == "am" else "am"  # "11am to 1" crosses noon
    return found.model_copy(update={"meridiem": meridiem})


def _en_clock(m: re.Match[str], _t: str) -> TimeMention | None:
    hour = clock_number(m.group("h"))
    minute_s = m.groupdict().get("m")
    minute = int(minute_s) if minute_s else 0
    if hour is None or hour > 24 or minute >= 60:
        return None
    ampm = (m.groupdict().get("ampm") or "").replace(".", "").replace(" ", "")
    meridiem: Meridiem
    if ampm in ("am", "pm"):
        if hour > 12 or hour == 0:
            return None
        meridiem = "am" if ampm == "am" else "pm"
    else:
        meridiem = "bare" if 1 <= hour <= 12 else "am"
    return TimeMention(
        start=m.start(), end=m.end(), kind="clock", hour=hour, minute=minute, meridiem=meridiem
    )


def _en_noon(m: re.Match[str], _t: str) -> TimeMention | None:
    return TimeMention(start=m.start(), end=m.end(), kind="clock", hour=12, minute=0, meridiem="noon")


def _en_past_to(m: re.Match[str], _t: str) -> TimeMention | None:
    hour = clock_number(m.group("h"))
    q = m.group("q")
    mins = 30 if q == "half" else 15 if q == "quarter" else clock_number(q)
    if hour is None or mins is None or not (1 <= hour <= 12 and 0 < mins < 60):
        return None
    if m.group("dir") == "to":
        hour, mins = (hour - 1) % 12 or 12, 60 - mins
    return TimeMention(start=m.start(), end=m.end(), kind="clock", hour=hour, minute=mins, meridiem="bare")


_EN_DAY = re.compile(
    r"(?<![a-z])(?:"
    r"(?P<dat>(?:the\s+)?day\s+after\s+tomorrow)"
    r"|(?P<same>(?:(?:at\s+)?(?:the\s+)?same\s+time|this\s+time)\s+tomorrow|tomorrow\s+(?:at\s+)?(?:the\s+)?same\s+time)"
    r"|(?P<tom>tomorrow|tomorow|tmrw?|tmro)"
    r"|(?P<today>today|tday|2day)"
    r"|(?P<later>later\s+today|later\s+on\s+today|later\s+this\s+(?:afternoon|morning))"
    r"|(?P<thismorning>this\s+morning)"
    r"|(?P<thisafternoon>this\s+afternoon|this\s+arvo)"
    r"|(?P<tonight>tonight|this\s+evening|tonite)"
    r"|(?P<firstthing>first\s+thing\s+in\s+the\s+morning|in\s+the\s+morning)"
    r"|(?P<morning>(?:first\s+thing\s+)?morning|first\s+thing)"
    r"|(?P<afternoon>(?:in\s+the\s+)?afternoon)"
    r"|(?P<evening>(?:in\s+the\s+)?(?:evening|night))"
    r"|(?P<close>(?:the\s+)?end\s+of\s+(?:the\s+|my\s+|our\s+|today'?s?\s+)?(?:business\s+|working\s+|work\s+)?(?:day|shift)"
    r"|eod|cob|eob|close\s+of\s+(?:business|play)|(?:the\s+)?close\s+of\s+(?:the\s+)?day"
    r"|before\s+(?:we|the\s+office|our\s+office|the\s+store|the\s+shop|the\s+branch|the\s+team|i)\s+(?:close|closes|log\s+off|leave|sign\s+off|finish|go\s+home|clock\s+out)"
    r"|before\s+(?:closing|close|closing\s+time|the\s+end\s+of\s+(?:the\s+)?(?:day|business\s+day|working\s+day|shift))"
    r"|by\s+close)"
    r"|(?P<open>(?:when|once|as\s+soon\s+as)\s+(?:we|the\s+office)\s+open)"
    r")(?![a-z])"
)


def _en_day(m: re.Match[str], _t: str) -> TimeMention | None:
    group = m.lastgroup
    offset: int | None = None
    part: DayPart | None = None
    if group == "same":
        offset, part = 1, "same_time"
    elif group == "dat":
        offset = 2
    elif group == "tom":
        offset = 1
    elif group == "today":
        offset = 0
    elif group == "later":
        offset, part = 0, "close"
    elif group == "thismorning":
        offset, part = 0, "morning"
    elif group == "thisafternoon":
        offset, part = 0, "afternoon"
    elif group == "tonight":
        offset, part = 0, "evening"
    elif group == "firstthing":
        offset, part = 1, "morning"  # "in the morning" is said of the next one
    elif group == "morning":
        part = "morning"
    elif group == "afternoon":
        part = "afternoon"
    elif group == "evening":
        part = "evening"
    elif group == "close":
        part = "close"
    elif group == "open":
        part = "open"
    return TimeMention(start=m.start(), end=m.end(), kind="day", day_offset=offset, part=part)


_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_EN_MONTH_RE = r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
_EN_NAMED = re.compile(
    rf"(?<![a-z])(?:(?P<which>next|this|coming|last|on)\s+)?(?P<wd>{'|'.join(_EN_WEEKDAYS)})(?![a-z])"
    r"|(?<![a-z])(?P<week>next\s+week|this\s+week|later\s+this\s+week|(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?week|"
    r"(?:the\s+)?weekend|next\s+month|in\s+(?:the\s+)?coming\s+days|one\s+of\s+these\s+days|early\s+next\s+week)(?![a-z])"
    rf"|(?<![a-z])(?P<mon>{_EN_MONTH_RE})\.?\s+(?P<dom>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])"
    rf"|(?<![a-z\d])(?P<dom2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_EN_MONTH_RE})(?![a-z])"
    r"|(?<![a-z])(?:(?P<which2>next|this|coming|on|by|before|until|till)\s+)?"
    r"(?P<abbr>mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun)\.?(?![a-z'])"
    r"|(?<![a-z])(?:on|by|before|until|till)\s+the\s+(?P<dom3>\d{1,2})(?:st|nd|rd|th)(?![a-z])"
)
_EN_ABBR_DAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
# Short day names are also words ("sat", "sun", "wed"): one counts as a day only after "on/next/by…"
# or before a time of day ("thu at 3pm", "fri morning"); "the 5th" only before one or at the end.
_AFTER_A_DAY = re.compile(
    r"\s*,?\s*(?:at|@|by|before|around|about|from|between|\d|morning|afternoon|evening|noon|midday|eod|cob|first\s+thing)(?![a-z])"
)
_AFTER_A_DATE = re.compile(
    r"\s*(?:$|[.,;!?)]|(?:at|@|by|before|around|about|in|morning|afternoon|evening|noon|latest)(?![a-z])|\d)"
)


def _month_number(word: str) -> int:
    for i, name in enumerate(_EN_MONTHS):
        if name.startswith(word[:3]):
            return i + 1
    return 0


def _en_named(m: re.Match[str], text: str) -> TimeMention | None:
    if m.group("abbr"):
        if not (m.group("which2") or _AFTER_A_DAY.match(text, m.end())):
            return None
        if (
            m.group("which2") == "on"
            and m.group("abbr") in ("sat", "sun")
            and not _AFTER_A_DAY.match(text, m.end())
        ):
            return None  # "sat on", "on sun" read as words without a time after them
        return TimeMention(
            start=m.start(),
            end=m.end(),
            kind="named_day",
            weekday=_EN_ABBR_DAYS[m.group("abbr")[:3]],
            next_week=m.group("which2") == "next",
        )
    if m.group("dom3"):
        dom3 = int(m.group("dom3"))
        if not 1 <= dom3 <= 31 or not _AFTER_A_DATE.match(text, m.end()):
            return None
        return TimeMention(start=m.start(), end=m.end(), kind="named_day", day=dom3)
    if m.group("wd"):
        if m.group("which") == "last":
            return TimeMention(start=m.start(), end=m.end(), kind="past")
        return TimeMention(
            start=m.start(),
            end=m.end(),
            kind="named_day",
            weekday=_EN_WEEKDAYS.index(m.group("wd")),
            next_week=m.group("which") == "next",
        )
    if m.group("week"):
        return TimeMention(start=m.start(), end=m.end(), kind="named_day", next_week=True)
    month = _month_number(m.group("mon") or m.group("mon2"))
    dom = int(m.group("dom") or m.group("dom2"))
    if not (1 <= month <= 12 and 1 <= dom <= 31):
        return None
    return TimeMention(start=m.start(), end=m.end(), kind="named_day", month=month, day=dom)


_EN_VAGUE = re.compile(
    r"(?<![a-z])(?:shortly|soon|sooner|later(?!\s+(?:today|than|this))|in\s+a\s+(?:bit|while|moment|sec|second|jiffy|tick|minute|min)|"
    r"a\s+little\s+while|asap|as\s+soon\s+as\s+(?:possible|i\s+can|we\s+can)|right\s+away|right\s+now|immediately|straight\s+away|"
    r"momentarily|promptly|in\s+due\s+course|some\s*time(?!\s+(?:today|tomorrow|this))|at\s+the\s+earliest|real\s+quick|quickly|in\s+no\s+time|"
    r"(?:a|one|just\s+a|one\s+more)\s+(?:sec|second|moment|mo|tick|min|minute)|a\s+bit|a\s+while)(?![a-z])"
)
_EN_PAST = re.compile(
    r"(?<![a-z])(?:yesterday|earlier\s+today|earlier|last\s+(?:night|week|time|month|evening)|the\s+other\s+day|previously)(?![a-z])"
)


EN_PATTERNS: Patterns = (
    (_EN_DURATION, _en_duration),
    (_EN_COUPLE, _en_couple),
    (_EN_HALF_HOUR, _fixed_seconds(30 * MINUTE_S)),
    (_EN_HOUR_AND_HALF, _fixed_seconds(90 * MINUTE_S)),
    (_EN_N_AND_HALF, _en_n_and_half),
    (_EN_QUARTER_HOUR, _en_quarter_hour),
    (_EN_WITHIN_THE_HOUR, _en_the_unit),
    (_EN_BARE_MINUTES, _en_bare_minutes),
    (_EN_NEXT_UNIT, _en_the_unit),
    (_EN_CLOCK_RANGE, _en_clock_range),
    (_EN_CLOCK_AMPM, _en_clock),
    (_EN_OCLOCK, _en_clock),
    (_EN_BARE_CLOCK, _en_clock),
    (_EN_NOON, _en_noon),
    (_EN_PAST_TO, _en_past_to),
    (_EN_DAY, _en_day),
    (_EN_NAMED, _en_named),
    (_EN_VAGUE, simple("vague")),
    (_EN_PAST, simple("past")),
)
