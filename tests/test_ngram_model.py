"""The learned n-gram model (topic, behaviour, risk, emotion and intent heads): same features and same
arithmetic as its training, blended only where the cues or rules leave a question open, shipped
file up to date with the training data."""

from __future__ import annotations

import gzip
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.sparse import csr_matrix, hstack

from bot.classify import Classifier
from bot.classify.linear import Head, LinearModel, ModelError, ModelFile, load_model
from bot.classify.ngrams import char_ngrams
from bot.classify.text import fold, sanitize
from bot.evaluate import LabelledMessage
from bot.taxonomy import BEHAVIORS, TOPICS
from training.build_models import INPUT_SCALE, TRAINING_FILES, Fitted, fit, load, to_model, train

# The topic, risk, emotion and intent heads read what the cues find: a cue edit changes the model too.
REBUILD = (
    "the shipped model is not what the training data and cues build: run python -m training.build_models"
)
# Mixed scripts, spaces, apostrophes and punctuation: what customers type.
MIXED_TEXT = st.text(
    alphabet=st.sampled_from(list("退款没到快递客服訂單唔係refund it's late 123 ,.!?？。 '😡")), max_size=80
)


@pytest.fixture(scope="module")
def shipped() -> LinearModel:
    model = load_model()
    assert model is not None, "bot/classify/models/ngrams.json.gz is missing"
    return model


@pytest.fixture(scope="module")
def records() -> list[LabelledMessage]:
    return load(TRAINING_FILES)


@settings(max_examples=300)
@given(MIXED_TEXT)
def test_automaton_finds_exactly_the_known_ngrams_of_the_text(shipped: LinearModel, text: str) -> None:
    folded = fold(sanitize(text))
    vocabulary = {gram: index for index, gram in enumerate(shipped.stored.grams)}
    expected = {vocabulary[g] for g in char_ngrams(folded) if g in vocabulary}
    assert set(shipped.found(folded).tolist()) == expected


@pytest.fixture(scope="module")
def small_fit(records: list[LabelledMessage]) -> tuple[Fitted, LinearModel, list[str]]:
    """A model fitted on 900 records, and texts it has not seen (two without any known n-gram:
    the heads then read their named inputs alone)."""
    fitted = fit(records[:900])
    return fitted, to_model(fitted), [r.text for r in records[900:1000]] + ["😡😡", "?"]


@pytest.mark.parametrize("head", ["behaviors", "risks"])
def test_yes_no_heads_reproduce_scikit_learn_from_ngrams_and_cue_sums(
    small_fit: tuple[Fitted, LinearModel, list[str]], head: str
) -> None:
    fitted, model, unseen = small_fit
    regressions, names = (
        (fitted.behaviors, fitted.behavior_inputs)
        if head == "behaviors"
        else (fitted.risks, fitted.risk_inputs)
    )
    inputs = [Classifier(model=model).head_inputs(text)[head] for text in unseen]
    dense = np.array([[i.get(name, 0.0) for name in names] for i in inputs]) * INPUT_SCALE
    matrix = hstack([fitted.vectorizer.transform(unseen), csr_matrix(dense)]).tocsr()
    expected = {label: lr.decision_function(matrix) for label, lr in regressions.items()}
    for k, text in enumerate(unseen):
        log_odds = model.scores(model.features(fold(sanitize(text))), head, inputs[k])
        for label, z in expected.items():
            assert log_odds[label] == pytest.approx(z[k], abs=1e-3)


@pytest.mark.parametrize("head", ["topic", "emotion", "intent"])
def test_one_label_heads_reproduce_scikit_learn_from_ngrams_and_named_inputs(
    small_fit: tuple[Fitted, LinearModel, list[str]], head: str
) -> None:
    fitted, model, unseen = small_fit
    regression, names = {
        "topic": (fitted.topic, fitted.topic_inputs),
        "emotion": (fitted.emotion, fitted.emotion_inputs),
        "intent": (fitted.intent, fitted.intent_inputs),
    }[head]
    classifier = Classifier(model=model)
    inputs = [classifier.head_inputs(text)[head] for text in unseen]
    dense = np.array([[i.get(name, 0.0) for name in names] for i in inputs]) * INPUT_SCALE
    expected = regression.predict_proba(
        hstack([fitted.vectorizer.transform(unseen), csr_matrix(dense)]).tocsr()
    )
    for k, text in enumerate(unseen):
        log_p = model.scores(model.features(fold(sanitize(text))), head, inputs[k])
        for label, p in zip(regression.classes_, expected[k], strict=True):
            assert math.exp(log_p[str(label)]) == pytest.approx(p, abs=1e-4)


def test_shipped_model_is_the_one_the_training_data_builds(
    shipped: LinearModel, records: list[LabelledMessage], tmp_path: Path
) -> None:
    rebuilt_path = tmp_path / "ngrams.json.gz"
    train(records).save(rebuilt_path)
    rebuilt = LinearModel.load(rebuilt_path)
    for name, head in shipped.heads.items():
        assert rebuilt.heads[name].labels == head.labels, REBUILD
        assert rebuilt.heads[name].multi_label == head.multi_label, REBUILD
        assert rebuilt.heads[name].bias == pytest.approx(head.bias, abs=1e-3), REBUILD
        assert rebuilt.heads[name].inputs == head.inputs, REBUILD
    assert rebuilt.stored.grams.keys() == shipped.stored.grams.keys(), REBUILD
    classifier = Classifier(model=shipped)
    for record in records[::7]:
        a, b = rebuilt.features(fold(record.text)), shipped.features(fold(record.text))
        if a is None or b is None:  # no known n-gram at all ("?", emoji)
            assert a is b is None
            continue
        inputs = classifier.head_inputs(record.text)
        for head in ("topic", "behaviors", "risks", "emotion", "intent"):
            mine, theirs = (
                rebuilt.scores(a, head, inputs.get(head)),
                shipped.scores(b, head, inputs.get(head)),
            )
            assert mine.keys() == theirs.keys(), REBUILD
            for label in mine:
                assert mine[label] == pytest.approx(theirs[label], abs=1e-3), REBUILD


def test_saving_twice_gives_the_same_bytes(shipped: LinearModel, tmp_path: Path) -> None:
    shipped.save(tmp_path / "a.json.gz")
    shipped.save(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"not gzip at all", "broken.json.gz"),
        (gzip.compress(b"{not json"), "broken.json.gz"),
        (
            gzip.compress(
                b'{"heads": {"t": {"labels": ["a", "b"], "bias": [0.0], "multi_label": false}}, "grams": {}}'
            ),
            "head 't': 1 biases for 2 labels",
        ),
        (
            gzip.compress(
                b'{"heads": {"t": {"labels": ["a"], "bias": [0.0], "multi_label": false}}, "grams": {"x": [1.0]}}'
            ),
            "'x' has 1 values, expected 2",
        ),
        (
            gzip.compress(
                b'{"heads": {"i": {"labels": ["a", "b"], "bias": [0.0, 0.0], "multi_label": false,'
                b' "inputs": ["asks"], "input_weights": [[1.0]]}}, "grams": {}}'
            ),
            "head 'i': input weights do not match",
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
    with_model, cues_only = Classifier(), Classifier(model=False)
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
    assert Classifier(model=False).classify(text).topic == "none"
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


def _hand_made_model(gram: str, behavior: str, weight: float) -> LinearModel:
    """A one-n-gram model: no opinion on topics, a strong one on ``behavior``."""
    behaviors = list(BEHAVIORS)
    row = [0.0] * len(TOPICS) + [weight if b == behavior else 0.0 for b in behaviors] + [1.0]
    return LinearModel(
        ModelFile(
            heads={
                "topic": Head(labels=list(TOPICS), bias=[0.0] * len(TOPICS), multi_label=False),
                "behaviors": Head(labels=behaviors, bias=[-5.0] * len(behaviors), multi_label=True),
            },
            grams={gram: row},
        )
    )


def test_behaviour_head_keeps_a_half_worded_behaviour_the_cues_alone_drop() -> None:
    # A customer sure the warranty makes everything free: the cues see only a weak hint of a
    # misunderstanding; a model that knows the phrasing settles it.
    text = "我不是说了保修期内都免费吗，怎么还收钱"
    cues_only = Classifier(model=False)
    assert "lacks_knowledge" not in cues_only.classify(text).behaviors
    sure = Classifier(lexicon=cues_only.lexicon, model=_hand_made_model("保修", "lacks_knowledge", 20.0))
    assert "lacks_knowledge" in sure.classify(text).behaviors
    unsure = Classifier(lexicon=cues_only.lexicon, model=_hand_made_model("保修", "lacks_knowledge", 0.0))
    assert "lacks_knowledge" not in unsure.classify(text).behaviors


def _switched(**settings: float | None) -> Classifier:
    """The shipped classifier with some blend settings changed (a head switched off)."""
    classifier = Classifier()
    for name, value in settings.items():
        assert hasattr(classifier, name), name
        setattr(classifier, name, value)
    return classifier


def _rules_only() -> Classifier:
    return _switched(intent_consult_below=0.0)  # never ask the intent head


def test_intent_head_settles_a_follow_up_the_rules_read_as_a_question() -> None:
    # A promise of a callback, nobody rang, "can you check?": the question mark pulls the rules
    # towards an inquiry, unsure; the head, reading the whole message, sees a follow-up.
    text = "I rang on Monday and was told someone would ring me back. Nobody has. Can you check?"
    rules = _rules_only().classify(text)
    assert rules.intent != "chasing" and rules.confidence.intent < Classifier().intent_consult_below
    assert Classifier().classify(text).intent == "chasing"


@pytest.mark.parametrize(
    "text", ["could you move my delivery to Friday instead", "great, that worked, thank you so much"]
)
def test_a_confident_rule_verdict_is_not_second_guessed(text: str) -> None:
    rules, blended = _rules_only().classify(text), Classifier().classify(text)
    assert rules.confidence.intent >= Classifier().intent_consult_below
    assert (blended.intent, blended.confidence.intent) == (rules.intent, rules.confidence.intent)


def _emotion_rules_only() -> Classifier:
    return _switched(emotion_consult_below=0.0)  # never ask the emotion head


def test_emotion_head_reads_a_curt_refusal_as_displeasure_not_anger() -> None:
    # Refusing to talk lifts the rules to anger; said without accusation or ultimatum, the
    # taxonomy calls it dissatisfied, and the head, having read many such refusals, agrees.
    text = "不想说了，你们自己查吧"
    assert _emotion_rules_only().classify(text).emotion == 2
    assert Classifier().classify(text).emotion == 1


@pytest.mark.parametrize(
    ("text", "emotion"),
    [("WHERE IS MY PARCEL", 3), ("thanks, all sorted now!", 0), ("你们到底还要拖多久？？？", 2)],
)
def test_emotion_head_keeps_what_the_rules_see_plainly(text: str, emotion: int) -> None:
    assert _emotion_rules_only().classify(text).emotion == emotion
    assert Classifier().classify(text).emotion == emotion


def test_risk_head_keeps_a_danger_the_cue_lists_only_half_see() -> None:
    # "melting" is a weak safety cue on its own; with a heater in a child's room the head is sure.
    text = "The heater in the kids room started smelling like melting plastic last night"
    assert _switched(risk_log_odds=None).classify(text).risks == []
    assert Classifier().classify(text).risks == ["safety"]


@pytest.mark.parametrize(
    "text", ["ok thanks, bye", "我要投诉你们，太慢了", "can I change my delivery address?"]
)
def test_risk_head_finds_no_risk_in_plain_messages(text: str) -> None:
    assert Classifier().classify(text).risks == []
