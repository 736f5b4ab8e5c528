"""Cleaning customer text before it is matched: never fails, whatever it is given."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import opencc

# Analysis looks at the head of a message only; a Telegram message is at most 4096 characters,
# so this bounds the cost of pasted walls of text without changing any real verdict.
MAX_ANALYSED_CHARS = 8000

_INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufe00-\ufe0f\U000e0000-\U000e007f]"
)
# Built with chr(): mypyc cannot compile a lone surrogate in a string literal.
_SURROGATES = re.compile(f"[{chr(0xD800)}-{chr(0xDFFF)}]")
_VARIATION_SELECTORS = re.compile("[\ufe00-\ufe0f]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[ \t\u3000]+")
_HAN = re.compile("[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def sanitize(text: str) -> str:
    """Drop invisible, control and lone-surrogate characters; keep everything a reader would see."""
    text = text[:MAX_ANALYSED_CHARS]
    if text.isprintable():
        # The usual message: no control, format (zero-width, bidi) or surrogate character, no
        # tab or wide space; only variation selectors (printable marks) and double spaces may
        # be left to clean, and scanning for each costs more than the check.
        text = _VARIATION_SELECTORS.sub("", text)
        return (_SPACES.sub(" ", text) if "  " in text else text).strip()
    text = _SURROGATES.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


# Full-width ASCII forms and the ideographic space, mapped as NFKC maps them. Chinese text is
# full of "，！？（）" (U+FF0C…); once they are mapped it is nearly always NFKC already, which
# Python checks several times faster than it normalises.
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def _nfkc(text: str) -> str:
    if text.isascii():
        return text  # ASCII is NFKC
    text = text.translate(_FULL_WIDTH)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def fold(clean: str) -> str:
    """The form lexicons are matched against: NFKC, lower case, Traditional folded to Simplified.

    NFKC turns full-width Latin and digits into ASCII; t2s lets one Simplified lexicon serve
    Traditional and Cantonese text too.
    """
    folded = _nfkc(clean).lower().replace("\u2019", "'").replace("\u2018", "'")
    # Text without a character t2s would change is left as it is: most Simplified messages, which
    # are spared OpenCC's call and the tables it walks (a few per cent of a message's time).
    if _HAN.search(folded) and _t2s_sensitive().search(folded):
        folded = _t2s().convert(folded)
    return folded


# Characters t2s changes only inside a phrase of its dictionary ("深沈" -> "深沉"), never alone;
# read off OpenCC's TSPhrases (tests/test_text_fold.py checks them against the installed copy).
T2S_PHRASE_ONLY = "么俱哩坏彷沈甦瞭藉衹覆"


@lru_cache(maxsize=1)
def t2s_changed() -> frozenset[str]:
    """The characters t2s converts on their own: every key of its dictionaries lies in the CJK
    blocks scanned here or beyond U+20000."""
    chars = "".join(chr(c) for c in (*range(0x3400, 0xA000), *range(0xF900, 0xFB00)))
    # One character a line stops OpenCC from converting multi-character phrases.
    converted = _t2s().convert("\n".join(chars)).split("\n")
    return frozenset(c for c, t in zip(chars, converted, strict=True) if t != c)


@lru_cache(maxsize=1)
def _t2s_sensitive() -> re.Pattern[str]:
    changed = "".join(sorted(t2s_changed() | frozenset(T2S_PHRASE_ONLY)))
    return re.compile(f"[{re.escape(changed)}\U00020000-\U0010ffff]")
