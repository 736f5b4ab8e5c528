"""Curated cue lexicons (YAML beside this module), compiled into one Aho-Corasick automaton.

A file holds one axis; under each label, cue terms per language (``zh``, ``en``, ``other``). A term is ``words`` or
``words|weight`` (default 1.0; negative weights cancel, e.g. "not complaining"). ``patterns``
holds the few cues with a gap ("cancel my … subscription") as regular expressions over the
folded text, each run after the automaton on text that holds its literal start.
English terms match whole words; a trailing ``*`` lets the last word run on ("refund*"
matches "refunded"). Chinese terms are written in Simplified: text is folded to Simplified
before matching, so one list serves Traditional and Cantonese too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick_rs
import yaml
from pydantic import ValidationError

from ..taxonomy import BEHAVIORS, INTENTS, RISKS, TOPICS
from .cue_schema import LexiconError, LexiconFile

__all__ = ["LEXICON_DIR", "Cue", "Lexicon", "LexiconError", "default_lexicon"]

LEXICON_DIR = Path(__file__).with_name("cues")
_LATIN = re.compile(r"[a-z]")
_WEIGHT_SUFFIX = re.compile(r"\|(-?\d+(?:\.\d+)?)$")

EMOTION_LABELS = ("calm", "1", "2", "3")
AXIS_LABELS: dict[str, tuple[str, ...]] = {
    "intent": INTENTS,
    "topic": TOPICS,
    "behaviors": BEHAVIORS,
    "risks": RISKS,
    "emotion": EMOTION_LABELS,
}


@dataclass(frozen=True, slots=True)
class Cue:
    """A compiled cue: what a match of ``term`` votes for."""

    axis: str
    label: str
    term: str
    weight: float
    english: bool
    left_open: bool
    right_open: bool
    negatable: bool
    lang: str = "en"


def _parse_term(raw: str, where: str) -> tuple[str, float]:
    term, sep, weight_s = raw.partition("|")
    term = term.strip().lower()
    if not term:
        raise LexiconError(f"{where}: empty term")
    if not sep:
        return term, 1.0
    try:
        return term, float(weight_s)
    except ValueError as exc:
        raise LexiconError(f"{where}: weight {weight_s!r} is not a number") from exc


def _compile_pattern(raw: str, where: str) -> tuple[str, float]:
    # A regex has "|" of its own: the weight is a number after the last one.
    source, weight = raw.strip(), 1.0
    suffix = _WEIGHT_SUFFIX.search(source)
    if suffix is not None:
        source, weight = source[: suffix.start()], float(suffix.group(1))
    try:
        compiled = re.compile(source)
    except re.error as exc:
        raise LexiconError(f"{where}: {exc}") from exc
    if compiled.search("") is not None:
        raise LexiconError(f"{where}: the pattern matches empty text")
    return source, weight


def _compile_file(path: Path) -> list[Cue]:
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
        parsed = LexiconFile.model_validate(raw)
    except (yaml.YAMLError, ValidationError) as exc:
        raise LexiconError(f"{path.name}: {exc}") from exc
    allowed = AXIS_LABELS.get(parsed.axis)
    if allowed is None:
        raise LexiconError(f"{path.name}: unknown axis {parsed.axis!r}")
    cues: list[Cue] = []
    for label, entry in parsed.labels.items():
        if label not in allowed:
            raise LexiconError(f"{path.name}: unknown {parsed.axis} label {label!r}")
        for lang, terms in (("zh", entry.zh), ("en", entry.en), ("other", entry.other)):
            for raw_term in terms:
                term, weight = _parse_term(str(raw_term), f"{path.name}: {label}.{lang} {raw_term!r}")
                english = lang == "en" or (lang == "other" and _LATIN.search(term) is not None)
                left_open = english and term.startswith("*")
                right_open = english and term.endswith("*")
                term = term.strip("*")
                cues.append(
                    Cue(
                        parsed.axis,
                        label,
                        term,
                        weight,
                        english,
                        left_open,
                        right_open,
                        entry.negatable,
                        lang,
                    )
                )
        for raw_pattern in entry.patterns:
            source, weight = _compile_pattern(
                str(raw_pattern), f"{path.name}: {label}.patterns {raw_pattern!r}"
            )
            cues.append(
                Cue(parsed.axis, label, source, weight, False, False, False, entry.negatable, "pattern")
            )
    return cues


class Lexicon:
    """All cue files compiled into one automaton; ``matches`` finds every cue in folded text."""

    def __init__(self, cues: list[Cue]) -> None:
        by_term: dict[str, list[Cue]] = {}
        for cue in cues:
            if cue.lang != "pattern":
                by_term.setdefault(cue.term, []).append(cue)
        # Each pattern runs only on text holding its literal start ("cancel", "取消"): a scan
        # with a regex costs about a microsecond, a substring test a few dozen nanoseconds.
        self._patterns = [
            (_literal_start(cue.term), re.compile(cue.term), cue) for cue in cues if cue.lang == "pattern"
        ]
        # The cues of each term, by the term's index in the automaton.
        self._term_cues = [tuple(term_cues) for term_cues in by_term.values()]
        self._automaton = ahocorasick_rs.AhoCorasick(list(by_term))
        self.size = len(cues)

    @property
    def pattern_cues(self) -> list[Cue]:
        """The cues written as regular expressions (``patterns`` in the cue files)."""
        return [cue for _, _, cue in self._patterns]

    @classmethod
    def load(cls, directory: Path = LEXICON_DIR) -> Lexicon:
        """Compile every ``*.yaml`` in ``directory``."""
        cues: list[Cue] = []
        for path in sorted(directory.glob("*.yaml")):
            cues.extend(_compile_file(path))
        return cls(cues)

    def matches(self, folded: str) -> list[tuple[int, int, Cue]]:
        """Every (start, end, cue) in ``folded``, English cues only on word boundaries."""
        found: list[tuple[int, int, Cue]] = []
        n = len(folded)
        term_cues = self._term_cues
        for index, start, end in self._automaton.find_matches_as_indexes(folded, overlapping=True):
            for cue in term_cues[index]:
                if cue.english:
                    if not cue.left_open and start > 0 and _is_word_char(folded[start - 1]):
                        continue
                    if not cue.right_open and end < n and _is_word_char(folded[end]):
                        continue
                found.append((start, end, cue))
        for start_text, pattern, cue in self._patterns:
            if start_text in folded:
                for match in pattern.finditer(folded):
                    found.append((match.start(), match.end(), cue))
        return found


_REGEX_SYNTAX = frozenset(".^$*+?{}[]\\|()")


def _literal_start(source: str) -> str:
    """The plain text every match of the regex ``source`` begins with ("" when none): its leading
    characters up to the first piece of regex syntax, after a leading ``\\b``."""
    if _has_top_level_choice(source):
        return ""  # "a…|b…" may match without "a"
    body = source.removeprefix("\\b")
    end = 0
    while end < len(body) and body[end] not in _REGEX_SYNTAX:
        end += 1
    if end < len(body) and body[end] in "?*{":
        end -= 1  # the last character is optional ("cancell?ed" begins with "cancel")
    return body[: max(0, end)]


def _has_top_level_choice(source: str) -> bool:
    """Whether the regex ``source`` has a ``|`` outside every group and character class."""
    depth, in_class, escaped = 0, False, False
    for ch in source:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def _is_word_char(ch: str) -> bool:
    # Accented Latin, Greek and Cyrillic letters continue a word ("pay" is not in "payé"); Han,
    # kana and Hangul do not, so "我要refund" still finds "refund".
    if ch.isascii():
        return ch.isalnum() or ch == "'"
    return ch.isalpha() and ord(ch) < 0x2E80


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The lexicon shipped with clearbot, compiled once per process."""
    return Lexicon.load()
