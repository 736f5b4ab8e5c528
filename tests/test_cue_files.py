"""The cue lexicons are well formed: every term can match, none is counted twice."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from bot.classify.lexicon import LEXICON_DIR, Lexicon, LexiconError
from bot.classify.text import fold, sanitize

FILES = sorted(LEXICON_DIR.glob("*.yaml"))
ROOT = Path(__file__).resolve().parent.parent


def _terms(path: Path) -> list[tuple[str, str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for label, entry in data["labels"].items():
        for lang in ("zh", "en", "other"):
            for raw in entry.get(lang) or []:
                out.append((label, lang, str(raw).partition("|")[0].strip()))
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_chinese_and_other_language_cues_are_written_in_folded_form(path: Path) -> None:
    # Text is folded (NFKC, lower case, Traditional→Simplified) before matching: a term written any
    # other way can never match.
    unfoldable = [
        (label, term) for label, lang, term in _terms(path) if lang in ("zh", "other") and fold(term) != term
    ]
    assert unfoldable == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_term_is_listed_with_and_without_run_on(path: Path) -> None:
    seen: dict[tuple[str, str], set[str]] = {}
    for label, lang, term in _terms(path):
        if lang == "en":
            seen.setdefault((label, term.strip("*")), set()).add(term)
    doubles = {key: forms for key, forms in seen.items() if len(forms) > 1}
    assert doubles == {}


def test_broken_lexicon_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("axis: topic\nlabels:\n  nonsense: {zh: [x]}\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.yaml.*nonsense"):
        Lexicon.load(tmp_path)


_HAN = re.compile("[\u4e00-\u9fff]")
_KANA_OR_HANGUL = re.compile("[\u3040-\u30ff\uac00-\ud7af]")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_other_language_cues_with_han_characters_also_hold_kana(path: Path) -> None:
    # A kanji-only Japanese term would fire on Chinese text as well.
    han_only = [
        (label, term)
        for label, lang, term in _terms(path)
        if lang == "other" and _HAN.search(term) and not _KANA_OR_HANGUL.search(term)
    ]
    assert han_only == []


def test_other_language_cues_stay_silent_on_chinese_and_english_messages() -> None:
    lexicon = Lexicon.load()
    loud: list[tuple[str, str]] = []
    # Our own labelled sets; a sealed one (data/heldout4) is read only by its single measurement.
    for path in sorted((ROOT / "data").glob("*/messages.jsonl")) + sorted(
        (ROOT / "data").glob("train/*.jsonl")
    ):
        if path.parent.name == "heldout4":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("language") in ("zh-Hans", "zh-Hant", "en") and "text" in record:
                folded = fold(sanitize(record["text"]))
                loud += [
                    (cue.term, record["text"]) for _, _, cue in lexicon.matches(folded) if cue.lang == "other"
                ]
    assert loud == []


def _one_label_file(tmp_path: Path, patterns: list[str]) -> Path:
    body = {"axis": "risks", "labels": {"churn": {"patterns": patterns}}}
    (tmp_path / "risks.yaml").write_text(yaml.safe_dump(body, allow_unicode=True), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("pattern", "complaint"),
    [
        (r"cancel (?:my", "missing"),
        (r"(?:cancel)?", "matches empty text"),
    ],
)
def test_a_broken_pattern_is_named_with_its_fault(tmp_path: Path, pattern: str, complaint: str) -> None:
    with pytest.raises(LexiconError, match=rf"risks\.yaml: churn\.patterns.*{complaint}"):
        Lexicon.load(_one_label_file(tmp_path, [pattern]))


def test_patterns_match_across_a_gap_with_their_own_weight(tmp_path: Path) -> None:
    lexicon = Lexicon.load(
        _one_label_file(
            tmp_path, [r"\bcancel my(?: [a-z]+){1,2} (?:plan|membership)\b|0.7", "取消.{0,4}会籍"]
        )
    )
    text = fold(sanitize("Please cancel my family gym membership, and 我想取消下个月的會籍"))
    found = [(text[start:end], cue.weight) for start, end, cue in lexicon.matches(text)]
    assert found == [("cancel my family gym membership", 0.7), ("取消下个月的会籍", 1.0)]
    assert lexicon.matches(fold("cancel my plan")) == []  # no word in the gap: a plain term's job


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bcancel(?:l?ing)? (?:my|our)(?: [a-z]+){1,2} plan", "cancelling our family plan"),
        (r"\bcancell?ed my(?: [a-z]+){1,2} plan", "I canceled my old plan"),
        (r"cancel my(?: [a-z]+){1,2} plan|取消.{0,4}会籍", "帮我取消下个月会籍"),
        (r"[|]?取消.{0,4}会籍", "帮我取消下个月会籍"),
    ],
)
def test_a_pattern_runs_on_every_text_it_can_match(tmp_path: Path, pattern: str, text: str) -> None:
    # A pattern runs only on text holding its literal start; optional letters, a choice at the top
    # level or a character class must not make that start wrong.
    lexicon = Lexicon.load(_one_label_file(tmp_path, [pattern]))
    assert [cue.label for _, _, cue in lexicon.matches(fold(text))] == ["churn"]


@pytest.mark.parametrize("text", ["I cancelled my old plan", "I canceled my old plan"])
def test_a_pattern_with_an_optional_letter_in_its_start_still_runs(tmp_path: Path, text: str) -> None:
    # A pattern runs only on text holding its literal start; "cancell?ed" starts with "cancel".
    lexicon = Lexicon.load(_one_label_file(tmp_path, [r"\bcancell?ed my(?: [a-z]+){1,2} plan"]))
    assert [cue.label for _, _, cue in lexicon.matches(fold(text))] == ["churn"]


def _sealed(folder: Path) -> bool:
    readme = folder / "README.md"
    title = readme.read_text(encoding="utf-8").splitlines()[0].lower() if readme.exists() else ""
    return "sealed" in title and "seen" not in title


def test_every_shipped_pattern_fires_on_some_labelled_message() -> None:
    # A pattern that matches none of our labelled messages is dead weight (or a typo).
    lexicon = Lexicon.load()
    texts = [
        fold(sanitize(json.loads(line)["text"]))
        for path in sorted((ROOT / "data").glob("*/*.jsonl"))
        if not _sealed(path.parent)  # nobody reads a sealed set before its one run
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    fired = {cue.term for text in texts for _, _, cue in lexicon.matches(text) if cue.lang == "pattern"}
    shipped = {cue.term for cue in lexicon.pattern_cues}
    assert shipped and shipped - fired == set()
