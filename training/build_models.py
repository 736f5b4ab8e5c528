"""Build ``bot/classify/models/ngrams.json.gz`` (topic, behaviour, risk, emotion and intent heads)
from the labelled messages we wrote.

Run: ``.venv/bin/python -m training.build_models`` (writes the model) or
``… --cv 5`` (cross-validated figures: cues alone, model alone, the blend the bot uses).

Training data is ours only: ``data/corpus``, ``data/train`` and the held-out sets once they
have been measured (``data/heldout`` to ``heldout11``). The shared dev set and any set still
sealed are never read here; they stay measurements.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold, StratifiedKFold
from threadpoolctl import threadpool_limits

from bot.classify import Classifier
from bot.classify.linear import MODEL_DIR, MODEL_FILE, Head, LinearModel, ModelFile
from bot.classify.ngrams import char_ngrams
from bot.classify.text import fold, sanitize
from bot.evaluate import LabelledMessage
from bot.taxonomy import BEHAVIORS, RISKS

ROOT = Path(__file__).resolve().parent.parent
TRAINING_FILES = (
    ROOT / "data" / "corpus" / "messages.jsonl",
    ROOT / "data" / "heldout" / "messages.jsonl",
    ROOT / "data" / "heldout2" / "messages.jsonl",
    ROOT / "data" / "heldout3" / "messages.jsonl",
    ROOT / "data" / "heldout4" / "messages.jsonl",
    ROOT / "data" / "heldout5" / "messages.jsonl",
    ROOT / "data" / "heldout6" / "messages.jsonl",
    ROOT / "data" / "heldout7" / "messages.jsonl",
    ROOT / "data" / "heldout8" / "messages.jsonl",
    ROOT / "data" / "heldout9" / "messages.jsonl",
    ROOT / "data" / "heldout10" / "messages.jsonl",
    ROOT / "data" / "heldout11" / "messages.jsonl",
    *sorted((ROOT / "data" / "train").glob("*.jsonl")),
)
# Rare n-grams are mostly names and typos: one that occurs in a single message is dropped.
MIN_MESSAGES_PER_GRAM = 2
# Only the n-grams that weigh most are kept, for the topic head and for any behaviour head:
# fewer matches per message at inference, and cross-validation shows the same topic figures
# (0.788 with 3,000 against 0.789 with all ~13,000).
VOCABULARY_SIZE = 3000
BEHAVIOR_VOCABULARY_SIZE = 2000
# The intent and emotion heads' own n-grams (chosen by n-gram-only regressions) join the vocabulary.
INTENT_VOCABULARY_SIZE = 2000
EMOTION_VOCABULARY_SIZE = 1000
RISK_VOCABULARY_SIZE = 1000
# Inverse regularisation strength, chosen by cross-validation (--cv) on the files above.
C = 16.0
# The intent and emotion heads' own strength. The heads read named inputs beside the
# n-grams, scaled by this (tf-idf rows have unit length; an input is 0 or 1, or a clipped cue sum).
INTENT_C = 4.0
INPUT_SCALE = 0.5
# lbfgs runs until the gradient is this small. scikit-learn's default (1e-4) stopped the weakly
# regularised topic head ~300 iterations short of its optimum, where the weights still hung on
# the BLAS build and thread count (a rebuild on a new machine moved them by 0.2); here two
# runs agree to 1e-5.
SOLVER_TOL = 1e-8
# MODEL_CONSULT_MARGIN values (topic) tried by --cv (the first ships; inf: the head always).
TOPIC_MARGINS = (math.inf, 1.0, 0.5)
# MODEL_BEHAVIOR_LOG_ODDS values tried by --cv (the first ships; None: the cues alone).
BEHAVIOR_THRESHOLDS = (-0.5, 0.0)
# Intent blends tried by --cv: MODEL_INTENT_CONSULT_BELOW and MODEL_INTENT_RULE_WEIGHT (the
# first row is what ships; a threshold of 0 never asks the head: the rules alone).
INTENT_BLENDS = (
    (0.8, 1.0),
    (0.0, 0.0),
    (0.7, 0.5),
    (1.0, 0.0),
)
# MODEL_EMOTION_CONSULT_BELOW values tried by --cv (the first ships; 0 never asks: the rules alone).
EMOTION_BLENDS = (1.0, 0.0, 0.85)


def load(paths: Sequence[Path]) -> list[LabelledMessage]:
    """Every labelled record of ``paths``."""
    records: list[LabelledMessage] = []
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        records += [LabelledMessage.model_validate_json(line) for line in lines if line.strip()]
    return records


def ngrams_of(text: str) -> list[str]:
    """The n-grams the bot computes for ``text`` (same cleaning, same folding)."""
    return sorted(char_ngrams(fold(sanitize(text))))


@dataclass
class Fitted:
    """The scikit-learn objects behind one model file."""

    vectorizer: TfidfVectorizer
    # Over the n-grams, then the named inputs (``topic_inputs``) in this order.
    topic: LogisticRegression
    topic_inputs: list[str]
    # One yes/no regression per behaviour over the n-grams, then the named inputs
    # (``behavior_inputs``), in taxonomy order.
    behaviors: dict[str, LogisticRegression]
    behavior_inputs: list[str]
    # One yes/no regression per risk over the n-grams, then the named inputs (``risk_inputs``).
    risks: dict[str, LogisticRegression]
    risk_inputs: list[str]
    # Over the n-grams, then the named inputs (``emotion_inputs``) in this order.
    emotion: LogisticRegression
    emotion_inputs: list[str]
    # Over the n-grams, then the named inputs (``intent_inputs``) in this order.
    intent: LogisticRegression
    intent_inputs: list[str]


def _regression(strength: float) -> LogisticRegression:
    """An unfitted logistic regression with inverse regularisation ``strength``."""
    return LogisticRegression(C=strength, max_iter=5000, tol=SOLVER_TOL)


def _yes_no_regressions(
    matrix: Any, labels: Sequence[str], gold: Sequence[Sequence[str]]
) -> dict[str, LogisticRegression]:
    """One yes/no regression per label (behaviours or risks) on ``matrix``; ``gold`` holds each
    record's labels of that axis."""
    return {label: _regression(C).fit(matrix, [label in labelled for labelled in gold]) for label in labels}


def _informative(gram: str) -> bool:
    """False for a single Latin letter or digit: it says next to nothing about a message, yet
    it is a quarter of the n-grams found at inference (any English text has dozens)."""
    return not (len(gram) == 1 and gram.isascii())


def _heaviest(coef: Any, count: int) -> set[int]:
    return {int(c) for c in np.argsort(-np.abs(coef).max(axis=0), kind="stable")[:count]}


def _with_inputs(matrix: Any, found: list[dict[str, float]]) -> tuple[Any, list[str]]:
    """``matrix`` with one more column per named input (scaled by INPUT_SCALE), and the names."""
    names = sorted({name for inputs in found for name in inputs})
    dense = np.array([[inputs.get(name, 0.0) for name in names] for inputs in found]) * INPUT_SCALE
    return hstack([matrix, csr_matrix(dense)]).tocsr(), names


def fit(records: list[LabelledMessage]) -> Fitted:
    """Fit every head on ``records`` (see :func:`_fit`)."""
    # One BLAS thread: on these small sparse problems a second one only costs (2.6 s against 1.0 s
    # for the topic head on two cores).
    with threadpool_limits(1):
        return _fit(records)


def _fit(records: list[LabelledMessage]) -> Fitted:
    """Fit with scikit-learn: once on every n-gram, then again on the n-grams that weigh most for
    the topic (VOCABULARY_SIZE), any behaviour (BEHAVIOR_VOCABULARY_SIZE), the intent
    (INTENT_VOCABULARY_SIZE), the emotion (EMOTION_VOCABULARY_SIZE) or any risk
    (RISK_VOCABULARY_SIZE). The topic, behaviour and risk heads also read their cue sums; the emotion head
    what the emotion rules found, read off a classifier with the new topic, behaviour and risk
    heads; the intent head what the cues and rules find, read off one that has the new emotion
    head too."""
    texts = [r.text for r in records]
    vectorizer = TfidfVectorizer(analyzer=ngrams_of, binary=True, min_df=MIN_MESSAGES_PER_GRAM)
    matrix = vectorizer.fit_transform(texts)
    topic = _regression(C).fit(matrix, [r.topic for r in records])
    gold_behaviors, gold_risks = [r.behaviors for r in records], [r.risks for r in records]
    behaviors = _yes_no_regressions(matrix, BEHAVIORS, gold_behaviors)
    intent_grams = _regression(INTENT_C).fit(matrix, [r.intent for r in records])
    emotion_grams = _regression(INTENT_C).fit(matrix, [r.emotion for r in records])
    risk_coef = np.vstack([lr.coef_ for lr in _yes_no_regressions(matrix, RISKS, gold_risks).values()])
    by_column = {column: gram for gram, column in vectorizer.vocabulary_.items()}
    behavior_coef = np.vstack([lr.coef_ for lr in behaviors.values()])
    kept = (
        _heaviest(topic.coef_, VOCABULARY_SIZE)
        | _heaviest(behavior_coef, BEHAVIOR_VOCABULARY_SIZE)
        | _heaviest(intent_grams.coef_, INTENT_VOCABULARY_SIZE)
        | _heaviest(emotion_grams.coef_, EMOTION_VOCABULARY_SIZE)
        | _heaviest(risk_coef, RISK_VOCABULARY_SIZE)
    )
    vectorizer = TfidfVectorizer(
        analyzer=ngrams_of,
        binary=True,
        vocabulary=sorted(by_column[c] for c in kept if _informative(by_column[c])),
    )
    matrix = vectorizer.fit_transform(texts)
    # The topic, behaviour and risk inputs come from the cues alone: no model is needed to read them.
    cues_only = Classifier(model=False)
    found = [cues_only.head_inputs(t) for t in texts]
    behavior_matrix, behavior_names = _with_inputs(matrix, [inputs["behaviors"] for inputs in found])
    behaviors = _yes_no_regressions(behavior_matrix, BEHAVIORS, gold_behaviors)
    topic_matrix, topic_names = _with_inputs(matrix, [inputs["topic"] for inputs in found])
    topic = _regression(C).fit(topic_matrix, [r.topic for r in records])
    risk_matrix, risk_names = _with_inputs(matrix, [inputs["risks"] for inputs in found])
    risks = _yes_no_regressions(risk_matrix, RISKS, gold_risks)
    first = (vectorizer, (topic, topic_names), (behaviors, behavior_names), (risks, risk_names))
    without_emotion = Classifier(model=_as_model(*first, None, None))
    emotion_matrix, emotion_names = _with_inputs(
        matrix, [without_emotion.head_inputs(t)["emotion"] for t in texts]
    )
    emotion = _regression(INTENT_C).fit(emotion_matrix, [r.emotion for r in records])
    without_intent = Classifier(model=_as_model(*first, (emotion, emotion_names), None))
    intent_matrix, intent_names = _with_inputs(
        matrix, [without_intent.head_inputs(t)["intent"] for t in texts]
    )
    intent = _regression(INTENT_C).fit(intent_matrix, [r.intent for r in records])
    return Fitted(
        vectorizer,
        topic,
        topic_names,
        behaviors,
        behavior_names,
        risks,
        risk_names,
        emotion,
        emotion_names,
        intent,
        intent_names,
    )


def to_model(fitted: Fitted) -> LinearModel:
    """The fitted objects as the bot's numpy-only model (idf folded into the weights)."""
    return _as_model(
        fitted.vectorizer,
        (fitted.topic, fitted.topic_inputs),
        (fitted.behaviors, fitted.behavior_inputs),
        (fitted.risks, fitted.risk_inputs),
        (fitted.emotion, fitted.emotion_inputs),
        (fitted.intent, fitted.intent_inputs),
    )


def _one_label_head(lr: LogisticRegression, inputs: list[str], grams: int) -> Head:
    """A multinomial regression over the n-grams and then ``inputs`` as a stored head."""
    return Head(
        labels=[str(c) for c in lr.classes_],
        bias=[_rounded(b) for b in lr.intercept_],
        multi_label=False,
        inputs=inputs,
        input_weights=[
            [_rounded(w * INPUT_SCALE) for w in lr.coef_[:, grams + i]] for i in range(len(inputs))
        ],
    )


def _yes_no_head(regressions: dict[str, LogisticRegression], inputs: list[str], grams: int) -> Head:
    """One yes/no regression per label over the n-grams and then ``inputs`` as a stored head."""
    return Head(
        labels=list(regressions),
        bias=[_rounded(lr.intercept_[0]) for lr in regressions.values()],
        multi_label=True,
        inputs=inputs,
        input_weights=[
            [_rounded(lr.coef_[0, grams + i] * INPUT_SCALE) for lr in regressions.values()]
            for i in range(len(inputs))
        ],
    )


def _as_model(
    vectorizer: TfidfVectorizer,
    topic: tuple[LogisticRegression, list[str]],
    behaviors: tuple[dict[str, LogisticRegression], list[str]],
    risks: tuple[dict[str, LogisticRegression], list[str]],
    emotion: tuple[LogisticRegression, list[str]] | None,
    intent: tuple[LogisticRegression, list[str]] | None,
) -> LinearModel:
    idf = vectorizer.idf_
    grams = len(idf)
    columns = [
        topic[0].coef_[:, :grams].T,
        *(lr.coef_[:, :grams].T for lr in behaviors[0].values()),
        *(lr.coef_[:, :grams].T for lr in risks[0].values()),
    ]
    heads = {
        "topic": _one_label_head(*topic, grams),
        "behaviors": _yes_no_head(*behaviors, grams),
        "risks": _yes_no_head(*risks, grams),
    }
    # Columns in the order of ``heads`` (linear.py reads them so).
    for name, head in (("emotion", emotion), ("intent", intent)):
        if head is not None:
            columns.append(head[0].coef_[:, :grams].T)
            heads[name] = _one_label_head(*head, grams)
    weights = np.hstack(columns) * idf[:, None]
    return LinearModel(
        ModelFile(
            heads=heads,
            grams={
                gram: [*(_rounded(w) for w in weights[column]), _rounded(idf[column] ** 2)]
                for gram, column in sorted(vectorizer.vocabulary_.items())
            },
        )
    )


def train(records: list[LabelledMessage]) -> LinearModel:
    """Fit on ``records`` and return the bot's model."""
    return to_model(fit(records))


def _rounded(value: float) -> float:
    # Six significant digits change no decision and keep the shipped file small.
    return float(f"{value:.6g}")


def _micro_f1(gold: list[set[str]], predicted: list[set[str]]) -> float:
    tp = sum(len(g & p) for g, p in zip(gold, predicted, strict=True))
    wrong = sum(len(g ^ p) for g, p in zip(gold, predicted, strict=True))
    return 2 * tp / (2 * tp + wrong) if tp or wrong else 1.0


def sources(paths: Sequence[Path]) -> list[str]:
    """Per record of ``load(paths)``, the file it came from (one writer or round per file)."""
    names: list[str] = []
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        names += [f"{path.parent.name}/{path.name}"] * sum(1 for line in lines if line.strip())
    return names


def cross_validate(records: list[LabelledMessage], folds: int, groups: list[str] | None = None) -> None:
    """Per fold: topic macro-F1, behaviours and risks micro-F1, intent and emotion accuracy for the
    cues and rules alone, the topic model alone and the blends the bot can use. With ``groups``, each fold holds out
    one group (a file: a writer the model has not read), and means are weighted by fold size."""
    texts = [r.text for r in records]
    gold_topic: list[str] = [r.topic for r in records]
    gold_behaviors = [set(r.behaviors) for r in records]
    gold_intent = [r.intent for r in records]
    cues_only = Classifier(model=False)
    cue_results = [cues_only.classify(t) for t in texts]
    totals: dict[str, list[float]] = defaultdict(list)
    sizes: list[int] = []
    splits = (
        GroupKFold(n_splits=len(set(groups))).split(texts, gold_topic, groups)
        if groups
        else StratifiedKFold(n_splits=folds, shuffle=True, random_state=0).split(texts, gold_topic)
    )
    for fit_idx, test_idx in splits:
        sizes.append(len(test_idx))
        model = train([records[i] for i in fit_idx])
        y = [gold_topic[i] for i in test_idx]
        model_pred = []
        for i in test_idx:
            found = model.features(fold(sanitize(texts[i])))
            scores = model.scores(found, "topic", cues_only.head_inputs(texts[i])["topic"])
            model_pred.append(max(scores, key=scores.__getitem__))
        totals["topic: cues"].append(f1_score(y, [cue_results[i].topic for i in test_idx], average="macro"))
        totals["topic: model"].append(f1_score(y, model_pred, average="macro"))
        gold_b = [gold_behaviors[i] for i in test_idx]
        totals["behaviors: cues"].append(_micro_f1(gold_b, [set(cue_results[i].behaviors) for i in test_idx]))
        gold_r = [set(records[i].risks) for i in test_idx]
        totals["risks: cues"].append(_micro_f1(gold_r, [set(cue_results[i].risks) for i in test_idx]))
        with_head = Classifier(lexicon=cues_only.lexicon, model=model)
        totals["risks: head"].append(
            _micro_f1(gold_r, [set(with_head.classify(texts[i]).risks) for i in test_idx])
        )
        gold_i = [gold_intent[i] for i in test_idx]
        for margin in TOPIC_MARGINS:
            clf = Classifier(lexicon=cues_only.lexicon, model=model)
            clf.consult_margin = margin
            predicted = [clf.classify(texts[i]).topic for i in test_idx]
            totals[f"topic: blend margin={margin}"].append(f1_score(y, predicted, average="macro"))
        for threshold in BEHAVIOR_THRESHOLDS:
            clf = Classifier(lexicon=cues_only.lexicon, model=model)
            clf.behavior_log_odds = threshold
            behaviors: list[set[str]] = [set(clf.classify(texts[i]).behaviors) for i in test_idx]
            totals[f"behaviors: head log-odds > {threshold}"].append(_micro_f1(gold_b, behaviors))
        for consult_below, rule_weight in INTENT_BLENDS:
            clf = Classifier(lexicon=cues_only.lexicon, model=model)
            clf.intent_consult_below, clf.intent_rule_weight = consult_below, rule_weight
            name = (
                "intent: rules"
                if consult_below == 0
                else f"intent: blend below={consult_below} w={rule_weight}"
            )
            hits = [clf.classify(texts[i]).intent == gold for i, gold in zip(test_idx, gold_i, strict=True)]
            totals[name].append(sum(hits) / len(hits))
        for consult_below in EMOTION_BLENDS:
            clf = Classifier(lexicon=cues_only.lexicon, model=model)
            clf.emotion_consult_below = consult_below
            name = "emotion: rules" if consult_below == 0 else f"emotion: head below={consult_below}"
            hits = [clf.classify(texts[i]).emotion == records[i].emotion for i in test_idx]
            totals[name].append(sum(hits) / len(hits))
    for name, values in totals.items():
        mean = np.average(values, weights=sizes)
        print(f"{name:36} " + " ".join(f"{v:.3f}" for v in values) + f"  mean {mean:.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    """Build the model, or with ``--cv N`` report N-fold cross-validated figures."""
    parser = argparse.ArgumentParser(prog="python -m training.build_models")
    parser.add_argument("--cv", type=int, default=0, metavar="N", help="cross-validate instead of building")
    parser.add_argument(
        "--by-file", action="store_true", help="with --cv: hold out one training file (one writer) a fold"
    )
    parser.add_argument("--out", type=Path, default=MODEL_DIR / MODEL_FILE)
    args = parser.parse_args(argv)
    records = load(TRAINING_FILES)
    if args.cv:
        cross_validate(records, args.cv, sources(TRAINING_FILES) if args.by_file else None)
        return 0
    model = train(records)
    model.save(args.out)
    heads = ", ".join(f"{name} ({len(head.labels)} labels)" for name, head in model.heads.items())
    print(f"{args.out}: {len(records)} messages, {len(model.stored.grams)} n-grams, heads {heads}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
