"""Whatever it is given, the classifier answers with valid labels and never raises."""

from __future__ import annotations

import json
import re
import string
import unicodedata

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.classify import classify
from bot.classify.scorer import MAX_EVIDENCE, _has_letters
from bot.classify.text import MAX_ANALYSED_CHARS, fold, sanitize
from bot.models import Classification
from bot.taxonomy import BEHAVIORS, INTENTS, LANGUAGES, RISKS, TOPICS

HAN = re.compile("[\u4e00-\u9fff]")
# Everything but lone surrogates, which a Python str can hold but no encoder accepts.
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=()), max_size=400)
SURROGATE_TEXT = st.lists(st.integers(0xD800, 0xDFFF).map(chr), max_size=20).map("".join)


def _valid(result: Classification) -> None:
    assert result.language in LANGUAGES
    assert result.intent in INTENTS
    assert result.topic in TOPICS
    assert set(result.behaviors) <= set(BEHAVIORS)
    assert set(result.risks) <= set(RISKS)
    assert result.emotion in (0, 1, 2, 3)
    for value in result.confidence.model_dump().values():
        assert 0.0 <= value <= 1.0
    # The result must always serialise (the CLI prints it as JSON).
    json.dumps(result.model_dump(mode="json"), ensure_ascii=False)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_any_unicode_gives_valid_labels(text: str) -> None:
    _valid(classify(text))


@settings(max_examples=100, deadline=None)
@given(st.text(), SURROGATE_TEXT, st.text())
def test_lone_surrogates_are_ignored(head: str, junk: str, tail: str) -> None:
    assert classify(head + junk + tail) == classify(head + tail)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=string.printable, max_size=200))
def test_deterministic(text: str) -> None:
    assert classify(text) == classify(text)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["\u200b", "\u200d", "\ufeff", "\u2060", "\u202e", "\u2066"]))
def test_invisible_characters_change_nothing(mark: str) -> None:
    text = "快递三天了还没到，你们到底怎么回事"
    salted = mark.join(text)
    assert classify(salted).model_dump(exclude={"evidence"}) == classify(text).model_dump(
        exclude={"evidence"}
    )


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x02\x1b[31m\x7f",
        "😡😡😡🤬",
        "🙏",
        "1234567890",
        "+86 138 0013 8000",
        "مرحبا، أين طلبي؟",
        "\u202eevil text\u202c",
        "?" * 5000,
        "退款" * 50_000,
        "a" * 100_000,
        "\n\t\r",
    ],
)
def test_edge_inputs(text: str) -> None:
    _valid(classify(text))


def test_emoji_only_and_numbers_only_have_no_topic() -> None:
    for text in ("😡😡😡", "1234567890"):
        result = classify(text)
        assert result.topic == "none"
        assert result.language == "other"


def test_evidence_points_into_the_folded_text() -> None:
    result = classify("My parcel is late and the courier was rude to me")
    assert result.evidence, "a message with clear cues must explain itself"
    for ev in result.evidence:
        assert ev.end > ev.start
        assert ev.text


def test_a_wall_of_repeated_cues_keeps_a_bounded_evidence_list() -> None:
    # Thousands of matches (a pasted wall of "😡" or of one complaint) are counted, but the
    # result lists only the first MAX_EVIDENCE, in text order.
    for text in ("😡" * 5000, "退款还没到，你们到底怎么回事" * 400):
        result = classify(text)
        assert len(result.evidence) == MAX_EVIDENCE
        starts = [ev.start for ev in result.evidence]
        assert starts == sorted(starts)
        assert result.emotion >= 2


# Full-width forms, CJK, accents, ligatures, circled digits, compatibility characters: what NFKC
# changes and what it leaves alone.
NORMALISABLE = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list("！？，（）ＡＢｃ１２３\u3000ﬁ①㍿Å é退款訂單")),
    ),
    max_size=200,
)


@settings(max_examples=500, deadline=None)
@given(NORMALISABLE)
def test_folding_takes_the_fast_path_to_the_same_nfkc(text: str) -> None:
    # fold() maps full-width forms itself and only then asks for NFKC if still needed.
    reference = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'").replace("\u2018", "'")
    if HAN.search(reference):
        reference = opencc.OpenCC("t2s").convert(reference)
    assert fold(text) == reference


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12), st.integers(0, 4))
def test_letter_count_matches_the_letter_class_it_replaced(text: str, count: int) -> None:
    assert _has_letters(text, count) == (len(re.findall(r"[^\W\d_]", text)) >= count)


INVISIBLE = re.compile(
    "[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufe00-\ufe0f\U000e0000-\U000e007f]"
)


def _reference_sanitize(text: str) -> str:
    text = text[:MAX_ANALYSED_CHARS]
    text = re.sub("[\ud800-\udfff]", "", text)
    text = INVISIBLE.sub("", text)
    text = re.sub("[\x00-\x08\x0b-\x1f\x7f-\x9f]", " ", text)
    return re.sub(r"[ \t\u3000]+", " ", text).strip()


MESSY = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(list(" \t\u3000\u200b\u202e\ufe0f\ufeff\x00\x1f\x85 ❤😡退款a")),
    ),
    max_size=120,
)


@settings(max_examples=500, deadline=None)
@given(MESSY)
def test_sanitize_fast_path_cleans_exactly_like_the_full_one(text: str) -> None:
    assert sanitize(text) == _reference_sanitize(text)
