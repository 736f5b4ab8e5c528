"""Why a commitment phrase is not a promise: an offer put as a question, a condition, something
already done, the customer's own action, a negation, an automatic notice, or goods being shipped.

Each guard looks at folded text around one cue (its clause and sentence) and answers yes or no.
"""

from __future__ import annotations

import re

from .cues import THEM, THEM_EN, Cue
from .segment import Span

# ---------------------------------------------------------------- offers put as questions
_EN_OFFER = re.compile(
    r"(?<![a-z])(?:would\s+you\s+(?:like|prefer|want)|do\s+you\s+(?:want|need|prefer)|did\s+you\s+want|want\s+me\s+to|"
    r"shall\s+(?:i|we)|should\s+(?:i|we)|would\s+it\s+help|can\s+(?:i|we)|could\s+(?:i|we)|may\s+(?:i|we)|how\s+about|"
    r"what\s+if\s+(?:i|we)|is\s+it\s+(?:ok|okay|alright|all\s+right)\s+if|would\s+that\s+(?:work|help|be)|"
    r"if\s+you(?:'d|\s+would)?\s+(?:like|want|prefer|wish|need)|are\s+you\s+(?:ok|okay|happy|fine)\s+(?:with|if|for))(?![a-z])"
)
_EN_TAG_QUESTION = re.compile(
    r"(?:^|[,;]|\s)(?:ok|okay|alright|all\s+right|sound\s+good|sounds\s+good|good|right|yeah|fair|deal|works|"
    r"does\s+that\s+(?:work|sound\s+(?:ok|okay|good|alright))(?:\s+for\s+you)?|is\s+that\s+(?:ok|okay|alright|all\s+right|fine)"
    r"(?:\s+(?:with|for)\s+you)?|if\s+that'?s\s+(?:ok|okay|alright|fine)|if\s+that\s+works(?:\s+for\s+you)?)\s*[?!.]*\s*$"
)
_ZH_OFFER = re.compile(
    r"要不(?!要紧)|不如我|需要我|需不需要|要不要|要我|是否需要|用不用|用唔用|使唔使|要唔要|需唔需要|想不想|您看要|你看要|可不可以我|我可唔可以"
)
_ZH_TAG_QUESTION = re.compile(
    r"(?:好吗|可以吗|行吗|方便吗|好不好|可以不|行不行|得唔得|好唔好|可唔可以|ok吗|okay吗|ok嘛|好嘛|可以嘛|得吗|成吗|没问题吧|好吧|可以吧)\s*[?？]*\s*$"
)
_ZH_QUESTION_END = re.compile(r"(?:吗|么|嘛|呢|咩|未|冇|吖)?\s*[?？]\s*$|(?:吗|么|嘛|咩)\s*$")


# A later clause asking something of its own ("I'll call her back in 10, can you watch the queue?")
# leaves the statement before it a statement.
_EN_OWN_QUESTION = re.compile(
    r"\s*[,;:\-–—]\s*(?:and\s+|but\s+|so\s+)?(?:can|could|will|would|do|did|are|have)\s+"
    r"(?:you|u|anyone|someone|somebody)\s+(?!(?:like|prefer|want|rather|wish)(?![a-z]))"
)
_ZH_OWN_QUESTION = re.compile(
    r"\s*[，,;；]\s*(?:那|那么)?\s*(?:麻烦|唔该|请)?\s*(?:你|您)\s*(?:能|可以|可唔可以|能不能|帮|记得|收到|有冇|有没有)"
)


def is_offer_question(folded: str, sentence: Span, clause: Span, cue: Cue) -> bool:
    """An offer or a request for permission ("would you like me to call you back?", "需要我回电吗？")."""
    if cue.kind == "hold":
        return False
    before = folded[sentence.start : cue.start]
    whole = folded[sentence.start : sentence.end]
    later = folded[clause.end : sentence.end]
    if cue.lang == "en":
        if _EN_OFFER.search(before):
            return True
        if whole.rstrip().endswith("?"):
            return not (_EN_TAG_QUESTION.search(whole.rstrip()) or _EN_OWN_QUESTION.match(later))
        return False
    if _ZH_OFFER.search(before):
        return True
    tail = folded[clause.start : sentence.end]
    if _ZH_OWN_QUESTION.match(later):
        return False
    return bool(_ZH_QUESTION_END.search(tail) and not _ZH_TAG_QUESTION.search(tail))


# ---------------------------------------------------------------- conditions
_ZH_CONDITION = re.compile(
    r"如果|如若|假如|假若|假使|倘若|倘|若是|若果|若然|若|要是|万一|如有|如需|如仍|如还|如未|如再|如发现|的话|否则|不然"
)
# "如果您方便的话" / "如果您不介意" ask for consent; they do not make the promise conditional.
_ZH_POLITE_CONDITION = re.compile(
    r"(?:如果|假如|要是|若是|若)?[^，,。!?]{0,6}?(?:方便|介意|可以的话|允许|不打扰)[^，,。!?]{0,3}?(?:的话)?"
)
_EN_CONDITION = re.compile(
    r"(?<![a-z])(?:if|in\s+case|unless|otherwise|provided\s+that|assuming|should\s+(?:it|there|the|we|you|anything|this|that))(?![a-z])"
)
# "see if it worked", "check whether": an embedded question, not a condition.
_EN_EMBEDDED_IF = re.compile(
    r"(?<![a-z])(?:see|check|confirm|verify|ask|find\s+out|wonder|wondering|test|tell|determine|look|find|make\s+sure)"
    r"(?:\s+(?:again|back|with\s+you))?\s+if(?![a-z])"
)
_EN_POLITE_CONDITION = re.compile(
    r"(?<![a-z])if\s+(?:that'?s|that\s+is|it'?s|it\s+is)\s+(?:ok|okay|alright|all\s+right|fine|convenient)|if\s+that\s+(?:works|suits)|"
    r"if\s+(?:you\s+)?don'?t\s+mind|if\s+convenient|if\s+you\s+(?:could|can|would|will)\s+(?:please\s+)?(?:hold|wait|bear|give|allow|stay)|if\s+possible|if\s+at\s+all\s+possible|if\s+not\s+(?:sooner|earlier|before)"
)


def is_conditional(folded: str, sentence: Span, clause: Span, cue: Cue) -> bool:
    """The commitment hangs on a condition ("如果没货，我会给您打电话", "I'll call you if it's out of stock")."""
    if cue.lang == "zh":
        before = _ZH_POLITE_CONDITION.sub("，", folded[sentence.start : cue.start])
        return bool(_ZH_CONDITION.search(before))
    text = _EN_POLITE_CONDITION.sub(" ", folded[sentence.start : clause.end])
    text = _EN_EMBEDDED_IF.sub(" ", text)
    return bool(_EN_CONDITION.search(text))


# ---------------------------------------------------------------- already done, or reported
_ZH_PAST_VERB = re.compile(
    r"(?:回|打|拨|联系|联络|通知|告知|告诉|回复|答复|发|发送|跟进|回访|致电|回电|电话|说|讲|答应|承诺)\s*(?:了|过|咗)(?![解来去后之以])"
)
# The action already happened when the object is followed by a perfective: "回电给您了", "打咗俾你".
_ZH_DONE_AFTER = re.compile(r"^\s*(?:[给俾畀比]\s*)?(?:[您你]\s*)?(?:了|过|咗)(?![解来去])")
_ZH_CLAUSE_FINAL_DONE = re.compile(r"(?<![好到为除算罢])(?:了|咗)\s*[。!！.]*\s*$")
# Reported promises ("上次说好三天内答复") are about the past even when they name a future time.
_ZH_REPORTED = re.compile(
    r"说好|说过|答应过|承诺过|讲过|讲好|应承过|已于|已在|早已|约的是|约好|约定的|原定|上次约|之前约"
)
_ZH_PAST_ADVERB = re.compile(
    r"已经|已|刚才|刚刚|刚(?!好)|曾经|曾|早前|先前|上次|之前(?!\s*[给回联打])|说过|答应过|承诺过|讲过|说好"
)
_EN_PAST = re.compile(
    r"(?<![a-z])(?:already|earlier|yesterday|previously|last\s+(?:night|week|time)|ago|said|promised|told|mentioned|stated|"
    r"was\s+supposed|were\s+supposed|was\s+going|were\s+going|tried|called|phoned|rang|emailed|texted|messaged|sent|"
    r"contacted|replied|responded|followed|had|did|didn't|have\s+(?:called|sent|emailed|followed|contacted|replied|been)|"
    r"i'?ve|we'?ve|has\s+(?:called|sent|contacted))(?![a-z])"
)


# Arranging a future call is not a past call: "I've asked the engineer to call you", "已安排专人联系您".
_EN_ARRANGED = re.compile(
    r"(?:(?:i|we)(?:'ve|\s+have)\s+)?(?:asked|arranged\s+for|booked|scheduled|requested|instructed|told|escalated\s+(?:this|it)\s+to)"
    r"(?:\s+[a-z']+){0,4}?\s+to(?![a-z])"
)
_ZH_ARRANGED = re.compile(
    r"已经?\s*(?:为您|帮您|给您|替您)?\s*(?:安排|通知|转告|转交|交代|嘱咐|提交|反馈给|升级给|预约|登记)"
)


def is_past(folded: str, clause: Span, cue: Cue, *, has_future_time: bool) -> bool:
    """The phrase reports something done or said before ("我已经给您回过电话", "I said I'd call you")."""
    before = folded[clause.start : cue.start]
    if cue.lang == "en":
        return bool(_EN_PAST.search(_EN_ARRANGED.sub(" will ", before)))
    around = folded[clause.start : min(clause.end, cue.end + 2)]
    after = folded[cue.end : clause.end]
    if _ZH_PAST_VERB.search(around) or _ZH_DONE_AFTER.search(after) or _ZH_REPORTED.search(before):
        return True
    adverb = _ZH_PAST_ADVERB.search(_ZH_ARRANGED.sub("会安排", before))
    if adverb and _ZH_CLAUSE_FINAL_DONE.search(after):
        return True
    if has_future_time:
        return False
    return bool(adverb)


# ---------------------------------------------------------------- the customer's own action
_ZH_CUSTOMER = re.compile(
    r"请您|请你|(?<![申邀聘宴提])请(?!放心|稍|您稍|你稍|等|耐心|留意|注意|保持)|麻烦您|麻烦你|烦请|劳烦|您需要|你需要|您要|你要|您须|您必须|你必须|"
    r"您可以|你可以|您只需|您只要|您尽快|您在|你在|需要您|建议您|您最好|记得|务必|您得|你得|您还需|您能否|您可否|"
    r"您方便|您有空|你有空|唔该你|你可以|您再|你再"
)
_ZH_TEAM = re.compile(
    # "给我们回个电话": 我们 as the object is still the customer acting.
    r"(?<![给跟向和与同找问帮对把被让联系])(?:我|咱)|工程师|同事|专员|技术|客服|师傅|专人|团队|部门|售后|人员|主管|经理|负责人|公司|小组|组长|店长|有人|专家"
)
_EN_SUBJECT = re.compile(
    r"(?<![a-z])(?P<subj>you|i|we|someone|somebody|he|she|they|it|team|engineer|technician|manager|supervisor|colleague|agent|"
    r"specialist|department|courier|store|rep|representative|[a-z]+)\s*(?:'ll|'d|will|shall|can|should|is|are|am|'m|'re|'s|"
    r"would|must|need|needs|have|has|going|gonna|plan|plans|want|wants)(?![a-z])"
)


_ZH_CUSTOMER_SUBJECT = re.compile(r"\s*(?:那|那么|好的|这样|然后)?\s*[您你](?!的|们的|那边的)")


def _last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = list(pattern.finditer(text))
    return found[-1] if found else None


# The customer named in the third person as the one acting ("客户说晚点回电", "she'll call back").
_ZH_CUSTOMER_NOUN = r"(?:这位|该|那位|呢位|嗰位)?(?:客户(?!端)|客人|顾客|买家|对方)"
_ZH_HE_SHE = r"(?<!其)(?:他|她)(?![们人])|佢(?!哋)"
# ...unless that word is the object of a preposition or a verb ("跟客户说", "给他回电", "答应佢").
_ZH_OBJECT_OF = r"(?<![跟同和给向对帮替让叫应诉知系与俾畀比话讲说找问把被])"
_ZH_THIRD_SUBJECT = re.compile(rf"{_ZH_OBJECT_OF}(?:(?P<noun>{_ZH_CUSTOMER_NOUN})|{_ZH_HE_SHE})")
_EN_CUSTOMER_WORDS = (
    "customer",
    "client",
    "caller",
    "guest",
    "member",
    "user",
    "buyer",
    "lady",
    "gentleman",
    "guy",
    "cx",
    "cust",
)
_EN_CUSTOMER_NOUN = rf"(?:{'|'.join(_EN_CUSTOMER_WORDS)})"
_EN_CUSTOMER_SUBJECTS = frozenset(_EN_CUSTOMER_WORDS)
_SECOND_PERSON = re.compile(r"[您你]|(?<![a-z])(?:you|your|u)(?![a-z])")
# A colleague named earlier in the sentence is who "he"/"she" is ("our engineer… he'll call back").
_TEAM_NOUN = re.compile(
    r"工程师|同事|专员|技术|客服|师傅|专人|团队|部门|售后|主管|经理|负责人|组长|店长|专家|"
    r"(?<![a-z])(?:colleague|engineer|technician|tech|manager|supervisor|specialist|team|agent|rep|department|lead)(?![a-z])"
)


# "asked him to call back": the customer was asked to act.
_EN_BID = re.compile(
    rf"(?<![a-z])(?:asked|told|tell|ask|requested|reminded|remind|advised|want|wants|wanted|need|needs|needed|got)\s+{THEM_EN}\s+to\s*$"
)


# "客户要求我们十分钟内回电", "she wants us to call her back at 3": asked for, not yet promised.
_REQUESTED = re.compile(
    rf"(?:{_ZH_CUSTOMER_NOUN}|{_ZH_HE_SHE})\s*(?:一直|再|又|还)?\s*(?:要求|希望|想|想要|要|让|叫|催|请|坚持)\s*(?:我们|我哋|我|咱们)(?!的)"
    rf"|(?<![a-z])(?:{_EN_CUSTOMER_NOUN}|he|she)\s+(?:asked|asks|wants|wanted|requested|requests|needs|needed|insists|insisted|demanded|demands)"
    r"\s+(?:us|me|that\s+(?:we|i))(?![a-z])"
)


def _third_person_actor(folded: str, sentence: Span, clause: Span, cue: Cue) -> bool:
    """A bare callback ("回电", "call back") whose subject is the customer in the third person, or
    one the customer asked for ("客户要求我们…回电")."""
    before = folded[clause.start : cue.start]
    earlier = folded[sentence.start : clause.start]
    if _REQUESTED.search(before):
        return True
    if cue.second_person or cue.third_person or cue.receive or cue.kind != "callback":
        return False
    if cue.lang == "zh":
        found = _last_match(_ZH_THIRD_SUBJECT, before)
        if found is None or _ZH_TEAM.search(before[found.end() :]):
            return False
        if found.group("noun"):
            return True
        return not _SECOND_PERSON.search(folded) and not _TEAM_NOUN.search(earlier + before[: found.start()])
    if _EN_BID.search(before):
        return True
    subjects = list(_EN_SUBJECT.finditer(before))
    if not subjects:
        return False
    subject = subjects[-1].group("subj")
    if subject in _EN_CUSTOMER_SUBJECTS:
        return True
    if subject not in ("he", "she"):
        return False
    return not _SECOND_PERSON.search(folded) and not _TEAM_NOUN.search(earlier + before)


def is_customer_action(folded: str, clause: Span, cue: Cue, sentence: Span | None = None) -> bool:
    """The customer is the one to act ("请您30分钟内回复", "you'll need to reply within 24 hours",
    "客户说晚点回电")."""
    if cue.kind == "hold":
        return False
    if _third_person_actor(folded, sentence or clause, clause, cue):
        return True
    matched = folded[cue.start : cue.end]
    before = folded[clause.start : cue.start]
    if cue.lang == "zh":
        if cue.receive:
            # "我们收到您的回复后": the customer's reply, not ours.
            return bool(re.search(r"[您你]", matched))
        if re.match(r"(?:会有|安排|让|派)", matched):
            # "让您联系" and "让客户回电" bid the customer act; "让他联系您" sends a colleague to them.
            head = matched[:-2]
            if re.search(r"(?<![与和跟同给向帮对为俾畀比替])[您你][^联致回打]*$", head):
                return True
            if re.search(rf"(?<![与和跟同给向帮对为俾畀比替]){THEM}[^联致回打给跟同向]*$", head):
                return not re.match(r"\s*[您你]", folded[cue.end : cue.end + 3])
        last = _last_match(_ZH_CUSTOMER, before)
        if last is None and not re.search(r"[您你]", matched):
            # "您明天十点前回复": the customer is the subject of a bare verb.
            opening = _ZH_CUSTOMER_SUBJECT.match(before)
            if opening and not _ZH_TEAM.search(before[opening.end() :]):
                return True
        if last is None:
            # "您回复" is the customer replying; "同你/帮您/给您 + verb" is the agent acting for them.
            return bool(re.search(r"(?<![同跟和与给向帮对为俾畀比替])[您你]\s*$", before))
        return not _ZH_TEAM.search(before[last.end() :])
    subjects = list(_EN_SUBJECT.finditer(before))
    if not subjects:
        return False
    subject = subjects[-1].group("subj")
    return subject == "you" and not cue.receive


_EN_CUSTOMER = re.compile(
    r"(?<![a-z])(?:(?:you|your)\s+(?:need|must|have\s+to|should|can|will\s+need|'ll\s+need|may)|please(?!\s+(?:hold|wait|bear|allow|give\s+me))|"
    r"make\s+sure\s+you|remember\s+to|be\s+sure\s+to)(?![a-z])"
)


def is_customer_clause(folded: str, clause: Span) -> bool:
    """The clause tells the customer what to do; its time words are the customer's deadline."""
    text = folded[clause.start : clause.end]
    last = _last_match(_ZH_CUSTOMER, text)
    if last is not None and not _ZH_TEAM.search(text[last.end() :]):
        return True
    return bool(_EN_CUSTOMER.search(text))


_HABITUAL = re.compile(
    r"一般|通常|正常情况下|正常来说|一般来说|一般情况下|往往|平时|通常情况下|"
    r"(?<![a-z])(?:usually|typically|normally|generally|tend\s+to|as\s+a\s+rule|on\s+average)(?![a-z])"
)


def is_habitual(folded: str, clause: Span, cue: Cue) -> bool:
    """How things usually go ("我们一般24小时内回复", "they usually respond within a day") is policy."""
    return bool(_HABITUAL.search(folded[clause.start : cue.start]))


# ---------------------------------------------------------------- negation
_ZH_NEGATION = re.compile(
    r"不会|不能|无法|没法|没办法|不用|不必|无需|无须|不需要|未能|唔会|唔使|唔驶|冇办法|不再|别|勿|不要|没有|还没|尚未|暂不|暂时不"
)
_ZH_NOT_NEGATION = re.compile(
    r"没问题|没关系|不用担心|别担心|别着急|别急|不要着急|不用着急|不着急|唔使急|唔好急|唔使担心|不好意思|不客气|不要紧|没事|不便|不耽误|不然|不超过|不迟于|不晚于|不久|不停|不断|不妨|"
    r"不好|不满|不对|不正常|不了|不少|不错|不但|不仅|不管|不论"
)
_EN_NEGATION = re.compile(
    r"(?<![a-z])(?:not|never|unable|cannot|no\s+longer|won't|wont|can't|cant|don't|didn't|isn't|aren't)(?![a-z])|n't(?![a-z])"
)
_EN_NOT_NEGATION = re.compile(
    r"(?<![a-z])(?:don'?t\s+worry|no\s+worries|not\s+a\s+problem|no\s+problem|don'?t\s+hesitate|doesn'?t\s+matter|not\s+long|"
    r"no\s+later\s+than|not\s+later\s+than|no\s+more\s+than|not\s+more\s+than|if\s+not\s+(?:sooner|earlier|before)|"
    r"not\s+to\s+worry|whether\s+or\s+not)(?![a-z])"
)


def is_negated(folded: str, clause: Span, cue: Cue) -> bool:
    """The commitment is denied ("我暂时无法给您回电", "I won't be able to call you")."""
    before = folded[clause.start : cue.start]
    if cue.lang == "zh":
        return bool(_ZH_NEGATION.search(_ZH_NOT_NEGATION.sub("", before)))
    return bool(_EN_NEGATION.search(_EN_NOT_NEGATION.sub(" ", before)))


# ---------------------------------------------------------------- automatic notices, shipped goods
_AUTOMATED = re.compile(r"系统|自动|短信通知|(?<![a-z])(?:automatic(?:ally)?|automated|system|auto)(?![a-z])")
_GOODS = re.compile(
    r"货(?!单|款)|商品|产品|包裹|快递(?!单)|新机|换货|补发|配件|赠品|礼品|样品|机器|设备|"
    r"(?<![a-z])(?:replacement|package|parcel|item|items|product|goods|device|unit|refund|money|technician|engineer|courier|"
    r"driver|someone|somebody|new\s+one|order|shipment|delivery|box|card|it\s+out|them\s+out|out)(?![a-z])(?!'s)"
    # ...unless what is sent is a document about it: "the order confirmation", "the refund receipt".
    r"(?!\s+(?:confirmation|number|details|receipt|link|info|information|summary|form|status|update|reference|id|code|label|invoice|email|statement))"
)


# The carrier as a party, not its paperwork: "快递单号发给您", "the delivery details" are news from us.
_PAPERWORK = r"(?!\s*(?:单|号|信息|详情|进度|状态|情况|记录|截图|凭证))"
_PAPERWORK_EN = r"(?!\s+(?:details|number|no|info|information|update|slot|date|time|note|reference|status|confirmation|tracking))"
_CARRIER = re.compile(
    rf"(?:快递|速递|物流|顺丰){_PAPERWORK}|派送员|配送员|送货员|司机|邮差|承运|"
    rf"(?<![a-z])(?:courier|carrier|driver|delivery|postman|postal|dhl|ups|fedex|usps)(?![a-z]){_PAPERWORK_EN}"
)


_THING_ARRIVING = re.compile(
    r"(?<![a-z])(?:card|parcel|package|order|refund|item|replacement|delivery|shipment|product|device|letter|cheque|check|"
    r"money|funds|it|goods|invoice|statement|bill)(?![a-z])"
)


def is_automated(folded: str, clause: Span, cue: Cue) -> bool:
    """A notice the system sends by itself, the carrier's call, or a thing that "will reach you": not a commitment."""
    before = folded[clause.start : cue.start]
    if cue.lang == "en" and folded.startswith("reach", cue.start) and _THING_ARRIVING.search(before):
        return True
    return bool(_AUTOMATED.search(folded[clause.start : cue.end]) or _CARRIER.search(before))


def sends_goods(folded: str, clause: Span, cue: Cue) -> bool:
    """ "Send" with goods as its object is a delivery, not news for the customer."""
    if not cue.send:
        return False
    if cue.lang == "zh":
        ba = folded.rfind("把", clause.start, cue.start)
        obj = folded[ba + 1 : cue.start] if ba >= 0 else folded[clause.start : cue.start]
        matched = folded[cue.start : cue.end]
        if "寄" in matched and not re.search(r"邮箱|信箱|邮件|email", matched):
            return True  # posted, so a parcel or a paper, not news
        return bool(_GOODS.search(obj + folded[cue.end : min(clause.end, cue.end + 8)]))
    after = folded[cue.start : min(clause.end, cue.end + 25)]
    # In the passive ("the replacement will be sent to you") the goods are the subject.
    subject = (
        folded[clause.start : cue.start] if re.match(r"be(?:en)?\s", folded[cue.start : cue.end]) else ""
    )
    return bool(_GOODS.search(subject + " " + after))


# ---------------------------------------------------------------- waiting that is the customer's own step
_CUSTOMER_STEPS = re.compile(
    r"重启|重新|关机|开机|断电|通电|拔掉|拔下|插上|点击|刷新|登录|登陆|卸载|安装|再试|重试|充电|"
    r"(?<![a-z])(?:try|trying|restart|restarting|reboot|rebooting|unplug|plug|switch|turn|press|click|tap|log|reset|refresh|"
    r"reinstall|install|charge|power|retry|attempt)(?![a-z])"
)


def is_customer_wait(folded: str, sentence: Span, cue: Cue) -> bool:
    """ "Restart it and wait 5 minutes": the customer waits between their own steps; no one is holding."""
    if cue.kind != "hold":
        return False
    if re.search(
        r"(?<![a-z])(?:me|us)(?![a-z])|我|while|whilst|查|核实|确认|check",
        folded[sentence.start : sentence.end],
    ):
        return False
    return bool(_CUSTOMER_STEPS.search(folded[sentence.start : sentence.end]))


# ---------------------------------------------------------------- English needs a future
_EN_FUTURE = re.compile(
    r"(?<![a-z])(?:will|shall|going\s+to|gonna|let\s+me|let\s+us|can|plan\s+to|planning\s+to|promise\s+to|aim\s+to|intend\s+to|"
    r"want\s+to|like\s+to|happy\s+to|glad\s+to|make\s+sure\s+(?:to|i|we)|be\s+sure\s+to|try\s+to|hope\s+to|expect\s+to|"
    r"need\s+to|have\s+to|must|should|about\s+to|arrange\s+for|(?:asked|arranged\s+for|booked|scheduled|requested|instructed)(?:\s+[a-z']+){0,4}?\s+to|get\s+(?:someone|somebody|an?|the|our|my)|have\s+(?:someone|somebody|an?|the|our|my))(?![a-z])"
    r"|'ll(?![a-z])|let's(?![a-z])"
)
_EN_PROGRESSIVE = re.compile(r"(?:(?<![a-z])(?:am|are|is|be)|'m|'re|'s)\s+(?:[a-z]+\s+)?$")


# Team-chat shorthand drops the subject: "calling her back in 10", "ok, ringing him at 3".
_EN_BARE_START = re.compile(
    r"(?:^|[,;:\-–—]|(?<![a-z])(?:and|so|ok|okay|k|sure|yep|np))\s*(?:(?:just|now|then|also)\s+)*$"
)


def has_english_future(
    folded: str, sentence: Span, cue: Cue, *, clause: Span | None = None, has_future_time: bool = False
) -> bool:
    """English commitments need a future: "I'll call you", "an engineer will call", "let me get back to you",
    or a subjectless "-ing" with a time ahead ("calling her back in 10")."""
    if cue.self_contained:
        return True
    before = folded[max(sentence.start, cue.start - 90) : cue.start]
    if _EN_FUTURE.search(before):
        return True
    first_word = folded[cue.start : cue.end].split(" ", 1)[0]
    if not first_word.endswith("ing"):
        return False
    if _EN_PROGRESSIVE.search(before):
        return True
    start = clause.start if clause is not None else sentence.start
    return has_future_time and bool(_EN_BARE_START.search(folded[start : cue.start]))


# ---------------------------------------------------------------- Chinese untimed commitments need a future
_ZH_FUTURE = re.compile(
    r"会|将|再|稍后|稍晚|晚些|马上|立刻|立即|即刻|尽快|尽早|一定|随后|之后|以后|回头|到时|届时|安排|第一时间|及时|负责|准备|争取|保证|"
    r"承诺|确保|尽量|肯定|一有|有消息|有结果|有进展|有新|有任何|后|等|就|要|去|来|继续|持续|随时|阵间|迟啲|晏啲|稍候|一阵|帮|为您|为你"
)


def has_chinese_future(folded: str, clause: Span, cue: Cue) -> bool:
    """Without a time, a Chinese phrase commits only with a future word ("我会联系您", "有结果马上通知您")."""
    if cue.self_contained:
        return True
    return bool(_ZH_FUTURE.search(folded[clause.start : cue.start]))


# ---------------------------------------------------------------- follow-up purpose
_ZH_OUTCOME = re.compile(
    r"(?:是否|有没有|有冇|是不是|系咪|看看|看下|看一下|睇下|睇吓|确认|检查|了解|问问)[^,，。!?;]{0,14}?"
    r"(?:解决|恢复|正常|好了|修好|到账|到帐|入账|入帐|生效|收到|成功|顺利|处理好|搞定|满意|还有问题|仍有问题|没问题|冇问题|可以用|能用|用得|稳定|到货|收货(?!地址|人|信息|电话)|修复|好返|得唔得|好咗|掂)|看看(?:情况|效果|使用情况)"
)
_EN_OUTCOME = re.compile(
    r"(?<![a-z])how\s+(?:it'?s|it\s+is|things\s+are|everything\s+is|you'?re\s+getting\s+on)\s+(?:going|working)(?![a-z])|"
    r"(?<![a-z])(?:make\s+sure|ensure|see|check|confirm|verify)(?![a-z])[^.;!?]{0,50}?"
    r"(?:working|works|worked|fixed|resolved|sorted|solved|fine|okay|ok|went\s+through|gone\s+through|arrived|received|normal|running|"
    r"stable|cleared|credited|reflected|showing|shows\s+up|show\s+up|showed\s+up|posted|active|restored|back\s+(?:up|online|on)|better|holding|"
    r"persist|happy|satisfied|(?:taken|take|takes|took)\s+effect|in\s+effect|landed|come\s+through|applied|updated)(?![a-z])"
)


def has_outcome_check(folded: str, region: Span) -> bool:
    """The words say the point is to check that the fix worked (a follow-up, not a mere call)."""
    text = folded[region.start : region.end]
    return bool(_ZH_OUTCOME.search(text) or _EN_OUTCOME.search(text))
