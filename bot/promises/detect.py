"""Promises in an agent's message: commitment cues that pass the guards, each with its due time.

Per sentence: cues are found, the guards drop what is not a commitment, each surviving cue takes
the time words of its own clause (or of a neighbouring clause that has no cue of its own), and
the due is resolved. A vague promise next to a timed one in the same sentence is the same promise
said twice ("give me two minutes and I'll get right back to you"), so only the timed one stays.

Agents also write in their team chat, about the customer in the third person ("I'll call her back
in 10") or reporting what they just told them ("told her I'd call back in 10", "我跟客户说了半小时内
回复"): such a report is judged by what follows the reporting words (reported.py), and is due from
the message time. In a message that speaks to the customer as "you", "her"/"them"/"他" is someone else.
"""

from __future__ import annotations

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

from ..models import Promise, PromiseKind
from . import guards
from .cues import Cue, find_cues
from .mentions import TimeMention
from .normalize import fold
from .reported import report_frame
from .resolve import BusinessHours, Resolution, resolve
from .segment import Span, clauses, sentences
from .timeparse import find_time_mentions

# Clauses whose time words belong to a delivery, a policy or the customer, never to a callback.
_NOT_OURS = re.compile(
    r"预计|送达|到货|配送|派送|签收|发货|运输|到账|到帐|退回|原路|有效期|保修|质保|退货|换货|付款|支付|完成|"
    r"(?<![a-z])(?:deliver(?:y|ed)?|arriv(?:e|es|al)|ship(?:s|ped|ping)?|dispatch(?:ed)?|transit|credited|processing|"
    r"expected|estimated|warranty|valid|expires?|appear|reflect|pay|payment|complete)(?![a-z])"
)
# A hold is minutes, an hour or two at most; "wait 24 hours" is not someone checking for you.
_MAX_HOLD_S = 3 * 3600
_REFER_BACK = re.compile(r"届时|到时候?|那时候?|(?<![a-z])(?:by\s+then|at\s+that\s+(?:point|time))(?![a-z])")
_DELIVERY_EVENT = re.compile(
    r"送达|到货|配送|派送|签收|发货|运输|到账|到帐|退回|"
    r"(?<![a-z])(?:deliver(?:y|ed|s)?|arriv(?:e|es|al)|ship(?:s|ped|ping)?|dispatch(?:ed)?|transit|credited)(?![a-z])"
)
_EVENT = re.compile(r"后|之后|以后|(?<![a-z])(?:once|when|after|as\s+soon\s+as)(?![a-z])")


class _Draft:
    """A promise being assembled inside one sentence."""

    def __init__(self, cue: Cue, clause: Span, index: int) -> None:
        self.cue = cue
        self.clause = clause
        self.index = index
        self.mentions: list[TimeMention] = []
        self.spans: list[Span] = [clause]
        self.resolution = Resolution(due=None)
        # reported: the agent reports telling the customer ("told her I'd…"), which commits by itself.
        self.reported = False


def _clause_of(position: int, parts: list[Span]) -> int:
    for i, part in enumerate(parts):
        if part.start <= position < part.end:
            return i
    nearest = min(
        range(len(parts)), key=lambda i: min(abs(parts[i].start - position), abs(parts[i].end - position))
    )
    return nearest


def _usable(cue: Cue, mention: TimeMention) -> bool:
    # Asking the customer to hold is measured in minutes, not in days or clock times.
    if cue.kind == "hold":
        if mention.kind == "duration":
            return mention.business_days is None and (
                mention.seconds is None or mention.seconds <= _MAX_HOLD_S
            )
        return mention.kind in ("vague", "past")
    return True


def _rejected(
    folded: str, sentence: Span, clause: Span, cue: Cue, has_future_time: bool, *, reported: bool = False
) -> bool:
    return (
        guards.is_offer_question(folded, sentence, clause, cue)
        or guards.is_conditional(folded, sentence, clause, cue)
        or guards.is_customer_action(folded, clause, cue, sentence)
        or guards.is_negated(folded, clause, cue)
        or guards.is_past(folded, clause, cue, has_future_time=has_future_time)
        or guards.is_automated(folded, clause, cue)
        or guards.sends_goods(folded, clause, cue)
        or guards.is_customer_wait(folded, sentence, cue)
        or guards.is_habitual(folded, clause, cue)
        or (
            cue.lang == "en"
            and not reported
            and not guards.has_english_future(
                folded, sentence, cue, clause=clause, has_future_time=has_future_time
            )
        )
    )


def _after_frame(span: Span, frame: Span | None) -> Span:
    """The part of ``span`` after a reporting frame: the guards judge what was promised, not the telling."""
    if frame is None or frame.end <= span.start or frame.end > span.end:
        return span
    return Span(start=frame.end, end=span.end)


def _future_time(mentions: list[TimeMention]) -> bool:
    return any(m.kind in ("duration", "clock", "day", "named_day", "vague") for m in mentions)


def _sentence_drafts(
    folded: str, sentence: Span, cues: list[Cue], mentions: list[TimeMention]
) -> list[_Draft]:
    parts = clauses(folded, sentence) or [sentence]
    by_clause: dict[int, list[TimeMention]] = {}
    for mention in mentions:
        by_clause.setdefault(_clause_of(mention.start, parts), []).append(mention)
    cue_clauses = {_clause_of(c.start, parts) for c in cues}

    drafts: list[_Draft] = []
    for cue in cues:
        index = _clause_of(cue.start, parts)
        clause = parts[index]
        own = by_clause.get(index, [])
        frame = report_frame(folded, sentence, cue)
        if _rejected(
            folded,
            _after_frame(sentence, frame),
            _after_frame(clause, frame),
            cue,
            _future_time(own),
            reported=frame is not None,
        ):
            continue
        same = next((d for d in drafts if d.index == index and d.cue.kind == cue.kind), None)
        if same is None:
            drafts.append(_Draft(cue, clause, index))
            drafts[-1].reported = frame is not None

    # Each time word in a clause goes to the nearest surviving cue of that clause.
    for index, found in by_clause.items():
        local = [d for d in drafts if d.index == index]
        for mention in found:
            fitting = [d for d in local if _usable(d.cue, mention)]
            # "我查一下" yields its time to a real commitment in the same clause ("我查完十分钟内回电").
            firm = [d for d in fitting if not d.cue.needs_time]
            fitting = firm or fitting
            if not fitting:
                continue
            best = min(fitting, key=lambda d: abs(d.cue.start - mention.start))
            best.mentions.append(mention)

    # A cue without time words may borrow them from a neighbouring clause that has no cue.
    borrowed: set[int] = set()
    for draft in drafts:
        # "届时/到时/by then" points back at a time said earlier in the sentence.
        refers_back = bool(_REFER_BACK.search(folded, draft.clause.start, draft.cue.start))
        ignorable = ("past", "vague") if refers_back else ("past",)
        if any(m.kind not in ignorable for m in draft.mentions):
            continue
        order = sorted(
            (
                i
                for i in by_clause
                if i not in cue_clauses
                and i not in borrowed
                and (i < draft.index if refers_back else abs(i - draft.index) <= 2)
            ),
            key=lambda i: (abs(i - draft.index), i > draft.index),
        )
        for i in order:
            part = parts[i]
            text = folded[part.start : part.end]
            usable = [m for m in by_clause[i] if m.kind != "past" and _usable(draft.cue, m)]
            if not usable or _NOT_OURS.search(text) or guards.is_customer_clause(folded, part):
                continue
            draft.mentions.extend(usable)
            draft.spans.append(part)
            borrowed.add(i)
            break
    for draft in drafts:
        _complete_day_and_clock(folded, parts, by_clause, cue_clauses, draft)
    return drafts


# What may stand beside the time words in a clause that only completes a date ("我明天，下午三点前…").
_FILLER = re.compile(r"(?<![a-z])(?:on|at|by|around|about|before|then|ok|and)(?![a-z])|我们|我|[\s,@\-–—]")
_MAX_FILLER_CHARS = 4


def _only_time(folded: str, part: Span, mentions: list[TimeMention]) -> bool:
    rest = list(folded[part.start : part.end])
    for m in mentions:
        for i in range(max(m.start, part.start), min(m.end, part.end)):
            rest[i - part.start] = " "
    residue = _FILLER.sub("", "".join(rest))
    return len(residue.strip()) <= _MAX_FILLER_CHARS


def _complete_day_and_clock(
    folded: str,
    parts: list[Span],
    by_clause: dict[int, list[TimeMention]],
    cue_clauses: set[int],
    draft: _Draft,
) -> None:
    """ "on Thursday, at 3pm", "我明天，下午三点前回电": a day and its clock time split by a comma.

    A clause next to the promise that holds nothing but the missing half is part of the same time.
    """
    own = [m for m in draft.mentions if m.kind != "past"]
    has_clock = any(m.kind == "clock" for m in own)
    has_day = any(m.kind in ("day", "named_day") or m.day_offset is not None for m in own)
    if not own or any(m.kind == "duration" for m in own) or has_clock == has_day:
        return
    wanted = ("day", "named_day") if has_clock else ("clock",)
    for i in (draft.index - 1, draft.index + 1):
        if i in cue_clauses or i not in by_clause:
            continue
        found = by_clause[i]
        if all(m.kind in wanted for m in found) and _only_time(folded, parts[i], found):
            draft.mentions.extend(found)
            draft.spans.append(parts[i])
            return


def _merge_chasing(folded: str, sentence: Span, drafts: list[_Draft]) -> list[_Draft]:
    """ "我下午再跟进一下物流，有结果告诉您": chasing something, then reporting back, is one callback.

    A follow-up that checks an outcome ("是否到账", "that it works") stays a follow-up.
    """
    merged: list[_Draft] = []
    for draft in drafts:
        if draft.cue.kind != "follow_up" or draft.cue.needs_time:
            merged.append(draft)
            continue
        report = next((d for d in drafts if d.cue.kind == "callback" and d.cue.start > draft.cue.start), None)
        region = Span(start=draft.clause.start, end=report.cue.start if report else sentence.end)
        if report is None or guards.has_outcome_check(folded, region):
            merged.append(draft)
            continue
        if report.resolution.due is None and draft.resolution.timed:
            report.resolution = draft.resolution
            report.mentions = draft.mentions
        report.spans.extend(draft.spans)
    return merged


def _short_wait(draft: _Draft) -> bool:
    return any(m.kind == "duration" and m.seconds is not None and m.seconds <= 3600 for m in draft.mentions)


def _span_text(text: str, spans: list[Span]) -> tuple[int, int, str]:
    start = min(s.start for s in spans)
    end = max(s.end for s in spans)
    piece = text[start:end]
    stripped = piece.strip(" \t\r\n,，。.!！?？;；:：、")
    lead = piece.find(stripped) if stripped else 0
    return start + lead, start + lead + len(stripped), stripped


def _keep(folded: str, draft: _Draft) -> bool:
    """Whether a resolved draft is a promise at all."""
    if draft.resolution.past:
        return False
    if draft.cue.kind == "hold" and draft.cue.needs_time and draft.resolution.due is None:
        return False  # "我查一下" alone, or "马上回来", with no measured wait
    if draft.resolution.timed:
        return True
    if draft.cue.needs_time:
        return False
    if (
        draft.cue.lang == "zh"
        and not draft.reported
        and not guards.has_chinese_future(folded, draft.clause, draft.cue)
    ):
        return False
    # "发货后会通知您", "you'll get a text once it ships": a notice tied to a delivery event.
    clause_text = folded[draft.clause.start : draft.clause.end]
    return not (_DELIVERY_EVENT.search(clause_text) and _EVENT.search(clause_text))


def _settle_kind(folded: str, sentence: Span, in_sentence: list[Cue], draft: _Draft) -> None:
    if draft.cue.kind == "follow_up" and draft.cue.needs_time and _short_wait(draft):
        # "我再确认一下，大约五分钟": checking again while the customer waits is a hold.
        draft.cue = draft.cue.model_copy(update={"kind": "hold"})
    # The purpose ("…to make sure it works") belongs to the commitment it follows.
    later = [c.start for c in in_sentence if c.start > draft.cue.start and c.kind != draft.cue.kind]
    region = Span(start=draft.clause.start, end=min(later, default=sentence.end))
    if draft.cue.kind == "callback" and guards.has_outcome_check(folded, region):
        draft.cue = draft.cue.model_copy(update={"kind": "follow_up"})


def _one_sentence(
    folded: str,
    sentence: Span,
    cues: list[Cue],
    mentions: list[TimeMention],
    context: tuple[datetime, ZoneInfo, BusinessHours],
) -> list[_Draft]:
    now, tz, hours = context
    drafts = _sentence_drafts(folded, sentence, cues, mentions)
    for draft in drafts:
        ordered = sorted(draft.mentions, key=lambda m: abs(m.start - draft.cue.start))
        draft.resolution = resolve(ordered, now, tz, hours)
    survivors = [d for d in _merge_chasing(folded, sentence, drafts) if _keep(folded, d)]
    # One sentence says one thing once: the timed promises, or else its first vague one.
    timed = [d for d in survivors if d.resolution.due is not None]
    survivors = timed or survivors[:1]
    for draft in survivors:
        _settle_kind(folded, sentence, cues, draft)
    return survivors


_ADDRESSING = re.compile(r"您|阁下|(?<![a-z])(?:you|your|u|ya)(?![a-z])")
# Asking a colleague ("can you take the queue?", "thanks") does not make a message one to the customer.
_ASKING_COLLEAGUE = re.compile(
    r"(?<![a-z])(?:(?:can|could|would|will|do|did|are|have)\s+(?:you|u)|thank\s+you|you\s+guys|if\s+you\s+can)(?![a-z])"
)


def _addressed(folded: str, cues: list[Cue]) -> list[Cue]:
    """Cues naming the customer in the third person count only in team chat ("call her back"); in a
    message to the customer ("I'll call them and let you know") "them" is someone else."""
    if not any(c.third_person for c in cues):
        return cues
    to_customer = any(c.second_person for c in cues) or bool(
        _ADDRESSING.search(_ASKING_COLLEAGUE.sub(" ", folded))
    )
    return [c for c in cues if not (to_customer and c.third_person)]


def extract(
    text: str, now: datetime, tz: ZoneInfo, business_open: time, business_close: time
) -> list[Promise]:
    """The promises in ``text``, in order of appearance (see bot.promises.extract_promises)."""
    folded = fold(text)
    cues = _addressed(folded, find_cues(folded))
    if not cues:
        return []
    mentions = find_time_mentions(folded)
    context = (now, tz, BusinessHours(open=business_open, close=business_close))
    kept: list[_Draft] = []
    for sentence in sentences(folded):
        in_sentence = [c for c in cues if sentence.start <= c.start < sentence.end]
        if in_sentence:
            own = [m for m in mentions if sentence.start <= m.start < sentence.end]
            kept.extend(_one_sentence(folded, sentence, in_sentence, own, context))

    # "请稍等。我五分钟内回复您": an untimed hold beside a timed promise is the same wait.
    if any(d.resolution.due is not None for d in kept):
        kept = [d for d in kept if d.resolution.due is not None or d.cue.kind != "hold"]
    promises: list[Promise] = []
    seen_due: set[datetime] = set()
    seen_null: set[PromiseKind] = set()
    for draft in kept:
        due = draft.resolution.due
        if due is not None:
            if due in seen_due:
                continue
            seen_due.add(due)
        else:
            if draft.cue.kind in seen_null:
                continue
            seen_null.add(draft.cue.kind)
        start, end, piece = _span_text(text, [*draft.spans, Span(start=draft.cue.start, end=draft.cue.end)])
        promises.append(Promise(kind=draft.cue.kind, due=due, text=piece, start=start, end=end))
    return promises
