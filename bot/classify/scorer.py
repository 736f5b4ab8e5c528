"""Turn cue matches and the shape of a message into the six taxonomy labels."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..models import Classification, Confidence, Evidence
from ..taxonomy import BEHAVIORS, INTENTS, RISKS, TOPICS, Emotion, Intent, Topic
from .language import detect_language
from .lexicon import Cue, Lexicon, default_lexicon
from .text import fold, sanitize

# A label is kept on a multi-label axis, or wins a single-label one, from this much cue weight.
LABEL_THRESHOLD = 1.0
TOPIC_THRESHOLD = 0.9
INTENT_THRESHOLD = 0.6

_EN_NEGATORS = frozenset("not no never dont don't won't wont isn't wasn't didn't without nor".split())
_ZH_NEGATORS = frozenset("不没别无未非勿")
_EN_TOKEN = re.compile(r"[a-z']+")
_EXCLAIM_RUN = re.compile(r"[!！]{2,}")
_QUESTION_RUN = re.compile(r"[?？]{2,}")
_QUESTION = re.compile(r"[?？]|吗|嗎|么|麼|呢\s*$|咩|冇\s*$|未\s*$")
_SHOUT_WORD = re.compile(r"\b[A-Z]{3,}\b")
_ALPHA = re.compile(r"[A-Za-z]")


@dataclass
class _Tally:
    scores: dict[str, dict[str, float]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(float))
    )
    evidence: list[Evidence] = field(default_factory=list)

    def add(self, axis: str, label: str, weight: float, text: str, start: int, end: int) -> None:
        self.scores[axis][label] += weight
        self.evidence.append(Evidence(axis=axis, label=label, text=text, start=start, end=end, weight=weight))


def _negated(folded: str, start: int, cue: Cue) -> bool:
    """A negator just before a negatable cue ("not going to sue", "不会投诉") cancels it."""
    if cue.english:
        before = _EN_TOKEN.findall(folded[max(0, start - 24) : start])[-3:]
        return any(tok in _EN_NEGATORS or tok.endswith("n't") for tok in before)
    window = folded[max(0, start - 3) : start]
    return any(ch in _ZH_NEGATORS for ch in window)


def _best(scores: dict[str, float], order: tuple[str, ...]) -> tuple[str, float, float]:
    """(label, top score, runner-up score), ties broken by taxonomy order."""
    ranked = sorted(order, key=lambda lab: (-scores.get(lab, 0.0), order.index(lab)))
    top = ranked[0]
    second = scores.get(ranked[1], 0.0) if len(ranked) > 1 else 0.0
    return top, scores.get(top, 0.0), second


def _margin_confidence(top: float, second: float) -> float:
    if top <= 0:
        return 0.5
    return round(min(0.99, 0.5 + 0.5 * (top - max(second, 0.0)) / (top + 1.0)), 2)


class Classifier:
    """Deterministic, offline classifier over curated cue lexicons."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()

    def classify(self, text: str) -> Classification:
        """Label one customer message on the six taxonomy axes."""
        clean = sanitize(text)
        language, lang_conf = detect_language(clean)
        folded = fold(clean)
        tally = _Tally()
        for start, end, cue in self.lexicon.matches(folded):
            if cue.negatable and cue.weight > 0 and _negated(folded, start, cue):
                continue
            tally.add(cue.axis, cue.label, cue.weight, folded[start:end], start, end)

        risks = self._multi(tally, "risks", RISKS)
        behaviors = self._multi(tally, "behaviors", BEHAVIORS)
        emotion, emotion_conf = self._emotion(clean, tally, behaviors, risks)
        intent, intent_conf = self._intent(clean, tally, emotion)
        topic_scores = tally.scores["topic"]
        topic, top, second = _best(topic_scores, TOPICS[:-1])
        topic_conf = _margin_confidence(top, second)
        if top < TOPIC_THRESHOLD:
            topic, topic_conf = "none", round(0.9 - top / 2, 2) if top > 0 else 0.8

        return Classification(
            language=language,
            intent=intent,
            topic=_as_topic(topic),
            behaviors=[b for b in BEHAVIORS if b in behaviors],
            emotion=emotion,
            risks=[r for r in RISKS if r in risks],
            confidence=Confidence(
                language=round(lang_conf, 2),
                intent=intent_conf,
                topic=topic_conf,
                behaviors=self._multi_confidence(tally, "behaviors", behaviors),
                emotion=emotion_conf,
                risks=self._multi_confidence(tally, "risks", risks),
            ),
            evidence=sorted(tally.evidence, key=lambda ev: (ev.start, ev.axis)),
        )

    @staticmethod
    def _multi(tally: _Tally, axis: str, order: tuple[str, ...]) -> set[str]:
        scores = tally.scores[axis]
        return {lab for lab in order if scores.get(lab, 0.0) >= LABEL_THRESHOLD}

    @staticmethod
    def _multi_confidence(tally: _Tally, axis: str, kept: set[str]) -> float:
        scores = tally.scores[axis]
        if not kept:
            strongest = max(scores.values(), default=0.0)
            return round(0.95 - 0.4 * max(0.0, min(strongest, LABEL_THRESHOLD)), 2)
        weakest = min(scores[lab] for lab in kept)
        return round(min(0.99, 0.55 + 0.2 * weakest), 2)

    @staticmethod
    def _emotion(clean: str, tally: _Tally, behaviors: set[str], risks: set[str]) -> tuple[Emotion, float]:
        cues = tally.scores["emotion"]
        level = 0
        for lvl in (3, 2, 1):
            if cues.get(str(lvl), 0.0) >= LABEL_THRESHOLD:
                level = lvl
                break
        # Several mild cues add up to anger.
        total = sum(cues.get(str(lvl), 0.0) * lvl for lvl in (1, 2, 3))
        if level == 1 and total >= 3.0:
            level = 2
        exclaim = _EXCLAIM_RUN.findall(clean)
        shouting = len(_SHOUT_WORD.findall(clean)) >= 2 or (
            len(_ALPHA.findall(clean)) >= 12
            and sum(ch.isupper() for ch in clean) > 0.6 * len(_ALPHA.findall(clean))
        )
        if "abusive" in behaviors or shouting or (any(len(run) >= 3 for run in exclaim) and level >= 1):
            level = 3
        elif (exclaim or _QUESTION_RUN.search(clean)) and level >= 1:
            level = max(level, 2)
        if risks - {"churn", "safety"} or ("safety" in risks and level >= 1):
            level = max(level, 2)
        if cues.get("calm", 0.0) < 0 and level in (1, 2) and not exclaim:
            level -= 1
        confidence = 0.6 + 0.1 * min(3.0, total) if level else (0.8 if total == 0 else 0.6)
        return _as_emotion(level), round(min(0.95, confidence), 2)

    @staticmethod
    def _intent(clean: str, tally: _Tally, emotion: int) -> tuple[Intent, float]:
        scores = dict(tally.scores["intent"])
        if _QUESTION.search(clean):
            scores["inquiry"] = scores.get("inquiry", 0.0) + 0.7
        # Negative feeling is itself a sign of complaint.
        scores["complaint"] = scores.get("complaint", 0.0) + 0.6 * emotion
        # Following up an earlier request or promise is chasing, however angry (taxonomy rule).
        if scores.get("chasing", 0.0) >= LABEL_THRESHOLD:
            scores["chasing"] += 2.0
        # Thanks for a resolved problem is praise even when the problem is mentioned.
        if scores.get("praise", 0.0) >= LABEL_THRESHOLD and emotion <= 1:
            scores["praise"] += 1.0
        label, top, second = _best(scores, INTENTS[:-1])
        if top < INTENT_THRESHOLD:
            return "other", 0.6
        return _as_intent(label), _margin_confidence(top, second)


def _as_topic(label: str) -> Topic:
    for t in TOPICS:
        if t == label:
            return t
    raise ValueError(label)


def _as_intent(label: str) -> Intent:
    for i in INTENTS:
        if i == label:
            return i
    raise ValueError(label)


def _as_emotion(level: int) -> Emotion:
    match level:
        case 0:
            return 0
        case 1:
            return 1
        case 2:
            return 2
        case _:
            return 3
