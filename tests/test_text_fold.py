"""fold() leaves alone the text t2s would not change, and only that text."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.classify.text import _HAN, T2S_PHRASE_ONLY, fold, sanitize, t2s_changed

# Phrases t2s rewrites although (some of) their characters stay alone, and ordinary text.
PHRASES = ["深沈", "憑藉", "瞭解", "彷彿", "甦醒", "衹有", "覆蓋", "麼", "什么", "乾燥", "后来", "皇后"]
CJK_TEXT = st.lists(
    st.one_of(
        st.sampled_from(PHRASES),
        st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0xF900, max_codepoint=0xFAFF),
        st.sampled_from(list(T2S_PHRASE_ONLY) + list("，。！？ abc 😡")),
    ),
    max_size=40,
).map("".join)


def _always_converted(text: str) -> str:
    """fold() as it was: every text holding a basic CJK ideograph goes through t2s."""
    reference = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'").replace("\u2018", "'")
    return opencc.OpenCC("t2s").convert(reference) if _HAN.search(reference) else reference


@settings(max_examples=400, deadline=None)
@given(CJK_TEXT)
def test_fold_equals_always_converting(text: str) -> None:
    clean = sanitize(text)
    assert fold(clean) == _always_converted(clean)


@pytest.mark.parametrize("phrase", PHRASES)
def test_phrases_t2s_rewrites_are_still_rewritten(phrase: str) -> None:
    assert fold(phrase) == opencc.OpenCC("t2s").convert(phrase)


def test_simplified_text_is_left_as_it_is() -> None:
    text = "我的订单三天了还没发货 客服也不回复"  # (full-width punctuation is NFKC-mapped)
    assert fold(text) == text
    assert not set(text) & t2s_changed()


OPENCC_DIR = Path(opencc.__file__).parent / "clib"


@pytest.mark.skipif(
    not (OPENCC_DIR / "bin" / "opencc_dict").exists(), reason="OpenCC's dictionary tool is absent"
)
def test_phrase_only_characters_match_the_installed_dictionary(tmp_path: Path) -> None:
    dumped = tmp_path / "TSPhrases.txt"
    subprocess.run(
        [
            str(OPENCC_DIR / "bin" / "opencc_dict"),
            "-i",
            str(OPENCC_DIR / "share" / "opencc" / "TSPhrases.ocd2"),
            "-o",
            str(dumped),
            "-f",
            "ocd2",
            "-t",
            "text",
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    alone = t2s_changed()
    phrase_only: set[str] = set()
    for line in dumped.read_text(encoding="utf-8").splitlines():
        key, values = line.split("\t")
        for before, after in zip(key, values.split(" ")[0], strict=False):
            if before != after and before not in alone:
                phrase_only.add(before)
    assert phrase_only <= set(T2S_PHRASE_ONLY)
