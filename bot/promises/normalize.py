"""A matching form of an agent's message that keeps every character at its original offset."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import opencc

# Agent messages are short (Telegram caps one at 4096 characters); pasted walls of text are cut
# here so one call stays cheap whatever it is given.
MAX_ANALYSED_CHARS = 8000

_SPACE_LIKE = frozenset("\t\r\x0b\x0c\u3000\u00a0")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    code = ord(ch)
    if 0xD800 <= code <= 0xDFFF or (code < 0x20 and ch != "\n") or 0x7F <= code <= 0x9F:
        return " "
    if ch in _SPACE_LIKE:
        return " "
    if ch in "\u2018\u2019\u02bc\uff07":
        return "'"
    if ch in "\u201c\u201d":
        return '"'
    out = unicodedata.normalize("NFKC", ch)
    if len(out) != 1:
        out = ch
    low = out.lower()
    if len(low) == 1:
        out = low
    if out == "覆":
        return (
            "复"  # 回覆/答覆 are Traditional spellings of 回复/答复; the phrase tables miss them char by char
        )
    if "\u3400" <= out <= "\u9fff":
        # One character at a time: phrase-level conversion could change the length.
        simp = _t2s().convert(out)
        if len(simp) == 1:
            out = simp
    return out


def fold(text: str) -> str:
    """Lower case, ASCII digits and punctuation, Simplified characters; same length as ``text``."""
    return "".join(_fold_char(ch) for ch in text[:MAX_ANALYSED_CHARS])
