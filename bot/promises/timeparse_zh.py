"""Chinese time expressions (Simplified after folding; Cantonese words included): clock times,
durations, day words and parts of the day, named days, vague and past times."""

from __future__ import annotations

import re

from .mentions import DayPart, Meridiem, TimeMention
from .numbers import ANY_NUM_ZH, CN_DIGIT_CHARS, RANGE_SEP_ZH, upper_of
from .timebits import DAY_S, HOUR_S, MINUTE_S, Patterns, clock_number, meridiem_for_part, simple

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


def _zh_clock(m: re.Match[str], text: str) -> TimeMention | None:
    if m.group("day") and re.fullmatch(_ZH_PAST_DAY_RE, m.group("day")):
        return TimeMention(start=m.start(), end=m.end(), kind="past")
    hour = clock_number(m.group("h"))
    if hour is None or hour > 24:
        return None
    minute = 0
    if m.group("half"):
        minute = 30
    elif m.group("quarter"):
        minute = 15 if m.group("quarter") == "一刻" else 45
    elif m.group("m"):
        parsed = clock_number(m.group("m"))
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
        meridiem=meridiem_for_part(part) if part else ("bare" if hour <= 12 else "am"),
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
        meridiem = meridiem_for_part(part)
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
        month, dom = clock_number(m.group("mon")), clock_number(m.group("dom"))
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


ZH_PATTERNS: Patterns = (
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
    (_ZH_VAGUE, simple("vague")),
    (_ZH_PAST, simple("past")),
)
