"""The learned topic model: same features and same arithmetic as its training, blended only
where the cues leave the topic open, shipped file up to date with the training data."""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.classify import Classifier
from bot.classify.linear import LinearModel, ModelError, load_model
from bot.classify.ngrams import char_ngrams
from bot.classify.text import fold, sanitize
from training.build_models import TRAINING_FILES, fit, load, to_model, train

# Mixed scripts, spaces, apostrophes and punctuation: what customers type.
MIXED_TEXT = st.text(
    alphabet=st.sampled_from(list("退款没到快递客服訂單唔係refund it's late 123 ,.!?？。 '😡")), max_size=80
)


@pytest.fixture(scope="module")
def shipped() -> LinearModel:
    model = load_model("topic")
    assert model is not None, "bot/classify/models/topic.json.gz is missing"
    return model


@pytest.fixture(scope="module")
def records() -> list[tuple[str, str]]:
    return [(r.text, r.topic) for r in load(TRAINING_FILES)]


@settings(max_examples=300)
@given(MIXED_TEXT)
def test_automaton_finds_exactly_the_known_ngrams_of_the_text(shipped: LinearModel, text: str) -> None:
    folded = fold(sanitize(text))
    vocabulary = {gram: index for index, gram in enumerate(shipped.stored.grams)}
    expected = {vocabulary[g] for g in char_ngrams(folded) if g in vocabulary}
    assert set(shipped.found(folded).tolist()) == expected


def test_inference_reproduces_scikit_learn_probabilities(records: list[tuple[str, str]]) -> None:
    texts, labels = [t for t, _ in records[:600]], [lab for _, lab in records[:600]]
    vectorizer, regression = fit(texts, labels)
    model = to_model(vectorizer, regression)
    unseen = [t for t, _ in records[600:700]]
    expected = regression.predict_proba(vectorizer.transform(unseen))
    for text, row in zip(unseen, expected, strict=True):
        vote = model.vote(fold(sanitize(text)))
        assert vote is not None
        for label, p in zip(regression.classes_, row, strict=True):
            assert math.exp(vote.log_proba[str(label)]) == pytest.approx(p, abs=1e-4)


def test_shipped_model_is_the_one_the_training_data_builds(
    shipped: LinearModel, records: list[tuple[str, str]], tmp_path: Path
) -> None:
    rebuilt_path = tmp_path / "topic.json.gz"
    train([t for t, _ in records], [lab for _, lab in records]).save(rebuilt_path)
    rebuilt = LinearModel.load(rebuilt_path)
    assert rebuilt.labels == shipped.labels
    assert rebuilt.stored.grams.keys() == shipped.stored.grams.keys()
    for text, _ in records[::7]:
        a, b = rebuilt.vote(fold(text)), shipped.vote(fold(text))
        if a is None or b is None:  # no known n-gram at all ("?", emoji)
            assert a is b is None
            continue
        assert max(a.log_proba, key=a.log_proba.__getitem__) == max(b.log_proba, key=b.log_proba.__getitem__)
        for label in a.log_proba:
            assert a.log_proba[label] == pytest.approx(b.log_proba[label], abs=1e-3)


def test_saving_twice_gives_the_same_bytes(shipped: LinearModel, tmp_path: Path) -> None:
    shipped.save(tmp_path / "a.json.gz")
    shipped.save(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"not gzip at all", "broken.json.gz"),
        (gzip.compress(b"{not json"), "broken.json.gz"),
        (gzip.compress(b'{"labels": ["a", "b"], "bias": [0.0], "grams": {}}'), "1 biases for 2 labels"),
        (
            gzip.compress(b'{"labels": ["a"], "bias": [0.0], "grams": {"x": [1.0]}}'),
            "'x' has 1 values, expected 2",
        ),
    ],
)
def test_a_broken_model_file_is_named_in_a_clear_error(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "broken.json.gz"
    path.write_bytes(content)
    with pytest.raises(ModelError, match=r"broken\.json\.gz") as info:
        LinearModel.load(path)
    assert fragment in str(info.value)


def test_a_clear_cue_winner_is_not_second_guessed() -> None:
    with_model, cues_only = Classifier(), Classifier(topic_model=False)
    for text in ("My parcel never arrived, the tracking has not moved in a week", "我的退款到现在还没到账"):
        assert with_model.classify(text).topic == cues_only.classify(text).topic != "none"


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("can I swap the blue one for the grey one", "account_order"),
        ("your guy was chewing gum and ignoring me", "service_attitude"),
    ],
)
def test_model_finds_a_topic_the_cues_missed_and_names_its_ngrams(text: str, topic: str) -> None:
    assert Classifier(topic_model=False).classify(text).topic == "none"
    result = Classifier().classify(text)
    assert result.topic == topic
    learned = [ev for ev in result.evidence if ev.axis == "topic"]
    assert learned, "the topic evidence names the n-grams the model weighed"
    folded = fold(text)
    for ev in learned:
        assert ev.label == topic and ev.weight > 0
        assert folded[ev.start : ev.end] == ev.text


@pytest.mark.parametrize("text", ["1234567890", "😡😡😡", "ok", "?!"])
def test_texts_without_words_get_no_topic_from_the_model(text: str) -> None:
    assert Classifier().classify(text).topic == "none"
