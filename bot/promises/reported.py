"""Reports of a promise just made: "told her I'd call back in 10", "我跟客户说了半小时内回复".

In their team chat agents report what they have just told the customer. The past tense of the
report ("told", "说了", "答应咗") belongs to the telling, not to the callback, which runs from the
moment of the message. A frame is the reporting words; the promise is what follows them. It is a
frame only when the agent (or nobody named) is the one telling, the customer is the one told (or
nobody is named, in English), and what follows is the agent's own commitment.
"""

from __future__ import annotations

import re

from .cues import THEM, THEM_EN, Cue
from .segment import Span

# ---------------------------------------------------------------- English
_EN_FRAME = re.compile(
    rf"(?<![a-z])(?:"
    rf"(?:told|promised|assured|reassured|informed|advised|reminded|guaranteed|let)\s+{THEM_EN}(?:\s+know)?"
    rf"|(?:said|explained|confirmed|mentioned|promised|committed|guaranteed)\s+to\s+{THEM_EN}"
    r"|(?P<bare>said|promised|agreed|committed|confirmed)"
    r")(?:\s+that)?(?![a-z])"
)
# Who is telling: the agent ("I told her", "we've promised him"), or no one named ("told her…").
_EN_SPEAKER = re.compile(
    r"(?:^|[,;:!?()\-–—]|(?<![a-z])(?:and|so|ok|okay|done|yes|yep|sure|k))\s*"
    r"(?:(?:i|we)(?:'ve|\s+have)?\s+)?(?:(?:just|already|also|now|then|have)\s+)*$"
)
# What is reported must be the team's future act: "I'd call back", "we'll send", "our tech will".
_EN_MODAL = re.compile(r"(?<![a-z])(?:would|will|shall|going\s+to|gonna)(?![a-z])|'d(?![a-z])|'ll(?![a-z])")
_EN_ONLY_ARTICLE = re.compile(r"\s*(?:an?|the|one|my|our|another)?\s*")
_EN_OTHER_SUBJECT = re.compile(
    r"(?<![a-z])(?:you|he|she|they|it|customer|client|caller|courier|driver|bank)(?:'d|'ll|\s+would|\s+will|\s+is|\s+was|'s)(?![a-z])"
)
_EN_STALE = re.compile(
    r"(?<![a-z])(?:yesterday|earlier|ago|last\s+(?:night|week|time|month)|the\s+other\s+day|previously)(?![a-z])"
)
_MAX_GAP_CHARS = 60


def _english_frame(folded: str, sentence: Span, cue: Cue) -> Span | None:
    for m in reversed(list(_EN_FRAME.finditer(folded, sentence.start, cue.start))):
        if not _EN_SPEAKER.search(folded[sentence.start : m.start()]):
            continue
        gap = folded[m.end() : cue.start]
        if len(gap) > _MAX_GAP_CHARS or _EN_STALE.search(gap):
            return None
        if _EN_OTHER_SUBJECT.search(gap) and not cue.receive:
            return None  # "told her she'd need to reply": the customer's part, not ours
        agreed_to = m.group("bare") in ("promised", "agreed", "committed") and gap.strip() == "to"
        if _EN_MODAL.search(gap) or _EN_ONLY_ARTICLE.fullmatch(gap) or agreed_to:
            return Span(start=m.start(), end=m.end())
        return None
    return None


# ---------------------------------------------------------------- Chinese and Cantonese
_GIVE = r"(?:给|俾|畀|比)"
_ZH_FRAME = re.compile(
    rf"(?:跟|同|和|与|对|向|给)\s*{THEM}\s*(?:说|讲|话|表示|承诺|保证|交代|约|确认|答应)(?:好|定|清楚|明|低)?\s*(?:了|咗)?"
    rf"|(?:答应|应承|承诺|保证|告诉|告知|话|讲)\s*(?:了|咗)?\s*{_GIVE}?\s*{THEM}\s*(?:知)?"
)
_ZH_SPEAKER = re.compile(
    r"(?:^|[，,、;；:：!！?？)）]|好的|好|ok|嗯|收到)\s*(?:我们|我哋|咱们|我|咱|本人)?\s*"
    r"(?:(?:这边|已经|已|刚刚|刚才|刚|也|都|就|先|亦|有)\s*)*$"
)
# The customer as the subject of what follows ("他要在明天前回复") makes it their part, not ours.
_ZH_OTHER_SUBJECT = re.compile(
    r"(?<![给跟同和向对帮替俾畀比])(?:他|她|佢|客户|客人|您|你)(?!们的|的|哋的)(?=\s*(?:要|需要|必须|得|自己|会|可以|再|说|话))"
)
_ZH_STALE = re.compile(r"昨|琴日|寻日|前天|前日|上周|上星期|上礼拜|上次|之前|前几天")
_MAX_GAP_ZH = 30


def _chinese_frame(folded: str, sentence: Span, cue: Cue) -> Span | None:
    for m in reversed(list(_ZH_FRAME.finditer(folded, sentence.start, cue.start))):
        if not _ZH_SPEAKER.search(folded[sentence.start : m.start()]):
            continue
        gap = folded[m.end() : cue.start]
        if len(gap) > _MAX_GAP_ZH or _ZH_STALE.search(gap) or _ZH_OTHER_SUBJECT.search(gap):
            return None
        return Span(start=m.start(), end=m.end())
    return None


def report_frame(folded: str, sentence: Span, cue: Cue) -> Span | None:
    """The words reporting that the agent just told the customer what ``cue`` commits to, if any.

    A cue that names the customer as "you" is never reported this way: "I said I'd call you" to
    the customer looks back at an earlier promise.
    """
    if cue.second_person:
        return None
    if cue.lang == "en":
        return _english_frame(folded, sentence, cue)
    return _chinese_frame(folded, sentence, cue)
