"""Where the CLEAR cues, the remedies and the time words are in a matching view; sentence bounds."""

from __future__ import annotations

import re

from .rules import CueName, RuleBook

# How far before a resolve cue a negator ("无法", "can't") still turns it into a refusal.
_NEGATION_WINDOW_CHARS = 12
_SENTENCE_END = re.compile(r"[.!?;。…\n]")


def cue_spans(view: str, book: RuleBook, name: CueName) -> list[tuple[int, int]]:
    """Spans of the ``name`` cues; resolve cues right after a negator do not count."""
    pattern = book.cues[name]
    if pattern is None:
        return []
    negators = book.cues["negators"] if name in ("resolve", "remedy") else None
    spans: list[tuple[int, int]] = []
    for m in pattern.finditer(view):
        if m.end() == m.start():
            continue
        if negators is not None:
            window = view[max(0, m.start() - _NEGATION_WINDOW_CHARS) : m.start()]
            if negators.search(window):
                continue
        spans.append((m.start(), m.end()))
    return spans


def sentence_bounds(view: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``view[start:end]``: from after the previous stop to the next stop."""
    left = 0
    for m in _SENTENCE_END.finditer(view, 0, start):
        left = m.end()
    m_right = _SENTENCE_END.search(view, end)
    right = m_right.end() if m_right else len(view)
    return left, right


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two spans share at least one character (or an empty span sits inside the other)."""
    return (a[0] < b[1] and b[0] < a[1]) or (a[0] == a[1] and b[0] <= a[0] < b[1])


def time_named_near(view: str, book: RuleBook, start: int, end: int) -> bool:
    """True when the sentence around ``view[start:end]`` names a time (a time cue overlaps it)."""
    sentence = sentence_bounds(view, start, end)
    return any(overlaps(span, sentence) for span in cue_spans(view, book, "time"))
