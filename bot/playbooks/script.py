"""Catching Simplified characters in Traditional texts, judged by OpenCC's conversion tables."""

from __future__ import annotations

from functools import lru_cache

import opencc

# A character is Simplified-only when every Traditional standard (generic, Taiwan, Hong Kong)
# writes it differently; characters such as 着 that one standard keeps are allowed.
_TRADITIONAL_CONFIGS = ("s2t", "s2tw", "s2hk")


@lru_cache(maxsize=1)
def _converters() -> tuple[opencc.OpenCC, ...]:
    return tuple(opencc.OpenCC(c) for c in _TRADITIONAL_CONFIGS)


@lru_cache(maxsize=8192)
def _is_simplified_only(ch: str) -> bool:
    return all(conv.convert(ch) != ch for conv in _converters())


def simplified_only_chars(text: str) -> list[str]:
    """The characters of ``text`` that no Traditional standard writes that way, in order of appearance.

    Judged in context: OpenCC's phrase tables keep words such as 核准 whole, so a character that is
    Simplified on its own but right inside such a word is not reported.
    """
    suspects = {ch for ch in text if "\u3400" <= ch <= "\u9fff" and _is_simplified_only(ch)}
    if not suspects:
        return []
    converted = [conv.convert(text) for conv in _converters()]
    found: list[str] = []
    for i, ch in enumerate(text):
        if ch not in suspects or ch in found:
            continue
        # Conversions that keep the length line up character by character; others judge alone.
        in_context = [c[i] != ch for c in converted if len(c) == len(text)]
        if all(in_context):
            found.append(ch)
    return found
