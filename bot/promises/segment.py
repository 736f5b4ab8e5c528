"""Sentences and clauses of folded text, as (start, end) spans, so cues meet their own time words."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

_SENTENCE_END = re.compile(r"[。!?;！？；\n]+|\.+(?=\s|$)|…+")
_NOT_A_STOP = re.compile(
    r"(?:\b[ap]\.m|\be\.g|\bi\.e|\bmr|\bmrs|\bms|\bdr|\bno|\bapprox|\betc|\bvs|\bst|\bp|\ba|"
    r"\bmon|\btues?|\bweds?|\bthu|\bthurs?|\bfri)$"
)
_CLAUSE_BREAK = re.compile(
    r"[,，、()（）\"“”「」『』【】]|(?<!\d):(?!\d)|\s[-–—]+\s|—+|"
    r"(?<![a-z\d])(?:and\s+then|and|but|(?<!by\s)(?<!since\s)(?<!until\s)then|so|while|meanwhile|after\s+which|plus)(?![a-z])|然后|并且|同时|另外|此外"
)

_A_HALF = re.compile(r"\s+a\s+half")
_BETWEEN = re.compile(r"between\s+\S+(?:\s*(?:am|pm|a\.m\.|p\.m\.))?\s*$")


class Span(BaseModel):
    """A stretch of text by offsets."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int


def _strip(folded: str, start: int, end: int) -> Span | None:
    while start < end and folded[start] in " \t":
        start += 1
    while end > start and folded[end - 1] in " \t":
        end -= 1
    return Span(start=start, end=end) if end > start else None


# Real sentences are short; a run-on wall of text is cut so per-sentence checks stay linear.
MAX_SENTENCE_CHARS = 400


def _bounded(folded: str, span: Span) -> list[Span]:
    pieces: list[Span] = []
    start = span.start
    while span.end - start > MAX_SENTENCE_CHARS:
        cut = folded.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        pieces.append(Span(start=start, end=cut))
        start = cut
    pieces.append(Span(start=start, end=span.end))
    return pieces


def sentences(folded: str) -> list[Span]:
    """Sentence spans (the closing punctuation stays with its sentence, so "?" can be seen)."""
    return [piece for span in _sentences(folded) for piece in _bounded(folded, span)]


def _sentences(folded: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(folded):
        if m.group().startswith(".") and _NOT_A_STOP.search(folded[start : m.start()]):
            continue
        span = _strip(folded, start, m.end())
        if span:
            spans.append(span)
        start = m.end()
    tail = _strip(folded, start, len(folded))
    if tail:
        spans.append(tail)
    return spans


def clauses(folded: str, sentence: Span) -> list[Span]:
    """Clause spans inside one sentence: split at commas and joining words ("and", "然后")."""
    spans: list[Span] = []
    start = sentence.start
    for m in _CLAUSE_BREAK.finditer(folded, sentence.start, sentence.end):
        if m.group() == "and" and (
            _BETWEEN.search(folded, max(start, m.start() - 20), m.start()) or _A_HALF.match(folded, m.end())
        ):
            continue  # "between 2 and 4 pm", "two and a half hours" are one time
        span = _strip(folded, start, m.start())
        if span:
            spans.append(span)
        start = m.end() if not m.group()[0].isalpha() or m.group().isascii() else m.start()
    tail = _strip(folded, start, sentence.end)
    if tail:
        spans.append(tail)
    return spans
