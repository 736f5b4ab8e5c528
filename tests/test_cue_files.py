"""The cue lexicons are well formed: every term can match, none is counted twice."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.classify.lexicon import LEXICON_DIR, Lexicon, LexiconError
from bot.classify.text import fold

FILES = sorted(LEXICON_DIR.glob("*.yaml"))


def _terms(path: Path) -> list[tuple[str, str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for label, entry in data["labels"].items():
        for lang in ("zh", "en"):
            for raw in entry.get(lang) or []:
                out.append((label, lang, str(raw).partition("|")[0].strip()))
    return out


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_chinese_cues_are_written_in_folded_form(path: Path) -> None:
    # Text is folded (NFKC, lower case, Traditional→Simplified) before matching: a term written any
    # other way can never match.
    unfoldable = [(label, term) for label, lang, term in _terms(path) if lang == "zh" and fold(term) != term]
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
