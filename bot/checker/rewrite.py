"""Suggested rewrites in the draft's own language and script."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

import opencc

from ..taxonomy import Language
from .rules import Rewrite, RuleLang

Script = Literal["Hans", "Hant"]

# Characters of written Cantonese: a draft with them gets the Cantonese rewrite when a rule has one.
_CANTONESE = frozenset("嘅咗哋嚟喺冇唔啲咁嘢乜嗰睇畀俾揾搵攞咩佢嘥啱㗎喎囉嬲咪噉")


@lru_cache(maxsize=4)
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def is_cantonese(text: str) -> bool:
    """True when ``text`` is written in Cantonese rather than standard written Chinese."""
    return sum(1 for ch in text if ch in _CANTONESE) >= 1


def _in_script(text: str, source: Script, target: Script, cantonese: bool) -> str:
    if source == target:
        return text
    if target == "Hans":
        converted: str = _converter("t2s").convert(text)
        return converted
    converted = _converter("s2hk" if cantonese else "s2tw").convert(text)
    return converted


def localize(
    rewrite: Rewrite, rule_lang: RuleLang, draft_lang: Language, *, script: Script, cantonese: bool
) -> str:
    """The rewrite to show: English for English rules; otherwise Chinese in the draft's script.

    ``zh`` texts are written in Simplified and ``yue`` texts in Traditional; a Cantonese draft gets
    the ``yue`` text when there is one.
    """
    english = rule_lang == "en" or (rule_lang == "any" and draft_lang in ("en", "other"))
    if english and rewrite.en:
        return rewrite.en
    if cantonese and rewrite.yue:
        return _in_script(rewrite.yue, "Hant", script, cantonese)
    if rewrite.zh:
        return _in_script(rewrite.zh, "Hans", script, cantonese)
    if rewrite.yue:
        return _in_script(rewrite.yue, "Hant", script, cantonese)
    return rewrite.en or ""
