"""Run the phrase rules over a draft's matching view and apply their guards."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .cues import cue_spans, overlaps, sentence_bounds
from .rules import CompiledRule, PhraseRule, RuleBook

# Runs of capitalised words; a run is shouting when its non-acronym words carry enough letters.
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z']*\b(?:[^a-zA-Z\n]{1,3}\b[A-Z][A-Z']*\b)*")
_CAPS_WORD = re.compile(r"[A-Z][A-Z']*")
_MIN_SHOUTED_LETTERS = 5
# Abbreviations an agent writes in capitals without raising their voice.
_ACRONYMS = frozenset(
    """OK ID SMS FAQ PDF URL ETA ASAP UPS DHL USPS FEDEX TNT EMS SF JD VIP CEO IT PIN OTP QR USB HDMI TV PC
    APP API VAT GST HK TW US UK EU USD HKD RMB CNY TWD GBP EUR AM PM CS HR PO SKU IMEI SIM GPS LED LCD AC DC
    NFC WIFI CC BCC FYI NB PS AKA COD RMA RE FW QA KYC MTR SSD RAM CPU GB MB TB KB HD UHD IOS OS EMAIL NO
    ATM IBAN SWIFT BIC PAYPAL CVV POS GMT UTC HKT CST AWB SN""".split()
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired, by offsets into the draft."""

    rule: PhraseRule
    start: int
    end: int


def _all_caps(view: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for run in _CAPS_RUN.finditer(view):
        words = _CAPS_WORD.findall(run.group())
        letters = sum(len(w.replace("'", "")) for w in words if len(w) > 1 and w not in _ACRONYMS)
        if letters >= _MIN_SHOUTED_LETTERS:
            spans.append((run.start(), run.end()))
    return spans


class _Guards:
    """Lazily computed cue positions that the guards consult."""

    def __init__(self, view: str, book: RuleBook, timed: Sequence[tuple[int, int]]) -> None:
        self._view = view
        self._book = book
        self._timed = timed
        self._remedy_starts: list[int] | None = None
        self._times: list[tuple[int, int]] | None = None

    def remedy_after(self, end: int) -> bool:
        if self._remedy_starts is None:
            spans = cue_spans(self._view, self._book, "remedy") + cue_spans(self._view, self._book, "resolve")
            spans += list(self._timed)
            self._remedy_starts = [s for s, _ in spans]
        return any(s >= end for s in self._remedy_starts)

    def time_near(self, start: int, end: int) -> bool:
        if self._times is None:
            self._times = cue_spans(self._view, self._book, "time") + list(self._timed)
        sentence = sentence_bounds(self._view, start, end)
        return any(overlaps(span, sentence) for span in self._times)


def _spans(rule: CompiledRule, view: str) -> list[tuple[int, int]]:
    if rule.regex is not None:
        return [(m.start(), m.end()) for m in rule.regex.finditer(view) if m.end() > m.start()]
    if rule.spec.detector == "all_caps":
        return _all_caps(view)
    return []


def find_hits(view: str, book: RuleBook, timed: Sequence[tuple[int, int]] = ()) -> list[Hit]:
    """Every rule hit in ``view`` whose guard lets it through; ``timed`` are spans of timed promises."""
    guards = _Guards(view, book, timed)
    hits: list[Hit] = []
    for rule in book.rules:
        for start, end in _spans(rule, view):
            guard = rule.spec.guard
            if guard == "remedy_follows" and guards.remedy_after(end):
                continue
            if guard == "no_time_nearby" and guards.time_near(start, end):
                continue
            hits.append(Hit(rule.spec, start, end))
    return hits
