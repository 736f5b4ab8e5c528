"""Find time expressions (durations, clock times, day words) in folded text, in Chinese and English.

Every pattern runs over the folded text (normalize.fold: lower case, Simplified characters, ASCII
digits); where matches overlap the longest wins, so "明天下午三点前" is one clock mention rather
than a day, a part of the day and a clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .mentions import DayPart, MentionKind, Meridiem, TimeMention
from .numbers import (
    ANY_NUM_ZH,
    CN_DIGIT_CHARS,
    EN_NUM,
    EN_WORD_NUM,
    RANGE_SEP_EN,
    RANGE_SEP_ZH,
    any_number,
    en_number,
    upper_of,
)

Builder = Callable[[re.Match[str], str], TimeMention | None]

MINUTE_S = 60.0
HOUR_S = 3600.0
DAY_S = 86400.0

# ---------------------------------------------------------------- Chinese day words and parts
_ZH_DAY_OFFSETS: dict[str, int] = {
    "今天": 0,
    "今日": 0,
    "今儿": 0,
    "当天": 0,
    "当日": 0,
    "本日": 0,
    "明天": 1,
    "明日": 1,
    "听日": 1,
    "翌日": 1,
    "次日": 1,
    "隔天": 1,
    "隔日": 1,
    "第二天": 1,
    "明儿": 1,
    "后天": 2,
    "后日": 2,
    "大后天": 3,
    "大后日": 3,
}
# Compound words carrying both the day and the part of the day.
_ZH_DAY_PARTS: dict[str, tuple[int | None, DayPart]] = {
    "今早": (0, "morning"),
    "今晨": (0, "morning"),
    "今朝": (0, "morning"),
    "今晚": (0, "evening"),
    "听晚": (1, "evening"),
    "今夜": (0, "evening"),
    "明早": (1, "morning"),
    "明晨": (1, "morning"),
    "明朝": (1, "morning"),
    "听朝": (1, "morning"),
    "听朝早": (1, "morning"),
    "明晚": (1, "evening"),
    "凌晨": (None, "morning"),
    "清晨": (None, "morning"),
    "清早": (None, "morning"),
    "一早": (None, "morning"),
    "一大早": (None, "morning"),
    "早上": (None, "morning"),
    "早晨": (None, "morning"),
    "上午": (None, "morning"),
    "朝早": (None, "morning"),
    "朝头早": (None, "morning"),
    "中午": (None, "noon"),
    "晌午": (None, "noon"),
    "晏昼": (None, "noon"),
    "午饭前": (None, "noon"),
    "午饭之前": (None, "noon"),
    "午餐前": (None, "noon"),
    "午休前": (None, "noon"),
    "下午": (None, "afternoon"),
    "下昼": (None, "afternoon"),
    "午后": (None, "afternoon"),
    "傍晚": (None, "evening"),
    "黄昏": (None, "evening"),
    "晚上": (None, "evening"),
    "夜晚": (None, "evening"),
    "夜里": (None, "evening"),
    "夜间": (None, "evening"),
    "晚间": (None, "evening"),
}
_ZH_CLOSE_WORDS = (
    "下班前|下班之前|下班以前|下班时|下班时间前|收工前|收工之前|放工前|放工之前|关门前|打烊前|"
    "营业结束前|下班|收工|放工|工作时间内|营业时间内|之内|以内|内"
)
_ZH_OPEN_WORDS = "一上班|上班后|上班之后|上班以后|开工后|开门后|一开门|上班时"


def _zh_period(word: str | None) -> tuple[int | None, DayPart | None]:
    if not word:
        return None, None
    if word in _ZH_DAY_PARTS:
        return _ZH_DAY_PARTS[word]
    return None, None


_ZH_PAST_DAY_RE = "昨天|昨日|昨晚|琴日|寻日|前天|前日"
_ZH_PERIOD_RE = "|".join(sorted(_ZH_DAY_PARTS, key=len, reverse=True))
_ZH_DAY_RE = "|".join(sorted(_ZH_DAY_OFFSETS, key=len, reverse=True))
_ZH_HOUR_NUM = r"\d{1,2}|[零一二两三四五六七八九十]{1,3}"
_ZH_MIN_NUM = r"\d{1,2}|[零一二三四五六七八九十]{1,3}"
_ZH_CLOCK_SUFFIX = "之前|以前|前|左右|之后|以后|后|整|钟|之间|到|至"
_ZH_VERB_AFTER_BARE_CLOCK = "给回联打再会跟通致发告答复覆向为和与同把就准到可能一去来确帮安以前后"

_ZH_CLOCK = re.compile(
    rf"(?:(?P<day>{_ZH_DAY_RE}|{_ZH_PAST_DAY_RE})\s*)?(?:(?P<period>{_ZH_PERIOD_RE})\s*)?"
    rf"(?P<h>{_ZH_HOUR_NUM})\s*(?P<unit>点钟|点|时)"
    rf"(?:\s*(?P<half>半)|\s*(?P<quarter>一刻|三刻)|\s*(?P<m>{_ZH_MIN_NUM})\s*(?:分钟|分)?(?!\s*[钟小个]))?"
    rf"(?:\s*(?P<suffix>{_ZH_CLOCK_SUFFIX}))?"
)
_HHMM = re.compile(
    rf"(?:(?P<day>{_ZH_DAY_RE})\s*)?(?:(?P<period>{_ZH_PERIOD_RE})\s*)?"
    r"(?<![\d.:])(?P<h>\d{1,2})\s*:\s*(?P<m>\d{2})(?![\d:])"
    r"(?:\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z]))?"
)


def _meridiem_for_part(part: DayPart | None) -> Meridiem:
    if part in ("afternoon", "evening", "close"):
        return "pm"
    if part == "noon":
        return "noon"
    if part in ("morning", "open"):
        return "am"
    return "bare"


def _clock_number(word: str) -> int | None:
    value = any_number(word)
    if value is None or value != int(value):
        return None
    return int(value)


def _zh_clock(m: re.Match[str], text: str) -> TimeMention | None:
    if m.group("day") and re.fullmatch(_ZH_PAST_DAY_RE, m.group("day")):
        return TimeMention(start=m.start(), end=m.end(), kind="past")
    hour = _clock_number(m.group("h"))
    if hour is None or hour > 24:
        return None
    minute = 0
    if m.group("half"):
        minute = 30
    elif m.group("quarter"):
        minute = 15 if m.group("quarter") == "一刻" else 45
    elif m.group("m"):
        parsed = _clock_number(m.group("m"))
        if parsed is None or parsed >= 60:
            return None
        minute = parsed
    day_offset = _ZH_DAY_OFFSETS.get(m.group("day") or "")
    period_day, part = _zh_period(m.group("period"))
    if day_offset is None:
        day_offset = period_day
    unit = m.group("unit")
    suffix = m.group("suffix") or ""
    anchored = bool(m.group("period") or m.group("day") or suffix or unit == "点钟" or minute)
    if not anchored:
        # "一点"/"两点" are also "a bit"/"two points": a bare N点 counts only before a verb.
        following = text[m.end() : m.end() + 1]
        if unit == "时" or not following or following not in _ZH_VERB_AFTER_BARE_CLOCK:
            return None
        if m.group("h") == "一":
            return None
    if unit == "时" and not (m.group("period") or m.group("day") or suffix or m.group("h").isdigit()):
        return None
    return TimeMention(
        start=m.start(),
        end=m.end(),
        kind="clock",
        hour=hour,
        minute=minute,
        meridiem=_meridiem_for_part(part) if part else ("bare" if hour <= 12 else "am"),
        day_offset=day_offset,
        part=part,
    )


def _hhmm(m: re.Match[str], _text: str) -> TimeMention | None:
    hour, minute = int(m.group("h")), int(m.group("m"))
    if hour > 24 or minute >= 60:
        return None
    day_offset = _ZH_DAY_OFFSETS.get(m.group("day") or "")
    period_day, part = _zh_period(m.group("period"))
    if day_offset is None:
        day_offset = period_day
    ampm = (m.group("ampm") or "").replace(".", "").replace(" ", "")
    meridiem: Meridiem
    if ampm in ("am", "pm"):
        meridiem = "am" if ampm == "am" else "pm"
    elif part:
        meridiem = _meridiem_for_part(part)
    else:
        # Written as 24-hour time unless it reads like a bare "3:30".
        meridiem = "bare" if 1 <= hour <= 7 else "am"
    return TimeMention(
        start=m.start(),
        end=m.end(),
        kind="clock",
        hour=hour,
        minute=minute,
        meridiem=meridiem,
        day_offset=day_offset,
        part=part,
    )


# ---------------------------------------------------------------- Chinese durations
_ZH_DUR_PREFIX = r"(?P<advance>提前|早)?\s*"
_ZH_DUR_SUFFIX = r"(?:\s*(?P<suffix>之内|以内|内|之后|以后|后|左右|上下|之前|以前|前|多|就|再|先))?"
_ZH_RANGE = rf"{_ZH_DUR_PREFIX}(?P<n1>{ANY_NUM_ZH})(?:{RANGE_SEP_ZH}(?P<n2>{ANY_NUM_ZH}))?"
_ZH_MORE = r"(?:\s*(?P<more>多|几|来|余))?"

_ZH_HOURS = re.compile(
    rf"{_ZH_RANGE}{_ZH_MORE}\s*(?:个\s*(?P<more2>多)?\s*(?:小时|钟头|钟(?![点头]))|小时|钟头){_ZH_DUR_SUFFIX}"
)
_ZH_HALF_HOUR = re.compile(rf"半\s*(?:个\s*(?:小时|钟头|钟(?!点))|小时|钟头){_ZH_DUR_SUFFIX}")
_ZH_N_AND_HALF = re.compile(rf"(?:(?P<n1>{ANY_NUM_ZH})\s*)?个\s*半\s*(?:小时|钟头|钟(?!点)){_ZH_DUR_SUFFIX}")
_ZH_HOURS_AND_HALF = re.compile(rf"(?P<n1>{ANY_NUM_ZH})\s*(?:个\s*)?(?:小时|钟头)\s*半{_ZH_DUR_SUFFIX}")
_ZH_ABOUT_AN_HOUR = re.compile(rf"个把\s*(?:小时|钟头|钟(?!点)){_ZH_DUR_SUFFIX}")
_ZH_MINUTES = re.compile(
    rf"{_ZH_RANGE}{_ZH_MORE}\s*(?:个\s*)?(?:分钟|分(?=\s*(?:内|之内|以内|后|之后|以后|左右|钟))){_ZH_DUR_SUFFIX}"
)
_ZH_HALF_MINUTE = re.compile(rf"半\s*分钟{_ZH_DUR_SUFFIX}")
_ZH_QUARTERS = re.compile(rf"(?P<n1>[一二两三1-3])\s*(?:个\s*)?刻钟{_ZH_DUR_SUFFIX}")
# Cantonese counts five-minute marks on the clock face: 三个字 = 15 minutes.
_ZH_FIVE_MINUTE_MARKS = re.compile(
    rf"{_ZH_RANGE}\s*个\s*字(?=\s*(?:内|之内|左右|后|之后|就|啦|先|再|度|时间))(?:\s*(?P<suffix>之内|内|之后|后|左右))?"
)
_ZH_SECONDS = re.compile(rf"{_ZH_RANGE}{_ZH_MORE}\s*秒(?:钟)?{_ZH_DUR_SUFFIX}")
_ZH_DAYS = re.compile(
    rf"{_ZH_RANGE}{_ZH_MORE}\s*(?:个\s*)?(?P<unit>工作日|工作天|自然日|天|日(?=\s*(?:内|之内|以内)))(?!\s*[后後]?\s*[送到发])"
    rf"{_ZH_DUR_SUFFIX}"
)
_ZH_WEEKS = re.compile(
    rf"{_ZH_RANGE}{_ZH_MORE}\s*(?:个\s*)?(?:星期|礼拜|周)(?![一二三四五六日天1-7]){_ZH_DUR_SUFFIX}"
)


def _duration(
    m: re.Match[str], unit_s: float, *, n1: str | None = None, n2: str | None = None, extra: float = 0.0
) -> TimeMention | None:
    groups = m.groupdict()
    suffix = groups.get("suffix") or ""
    if groups.get("advance"):
        # "提前一小时联系您": an hour before some other event, not an hour from now.
        return TimeMention(start=m.start(), end=m.end(), kind="vague")
    if suffix in ("前", "之前", "以前"):
        return TimeMention(start=m.start(), end=m.end(), kind="past")
    vague = bool(groups.get("more") or groups.get("more2")) or suffix in ("多",)
    low = n1 if n1 is not None else groups.get("n1")
    high = n2 if n2 is not None else groups.get("n2")
    amount = upper_of(low, high) if low else 1.0
    if amount is None or vague:
        if groups.get("more") == "来" and amount is not None:
            return TimeMention(start=m.start(), end=m.end(), kind="duration", seconds=amount * unit_s)
        return TimeMention(start=m.start(), end=m.end(), kind="duration", seconds=None)
    seconds = (amount + extra) * unit_s
    if seconds <= 0:
        return None
    return TimeMention(start=m.start(), end=m.end(), kind="duration", seconds=seconds)


def _zh_hours(m: re.Match[str], _t: str) -> TimeMention | None:
    return _duration(m, HOUR_S)


def _zh_half_hour(m: re.Match[str], _t: str) -> TimeMention | None:
    return _duration(m, MINUTE_S * 30)


def _zh_n_and_half(m: re.Match[str], _t: str) -> TimeMention | None:
    return _duration(m, HOUR_S, n1=m.group("n1") or "一", extra=0.5)


def _zh_about_hour(m: re.Match[str], _t: str) -> TimeMention | None:
    return _duration(m, HOUR_S)


def _zh_minutes(m: re.Match[str], _t: str) -> TimeMention | None:
    return _duration(m, MINUTE_S)


def _zh_half_minute(m: re.Match[str], _t: str) -> TimeMention | None:
    return _duration(m, 30.0)


def _zh_quarters(m: re.Match[str], _t: str) -> TimeMention | None:
    return _duration(m, MINUTE_S * 15)


def _zh_five_minute_marks(m: re.Match[str], _t: str) -> TimeMention | None:
    return _duration(m, MINUTE_S * 5)


def _zh_seconds(m: re.Match[str], _t: str) -> TimeMention | None:
    return _duration(m, 1.0)


def _zh_days(m: re.Match[str], _t: str) -> TimeMention | None:
    if m.group("unit") in ("工作日", "工作天"):
        found = _duration(m, DAY_S)
        if found is None or found.kind != "duration" or found.seconds is None:
            return found
        return found.model_copy(update={"seconds": None, "business_days": round(found.seconds / DAY_S)})
    return _duration(m, DAY_S)


def _zh_weeks(m: re.Match[str], _t: str) -> TimeMention | None:
    return _duration(m, DAY_S * 7)


# ---------------------------------------------------------------- Chinese day words, named days, vague, past
_ZH_DAY = re.compile(
    rf"(?P<same>(?:{_ZH_DAY_RE})\s*(?:这个时候|这个时间|同一时间|这时候|呢个时间|同样时间|这个点))|(?P<day>{_ZH_DAY_RE})(?:\s*(?P<period>{_ZH_PERIOD_RE}))?(?:\s*(?P<close>{_ZH_CLOSE_WORDS}))?"
    rf"|(?P<period_only>{_ZH_PERIOD_RE})(?:\s*(?P<close2>{_ZH_CLOSE_WORDS}))?"
    rf"|(?P<close_only>下班前|下班之前|下班以前|收工前|收工之前|放工前|放工之前|关门前|打烊前|营业结束前)"
    rf"|(?P<open_only>{_ZH_OPEN_WORDS})"
)


def _zh_day(m: re.Match[str], _t: str) -> TimeMention | None:
    if m.group("same"):
        word = re.match(_ZH_DAY_RE, m.group("same"))
        offset = _ZH_DAY_OFFSETS.get(word.group() if word else "", 1)
        return TimeMention(start=m.start(), end=m.end(), kind="day", day_offset=offset, part="same_time")
    day_offset = _ZH_DAY_OFFSETS.get(m.group("day") or "")
    period_day, part = _zh_period(m.group("period") or m.group("period_only"))
    if day_offset is None:
        day_offset = period_day
    close = m.group("close") or m.group("close2")
    if m.group("close_only"):
        part = "close"
    elif m.group("open_only"):
        part = "open"
    elif close:
        within = close in ("内", "之内", "以内")
        # "今天内" is by close of today; "下午下班前" is close too, but "上午之内" stays morning.
        if (within and part is None) or (not within and part in (None, "afternoon")):
            part = "close"
    return TimeMention(start=m.start(), end=m.end(), kind="day", day_offset=day_offset, part=part)


_ZH_WEEKDAY_NUM = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "末": 5}
_ZH_NAMED = re.compile(
    r"(?P<which>下个?|这个?|本|今个?|上个?)?\s*(?:周|星期|礼拜|禮拜)(?P<wd>[一二三四五六日天末1-7])"
    r"|(?P<nextweek>下个?(?:周|星期|礼拜|月)|本周内?|这周内?|这个星期|这星期|今个星期|本月内?|月底|月初|年底|过几天|改天|近期|近日|这两天|这几天|过两天|日后|迟些日子|下次)"
    rf"|(?P<mon>\d{{1,2}}|[{CN_DIGIT_CHARS}]{{1,3}})\s*月\s*(?P<dom>\d{{1,2}}|[{CN_DIGIT_CHARS}]{{1,3}})\s*[日号]"
    r"|(?<![\d月])(?P<dom2>\d{1,2})\s*号(?!码|线|楼|门|店|窗)"
)


def _zh_named(m: re.Match[str], _t: str) -> TimeMention | None:
    if m.group("wd"):
        which = m.group("which") or ""
        if which.startswith("上"):
            return TimeMention(start=m.start(), end=m.end(), kind="past")
        wd = m.group("wd")
        weekday = int(wd) - 1 if wd.isdigit() else _ZH_WEEKDAY_NUM[wd]
        if not 0 <= weekday <= 6:
            return None
        return TimeMention(
            start=m.start(), end=m.end(), kind="named_day", weekday=weekday, next_week=which.startswith("下")
        )
    if m.group("nextweek"):
        return TimeMention(start=m.start(), end=m.end(), kind="named_day", next_week=True)
    if m.group("mon"):
        month, dom = _clock_number(m.group("mon")), _clock_number(m.group("dom"))
        if month is None or dom is None or not (1 <= month <= 12 and 1 <= dom <= 31):
            return None
        return TimeMention(start=m.start(), end=m.end(), kind="named_day", month=month, day=dom)
    dom = int(m.group("dom2"))
    if not 1 <= dom <= 31:
        return None
    return TimeMention(start=m.start(), end=m.end(), kind="named_day", day=dom)


_ZH_VAGUE = re.compile(
    r"几\s*(?:分钟|个\s*(?:小时|钟头|钟)|秒|天)|一\s*会\s*儿?|一阵子?|阵间|等阵|一下子|片刻|稍后|稍候|稍晚|晚些|晚点|晚一点|晚一些|"
    r"迟些|迟点|迟啲|晏啲|待会儿?|等会儿?|等下|回头|随后|马上|立刻|立即|即刻|尽快|尽早|尽速|第一时间|很快|及时|短时间内|不久|"
    r"半天|好快|即时|稍等片刻|少少时间|一阵间"
)
_ZH_PAST = re.compile(
    rf"(?:{_ZH_PAST_DAY_RE})(?:\s*(?:{_ZH_PERIOD_RE}))?|昨天|昨日|昨晚|琴日|寻日|前天|前日|上周|上星期|上礼拜|上个月|刚才|刚刚|早前|上次|上回|前几天|那天|当时|早些时候|之前已"
)


def _simple(kind: MentionKind) -> Builder:
    def build(m: re.Match[str], _t: str) -> TimeMention | None:
        return TimeMention(start=m.start(), end=m.end(), kind=kind)

    return build


# ---------------------------------------------------------------- English
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
    r"(?<![a-z])(?:in|within|(?:give|allow)\s+(?:me|us)(?:\s+another)?)\s+(?:about\s+|around\s+|like\s+)?(?P<n1>\d{1,2}|five|ten|fifteen|twenty|thirty|forty-five|forty)(?=\s*(?:$|[.,!?;)]|and\s|or\s|ok|okay|max|tops))"
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
    first = _clock_number(m.group("h1"))
    ampm = m.group("ampm1").replace(".", "").replace(" ", "")
    meridiem: Meridiem = "am" if ampm == "am" else "pm"
    if found.hour == 12:
        meridiem = "noon"
    elif first is not None and found.hour is not None and found.hour < first:
        meridiem = "pm" if meridiem == "am" else "am"  # "11am to 1" crosses noon
    return found.model_copy(update={"meridiem": meridiem})


def _en_clock(m: re.Match[str], _t: str) -> TimeMention | None:
    hour = _clock_number(m.group("h"))
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
    hour = _clock_number(m.group("h"))
    q = m.group("q")
    mins = 30 if q == "half" else 15 if q == "quarter" else _clock_number(q)
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
)


def _month_number(word: str) -> int:
    for i, name in enumerate(_EN_MONTHS):
        if name.startswith(word[:3]):
            return i + 1
    return 0


def _en_named(m: re.Match[str], _t: str) -> TimeMention | None:
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

_PATTERNS: tuple[tuple[re.Pattern[str], Builder], ...] = (
    (_ZH_CLOCK, _zh_clock),
    (_HHMM, _hhmm),
    (_ZH_HOURS, _zh_hours),
    (_ZH_HALF_HOUR, _zh_half_hour),
    (_ZH_N_AND_HALF, _zh_n_and_half),
    (_ZH_HOURS_AND_HALF, _zh_n_and_half),
    (_ZH_ABOUT_AN_HOUR, _zh_about_hour),
    (_ZH_MINUTES, _zh_minutes),
    (_ZH_HALF_MINUTE, _zh_half_minute),
    (_ZH_QUARTERS, _zh_quarters),
    (_ZH_FIVE_MINUTE_MARKS, _zh_five_minute_marks),
    (_ZH_SECONDS, _zh_seconds),
    (_ZH_DAYS, _zh_days),
    (_ZH_WEEKS, _zh_weeks),
    (_ZH_DAY, _zh_day),
    (_ZH_NAMED, _zh_named),
    (_ZH_VAGUE, _simple("vague")),
    (_ZH_PAST, _simple("past")),
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
    (_EN_VAGUE, _simple("vague")),
    (_EN_PAST, _simple("past")),
)

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
