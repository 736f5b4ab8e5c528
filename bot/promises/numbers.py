"""Numbers as agents write them: Arabic digits, Chinese numerals, English words, and ranges of them.

Ranges ("两三", "5-10", "two or three", "a couple of") read at their upper end, as promises are
due at the latest moment they allow.
"""

from __future__ import annotations

import re
from functools import lru_cache

import cn2an

# Regex fragments, matched against folded text (see normalize.fold).
CN_DIGIT_CHARS = "零〇一二两三四五六七八九十百廿"
CN_NUM = f"[{CN_DIGIT_CHARS}]+"
AR_NUM = r"\d{1,6}(?:\.\d{1,3})?"
ANY_NUM_ZH = f"(?:{AR_NUM}|{CN_NUM})"
RANGE_SEP_ZH = r"\s*(?:[-–—~]|到|至|或者|或|至到)\s*"

_EN_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_TENS_RE = "|".join(_EN_TENS)
_UNITS_RE = "|".join(sorted(_EN_UNITS, key=len, reverse=True))
EN_WORD_NUM = rf"(?:(?:{_TENS_RE})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|{_UNITS_RE})"
EN_NUM = rf"(?:{AR_NUM}|{EN_WORD_NUM}|an?)"
RANGE_SEP_EN = r"\s*(?:-|–|—|~|to|or)\s*"

_CN_PLAIN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


@lru_cache(maxsize=1024)
def _cn2an(word: str) -> float | None:
    try:
        value = cn2an.cn2an(word, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


def cn_number(word: str) -> float | None:
    """A Chinese numeral (or a run of two read as a range: 两三 → 3, 二三十 → 30); None if not one."""
    if not word:
        return None
    if all(ch in _CN_PLAIN_DIGITS for ch in word):
        # cn2an reads 两三 as 23; in speech adjacent digits are a range, except a single digit.
        if len(word) == 1:
            return float(_CN_PLAIN_DIGITS[word])
        if len(word) == 2:
            low, high = _CN_PLAIN_DIGITS[word[0]], _CN_PLAIN_DIGITS[word[1]]
            return float(high) if high > low else None
        return None
    whole = _cn2an(word)
    if whole is not None:
        return whole
    for cut in range(1, len(word)):
        low_v, high_v = cn_number(word[:cut]), cn_number(word[cut:])
        if low_v is None or high_v is None:
            continue
        if high_v > low_v:
            return high_v
        if low_v >= 10 and high_v < 10:
            # 十一二 → eleven or twelve.
            joined = low_v - low_v % 10 + high_v
            if joined > low_v:
                return joined
    return None


def en_number(word: str) -> float | None:
    """An English number word or digits ("a"/"an" = 1, "forty-five" = 45); None if not one."""
    word = word.strip().lower()
    if word in ("a", "an"):
        return 1.0
    if word in _EN_UNITS:
        return float(_EN_UNITS[word])
    parts = re.split(r"[- ]", word)
    if parts[0] in _EN_TENS and len(parts) <= 2:
        extra = _EN_UNITS.get(parts[1], -1) if len(parts) == 2 else 0
        if 0 <= extra <= 9:
            return float(_EN_TENS[parts[0]] + extra)
        return None
    return arabic_number(word)


def arabic_number(word: str) -> float | None:
    """Digits with an optional decimal part."""
    try:
        return float(word)
    except ValueError:
        return None


def any_number(word: str) -> float | None:
    """Digits, a Chinese numeral or an English number word."""
    word = word.strip()
    value = arabic_number(word)
    if value is not None:
        return value
    if word and all(ch in CN_DIGIT_CHARS for ch in word):
        return cn_number(word)
    return en_number(word)


def upper_of(low: str | None, high: str | None) -> float | None:
    """The upper end of "low – high" (or the single number): a range is due at its latest."""
    values = [v for v in (any_number(low or ""), any_number(high or "")) if v is not None]
    if not values or (low and high and len(values) < 2):
        return None
    return max(values)
