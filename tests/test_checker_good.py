"""Replies that follow CLEAR pass the checker clean; the guards, the steps and the rewrites behave."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.checker import check_draft
from bot.classify import classify

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)

# (customer message, agent reply that follows CLEAR), ten per language.
GOOD_EN: list[tuple[str, str]] = [
    (
        "My order #5512 arrived with a cracked screen. This is unacceptable!",
        "I'm so sorry your order arrived with a cracked screen — I understand how disappointing that is after "
        "waiting for it. I've already arranged a free replacement, and I'll email you the tracking number by "
        "5 pm today. Would you prefer to keep the damaged unit until the new one arrives, or should I book a "
        "courier to collect it tomorrow?",
    ),
    (
        "I've been charged twice for the same subscription. Fix it now.",
        "Thank you for flagging this, and I apologise for the double charge. I can see from your account that "
        "the second payment went through on 3 March. I have refunded the duplicate payment today; it usually "
        "appears on your statement within 3 to 5 business days. I'll check back with you on Friday to make "
        "sure it has arrived.",
    ),
    (
        "Your courier left my parcel in the rain and everything is soaked!!",
        "I'm really sorry — that must have been so frustrating to find. You mentioned the parcel was left "
        "outside in the rain; I've reported this to the courier and I'm sending a replacement today by express "
        "delivery. I'll call you on Thursday afternoon to confirm it arrived safely.",
    ),
    (
        "I've waited 40 minutes on hold and nobody could help me.",
        "I'm sorry you had to wait so long, and I understand why you're annoyed. I've read your message and "
        "I'm taking over this case personally. I'll update your delivery address now and send you a "
        "confirmation email within 15 minutes.",
    ),
    (
        "The refund you promised last week still hasn't arrived. You people are useless.",
        "I'm very sorry the refund hasn't reached you yet — you have every right to be frustrated after we "
        "promised it last week. I've checked your case and the refund was held by a payment error on our side. "
        "I've resubmitted it just now, and I will message you by 12 noon tomorrow with the bank reference.",
    ),
    (
        "Why was my account locked? I can't log in to pay my bill!",
        "I'm sorry for the trouble — I know how stressful it is to be locked out right when you need to pay a "
        "bill. I've unlocked your account and reset the login attempts, so you can sign in again now. I'll "
        "stay on this chat for the next 10 minutes in case anything else gets in the way.",
    ),
    (
        "I ordered a blue jacket and got a red one. Again.",
        "I'm sorry we sent the wrong colour again — I can imagine how annoying it is to have this happen "
        "twice. I've ordered the blue jacket in your size from our warehouse and it will ship today. I'll also "
        "email you a prepaid return label within an hour so you can send the red one back at no cost.",
    ),
    (
        "Your technician didn't show up today. I took the day off for this!",
        "I apologise — you took a day off and our technician didn't arrive, and I completely understand how "
        "frustrating that is. That's on us. I've booked a priority visit for tomorrow between 9 and 11 am, and "
        "I've applied a credit of $30 to your account for the missed appointment. I'll text you tomorrow at "
        "8:30 am with the technician's name.",
    ),
    (
        "The app keeps crashing when I try to upload documents, I've lost my work three times.",
        "I'm sorry you've lost your work three times — that's really frustrating. Just to confirm, the crash "
        "happens when you upload documents from the app? I've escalated this to our engineers as a priority, "
        "and I'll follow up with you by 4 pm today with a fix or a workaround. In the meantime, you can upload "
        "through the website, which is not affected.",
    ),
    (
        "I was promised a callback yesterday and nobody called. Typical.",
        "I'm really sorry we didn't ring you yesterday as promised — I understand how disappointing that is. "
        "I have your case open now and I'm handling it myself. I'll call you at 2:30 pm today; if that time "
        "doesn't suit you, just tell me a better one.",
    ),
]

GOOD_ZH_HANS: list[tuple[str, str]] = [
    (
        "我的快递已经五天了还没到，你们到底怎么回事？",
        "非常抱歉让您久等了！您的快递五天还没送到，换作是我也会很着急。我已经帮您联系了快递公司加急处理，"
        "今天下午5点前给您回电告知最新进展。",
    ),
    (
        "收到的衣服有破洞，质量太差了！",
        "很抱歉收到的衣服有破洞，给您添麻烦了，我完全理解您的心情。我这边马上为您办理换货，新衣服今天就会发出；"
        "如果您更希望退款，我也可以直接为您退款。您看哪种方式更合适？",
    ),
    (
        "我被重复扣款了两次，赶紧给我退钱！",
        "非常抱歉给您造成了困扰，重复扣款确实让人着急。我已经核实到您的订单被扣了两次款，现在就为您提交退款申请，"
        "多扣的金额会在1到3个工作日内原路退回。明天上午10点我会再跟进一次到账情况。",
    ),
    (
        "你们客服态度太差了，问了三遍都没人理我！",
        "真的很抱歉，让您问了三遍都没有得到回复，这是我们的失误。您反映的问题我已经记录下来，这件事由我全程负责。"
        "请问您方便留一个联系电话吗？我会在30分钟内给您打电话。",
    ),
    (
        "维修了两次还是坏的，我要投诉！",
        "非常抱歉，同一个问题修了两次还没解决，您一定很失望。我已经把您的情况升级给技术主管，今天下午4点前会有专人"
        "给您回电，为您安排上门检测；如果检测后仍然修不好，我们直接为您换新机。",
    ),
    (
        "我昨天下的单怎么还没发货？急用！",
        "抱歉让您着急了。您昨天下的单还没发货，我查了一下，目前在仓库等待出库。我已经帮您备注加急，"
        "今天18点前一定为您发出，今晚8点前我把快递单号发给您。",
    ),
    (
        "优惠券明明没过期，结账时却用不了！",
        "不好意思给您添麻烦了，我能理解您的心情。我看到您的优惠券有效期到月底，是系统出了问题。"
        "我已经为您手动补发了一张同等面额的优惠券，您现在刷新页面就能使用。",
    ),
    (
        "我预约的安装师傅放我鸽子，白等了一上午！",
        "真的非常抱歉，让您白等了一上午，换成是我也会很生气。我已经联系安装部门核实，是师傅排班出了差错。"
        "我为您重新安排了明天上午9点到10点的上门安装，并给您账户补偿了50元。明天早上8点半我会先打电话跟您确认。",
    ),
    (
        "你们的退货流程太麻烦了，填了三次表都提交失败。",
        "很抱歉让您反复填写了三次，这种体验确实让人很烦。您提到表单一直提交失败，我已经在后台为您直接创建了退货单，"
        "您不需要再填写任何表格。快递员会在明天下午上门取件，明天上午11点前我会短信告诉您快递员的联系方式。",
    ),
    (
        "账户被莫名冻结了，里面还有钱，你们必须马上给我解决！",
        "非常抱歉给您带来不便，账户突然被冻结一定让您很担心。我了解到您的账户是因为异地登录触发了安全保护。"
        "我已经为您提交了解冻申请，预计2小时内完成，今天下午3点前我会给您发短信确认结果。",
    ),
]

GOOD_ZH_HANT: list[tuple[str, str]] = [
    # Taiwan
    (
        "我訂的商品寄錯了，這已經是第二次了！",
        "非常抱歉又寄錯了商品，這已經是第二次，換作是我也會很生氣。我已經為您安排補寄正確的商品，今天下午就會出貨，"
        "並請物流人員明天上午到府收回寄錯的商品。今天晚上8點前我會把新的物流單號傳給您。",
    ),
    (
        "客服電話一直打不通，你們是不是故意的？",
        "很抱歉讓您一直打不通電話，我完全能理解您的不滿。您反映的問題我已經記錄下來，現在由我直接為您處理。"
        "請問方便留下您的手機號碼嗎？我會在15分鐘內回電給您。",
    ),
    (
        "帳單多收了我300元，請立刻處理。",
        "不好意思造成您的困擾，多收費用確實讓人很不舒服。我查到您這期帳單重複計算了一筆300元的服務費，"
        "已經為您辦理退費，款項會在3個工作天內退回您的信用卡。明天下午我會再幫您確認退款進度。",
    ),
    (
        "包裹顯示已送達，可是我根本沒收到！",
        "很抱歉讓您擔心了，包裹顯示送達卻沒有收到，一定讓您很著急。我已經聯絡物流公司調閱送達紀錄，並為您申請包裹協尋。"
        "今天下午5點前我會回覆您調查結果；如果確認遺失，我們會直接為您重新寄出。",
    ),
    (
        "你們的App一直閃退，根本不能用！",
        "非常抱歉App一直閃退造成您的不便，我能體會您現在的心情。我已經把這個問題回報給工程團隊，今天晚上會推出修正版本；"
        "在那之前，您可以先用網頁版登入，我現在就為您發送網頁版的登入連結。",
    ),
    # Hong Kong, Cantonese
    (
        "我部機啱啱買咗三日就壞咗，你哋點解釋？",
        "真係好抱歉，部機買咗三日就壞咗，換轉係我都會好嬲。我而家即刻幫你安排換新機，聽日上晝會有師傅上門送機同收返舊機。"
        "我今日下晝五點前會再打畀你確認時間。",
    ),
    (
        "你哋個客服講話會覆我，等咗三日都冇人理！",
        "唔好意思，令你等咗三日都冇人覆，真係唔應該。我明白你而家好唔開心。我已經幫你跟進咗個個案，"
        "今日下晝四點前我會親自打電話同你交代處理結果。",
    ),
    (
        "點解我張信用卡畀你哋扣多咗錢？即刻退返畀我！",
        "對唔住，扣多咗錢一定令你好擔心。我查到你張卡喺上個月重複扣咗一次，我已經即刻幫你申請退款，"
        "款項會喺三個工作日內退返你張卡。聽日中午十二點前我會再發短訊話你知進度。",
    ),
    (
        "送貨師傅遲咗兩個鐘都未到，我仲要返工！",
        "好抱歉令你等咗咁耐，仲要趕住返工，真係好唔好受。我已經聯絡咗送貨師傅，佢而家喺附近，預計二十分鐘內到。"
        "如果你要出門，我可以幫你改約今晚七點後再送，你揀邊個時間都得。",
    ),
    (
        "你哋個App成日登入唔到，搞到我交唔到費！",
        "唔好意思，登入唔到仲影響你交費，我明白你嘅心情。我睇到你個帳戶因為密碼錯太多次被鎖咗，我而家幫你解鎖，"
        "你五分鐘後再試下就可以登入。我亦會幫你將今期繳費期限延遲三日，唔會有任何手續費。",
    ),
]

ALL_GOOD = (
    [("en", c, d) for c, d in GOOD_EN]
    + [("zh-Hans", c, d) for c, d in GOOD_ZH_HANS]
    + [("zh-Hant", c, d) for c, d in GOOD_ZH_HANT]
)


@pytest.mark.parametrize(("language", "customer", "draft"), ALL_GOOD)
def test_good_reply_has_no_finding(language: str, customer: str, draft: str) -> None:
    report = check_draft(draft, customer, now=NOW, tz=TZ)
    assert report.findings == [], [(f.rule, f.text) for f in report.findings]
    assert report.language == language
    assert report.steps.control and report.steps.apologize and report.steps.resolve
    assert report.score >= 80


def test_good_set_is_large_enough_and_the_customers_are_upset() -> None:
    assert len(GOOD_EN) == len(GOOD_ZH_HANS) == len(GOOD_ZH_HANT) == 10
    upset = [c for _, c, _ in ALL_GOOD if classify(c).emotion >= 1]
    assert len(upset) >= 20


# ---------------------------------------------------------------- guards


@pytest.mark.parametrize(
    "draft",
    [
        "We can't change the size on a shipped order, but I can arrange a free exchange as soon as it arrives "
        "— I'll email you the return label within 10 minutes.",
        "That's not possible for this model; instead, I can offer you a full refund today.",
        "这个颜色已经办不了了，不过我可以为您换成同款的黑色，今天就能发货。",
        "換貨唔得，不過我可以幫你即刻退款，今日之內處理好。",
    ],
)
def test_refusal_followed_by_an_alternative_is_fine(draft: str) -> None:
    kinds = {f.kind for f in check_draft(draft, now=NOW, tz=TZ).findings}
    assert "refusal_without_alternative" not in kinds


def test_refusal_is_flagged_when_the_alternative_comes_first() -> None:
    draft = "I can offer you store credit. We can't refund it."
    kinds = [f.kind for f in check_draft(draft, now=NOW, tz=TZ).findings]
    assert "refusal_without_alternative" in kinds


@pytest.mark.parametrize(
    "draft",
    [
        "I don't know yet, but let me check with the warehouse and I'll update you by 3 pm.",
        "这个我也不清楚，我马上帮您问一下仓库，20分钟内给您答复。",
        "我都唔知幾時到，我即刻幫你問下速遞。",
    ],
)
def test_dont_know_with_a_follow_up_is_fine(draft: str) -> None:
    kinds = {f.kind for f in check_draft(draft, now=NOW, tz=TZ).findings}
    assert "dont_know" not in kinds


@pytest.mark.parametrize(
    "draft",
    [
        "I'll get back to you by 4 pm today.",
        "我们会尽快处理，今天下午3点前给您答复。",
        "我會在30分鐘內盡快覆你。",
    ],
)
def test_promise_with_a_time_is_fine(draft: str) -> None:
    report = check_draft(draft, now=NOW, tz=TZ)
    assert "promise_without_time" not in {f.kind for f in report.findings}


def test_vague_promise_from_the_extractor_is_a_finding() -> None:
    draft = "I'll ring you back."
    report = check_draft(draft, now=NOW, tz=TZ)
    vague = [f for f in report.findings if f.kind == "promise_without_time"]
    assert vague and draft[vague[0].start : vague[0].end] == vague[0].text
    assert report.promises == []


def test_timed_promise_is_reported_with_its_due() -> None:
    report = check_draft("我需要核实一下，10分钟内给您回电。", now=NOW, tz=TZ)
    assert [(p.kind, p.due) for p in report.promises] == [
        ("callback", datetime(2026, 3, 2, 10, 10, tzinfo=TZ))
    ]
    assert report.steps.resolve


# ----------------------------------------------------- document-level findings


def test_missing_apology_only_for_an_angry_customer() -> None:
    draft = "I've refunded the order today."
    angry = "This is the THIRD time you've lost my parcel!!! I'm reporting you to the consumer council."
    calm = "Hi, could you tell me when my refund will arrive?"
    assert classify(angry).emotion >= 2
    assert "missing_apology" in {f.kind for f in check_draft(draft, angry, now=NOW, tz=TZ).findings}
    assert "missing_apology" not in {f.kind for f in check_draft(draft, calm, now=NOW, tz=TZ).findings}
    assert "missing_apology" not in {f.kind for f in check_draft(draft, now=NOW, tz=TZ).findings}


def test_missing_next_step_is_an_empty_span_at_the_end() -> None:
    draft = "我理解您的心情。"
    finding = next(f for f in check_draft(draft, now=NOW, tz=TZ).findings if f.kind == "missing_next_step")
    assert (finding.start, finding.end, finding.text) == (len(draft), len(draft), "")
    assert "分钟" in finding.rewrite


# ------------------------------------------------------------ steps and score


def test_steps_and_score() -> None:
    report = check_draft(
        "Thank you for telling me. I understand how frustrating this is, and I'm sorry. "
        "I've refunded the fee today.",
        now=NOW,
        tz=TZ,
    )
    assert report.steps.present() == ["control", "listen", "empathize", "apologize", "resolve"]
    assert report.score == 100
    bare = check_draft("Calm down.", now=NOW, tz=TZ)
    assert bare.score == 0 and bare.steps.present() == []


def test_a_taken_back_apology_does_not_count() -> None:
    report = check_draft("Sorry, but that's how it works.", now=NOW, tz=TZ)
    assert not report.steps.apologize


def test_restating_the_customer_counts_as_listening() -> None:
    customer = "My washing machine leaks water all over the kitchen floor"
    draft = (
        "A washing machine that leaks water is a real worry — I've booked an engineer for tomorrow at 9 am."
    )
    assert check_draft(draft, customer, now=NOW, tz=TZ).steps.listen
    assert not check_draft(draft, now=NOW, tz=TZ).steps.listen


# ------------------------------------------------------ scripts and rewrites


def test_traditional_draft_gets_traditional_rewrite_and_original_offsets() -> None:
    draft = "您好，這是公司規定。"
    finding = next(f for f in check_draft(draft, now=NOW, tz=TZ).findings if f.kind == "policy_hiding")
    assert draft[finding.start : finding.end] == "這是公司規定"
    assert "規定" in finding.rewrite and "规定" not in finding.rewrite


def test_cantonese_draft_gets_a_cantonese_rewrite() -> None:
    finding = next(
        f for f in check_draft("你先唔好咁激動啦。", now=NOW, tz=TZ).findings if f.kind == "calm_down"
    )
    assert "嬲" in finding.rewrite or "跟進" in finding.rewrite


def test_simplified_draft_gets_simplified_rewrite() -> None:
    finding = next(
        f for f in check_draft("这是公司规定。", now=NOW, tz=TZ).findings if f.kind == "policy_hiding"
    )
    assert "规定" in finding.rewrite


def test_all_caps_rewrite_is_the_same_words_in_lower_case() -> None:
    draft = "I SAID THE PARCEL IS ON ITS WAY."
    finding = next(f for f in check_draft(draft, now=NOW, tz=TZ).findings if f.kind == "shouting")
    assert finding.text == "I SAID THE PARCEL IS ON ITS WAY"
    assert finding.rewrite == finding.text.lower()


def test_acronyms_are_not_shouting() -> None:
    draft = "I've sent the PDF invoice by SMS and the UPS tracking ID by email today."
    assert "shouting" not in {f.kind for f in check_draft(draft, now=NOW, tz=TZ).findings}


def test_full_width_draft_is_matched_with_original_offsets() -> None:
    draft = "ＣＡＬＭ　ＤＯＷＮ，ｐｌｅａｓｅ。"
    finding = next(f for f in check_draft(draft, now=NOW, tz=TZ).findings if f.kind == "calm_down")
    assert draft[finding.start : finding.end] == finding.text == "ＣＡＬＭ　ＤＯＷＮ"


def test_blank_draft_reports_nothing() -> None:
    report = check_draft("   ", now=NOW, tz=TZ)
    assert report.findings == [] and report.promises == []
