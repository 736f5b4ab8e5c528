"""Scoring the classifier against a labelled file: per-axis metrics."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel, ConfigDict

from .classify import Classifier
from .taxonomy import (
    BEHAVIORS,
    INTENTS,
    LANGUAGES,
    RISKS,
    TOPICS,
    Behavior,
    Emotion,
    Intent,
    Language,
    Risk,
    Topic,
)


class LabelledMessage(BaseModel):
    """A gold record in the taxonomy's evaluation format."""

    model_config = ConfigDict(extra="ignore")

    id: str | int
    text: str
    language: Language
    intent: Intent
    topic: Topic
    behaviors: list[Behavior]
    emotion: Emotion
    risks: list[Risk]


class LabelScore(BaseModel):
    """Precision / recall / F1 of one label."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int


class AxisReport(BaseModel):
    """Metrics of one axis."""

    axis: str
    accuracy: float | None = None
    macro_f1: float | None = None
    micro_f1: float | None = None
    within_one: float | None = None
    labels: list[LabelScore]


class EvalReport(BaseModel):
    """Every axis, and the records that were wrong."""

    n: int
    axes: list[AxisReport]
    errors: list[dict[str, object]]


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _single(axis: str, labels: tuple[str, ...], pairs: list[tuple[str, str]]) -> AxisReport:
    per: list[LabelScore] = []
    for lab in labels:
        tp = sum(g == lab and p == lab for g, p in pairs)
        fp = sum(g != lab and p == lab for g, p in pairs)
        fn = sum(g == lab and p != lab for g, p in pairs)
        if tp + fn == 0 and fp == 0:
            continue
        prec, rec, f1 = _prf(tp, fp, fn)
        per.append(LabelScore(label=lab, precision=prec, recall=rec, f1=f1, support=tp + fn))
    supported = [s.f1 for s in per if s.support]
    return AxisReport(
        axis=axis,
        accuracy=sum(g == p for g, p in pairs) / len(pairs),
        macro_f1=sum(supported) / len(supported) if supported else 0.0,
        labels=per,
    )


def _multi(axis: str, labels: tuple[str, ...], pairs: list[tuple[set[str], set[str]]]) -> AxisReport:
    counts: Counter[str] = Counter()
    per: list[LabelScore] = []
    for lab in labels:
        tp = sum(lab in g and lab in p for g, p in pairs)
        fp = sum(lab not in g and lab in p for g, p in pairs)
        fn = sum(lab in g and lab not in p for g, p in pairs)
        counts.update(tp=tp, fp=fp, fn=fn)
        if tp + fn + fp:
            prec, rec, f1 = _prf(tp, fp, fn)
            per.append(LabelScore(label=lab, precision=prec, recall=rec, f1=f1, support=tp + fn))
    return AxisReport(axis=axis, micro_f1=_prf(counts["tp"], counts["fp"], counts["fn"])[2], labels=per)


def evaluate(records: list[LabelledMessage], classifier: Classifier | None = None) -> EvalReport:
    """Classify every record and compare with its gold labels."""
    clf = classifier or Classifier()
    preds = clf.classify_many([r.text for r in records])
    errors: list[dict[str, object]] = []
    for gold, pred in zip(records, preds, strict=True):
        wrong = {
            axis: {"gold": getattr(gold, axis), "pred": getattr(pred, axis)}
            for axis in ("language", "intent", "topic", "emotion")
            if getattr(gold, axis) != getattr(pred, axis)
        }
        for axis in ("behaviors", "risks"):
            if set(getattr(gold, axis)) != set(getattr(pred, axis)):
                wrong[axis] = {"gold": getattr(gold, axis), "pred": getattr(pred, axis)}
        if wrong:
            errors.append({"id": gold.id, "text": gold.text, **wrong})
    emo = [(g.emotion, p.emotion) for g, p in zip(records, preds, strict=True)]
    emotion = _single("emotion", ("0", "1", "2", "3"), [(str(g), str(p)) for g, p in emo])
    emotion.within_one = sum(abs(g - p) <= 1 for g, p in emo) / len(emo)
    axes = [
        _single(
            "language", LANGUAGES, [(g.language, p.language) for g, p in zip(records, preds, strict=True)]
        ),
        _single("intent", INTENTS, [(g.intent, p.intent) for g, p in zip(records, preds, strict=True)]),
        _single("topic", TOPICS, [(g.topic, p.topic) for g, p in zip(records, preds, strict=True)]),
        _multi(
            "behaviors",
            BEHAVIORS,
            [(set(g.behaviors), set(p.behaviors)) for g, p in zip(records, preds, strict=True)],
        ),
        emotion,
        _multi("risks", RISKS, [(set(g.risks), set(p.risks)) for g, p in zip(records, preds, strict=True)]),
    ]
    return EvalReport(n=len(records), axes=axes, errors=errors)
