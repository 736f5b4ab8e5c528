"""The matching view of a draft: same length as the draft, so a match's offsets are the draft's.

Full-width Latin and punctuation become ASCII and Traditional characters become Simplified, one
rule set then serves both scripts. Case is left alone (rules match case-insensitively) because
``str.lower`` can change a string's length.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

# Telegram caps a message at 4096 characters; anything past this is pasted noise, not a reply.
MAX_CHECKED_CHARS = 8000

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "\u3000": " "}


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _fold_char(ch: str) -> str:
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if 0xD800 <= code <= 0xDFFF or code == 0:
        # OpenCC cannot encode lone surrogates and stops at NUL; neither is ever part of a phrase.
        return " "
    return _QUOTES.get(ch, ch)


def _to_simplified(text: str) -> str:
    """Phrase-level t2s when it keeps the length (nearly always); run by run otherwise."""
    whole: str = _t2s().convert(text)
    if len(whole) == len(text):
        return whole
    parts: list[str] = []
    last = 0
    for m in _HAN_RUN.finditer(text):
        parts.append(text[last : m.start()])
        run: str = _t2s().convert(m.group())
        parts.append(run if len(run) == len(m.group()) else m.group())
        last = m.end()
    parts.append(text[last:])
    return "".join(parts)


def matching_view(draft: str) -> str:
    """The draft (its checked head) folded for matching; ``len`` equals the checked length."""
    head = draft[:MAX_CHECKED_CHARS]
    folded = "".join(_fold_char(ch) for ch in head)
    if _HAN_RUN.search(folded):
        folded = _to_simplified(folded)
    return folded


def fold_pattern(pattern: str) -> str:
    """A rule pattern in the view's script, so rules may be written in Traditional or Cantonese."""
    return _to_simplified(pattern) if _HAN_RUN.search(pattern) else pattern
