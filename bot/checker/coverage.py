"""CLEAR coverage: which steps a draft shows, and a 0-100 score (20 points a step)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cues import cue_spans, overlaps
from .models import CONTROL_BREAKERS, STEPS, ClearSteps, Finding
from .rules import RuleBook

_POINTS_PER_STEP = 100 // len(STEPS)

# Restating the customer's own words is listening: enough shared content words (English) or
# two-character sequences (Chinese) between the customer's message and the draft.
_MIN_SHARED_TERMS = 2
_EN_WORD = re.compile(r"[a-z][a-z']{3,}")
_HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")
_EN_STOP = frozenset(
    """this that with have from your what when where which will would could should there their they them
    been were just about after before again still then than into only also very really please thanks
    thank hello dear sorry know here want need does did done make made take like help today because
    order""".split()
)
_ZH_STOP = frozenset(
    "我们 你们 您们 什么 怎么 这个 那个 一个 已经 还是 就是 不是 没有 可以 现在 今天 时候 为什么 因为 所以 但是 如果 "
    "谢谢 您好 你好 请问 一下 问题 这样 那样 非常 真的 我的 你的 您的 他们 自己 知道 还没 一直 我哋 佢哋 唔该 唔係".split()
)


def _terms(folded: str) -> set[str]:
    lowered = folded.lower()
    words = {w.strip("'") for w in _EN_WORD.findall(lowered)} - _EN_STOP
    pairs = {m.group(1) for m in _HAN_PAIR.finditer(lowered)} - _ZH_STOP
    return words | pairs


def restates(view: str, customer_view: str | None) -> bool:
    """True when the draft echoes the customer's own content words."""
    if not customer_view:
        return False
    return len(_terms(view) & _terms(customer_view)) >= _MIN_SHARED_TERMS


def clear_steps(
    view: str,
    book: RuleBook,
    findings: Sequence[Finding],
    *,
    customer_view: str | None = None,
    timed: Sequence[tuple[int, int]] = (),
) -> ClearSteps:
    """The steps present in the draft, judged from cues and the phrase findings."""
    taken_back = [
        (f.start, f.end) for f in findings if f.kind in ("apology_negated", "non_apology") and f.end > f.start
    ]
    apologies = [s for s in cue_spans(view, book, "apologize") if not any(overlaps(s, t) for t in taken_back)]
    return ClearSteps(
        control=not any(f.kind in CONTROL_BREAKERS for f in findings),
        listen=bool(cue_spans(view, book, "listen")) or restates(view, customer_view),
        empathize=bool(cue_spans(view, book, "empathize")),
        apologize=bool(apologies),
        resolve=bool(cue_spans(view, book, "resolve")) or bool(timed),
    )


def score(steps: ClearSteps) -> int:
    """0-100: equal points for each CLEAR step present."""
    return _POINTS_PER_STEP * len(steps.present())
