"""Commitment cues: the words by which an agent (or the team) commits to call back, follow up or
have the customer hold on — in Simplified/Traditional Chinese, Cantonese and English.

Patterns run over folded text (Simplified, lower case). A cue says only what kind of commitment a
phrase would be; guards.py decides whether it is one (not a question, not conditional, not past,
not the customer's own action). The customer may be "you" (a message to them) or, in the team's
own chat, "her", "the customer", "客户", "佢" (THEM, THEM_EN).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..models import PromiseKind
from .numbers import CN_DIGIT_CHARS

CueLang = Literal["zh", "en"]


class Cue(BaseModel):
    """One commitment phrase found in folded text."""

    model_config = ConfigDict(frozen=True)

    start: int
    end: int
    kind: PromiseKind
    lang: CueLang
    # needs_time: the phrase is a commitment only when a time is attached ("我告诉您" alone is not).
    needs_time: bool = False
    # self_timed: the phrase already says when it happens (imperative holds, "expect a call").
    self_contained: bool = False
    # receive: the customer is the grammatical subject ("you'll hear from us", "您会接到电话").
    receive: bool = False
    # send: the phrase sends something, which might be goods rather than news.
    send: bool = False
    # third_person: the customer is named in the third person ("call her back", "回复客户"), as agents
    # do in their team chat; in a message to the customer such a phrase is about someone else.
    third_person: bool = False
    # second_person: the phrase names the customer as "you" ("call you back", "给您回电").
    second_person: bool = False


_YOU = r"(?:您们|你们|您|你|妳|阁下|亲)"
# The customer in the third person, as agents speak of them among themselves ("给客户回电", "覆佢").
THEM = (
    r"(?:(?:这位|该|那位|呢位|嗰位|这个|呢个|嗰个)\s*)?"
    r"(?:(?<!其)(?:他|她)(?![们人])|佢(?!哋)|客户(?!端)|客人|顾客|买家|业主|车主|会员|对方|用户(?!名|中心|协议))"
)
_PARTY = rf"(?:{_YOU}|{THEM})"
_GIVE = r"(?:给|俾|畀|比)"
_DUR_START = rf"(?:\d|[{CN_DIGIT_CHARS}]|半|几|个把|个半|一下|下|阵|一阵|片刻|一会|多)"
# An amount of time follows: "给我五分钟", "等待10分钟" (but not "发给我一下").
_DUR_AHEAD = (
    rf"(?=\s*(?:(?:\d+|[{CN_DIGIT_CHARS}]+)(?:\s*(?:[-–—~]|到|至|或)\s*(?:\d+|[{CN_DIGIT_CHARS}]+))?|半|几|个把|个半|多)\s*(?:个\s*)?(?:半\s*)?(?:多\s*)?"
    r"(?:分钟|分|秒|小时|钟头|钟|刻钟|字|min|mins|minutes|sec|hour))"
)

_ZH_CALLBACK: tuple[tuple[str, dict[str, bool]], ...] = (
    (r"回\s*(?:个|一个|一通|通)?\s*电话?(?!脑|视|梯|池|器|子|商|费|影|量|压)", {}),
    (r"回拨", {}),
    (
        rf"(?:{_GIVE}|向|同|跟|和|与|帮)\s*{_PARTY}\s*(?:回|打|拨|致)\s*(?:个|一个|一通|通)?\s*(?:电话|电|复|信|消息|讯息|话|短信|过去|返)",
        {},
    ),
    (rf"(?:打|拨|致)\s*(?:个|一个|一通)?\s*电话\s*(?:{_GIVE}|过去{_GIVE}|返{_GIVE})\s*{_PARTY}", {}),
    # "打电话同你交代": a call in order to explain or settle something with the customer.
    (
        rf"(?:打|拨)\s*(?:个|一个|一通)?\s*电话\s*(?:同|跟|和|与)\s*{_PARTY}\s*(?:讲|说|倾|交代|解释|确认|沟通|汇报|联系|核对)",
        {},
    ),
    (rf"(?:打|拨)\s*(?:返|过去|回)?\s*{_GIVE}\s*{_PARTY}", {}),
    (rf"致电\s*{_YOU}?", {}),
    # (not "修复/恢复/挽回客户", where 复 and 回 belong to another word)
    (
        rf"(?<!重)(?:回复|答复|回应|(?<![修恢反往收退来挽召赎夺拿带寄送取买找])(?:复|回))\s*(?:返)?\s*{_PARTY}(?!的)",
        {},
    ),
    (
        rf"{_GIVE}\s*{_PARTY}\s*(?:一个|个)?\s*(?:回复|答复|回音|反馈|回馈|消息|信息|结果|通知|答案|说法|交代|更新|进展|进度|准信|"
        r"确切答复|明确答复|处理结果|处理方案|方案|满意的答复|满意答复|解释|电话|call)",
        {},
    ),
    (
        rf"(?<![的您你])(?<!给我)(?<!给我们)(?<!向我)(?<!跟我)(?:回复|答复|反馈)(?!{_YOU})(?![率时期])(?!\s*(?:我|我们|我哋))",
        {},
    ),
    (rf"(?:联系|联络|通知|告知|知会|通报|回访|答复|汇报|call)\s*(?:返)?\s*{_PARTY}", {}),
    (rf"(?:告诉|同步|更新)\s*{_YOU}", {"needs_time": True}),
    (rf"(?:与|和|跟|同)\s*{_YOU}\s*(?:联系|联络|沟通|确认|核实|核对|回复|汇报|交代|解释|讲|说|倾)", {}),
    # Said of the customer, "跟客户说" is telling, often a report ("跟客户说了…"); only contact verbs count.
    (rf"(?:与|和|跟|同)\s*{THEM}\s*(?:联系|联络|沟通|确认|核实|核对|回复|汇报|交代|解释)", {}),
    (
        rf"(?:发|发送|传|转发|转|邮寄|寄|交|推送|同步|反馈|汇报|提供|带|send)\s*(?:过去|过来|去|返|回)?\s*{_GIVE}\s*{_YOU}",
        {"send": True},
    ),
    # Handing over to a colleague ("转给他", "交给她") is not sending the customer anything.
    (
        rf"(?:发|发送|传|邮寄|寄|推送|反馈|汇报|提供|send)\s*(?:过去|去|返|回)?\s*{_GIVE}\s*{THEM}",
        {"send": True},
    ),
    (rf"{_GIVE}\s*{_PARTY}\s*(?:发|发送|传|寄|推送|汇报|提供|报告|转达|send)", {"send": True}),
    # "发个链接给您", "send份报价俾你", "email张invoice俾你": the object sits between verb and recipient.
    (
        rf"(?:发|发送|传|转发|send|email|e-mail|whatsapp|wechat|fax)\s*(?:返|过去)?\s*(?:一|个|份|张|封|条|啲|几|一份|一个|一张|一封)"
        rf"[^，,。!?;]{{0,30}}?(?:{_GIVE}|到)\s*{_PARTY}",
        {"send": True},
    ),
    (rf"话\s*(?:{_GIVE})?\s*{_PARTY}\s*知", {}),
    (rf"揾\s*(?:返)?\s*{_PARTY}", {}),
    # Code-mixed Cantonese/Mandarin: "我whatsapp你", "update返你", "pm你".
    (
        rf"(?<![a-z])(?:whatsapp|wechat|微信|message|msg|text|sms|pm|dm|email|e-mail|update|ping|inbox)\s*(?:返|翻|番)?\s*{_PARTY}",
        {},
    ),
    (
        r"(?:收到|接到|接听)\s*[^，,。!?;您你后]{0,14}?(?:回电|电话|来电|回复|答复|回访|联系|call)",
        {"receive": True},
    ),
    # The person named here is who acts ("让他联系"), not who is called: never a third-person recipient.
    (r"(?:会有|安排|让|派)\s*[^，,。!?;]{0,12}?(?:联系|致电|回电|打电话|回复|联络)", {"third_person": False}),
    (
        rf"(?:发|发送|传|推送|寄)\s*(?:到|至|去)?\s*{_PARTY}\s*(?:的)?\s*(?:邮箱|手机|微信|账号|账户|邮件|信箱|whatsapp|email)",
        {"send": True},
    ),
    (rf"{_GIVE}\s*(?:个|一个)?\s*(?:答复|回复|回覆|消息|电话|结果|准信)\s*{_PARTY}", {}),
)
_ZH_FOLLOW_UP: tuple[tuple[str, dict[str, bool]], ...] = (
    (r"跟进|回访|跟踪(?!号|单号|码|编号)|追踪(?!号|码|编号)|复查|跟返|追进", {}),
    (
        r"再\s*(?:次)?\s*(?:帮您|给您|为您|帮你|同你|帮)?\s*(?:确认|核实|检查|查看|看看|看一下|看下|关注|留意|了解|问问|问一下|睇下|睇睇|睇吓|check)",
        {"needs_time": True},
    ),
)
_ZH_HOLD: tuple[tuple[str, dict[str, bool]], ...] = (
    (r"(?<![带拿寄送买取])回来(?!了|咗|过)", {"needs_time": True}),
    (
        # "等一下我再打给您" means "later"; "请等一下" and "等一下，我查查" ask the customer to wait.
        r"稍等|稍候|请稍后|稍坐|等片刻|等等我?|稍待|(?:等一阵|等一会儿?|等阵|等一等|等一下)(?!\s*(?:我|再|先|就|会))",
        {"self_contained": True},
    ),
    (
        rf"(?:请|麻烦|劳烦|唔该)\s*(?:您|你)?\s*(?:再)?\s*等(?=\s*{_DUR_START}|\s*我)",
        {"self_contained": True},
    ),
    (rf"等\s*我(?=\s*(?:{_DUR_START}|check|查|睇|问|确认|核实|揾))", {"self_contained": True}),
    (r"别挂|不要挂|请勿挂|先别挂|唔好收线|唔好挂|别走开|唔好走开|stay\s+on", {"self_contained": True}),
    # "我查一下，大概两分钟": checking while the customer waits is a hold when it takes minutes.
    (
        r"(?<!等)(?:我|让我|我先|我这边|我们)\s*(?:先|马上|现在)?\s*(?:帮您|给您|为您|帮你|同你|帮|去)?\s*"
        r"(?:查|核实|确认|看|问|核查|查询|睇|check|了解|处理)(?:一下|下|查|一查|吓|清楚)?(?!完|到|好|了|过|清楚后)",
        {"needs_time": True, "self_contained": True},
    ),
    (
        r"(?:约|大约|大概|约莫)\s*需(?:要)?(?=\s*(?:\d+|[一二两三四五六七八九十半几]+)\s*(?:个\s*)?(?:分钟|秒))",
        {"self_contained": True},
    ),
    (rf"(?<![耐])等\s*(?:多|埋)?\s*{_DUR_AHEAD}", {"self_contained": True}),
    (rf"(?:耐心)?等(?:待|候){_DUR_AHEAD}", {"self_contained": True}),
    (rf"(?:{_GIVE}|容|让)\s*我\s*{_DUR_AHEAD}", {"self_contained": True}),
    (r"(?:马上|很快|即刻|一阵|等阵|稍后)\s*(?:就)?\s*回来", {"self_contained": True}),
    (
        rf"(?:我|我们)\s*(?:大概|大约|约)?\s*需要\s*(?=(?:\d|[{CN_DIGIT_CHARS}]|半)[^，,。]{{0,6}}?(?:分钟|秒|小时|钟))",
        {"self_contained": True},
    ),
)

_YOU_EN = r"(?:you|u|ya|y'all|you\s+guys)"
_CUSTOMER_NOUN_EN = (
    r"(?:customer|client|caller|guest|member|user|buyer|lady|gentleman|gent|guy|woman|man|cx|cust|account\s+holder|"
    r"policy\s*holder|tenant|patient|passenger|homeowner)"
)
# The customer in the third person, as agents speak of them in their team chat ("call her back").
THEM_EN = (
    rf"(?:him|her|them|(?:the|this|that|our|same|the\s+same)\s+{_CUSTOMER_NOUN_EN}|customer|client|"
    r"(?:mrs?|ms|miss|mr)\.?\s+[a-z]+)(?![a-z])"
)
_PARTY_EN = rf"(?:{_YOU_EN}|{THEM_EN})"
# "call Sarah back": a name between the verb and "back" (words that are not names are ruled out).
_NAMED_BACK = (
    r"(?:call|ring|phone)(?:ing)?\s+(?!(?:you|u|ya|it|back|me|us|them|him|her|the|this|that|a|an|my|our|in|on|at|to|again|"
    r"later|now|someone|anyone|everyone|somebody|anybody|everybody|first|right|straight|then|soon|today|tomorrow)(?![a-z]))"
    r"[a-z]+\s+back"
)
_EN_CALLBACK: tuple[tuple[str, dict[str, bool]], ...] = (
    # Passive: "the report will be emailed to you by 5pm".
    (
        rf"(?:be|been)\s+(?:e-?mailed|sent|texted|forwarded|messaged|shared)\s+(?:over\s+|across\s+)?(?:to\s+)?{_YOU_EN}",
        {"send": True},
    ),
    # "I'll confirm by 11", "we'll have an answer by Friday": reporting back at a stated time.
    (
        r"(?:confirm|have\s+(?:an?\s+|the\s+|some\s+)?(?:answer|update|news|results?|response|reply|decision|outcome))"
        r"(?=\s+(?:by|before|within|in\s+(?:\d|a|an|one|two|three|five|ten|fifteen|twenty|thirty|half)|at|tomorrow|today|this|first|later|shortly))",
        {"needs_time": True},
    ),
    (
        rf"call(?:s|ing|ed)?\s+{_PARTY_EN}(?:\s+back)?|(?:call|ring|phone)(?:ing)?\s+back|callback|{_NAMED_BACK}|(?:ring|phone|buzz)(?:s|es|ing)?\s+{_PARTY_EN}(?:\s+back)?",
        {},
    ),
    (
        rf"giv(?:e|ing)\s+{_PARTY_EN}\s+(?:a\s+|an\s+|the\s+|my\s+|our\s+)?(?:quick\s+|brief\s+|full\s+|final\s+)?"
        r"(?:call|ring|buzz|shout|callback|call\s+back|update|answer|response|reply|heads[- ]up|confirmation|decision|status)",
        {},
    ),
    (
        rf"(?:text|message|msg|email|e-mail|ping|dm|sms|whatsapp|contact|update|inform|notify|advise|brief|reach|write)(?:s|es|ing)?\s+(?:to\s+)?{_PARTY_EN}(?![a-z])",
        {},
    ),
    (
        rf"(?:get|gets|getting|come|comes|coming|be)\s+(?:right\s+)?back\s+(?:to|with)\s+{_PARTY_EN}|(?:be|get|gets|come)\s+back\s+with\s+(?:an?\s+|the\s+|some\s+)?(?:update|answer|news|result|response|reply)|(?:get|getting)\s+(?:right\s+)?back(?=\s*(?:$|[,.!;]|\s+(?:in|within|by|before|at|shortly|soon|asap|today|tomorrow|first|later|this)))",
        {},
    ),
    (rf"revert(?:ing)?(?:\s+back)?(?:\s+to\s+{_PARTY_EN})?", {}),
    (
        rf"(?:respond|reply|answer)(?:ing)?(?:\s+(?:to|back\s+to)\s+{_PARTY_EN})?(?!\s+(?:to\s+)?(?:us|me|this|the|our|my))",
        {},
    ),
    (
        rf"keep(?:ing)?\s+{_PARTY_EN}\s+(?:posted|updated|informed|in\s+the\s+loop|in\s+the\s+know|up\s+to\s+date)",
        {},
    ),
    (rf"let(?:ting)?\s+{_PARTY_EN}\s+know", {}),
    (
        rf"send(?:ing)?\s+(?:{_PARTY_EN}|it|them|this|that|over|across|through|along|out|the|a|an|your|my|our|off)(?![a-z])"
        rf"|e-?mail(?:ing)?\s+(?:it|them|this|that|the|a|an|your|over)(?![a-z])|forward(?:ing)?\s+[^.,;!?]{{0,30}}?\s*to\s+{_PARTY_EN}",
        {"send": True},
    ),
    (
        rf"(?:be|get|getting)\s+in\s+touch(?:\s+with\s+{_PARTY_EN})?|reach(?:ing)?\s+out(?:\s+to\s+{_PARTY_EN})?|circle\s+back(?:\s+(?:to|with)\s+{_PARTY_EN})?",
        {},
    ),
    (
        rf"drop\s+{_PARTY_EN}\s+an?\s+(?:line|note|message|email|text|msg)|shoot\s+{_PARTY_EN}\s+an?\s+(?:email|message|text|note)",
        {},
    ),
    (
        rf"have\s+(?:an?\s+|the\s+|some\s+)?(?:answer|update|news|results?|response|reply|decision|resolution|outcome|feedback|info|information)\s+(?:for|to)\s+{_PARTY_EN}",
        {},
    ),
    (
        rf"get\s+{_PARTY_EN}\s+(?:an?\s+|the\s+|some\s+)?(?:answer|update|response|reply|decision|details|info|information|results?|news|outcome)",
        {},
    ),
    (rf"try(?:ing)?\s+{_PARTY_EN}\s+(?:again|back)", {}),
    # Team chat: "promised her an update by 5" is the promise itself, made just now.
    (
        rf"(?:promised|owe|owes)\s+{THEM_EN}\s+(?:an?\s+|the\s+|some\s+)?(?:quick\s+|full\s+|proper\s+)?"
        r"(?:update|answer|reply|response|decision|call|ring|callback|call\s+back|call-back|email|text|confirmation|quote)(?![a-z])",
        {"self_contained": True},
    ),
    (
        rf"(?:talk|speak|chat)(?:ing)?\s+(?:to|with)\s+{_PARTY_EN}",
        {"needs_time": True, "self_contained": True},
    ),
    (
        r"hear\s+(?:back\s+)?from\s+(?:me|us|him|her|them|our|the|an?|someone|somebody|one\s+of|my)",
        {"receive": True},
    ),
    (
        r"(?:receive|get)\s+(?:a\s+|an\s+|the\s+)?(?:phone\s+call|call|callback|call-back|call\s+back|reply|response|answer|update|email|message|text)(?![a-z])",
        {"receive": True},
    ),
    (
        r"expect\s+(?:to\s+hear|(?:a\s+|an\s+|my\s+|our\s+|the\s+|his\s+|her\s+|their\s+)?(?:phone\s+call|call|callback|call-back|reply|response|answer|update|email|message|text))(?![a-z])",
        {"receive": True, "self_contained": True},
    ),
)
_EN_FOLLOW_UP: tuple[tuple[str, dict[str, bool]], ...] = (
    (
        r"(?:re-?check|double[- ]check|check(?:ing)?\s+(?:again|once\s+more)|look\s+(?:again|into\s+it\s+again)|"
        r"check(?:ing)?(?=[^.;!?]{0,30}?(?<![a-z])(?:that|whether|if)(?![a-z])))",
        {"needs_time": True},
    ),
    (r"follow(?:ing)?[- ]?up|check(?:ing)?\s+(?:back\s+)?in|check\s+back|touch(?:ing)?\s+base", {}),
    (
        rf"check\s+(?:up\s+)?on\s+(?:{_PARTY_EN}|how|things|the\s+(?:fix|repair|issue|problem|connection|service|line|device))|see\s+how\s+(?:it'?s|it\s+is|things\s+are|everything\s+is|you\s+are|you'?re)",
        {},
    ),
)
_EN_HOLD: tuple[tuple[str, dict[str, bool]], ...] = (
    (
        r"(?:i'?ll|i\s+will|i'?m\s+going\s+to|we'?ll)\s+be(?=\s+(?:about\s+|around\s+|just\s+|only\s+|another\s+)?"
        r"(?:\d|a\s+few|a\s+couple|one|two|three|four|five|ten|fifteen|twenty)[^.,;!?]{0,10}?(?:minute|min|sec)s?(?![a-z]))",
        {"self_contained": True},
    ),
    (
        r"let\s+me\s+(?:just\s+|quickly\s+)?(?:check|look|see|verify|confirm|find\s+out|pull|dig|investigate|have\s+a\s+look)",
        {"needs_time": True, "self_contained": True},
    ),
    (
        r"give\s+me(?=\s+(?:\d|a\s+(?:sec|second|moment|minute|min|few|couple|bit|tick|mo)|one\s+|two\s+|three\s+|five\s+|ten\s+|fifteen\s+|"
        r"twenty\s+|thirty\s+|half|just|some|about|around|another|like|maybe|roughly|up\s+to|a\s+quarter|an\s+hour|few))",
        {"self_contained": True},
    ),
    (
        r"allow\s+me(?=\s+(?:\d|a\s+|an\s+|one|two|three|five|ten|fifteen|twenty|thirty|half|some|about|around|up\s+to|few))",
        {"self_contained": True},
    ),
    (
        r"bear\s+with\s+(?:me|us)|hold\s+on|hang\s+on|hang\s+tight|sit\s+tight|hold\s+tight|stay\s+on\s+the\s+line|hold\s+the\s+line|please\s+hold",
        {"self_contained": True},
    ),
    (
        r"(?:hold|wait)(?:ing)?(?=\s+(?:for\s+)?(?:\d|a\s+(?:sec|second|moment|minute|min|few|couple|bit|tick)|one\s+|two\s+|three\s+|five\s+|ten\s+|half|just|while|a\s+little|about|around|up\s+to))",
        {"self_contained": True},
    ),
    (
        r"please\s+wait|kindly\s+wait|wait\s+(?:here|on\s+the\s+line|a\s+moment|please)",
        {"self_contained": True},
    ),
    (
        r"(?:one|just\s+a|a|one\s+more)\s+(?:moment|sec|second|minute|min|tick|mo)(?=\s*(?:please|$|[,.!]|while|as|and))",
        {"self_contained": True},
    ),
    (
        r"(?:be|i'?ll\s+be)\s+(?:right\s+)?back(?!\s+(?:to|in\s+touch|with\s+(?:an?|the|some)))|brb",
        {"self_contained": True},
    ),
    (r"be\s+with\s+you(?=\s+(?:in|within|shortly|momentarily|soon|again|right))", {"self_contained": True}),
    (
        r"(?<!you\s)(?<!\su\s)(?<!get\s)(?<!it\s)(?<!them\s)(?<!\sus\s)(?<!\sme\s)back(?=\s+in\s+(?:\d|a\s+|one|two|three|five|ten|fifteen|twenty|thirty|half|about|around|just|under|less))",
        {"self_contained": True},
    ),
    (r"put(?:ting)?\s+you\s+on\s+(?:a\s+(?:brief|short|quick)\s+)?hold", {"self_contained": True}),
    (
        r"(?:i|we)\s+(?:will\s+|'ll\s+)?need(?=\s+(?:about\s+|around\s+|roughly\s+|maybe\s+|another\s+|up\s+to\s+)?(?:\d|a\s+few|a\s+couple|one|two|three|five|ten|fifteen|twenty|thirty|half)[^.,;!?]{0,14}?(?:minute|min|sec|hour)s?\s+(?:to|for|while))",
        {"self_contained": True},
    ),
)


def _compile(
    table: tuple[tuple[str, dict[str, bool]], ...],
) -> tuple[tuple[re.Pattern[str], dict[str, bool]], ...]:
    return tuple((re.compile(p), flags) for p, flags in table)


def _en(table: tuple[tuple[str, dict[str, bool]], ...]) -> tuple[tuple[str, dict[str, bool]], ...]:
    # English cues are whole words: "recall you" or "callbacks" must not match.
    return tuple((rf"(?<![a-z])(?:{p})(?![a-z])", flags) for p, flags in table)


_TABLES: tuple[tuple[PromiseKind, CueLang, tuple[tuple[re.Pattern[str], dict[str, bool]], ...]], ...] = (
    ("callback", "zh", _compile(_ZH_CALLBACK)),
    ("follow_up", "zh", _compile(_ZH_FOLLOW_UP)),
    ("hold", "zh", _compile(_ZH_HOLD)),
    ("callback", "en", _compile(_en(_EN_CALLBACK))),
    ("follow_up", "en", _compile(_en(_EN_FOLLOW_UP))),
    ("hold", "en", _compile(_en(_EN_HOLD))),
)
_CJK = re.compile(r"[\u3400-\u9fff]")
_SECOND_PERSON = re.compile(rf"[您你妳]|阁下|(?<![a-z]){_YOU_EN}(?![a-z])")
_THIRD_PERSON = re.compile(rf"{THEM}|(?<![a-z]){THEM_EN}|^{_NAMED_BACK}$")
_KIND_RANK = {"hold": 0, "follow_up": 1, "callback": 2}


def find_cues(folded: str) -> list[Cue]:
    """Every commitment cue in ``folded`` text, left to right, overlapping ones merged longest-first."""
    return list(_cached_cues(folded))


@lru_cache(maxsize=256)
def _cached_cues(folded: str) -> tuple[Cue, ...]:
    found: list[Cue] = []
    for kind, lang, table in _TABLES:
        for pattern, flags in table:
            for m in pattern.finditer(folded):
                if m.end() > m.start():
                    # An English phrase inside Chinese ("我聽日follow up下") follows Chinese grammar.
                    near = folded[max(0, m.start() - 6) : m.end() + 6]
                    here: CueLang = "zh" if lang == "en" and _CJK.search(near) else lang
                    said = m.group()
                    second = bool(_SECOND_PERSON.search(said))
                    third = flags.get("third_person", not second and bool(_THIRD_PERSON.search(said)))
                    rest = {k: v for k, v in flags.items() if k != "third_person"}
                    found.append(
                        Cue(
                            start=m.start(),
                            end=m.end(),
                            kind=kind,
                            lang=here,
                            second_person=second,
                            third_person=third,
                            **rest,
                        )
                    )
    found.sort(key=lambda c: (-(c.end - c.start), _KIND_RANK[c.kind], c.start))
    taken: list[Cue] = []
    for cue in found:
        if all(cue.end <= t.start or cue.start >= t.end for t in taken):
            taken.append(cue)
    taken.sort(key=lambda c: c.start)
    return tuple(taken)
