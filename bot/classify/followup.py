"""Does a message cite a promise with a deadline that has passed? ("you said you'd call back
within 48 hours, it's day four", "你們說今天下午五點前會回覆我，現在已經六點半了").

Following up an unkept promise is `chasing` (taxonomy), and the words for it are spread over
the sentence: who said it, by when, and that it still has not happened. Cue lists see the
pieces one by one; this sees them in order. Works on folded text (lower case, Simplified).
"""

from __future__ import annotations

import re

_SAID = re.compile(
    r"说好|讲好|答应|承诺|保证|说过|说|讲|话"
    r"|\b(?:said|told me|told us|promised|assured|was told|were told)\b"
)
# A deadline must follow the promise closely: "说48小时内…", "told me … would call me back within
# 48 hrs". English spends about twice the characters on it.
_DEADLINE_REACH = 24
_DEADLINE_REACH_EN = 48
_DEADLINE = re.compile(
    r"今天|今日|今晚|明天|明早|听日|下午|上午|早上|晚上|这周|这礼拜|这个礼拜|本周|下周"
    r"|周[一二三四五六日]|礼拜[一二三四五六日天]|星期[一二三四五六日天]|隔天|马上|即刻|尽快|月底"
    r"|\d+\s*(?:个)?(?:小时|分钟|天|日|个工作日|工作日|工作天|hrs?|hours?|days?|mins?|minutes?|business days?)"
    r"|[一二两三四五六七八九十]+(?:个)?(?:小时|天|日|个工作日|工作日|工作天)"
    r"|\b(?:within|by|before) (?:the )?(?:end|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|tomorrow|today|tonight|noon|\d)"
    r"|\bfirst thing\b|\btomorrow\b|\btoday\b|\btonight\b|\bthis (?:week|morning|afternoon|evening)\b"
    r"|\bnext (?:day|week)\b|\bon (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)
_STILL = re.compile(
    r"现在|而家|到现在|还是|还没|还在|仍|都没|未见|未有|冇|又|至今"
    r"|still|\bnow\b|\bit'?s (?:been|now|friday|monday|tuesday|wednesday|thursday|saturday|sunday|\d)"
    r"|\byet\b|\bagain\b|nothing|no sign|never|nobody|no one"
)
# A delivery estimate that slipped ("说三天到", "话今日送货", "次日达") is a first complaint
# about lateness, not a follow-up of something an agent undertook to do.
_ARRIVAL = re.compile(r"送到|送货|到货|交货|天到|日到|会到|就到|达|\barriv|\bdeliver|\bship")


# Every match of _SAID holds one of these: most messages hold none, and testing for a few
# substrings costs a fraction of a regex scan (this runs on every message).
_SAID_ANCHORS = ("说", "讲", "答应", "承诺", "保证", "话", "said", "told", "promised", "assured")


def cites_unkept_promise(folded: str) -> bool:
    """True when someone is said to have promised something by a deadline that has passed."""
    if not any(anchor in folded for anchor in _SAID_ANCHORS):
        return False
    for said in _SAID.finditer(folded):
        reach = _DEADLINE_REACH_EN if said.group().isascii() else _DEADLINE_REACH
        deadline = _DEADLINE.search(folded, said.end(), said.end() + reach)
        if deadline is None:
            continue
        still = _STILL.search(folded, deadline.end())
        if still is not None and _ARRIVAL.search(folded, said.start(), still.start()) is None:
            return True
    return False
