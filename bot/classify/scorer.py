"""Turn cue matches and the shape of a message into the six taxonomy labels."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Sequence

from pydantic import TypeAdapter

from ..models import Classification
from ..taxonomy import BEHAVIORS, INTENTS, RISKS, TOPICS, Emotion, Intent, Language
from .followup import cites_unkept_promise
from .language import detect_language
from .lexicon import AXIS_LABELS, Cue, Lexicon, default_lexicon
from .linear import Features, LinearModel, load_model
from .text import fold, sanitize

# Cue weight that counts as a full sign of a label (emotion levels, confidences).
LABEL_THRESHOLD = 1.0
# Multi-label axes keep a label from this much cue weight. Below LABEL_THRESHOLD because on
# text the lexicons never saw, recall is what fails (behaviour precision stays ≈ 0.85): on four
# unseen sets (data/train, heldout, heldout2, heldout3) behaviours micro-F1 averaged 0.726 at
# 1.0 and 0.746 at 0.7, risks gained at 0.9 and lost nowhere.
KEEP_THRESHOLD = {"behaviors": 0.7, "risks": 0.9}
# Behaviours that usually come together: hesitating while changing one's mind, refusing to
# talk while refusing to give details. Once one is kept, the other needs only this much weight.
_PARTNERS = (
    ("indecisive", "changing_requirements"),
    ("refuses_communication", "withholds_information"),
)
_PARTNER_THRESHOLD = 0.4
TOPIC_THRESHOLD = 0.6
# The topics that name a subject: every one but the last, "none".
_SUBJECTS = TOPICS[:-1]
# The learned topic head (which reads the topic cue sums too) decides when the cues' runner-up is
# within this much weight of the winner, or no topic reaches TOPIC_THRESHOLD: infinite, so it
# decides every message it can read. Text by writers the model has not read says so (writer-held-
# out CV 0.791 with a margin of 1.0, 0.803 always; +0.5 to +3.4 on four sets measured blind); the
# dev set, on which the cue lists were tuned, still prefers the cues (0.887 against 0.881). This
# and the other MODEL_ figures were chosen by cross-validation (training/build_models.py --cv).
MODEL_CONSULT_MARGIN = math.inf
# The learned behaviour head (one yes/no regression per behaviour over the n-grams and the
# behaviour cue sums) keeps a behaviour whose log-odds exceed this (p > 0.38: a behaviour missed
# costs more than one wrongly shown); None keeps the cues' behaviours (writer-held-out CV).
MODEL_BEHAVIOR_LOG_ODDS: float | None = -0.5
# The learned intent head is asked when the rules' confidence is below this, and the rules'
# verdict counts this many nats in the blend (writer-held-out cross-validation, see the README).
MODEL_INTENT_CONSULT_BELOW = 0.8
MODEL_INTENT_RULE_WEIGHT = 1.0
# The learned emotion head is asked when the rules' emotion confidence is below this (1.0: always);
# it reads the rules' level and the cues and shapes behind it, so their verdict needs no extra
# weight (writer-held-out cross-validation, see the README).
MODEL_EMOTION_CONSULT_BELOW = 1.0
# The learned risk head (one yes/no regression per risk over the n-grams and the risk cue sums)
# keeps a risk whose log-odds exceed this; None keeps the cues' risks (writer-held-out CV).
MODEL_RISK_LOG_ODDS: float | None = 0.0
# Digits, emoji and a letter or two name no subject; the model only reads texts with words.
MODEL_MIN_LETTERS = 3
# N-grams of the model shown as evidence for the topic it chose.
MODEL_EVIDENCE = 2
INTENT_THRESHOLD = 0.6
# Cue weight that makes a message a follow-up, or thanks the point of it.
INTENT_CHASE_THRESHOLD = 1.0
INTENT_PRAISE_THRESHOLD = 1.0
# Citing a promise whose deadline has passed is a follow-up on its own (followup.py).
UNKEPT_PROMISE_WEIGHT = 1.0
# Topic weight that makes a cue-less statement (no question, no ask) a report of trouble; any
# dissatisfaction does too: customers mostly write to report trouble.
INTENT_SUBJECT_THRESHOLD = 0.6

_EN_NEGATORS = frozenset(
    "not no never dont don't won't wont isn't isnt wasn't wasnt didn't didnt doesnt cant aint"
    " without nor neither nobody".split()
)
# A negation reaches only this many words back, and never across a new subject or clause
# ("if you don't refund me I'll sue": the "don't" belongs to another clause).
_EN_NEGATION_REACH = 5
_EN_CLAUSE_START = frozenset(
    "i i'll i'm im i'd i've ive we we'll we're they he she but or otherwise else then so".split()
)
# A negator inside a condition makes a threat, not a denial ("if this isn't sorted, my solicitor…").
_EN_CONDITION = frozenset("if unless until when once".split())
# "won't hesitate to sue", "don't make me call my lawyer" are threats, not denials.
_EN_NOT_A_DENIAL = frozenset("hesitate afraid make force forcing push pushing only".split())
_EN_TOKEN = re.compile(r"[a-z']+|[,.;:!?]")
# Negators of the other Latin-script languages customers write in; the Spanish/Portuguese "no"
# is left out because in Portuguese it also means "in the".
_OTHER_NEGATORS = frozenset(
    "não nao nunca jamais jamás pas nicht kein keine keinen niemals non không tidak bukan".split()
)
_OTHER_NEGATION_REACH = 4
_WORD = re.compile(r"[^\W\d_]+")
# Chinese: a negator, an optional modal ("不会", "没打算", "唔使"), then at most two light verbs
# right before the cue: "不会去消协", "没打算找律师". "不退就投诉", "不然我报警", "别逼我曝光"
# stay threats because something else stands between the negator and the cue.
_ZH_NEGATED_TAIL = re.compile(
    r"(?<!得)(?:不|没|別|别|无|未|非|勿|唔|冇|莫|甭)"
    r"(?:会|想|要|打算|准备|是|有|用|必|需要|至于|敢|愿意|舍得|使|洗|可能|再)?"
    r"[去来再想要找打报发上请叫跟到给说]{0,2}$"
)
_ZH_NEGATION_REACH = 6
_EXCLAIM_RUN = re.compile(r"[!！]{2,}")
_EXCLAIM = re.compile(r"[!！]")
_QUESTION_RUN = re.compile(r"[?？]{2,}")
_SHOUT_WORD = re.compile(r"\b[A-Z]{3,}\b")
_ALPHA = re.compile(r"[A-Za-z]")
_UPPER = re.compile(r"[A-Z]")
_UPPER_RUN = re.compile(r"[A-Z]{3}")
# Capitalised words that are names, not shouting ("reporting you to the BBB and FTC").
_ACRONYMS = frozenset(
    """ASAP BBB FTC FCC FCA CFPB ACCC ICO NCC HKMA OFCA DHL UPS USPS FEDEX TNT EMS SMS OTP PIN
    SIM USB HDMI GPS LED LCD ATM VIP CEO CFO CTO API APP IOS MAC VAT GST TAX NHS ETA PDF URL
    WIFI FAQ USD HKD TWD RMB CNY GBP EUR AUD CAD SGD JPY NTD LOL OMG BTW FYI IMO TBH ASAP PST
    EST GMT UTC KFC IKEA ETC AKA DIY HSBC DBS AIA MTR HKT PCCW CSL UOB OCBC ANZ NAB BOC ICBC""".split()
)
# Emotion from cue weights: dissatisfaction needs little evidence, anger and fury a full cue.
_MILD_THRESHOLD = 0.6
# Mild cues this heavy add up to anger ("still nothing, third week, nobody answers").
_PILED_UP_THRESHOLD = 2.6
# Intent cue weight of a complaint that counts as dissatisfaction, and how much.
_GRIEVANCE_THRESHOLD = 0.6
_GRIEVANCE_WEIGHT = 0.6
# Acting like this is almost always done calmly: a mild cue alone does not make it a grievance.
_CALM_BEHAVIORS = frozenset({"indecisive", "changing_requirements", "breaks_agreement"})
# Politeness this strong takes one level off a message with no hard sign of anger.
_SOFTENER_THRESHOLD = -0.8
# Any politeness at all, or asking something, keeps a cue-less message calm.
_UNSOFTENED = -0.3
_BARE_STATEMENT_CHARS = 8
_ASKING = re.compile(r"[?？吗嗎呢咩吧么麼]")
_ADDRESSED = re.compile(r"你们|你們|你哋|贵公司|貴公司|\byou\b|\byour\b|\byou're\b", re.IGNORECASE)


_CLASSIFICATIONS = TypeAdapter(list[Classification])

# Evidence kept in a result: a real message has about a dozen cues; a pasted wall of text can
# have thousands, and nobody reads past the first few dozen.
MAX_EVIDENCE = 64


class _Hit:
    """One cue match; the fields of :class:`Evidence`."""

    # A plain class, not a NamedTuple: mypyc builds it in C, where a NamedTuple's __new__ runs in
    # the interpreter (a dozen times a message).
    __slots__ = ("axis", "end", "label", "start", "text", "weight")

    def __init__(self, start: int, axis: str, label: str, text: str, end: int, weight: float) -> None:
        self.start = start
        self.axis = axis
        self.label = label
        self.text = text
        self.end = end
        self.weight = weight


def _hit_order(hit: _Hit) -> tuple[int, str]:
    return hit.start, hit.axis


class _Tally:
    """Cue weight per axis and label, and the cue matches behind it."""

    def __init__(self) -> None:
        # Plain dicts, one per axis from the start: compiled code reads and writes them directly,
        # where a defaultdict goes through the generic item protocol.
        self.scores: dict[str, dict[str, float]] = {axis: {} for axis in AXIS_LABELS}
        # Light tuples on the hot path; pydantic-core validates them all at once when the result
        # is built.
        self.evidence: list[_Hit] = []

    def evidence_records(self, chosen: set[tuple[str, str]]) -> list[dict[str, object]]:
        """The cues behind the ``chosen`` (axis, label) pairs, in text order, as the fields of
        :class:`Evidence` (the first MAX_EVIDENCE). Cues of labels that lost explain nothing the
        agent sees, and validating fewer keeps the result cheap."""
        return [
            {
                "start": h.start,
                "axis": h.axis,
                "label": h.label,
                "text": h.text,
                "end": h.end,
                "weight": h.weight,
            }
            for h in sorted((h for h in self.evidence if (h.axis, h.label) in chosen), key=_hit_order)[
                :MAX_EVIDENCE
            ]
        ]


def _negated(folded: str, start: int, cue: Cue, english_text: bool) -> bool:
    """A negator just before a negatable cue ("not going to sue", "不会投诉") cancels it."""
    if cue.english and not english_text:
        # Latin-script text in another language: English negators mislead ("registrar no Procon"
        # is Portuguese for "file with Procon"), so only unambiguous foreign ones count.
        words: list[str] = _WORD.findall(folded[max(0, start - 60) : start])
        return any(tok in _OTHER_NEGATORS for tok in words[-_OTHER_NEGATION_REACH:])
    if cue.english:
        # Typed: mypyc needs to know what findall returns.
        tokens: list[str] = _EN_TOKEN.findall(folded[max(0, start - 80) : start])
        before = tokens[-2 * _EN_NEGATION_REACH :]
        clause: list[str] = []
        for tok in reversed(before):
            if tok in _EN_CONDITION:
                return False
            if tok in _EN_CLAUSE_START or not tok[0].isalpha():
                break
            clause.append(tok)
        near = clause[:_EN_NEGATION_REACH]
        if any(tok in _EN_NOT_A_DENIAL for tok in near):
            return False
        return any(tok in _EN_NEGATORS or tok.endswith("n't") for tok in near)
    window = folded[max(0, start - _ZH_NEGATION_REACH) : start]
    found = _ZH_NEGATED_TAIL.search(window)
    if found is None:
        return False
    at = found.start()
    # "是不是", "有没有", "会不会", "有冇" ask a question; they deny nothing.
    prev_ch = window[at - 1] if at > 0 else ""
    next_ch = window[at + 1] if at + 1 < len(window) else ""
    return not (prev_ch and (prev_ch == next_ch or (prev_ch == "有" and window[at] in "冇没")))


def _span_weights(tally: _Tally, axis: str) -> dict[str, float]:
    """Cue weight per label where overlapping cues count once, the heaviest ("扣了我" is not
    "扣了" twice); cancelling (negative) cues always count."""
    totals: dict[str, float] = defaultdict(float)
    evidence = [ev for ev in tally.evidence if ev.axis == axis]
    if not evidence:
        return totals
    # Characters already covered, per label: checking a span costs its length, not the number of
    # spans taken (a wall of 4,000 "😡" would otherwise be quadratic).
    covered: dict[str, bytearray] = {}
    size = max(ev.end for ev in evidence)
    for ev in sorted((ev for ev in evidence if ev.weight > 0), key=lambda ev: -ev.weight):
        mask = covered.get(ev.label)
        if mask is None:
            mask = covered[ev.label] = bytearray(size)
        if any(mask[ev.start : ev.end]):
            continue
        mask[ev.start : ev.end] = b"\x01" * (ev.end - ev.start)
        totals[ev.label] += ev.weight
    for ev in evidence:
        if ev.weight < 0:
            totals[ev.label] += ev.weight
    return totals


def _has_letters(text: str, count: int) -> bool:
    """At least ``count`` letters (the regex class [^\\W\\d_]), stopping as soon as they are found."""
    for ch in text:
        if ch.isalnum() and not ch.isdecimal() and ch != "_":
            count -= 1
            if count == 0:
                return True
    return count <= 0


def _best(scores: dict[str, float], order: tuple[str, ...]) -> tuple[str, float, float]:
    """(label, top score, runner-up score), ties broken by taxonomy order."""
    top_label, top, second = order[0], float("-inf"), float("-inf")
    for label in order:
        value = scores.get(label, 0.0)
        if value > top:
            top_label, top, second = label, value, top
        elif value > second:
            second = value
    return top_label, top, second if len(order) > 1 else 0.0


def _margin_confidence(top: float, second: float) -> float:
    if top <= 0:
        return 0.5
    return round(min(0.99, 0.5 + 0.5 * (top - max(second, 0.0)) / (top + 1.0)), 2)


# Intent shape: sentence-final particles that make a question without a question mark (a
# question mark or 吗 anywhere also makes one), and rhetorical questions that carry a
# grievance ("不是说七天可以退吗").
_QUESTION_TAILS = ("吗", "嗎", "呢", "咩", "未", "冇", "嘛", "么", "麼")
_RHETORICAL = re.compile(r"不是[^，。,.!！?？]{0,16}[吗嗎]|難道|难道|isn'?t (?:it|this) supposed", re.I)


def _once_per_term(tally: _Tally) -> tuple[dict[str, float], dict[str, float]]:
    """Intent and topic cue sums counting a repeated term once: saying "plan" three times in a
    question about a bill does not make it three times more about the plan."""
    seen: set[tuple[str, str, str]] = set()
    intent: dict[str, float] = defaultdict(float)
    topic: dict[str, float] = defaultdict(float)
    for ev in tally.evidence:
        if ev.axis == "topic" or ev.axis == "intent":
            key = (ev.axis, ev.label, ev.text)
            if key not in seen:
                seen.add(key)
                (topic if ev.axis == "topic" else intent)[ev.label] += ev.weight
    return intent, topic


class Classifier:
    """Deterministic, offline classifier over curated cue lexicons."""

    def __init__(self, lexicon: Lexicon | None = None, model: LinearModel | bool | None = True) -> None:
        """``model``: the learned n-gram model; True for the shipped one, False/None for cues only."""
        self.lexicon = lexicon or default_lexicon()
        self.model = load_model() if model is True else model or None
        # Instance copies of the blend settings, so cross-validation can try others.
        self.consult_margin = MODEL_CONSULT_MARGIN
        self.behavior_log_odds = MODEL_BEHAVIOR_LOG_ODDS
        self.intent_consult_below = MODEL_INTENT_CONSULT_BELOW
        self.intent_rule_weight = MODEL_INTENT_RULE_WEIGHT
        self.emotion_consult_below = MODEL_EMOTION_CONSULT_BELOW
        self.risk_log_odds = MODEL_RISK_LOG_ODDS

    def classify(self, text: str) -> Classification:
        """Label one customer message on the six taxonomy axes."""
        return Classification.model_validate(self._fields(self._front(text), None))

    def classify_many(self, texts: Sequence[str]) -> list[Classification]:
        """:meth:`classify` of each text, in order, with the same results, faster for a batch: each
        first stage runs over every text before the next starts, and the n-gram sums and the
        results' validation each take one call for them all."""
        return _CLASSIFICATIONS.validate_python([self._fields(front, None) for front in self._fronts(texts)])

    def head_inputs(self, text: str) -> dict[str, dict[str, float]]:
        """What the topic, behaviour, risk, emotion and intent heads read for ``text`` besides its
        n-grams: the cues' and rules' findings by name, per head.

        Training reads them here (training/build_models.py), so the heads learn from exactly
        what the bot will give them.
        """
        inputs: dict[str, dict[str, float]] = {}
        self._fields(self._front(text), inputs)
        return inputs

    def _front(self, text: str) -> _Front:
        """The first stages for one message; its n-grams are found only if a head asks."""
        clean = sanitize(text)
        language, confidence = detect_language(clean)
        folded = fold(clean)
        return _Front(
            clean,
            language,
            confidence,
            folded,
            self.lexicon.matches(folded),
            _LazyFeatures(self.model, folded),
        )

    def _fronts(self, texts: Sequence[str]) -> list[_Front]:
        """The first stages for a batch, one stage at a time over every text: a stage's code and
        tables then stay in the CPU caches from one text to the next (about a sixth faster)."""
        cleans = [sanitize(text) for text in texts]
        languages = [detect_language(clean) for clean in cleans]
        foldeds = [fold(clean) for clean in cleans]
        matches = [self.lexicon.matches(folded) for folded in foldeds]
        model = self.model
        features = model.features_many(foldeds) if model is not None else [None] * len(foldeds)
        return [
            _Front(
                cleans[i],
                languages[i][0],
                languages[i][1],
                foldeds[i],
                matches[i],
                _LazyFeatures(model, foldeds[i], features[i]),
            )
            for i in range(len(cleans))
        ]

    def _fields(self, front: _Front, inputs_out: dict[str, dict[str, float]] | None) -> dict[str, object]:
        """The fields of the message's :class:`Classification`, left for the caller to validate
        (one at a time or a batch at once)."""
        clean, folded, language, learned = front.clean, front.folded, front.language, front.learned
        english_text = language != "other"
        tally = _Tally()
        # The hottest loop: Tally.add inlined.
        scores, keep = tally.scores, tally.evidence.append
        for start, end, cue in front.matches:
            if cue.negatable and cue.weight > 0 and _negated(folded, start, cue, english_text):
                continue
            weights = scores[cue.axis]
            weights[cue.label] = weights.get(cue.label, 0.0) + cue.weight
            keep(_Hit(start, cue.axis, cue.label, folded[start:end], end, cue.weight))

        risk_inputs = _cue_inputs(tally.scores["risks"])
        behavior_inputs = _cue_inputs(tally.scores["behaviors"])
        if inputs_out is not None:
            inputs_out["risks"], inputs_out["behaviors"] = risk_inputs, behavior_inputs
        risks, risks_conf = self._yes_no(folded, tally, "risks", risk_inputs, learned, self.risk_log_odds)
        behaviors, behaviors_conf = self._yes_no(
            folded, tally, "behaviors", behavior_inputs, learned, self.behavior_log_odds
        )
        emotion_rule = self._emotion(clean, tally, behaviors, risks)
        if inputs_out is not None:
            inputs_out["emotion"] = emotion_rule.inputs
        emotion, emotion_conf = self._emotion_blend(emotion_rule, learned)
        intent_scores, topic_scores = _once_per_term(tally)
        rule = _intent_rule(clean, folded, intent_scores, emotion, topic_scores, behaviors)
        if inputs_out is not None:
            inputs_out["intent"] = _intent_inputs(intent_scores, rule, emotion, behaviors, risks)
            inputs_out["topic"] = _topic_inputs(topic_scores)
        intent, intent_conf = self._intent(rule, intent_scores, emotion, behaviors, risks, learned)
        topic, topic_conf = self._topic(folded, topic_scores, tally, learned)

        return {
            "language": language,
            "intent": intent,
            "topic": topic,
            "behaviors": [b for b in BEHAVIORS if b in behaviors],
            "emotion": emotion,
            "risks": [r for r in RISKS if r in risks],
            "confidence": {
                "language": round(front.language_confidence, 2),
                "intent": intent_conf,
                "topic": topic_conf,
                "behaviors": behaviors_conf,
                "emotion": emotion_conf,
                "risks": risks_conf,
            },
            "evidence": tally.evidence_records(_chosen(intent, topic, behaviors, risks, emotion)),
        }

    def _topic(
        self, folded: str, cues: dict[str, float], tally: _Tally, learned: _LazyFeatures
    ) -> tuple[str, float]:
        """Topic from the learned topic head, which reads the message's n-grams and the cue sums,
        where the cues leave it open (``consult_margin``; shipped: always); else, and for text
        with fewer than MODEL_MIN_LETTERS letters or no known n-gram, from the cue sums."""
        topic, top, second = _best(cues, _SUBJECTS)
        model = self.model
        if (
            model is not None
            and (top < TOPIC_THRESHOLD or top - second < self.consult_margin)
            and _has_letters(folded[:64], MODEL_MIN_LETTERS)
        ):
            features = learned.get()
            if features is not None:
                log_p = model.scores(features, "topic", _topic_inputs(cues))
                topic, top, _ = _best(log_p, TOPICS)
                # Cues for the chosen topic already explain it; the n-grams speak for it only where
                # none does (and looking them up on every message cost ~4 µs).
                if topic != "none" and cues.get(topic, 0.0) <= 0:
                    _add_ngram_evidence(tally, model, features, folded, "topic", topic)
                return topic, round(min(0.99, math.exp(top)), 2)
        if top < TOPIC_THRESHOLD:
            return "none", round(0.9 - top / 2, 2) if top > 0 else 0.8
        return topic, _margin_confidence(top, second)

    def _yes_no(
        self,
        folded: str,
        tally: _Tally,
        axis: str,
        inputs: dict[str, float],
        learned: _LazyFeatures,
        threshold: float | None,
    ) -> tuple[set[str], float]:
        """Behaviours or risks from cue sums; with the learned head of ``axis``, the labels whose
        log-odds exceed ``threshold``, reading the n-grams and the cue sums: it keeps what is worded
        in ways no list holds ("my son fainted in the queue") and drops a cue that fired out of
        context. Kept labels no cue names get the n-grams behind them as evidence."""
        model = self.model
        order = RISKS if axis == "risks" else BEHAVIORS
        if model is None or threshold is None or axis not in model.heads:
            kept = self._multi(tally, axis, order)
            return kept, self._multi_confidence(tally, axis, kept)
        features = learned.get()
        log_odds = model.scores(features, axis, inputs)
        kept = {label for label in order if log_odds[label] > threshold}
        cued = tally.scores[axis]
        # In taxonomy order, not the set's: a set of strings iterates in an order that changes from
        # one process to the next, and evidence at one spot would come out in either order.
        for label in order:
            if label in kept and features is not None and cued.get(label, 0.0) <= 0:
                _add_ngram_evidence(tally, model, features, folded, axis, label)
        # How sure the head is of its least sure verdict, kept or not.
        nearest = min(abs(log_odds[label] - threshold) for label in order)
        return kept, round(min(0.99, 1.0 / (1.0 + math.exp(-nearest))), 2)

    @staticmethod
    def _multi(tally: _Tally, axis: str, order: tuple[str, ...]) -> set[str]:
        scores = tally.scores[axis]
        threshold = KEEP_THRESHOLD[axis]
        kept = {lab for lab in order if scores.get(lab, 0.0) >= threshold}
        # Behaviours that travel together need less evidence for the second one.
        for first, second in _PARTNERS:
            for a, b in ((first, second), (second, first)):
                if a in kept and scores.get(b, 0.0) >= _PARTNER_THRESHOLD:
                    kept.add(b)
        return kept

    @staticmethod
    def _multi_confidence(tally: _Tally, axis: str, kept: set[str]) -> float:
        scores = tally.scores[axis]
        if not kept:
            strongest = max(scores.values(), default=0.0)
            return round(0.95 - 0.4 * max(0.0, min(strongest, LABEL_THRESHOLD)), 2)
        weakest = min(scores[lab] for lab in kept)
        return round(min(0.99, 0.55 + 0.2 * weakest), 2)

    def _emotion_blend(self, rule: _EmotionRule, learned: _LazyFeatures) -> tuple[Emotion, float]:
        """The rules' emotion; where they are unsure, the learned emotion head's, which reads the
        message's n-grams and, by name, the rules' level and the cues and shapes behind it."""
        model = self.model
        if model is None or rule.confidence >= self.emotion_consult_below or "emotion" not in model.heads:
            return _as_emotion(rule.level), rule.confidence
        log_p = model.scores(learned.get(), "emotion", rule.inputs)
        label, top, _ = _best(log_p, _EMOTION_LEVELS)
        return _as_emotion(int(label)), round(min(0.99, math.exp(top)), 2)

    @staticmethod
    def _emotion(clean: str, tally: _Tally, behaviors: set[str], risks: set[str]) -> _EmotionRule:
        cues = _span_weights(tally, "emotion")
        s1, s2, s3 = (max(0.0, cues.get(lvl, 0.0)) for lvl in ("1", "2", "3"))
        calm = min(0.0, tally.scores["emotion"].get("calm", 0.0))
        # Shape of the text; each scan only runs when its character is present (hot path).
        bangs = len(_EXCLAIM.findall(clean)) if "!" in clean or "！" in clean else 0
        longest_bang = max((len(run) for run in _EXCLAIM_RUN.findall(clean)), default=0) if bangs else 0
        question_run = ("?" in clean or "？" in clean) and _QUESTION_RUN.search(clean) is not None
        caps = (
            [w for w in _SHOUT_WORD.findall(clean) if w not in _ACRONYMS] if _UPPER_RUN.search(clean) else []
        )
        all_caps = False
        if caps:
            letters = len(_ALPHA.findall(clean))
            all_caps = letters >= 12 and len(_UPPER.findall(clean)) > 0.6 * letters
        if bangs and longest_bang < 2:
            # A lone "!" leans towards anger without being enough for it.
            s2 += min(0.5, 0.25 * bangs)
        # A complaint (intent cues) is itself a sign of dissatisfaction.
        grievance = tally.scores["intent"].get("complaint", 0.0) >= _GRIEVANCE_THRESHOLD
        if grievance:
            s1 += _GRIEVANCE_WEIGHT
        mild = s1 + s2 + s3

        level = 0
        if s3 >= LABEL_THRESHOLD:
            level = 3
        elif s2 + 0.3 * s1 >= LABEL_THRESHOLD or mild >= _PILED_UP_THRESHOLD:
            level = 2
        elif mild >= _MILD_THRESHOLD:
            level = 1

        # How the customer acts says how they feel (taxonomy: insults and profanity are furious).
        if "abusive" in behaviors:
            level = 3
        if behaviors & {"distrust", "refuses_communication"}:
            level = max(level, 2)
        if "unreasonable_demand" in behaviors:
            # A demand pressed with any sign of displeasure is angry; a bare one only dissatisfied.
            level = max(level, 2 if mild > 0 else 1)
        if behaviors & {"withholds_information", "lacks_knowledge"}:
            level = max(level, 1)
        # Threats to escalate are angry (taxonomy), and so, in practice, is a safety incident.
        if risks & {"authority", "legal", "media", "safety"}:
            level = max(level, 2)
        if "churn" in risks and mild > 0:
            # Leaving in displeasure is angry; a plain "close my account" is not.
            level = max(level, 2)

        negative = level >= 1 or mild >= 0.3
        hard = "abusive" in behaviors or s3 > 0 or bool(risks & {"authority", "legal", "media"})
        if len(caps) >= 3 or all_caps or (negative and (len(caps) >= 2 or longest_bang >= 3)):
            # Shouting is furious (taxonomy), whatever the words.
            level, hard = 3, True
        elif negative and (longest_bang == 2 or question_run):
            level, hard = max(level, 2), True
        elif negative and caps:
            # One word in capitals is emphasis ("when YOU cancelled"): anger, not yet shouting.
            level = max(level, 2)
        elif question_run:
            level = max(level, 1)
        if level == 1 and s2 > 0 and not behaviors & _CALM_BEHAVIORS and _ADDRESSED.search(clean):
            # Displeasure aimed at the company ("you people…", "你们…") with a mark of anger is anger.
            level = 2
        if level == 0 and calm > _UNSOFTENED and len(clean) >= _BARE_STATEMENT_CHARS:
            # A statement with no politeness, no question and nothing asked for is rarely
            # neutral in a service chat: it reports trouble.
            intent = tally.scores["intent"]
            asks = max(intent.get(lab, 0.0) for lab in ("inquiry", "request", "praise", "other"))
            if asks < _GRIEVANCE_THRESHOLD and not _ASKING.search(clean):
                level = 1
        if calm <= _SOFTENER_THRESHOLD and level in (1, 2) and not hard and s2 < 1.5:
            level -= 1
        if behaviors & _CALM_BEHAVIORS and level == 1 and not (hard or grievance) and s2 < 0.5:
            # Hesitating, changing one's mind or rearranging one's own appointment is said calmly.
            level = 0

        evidence = s1 + 2 * s2 + 3 * s3
        confidence = 0.6 + 0.1 * min(3.0, evidence) if level else (0.8 if mild == 0 else 0.6)
        inputs = {
            f"rule:{level}": 1.0,
            "cue:1": min(4.0, s1),
            "cue:2": min(4.0, s2),
            "cue:3": min(4.0, s3),
            "cue:calm": max(-2.0, calm),
            "bangs": min(3.0, float(bangs)) / 3,
            "bang_run": min(4.0, float(longest_bang)) / 4,
            "question_run": 1.0 if question_run else 0.0,
            "shout_words": min(3.0, float(len(caps))) / 3,
            "all_caps": 1.0 if all_caps else 0.0,
            "grievance": 1.0 if grievance else 0.0,
        }
        _add_flags(inputs, behaviors, risks)
        return _EmotionRule(level, round(min(0.95, confidence), 2), inputs)

    def _intent(
        self,
        rule: _IntentRule,
        cues: dict[str, float],
        emotion: int,
        behaviors: set[str],
        risks: set[str],
        learned: _LazyFeatures,
    ) -> tuple[Intent, float]:
        """The rules' intent; where they are unsure, weighed again with the learned intent head,
        which reads the same cues and rules plus the message's n-grams."""
        model = self.model
        if model is None or rule.confidence >= self.intent_consult_below or "intent" not in model.heads:
            return _as_intent(rule.label), rule.confidence
        inputs = _intent_inputs(cues, rule, emotion, behaviors, risks)
        log_p = model.scores(learned.get(), "intent", inputs)
        blended: dict[str, float] = {
            lab: log_p[lab] + (self.intent_rule_weight if lab == rule.label else 0.0) for lab in INTENTS
        }
        label, top, _ = _best(blended, INTENTS)
        total = sum(math.exp(value - top) for value in blended.values())
        return _as_intent(label), round(min(0.99, 1.0 / total), 2)


def _chosen(
    intent: str, topic: str, behaviors: set[str], risks: set[str], emotion: int
) -> set[tuple[str, str]]:
    """The (axis, label) pairs a result shows: its labels, and for emotion every level up to the
    one reached (mild cues add up to anger), with politeness where it kept the level low."""
    pairs = {("intent", intent), ("topic", topic)}
    pairs.update(("behaviors", b) for b in behaviors)
    pairs.update(("risks", r) for r in risks)
    pairs.update(("emotion", str(level)) for level in range(1, emotion + 1))
    if emotion <= 1:
        pairs.add(("emotion", "calm"))
    return pairs


def _intent_rule(
    clean: str,
    folded: str,
    cues: dict[str, float],
    emotion: int,
    topic_scores: dict[str, float],
    behaviors: set[str],
) -> _IntentRule:
    """Intent from cue sums, the shape of the message (question, rhetoric), its emotion and
    how the customer is acting."""
    if not any(ch.isalnum() for ch in clean):
        return _IntentRule("other", 0.8, False, False)  # punctuation or emoji only: nothing is asked
    # Negative cues only cancel positive ones; a label never votes against itself.
    scores: dict[str, float] = {lab: max(0.0, cues.get(lab, 0.0)) for lab in INTENTS}
    tail = clean.rstrip(" .。~～!！…😅🙏🤔😊🙂😂🤦")
    asks = "?" in clean or "？" in clean or "吗" in clean or "嗎" in clean or tail.endswith(_QUESTION_TAILS)
    if asks:
        # "Can you change it?" asks for an action, "why was I charged?" voices a grievance,
        # "how long does it take?" asks to know.
        if scores["request"] >= 1.0 and scores["request"] > scores["inquiry"]:
            scores["request"] += 0.3
        elif scores["complaint"] >= 0.8 and scores["complaint"] > scores["inquiry"]:
            scores["complaint"] += 0.3
        else:
            scores["inquiry"] += 0.6
    unkept = cites_unkept_promise(folded)
    if unkept:
        scores["chasing"] += UNKEPT_PROMISE_WEIGHT
    # The substring tests spare most messages the regex scan; every match holds one of them.
    if ("不是" in clean or "难道" in clean or "難道" in clean or "supposed" in folded) and _RHETORICAL.search(
        clean
    ):
        scores["complaint"] += 0.8  # "isn't it supposed to…?" is a grievance, not a question
    # Negative feeling is itself a sign of complaint; an angry question is not an inquiry.
    scores["complaint"] += (0.0, 0.4, 0.9, 1.4)[min(3, max(0, emotion))]
    if emotion >= 2:
        scores["inquiry"] *= 0.5
        scores["praise"] *= 0.5
    # How the customer acts: breaking their own agreement or changing what they ordered asks
    # for a new arrangement (the promise was theirs, so it is no chase); their own slip
    # tempers a grievance; hostility and distrust sharpen one.
    if "breaks_agreement" in behaviors:
        scores["request"] += 1.5
        scores["chasing"] = 0.0
    if "changing_requirements" in behaviors:
        scores["request"] += 1.0
    if "customer_negligence" in behaviors:
        scores["complaint"] *= 0.5
    if behaviors & {"refuses_communication", "distrust", "abusive"}:
        scores["complaint"] += 0.7
    if "indecisive" in behaviors:
        scores["other"] += 0.8
    # Following up an earlier request or promise is chasing, however angry (taxonomy rule).
    # One weak sign of an earlier promise is not yet a follow-up; it only sharpens a grievance.
    if scores["chasing"] >= INTENT_CHASE_THRESHOLD:
        scores["chasing"] += 5.0
    else:
        scores["complaint"] += scores["chasing"] / 2
        scores["chasing"] = 0.0
    # Thanks for a solved problem is praise even when the old problem is retold.
    if scores["praise"] >= INTENT_PRAISE_THRESHOLD and emotion <= 1:
        scores["praise"] += 1.0
    label, top, second = _best(scores, INTENTS)
    # Still deciding, yet asking something: the question or the ask is the point.
    if label == "other" and asks and max(scores["inquiry"], scores["request"]) >= 1.0:
        label = "inquiry" if scores["inquiry"] >= scores["request"] else "request"
        top, second = scores[label], scores["other"]
    if top < INTENT_THRESHOLD:
        # Customers mostly write to report trouble: a message with a clear subject and no
        # question, ask, thanks or follow-up is a complaint about that subject.
        subject = max(topic_scores.values(), default=0.0)
        if not asks and (subject >= INTENT_SUBJECT_THRESHOLD or emotion >= 1):
            return _IntentRule("complaint", 0.55, asks, unkept)
        return _IntentRule("other", 0.6, asks, unkept)
    return _IntentRule(label, _margin_confidence(top, second), asks, unkept)


_EMOTION_LEVELS = ("0", "1", "2", "3")


# Plain classes, not NamedTuples, for the reason given at _Hit.
class _EmotionRule:
    """What the emotion rules decided, and the findings behind it that the emotion head reads."""

    __slots__ = ("confidence", "inputs", "level")

    def __init__(self, level: int, confidence: float, inputs: dict[str, float]) -> None:
        self.level = level
        self.confidence = confidence
        self.inputs = inputs


class _IntentRule:
    """What the intent rules decided, and two findings the intent head reads too."""

    __slots__ = ("asks", "confidence", "label", "unkept_promise")

    def __init__(self, label: str, confidence: float, asks: bool, unkept_promise: bool) -> None:
        self.label = label
        self.confidence = confidence
        self.asks = asks
        self.unkept_promise = unkept_promise


def _add_ngram_evidence(
    tally: _Tally, model: LinearModel, features: Features, folded: str, axis: str, label: str
) -> None:
    """The n-grams that pushed hardest for a label a head chose, as evidence like cues."""
    for gram, share in model.strongest(features, axis, label, MODEL_EVIDENCE):
        text = gram.strip()
        at = folded.find(text)
        if at >= 0:
            tally.evidence.append(_Hit(at, axis, label, text, at + len(text), round(share, 3)))


def _cue_inputs(cues: dict[str, float]) -> dict[str, float]:
    """Every head's cue inputs: the cue sum per label, clipped so a pile of cues does not swamp the
    n-grams (the risk and behaviour heads read these alone)."""
    return {f"cue:{lab}": max(-2.0, min(4.0, weight)) for lab, weight in cues.items() if weight}


def _topic_inputs(cues: dict[str, float]) -> dict[str, float]:
    """The topic head's named inputs: cue sums per topic and the topic the cues alone would give."""
    topic, top, _ = _best(cues, _SUBJECTS)
    inputs = _cue_inputs(cues)
    inputs[f"rule:{topic if top >= TOPIC_THRESHOLD else 'none'}"] = 1.0
    return inputs


def _intent_inputs(
    cues: dict[str, float], rule: _IntentRule, emotion: int, behaviors: set[str], risks: set[str]
) -> dict[str, float]:
    """The intent head's named inputs: cue sums per intent, the rules' verdict, emotion,
    behaviours, risks and the message's shape."""
    inputs = _cue_inputs(cues)
    inputs[f"rule:{rule.label}"] = 1.0
    inputs[f"emotion:{emotion}"] = 1.0
    _add_flags(inputs, behaviors, risks)
    if rule.asks:
        inputs["asks"] = 1.0
    if rule.unkept_promise:
        inputs["unkept_promise"] = 1.0
    return inputs


def _add_flags(inputs: dict[str, float], behaviors: set[str], risks: set[str]) -> None:
    """One input per behaviour and risk found, in taxonomy order: a head adds its inputs up in
    the dict's order, and a set's order changes from one process to the next (so would the last
    bits of the sums)."""
    for label in BEHAVIORS:
        if label in behaviors:
            inputs[f"behavior:{label}"] = 1.0
    for risk in RISKS:
        if risk in risks:
            inputs[f"risk:{risk}"] = 1.0


class _LazyFeatures:
    """The model's n-grams of one message, found at most once and only if a head is asked (or
    found beforehand for a batch)."""

    __slots__ = ("_done", "_features", "_folded", "_model")

    def __init__(self, model: LinearModel | None, folded: str, found: Features | None = None) -> None:
        self._model, self._folded = model, folded
        self._features = found
        self._done = found is not None

    def get(self) -> Features | None:
        if not self._done and self._model is not None:
            self._features = self._model.features(self._folded)
            self._done = True
        return self._features


# A plain class, for the reason given at _Hit.
class _Front:
    """What the first stages found in one message: its clean and folded text, language, cue
    matches and (lazily) n-grams."""

    __slots__ = ("clean", "folded", "language", "language_confidence", "learned", "matches")

    def __init__(
        self,
        clean: str,
        language: Language,
        language_confidence: float,
        folded: str,
        matches: list[tuple[int, int, Cue]],
        learned: _LazyFeatures,
    ) -> None:
        self.clean = clean
        self.language = language
        self.language_confidence = language_confidence
        self.folded = folded
        self.matches = matches
        self.learned = learned


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
