"""Every phrase rule of the draft checker, proven on a draft: the kind, the rule and the exact span."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.checker import check_draft, default_rules

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)

# (rule id, draft, the text that must be flagged)
CASES: list[tuple[str, str, str]] = [
    # blame
    ("en.blame.should_have", "You should have read the description before ordering.", "You should have read"),
    ("en.blame.should_have", "you could've told us earlier.", "you could've told"),
    ("en.blame.your_fault", "Honestly, that's your own fault.", "that's your own fault"),
    ("en.blame.your_fault", "It's your fault the parcel went to the old address.", "It's your fault"),
    ("en.blame.on_you", "The wrong address was entered, so that's on you.", "that's on you"),
    ("en.blame.didnt_read", "You clearly didn't read the instructions.", "You clearly didn't read"),
    ("en.blame.if_you_had", "If you had checked the size chart this wouldn't happen.", "If you had checked"),
    ("en.blame.supposed_to", "You were supposed to return it within 14 days.", "You were supposed to"),
    ("zh.blame.didnt_look", "这是你自己没看清楚商品详情。", "你自己没看清楚"),
    ("zh.blame.should_have", "你应该早点讲的，现在已经发货了。", "你应该早点讲"),
    ("zh.blame.should_have", "你應該早點講，現在已經出貨了。", "你應該早點講"),
    ("zh.blame.your_problem", "地址填错是您自己的问题。", "是您自己的问题"),
    ("zh.blame.your_problem", "係你自己搞錯咗。", "係你自己搞錯咗"),
    ("zh.blame.who_told_you", "谁让你不看说明就拆封的？", "谁让你"),
    ("zh.blame.blame_you", "这只能怪你自己。", "只能怪你"),
    ("zh.blame.didnt_follow", "是你没有按照说明书操作才坏的。", "你没有按照说明"),
    ("zh.blame.why_didnt", "你当时为什么不早说？", "你当时为什么不早"),
    ("yue.blame.didnt_look", "你自己唔睇清楚就落單。", "你自己唔睇清楚"),
    # refusals without an alternative
    ("en.refusal.cant_do", "Sorry, we can't do that.", "we can't do that"),
    ("en.refusal.not_possible", "I checked, and that's not possible.", "that's not possible"),
    ("en.refusal.nothing_to_do", "There's nothing more we can do.", "There's nothing more we can do"),
    ("en.refusal.we_dont", "We don't do refunds on sale items.", "We don't do refunds"),
    ("en.refusal.denied", "Your claim has been rejected.", "Your claim has been rejected"),
    ("zh.refusal.cant_handle", "这个办不了。", "办不了"),
    ("zh.refusal.no_way", "这个真的没办法。", "没办法"),
    ("zh.refusal.not_ok", "退货不行。", "不行"),
    ("zh.refusal.cannot_do", "已经拆封的商品不能退。", "不能退"),
    ("yue.refusal.m_dak", "換貨唔得。", "唔得"),
    ("yue.refusal.m_dak", "呢單做唔到。", "做唔到"),
    ("yue.refusal.m_dak", "你咁講我都冇計。", "冇計"),
    # telling the customer to calm down
    ("en.calm.calm_down", "Please calm down.", "Please calm down"),
    ("en.calm.relax", "Relax, it's on the way.", "Relax"),
    ("en.calm.no_need", "There's no need to shout.", "There's no need to shout"),
    ("en.calm.dont_get", "Don't get so upset about it.", "Don't get so upset"),
    ("en.calm.breathe", "Take a deep breath.", "Take a deep breath"),
    ("zh.calm.calm", "你冷静一点。", "你冷静一点"),
    ("zh.calm.dont_excited", "你先别激动。", "你先别激动"),
    ("yue.calm.calm_di", "冷靜啲先。", "冷靜啲"),
    ("yue.calm.calm_di", "唔好咁嬲啦。", "唔好咁嬲"),
    # passing the buck
    ("en.buck.not_department", "That's not our department.", "That's not our department"),
    ("en.buck.contact_them", "You'll need to contact the courier.", "You'll need to contact the courier"),
    ("en.buck.nothing_to_do_with_us", "The delay has nothing to do with us.", "has nothing to do with us"),
    ("en.buck.not_the_one", "I'm not the one who lost your parcel.", "I'm not the one who"),
    ("zh.buck.not_ours", "物流的事不归我们管。", "不归我们管"),
    ("zh.buck.go_find", "你去找快递。", "你去找快递"),
    ("zh.buck.go_find", "你自己搵速遞啦。", "你自己搵速遞"),
    ("yue.buck.not_ours", "呢個唔關我哋事。", "唔關我哋事"),
    ("yue.buck.not_ours", "我唔係負責呢樣嘢。", "我唔係負責"),
    # "I don't know" with nothing after it
    ("en.dont_know.i_dont_know", "I don't know where your parcel is.", "I don't know"),
    ("en.dont_know.no_idea", "No idea, sorry.", "No idea"),
    ("zh.dont_know.bu_zhidao", "这个我也不知道。", "我也不知道"),
    ("zh.dont_know.bu_zhidao", "不知道。", "不知道"),
    ("yue.dont_know.m_zi", "我都唔知幾時到。", "我都唔知"),
    # promises without a time
    ("en.vague.get_back", "We'll get back to you.", "We'll get back to you"),
    ("en.vague.asap", "We will ship it as soon as possible.", "as soon as possible"),
    ("en.vague.someone_will", "Someone will contact you.", "Someone will contact you"),
    ("zh.vague.later", "稍后回复你。", "稍后回复你"),
    ("zh.vague.asap", "我们会尽快处理。", "尽快"),
    ("zh.vague.asap", "我們會盡快處理。", "盡快"),
    ("zh.vague.wait_notice", "请等通知。", "等通知"),
    ("yue.vague.chi_di", "遲啲覆你。", "遲啲覆你"),
    # sighs and sarcasm
    ("en.sarcasm.sigh", "*sigh* Fine, here it is again.", "*sigh*"),
    ("en.sarcasm.obviously", "Well, obviously the box was opened.", "Well, obviously"),
    ("en.sarcasm.already_said", "As I already said, the refund takes 5 days.", "As I already said"),
    ("en.sarcasm.laugh", "lol that's not how it works", "lol"),
    ("en.sarcasm.if_you_say_so", "If you say so.", "If you say so"),
    ("en.sarcasm.filler_ellipsis", "Well... the parcel left our warehouse.", "Well..."),
    ("zh.sarcasm.sigh", "唉，又是这个问题。", "唉"),
    ("zh.sarcasm.hehe", "呵呵，您说是就是吧。", "呵呵"),
    ("zh.sarcasm.told_you_times", "我都说了多少遍了。", "说了多少遍"),
    ("zh.sarcasm.already_said", "我不是说过了吗？", "我不是说过了吗"),
    ("zh.sarcasm.already_said", "这个问题我们已经说明过了。", "我们已经说明过了"),
    ("zh.sarcasm.obviously", "这不是很明显吗？", "这不是很明显吗"),
    ("zh.sarcasm.filler_ellipsis", "好吧……我再查查。", "好吧……"),
    ("any.sarcasm.trailing_ellipsis", "We are looking into it...", "..."),
    ("any.sarcasm.trailing_ellipsis", "我们在处理中…", "…"),
    # hiding behind the policy
    ("en.policy.thats_policy", "Sorry, that's the policy.", "that's the policy"),
    ("en.policy.rules_are_rules", "Rules are rules.", "Rules are rules"),
    ("zh.policy.rules_are_rules", "规定就是这样。", "规定就是这样"),
    ("zh.policy.its_policy", "这是公司规定。", "这是公司规定"),
    ("zh.policy.its_policy", "這是公司規定。", "這是公司規定"),
    ("yue.policy.hai_gam", "規矩就係咁㗎。", "規矩就係咁㗎"),
    # minimizing
    ("en.minimize.small_thing", "It's only a small scratch.", "It's only a small scratch"),
    ("en.minimize.small_thing", "it's only a small thing.", "it's only a small thing"),
    ("en.minimize.overreact", "You're overreacting.", "You're overreacting"),
    ("en.minimize.only_days", "It's only been two days.", "It's only been two days"),
    ("zh.minimize.small_matter", "这点小事也要投诉？", "这点小事"),
    ("zh.minimize.overreact", "您这是小题大做了。", "小题大做"),
    ("zh.minimize.only_days", "才晚了两天而已。", "才晚了两天而已"),
    ("yue.minimize.siu_si", "小事嚟啫。", "小事嚟啫"),
    # shouting
    ("any.shouting.all_caps", "PLEASE READ THE EMAIL we sent.", "PLEASE READ THE EMAIL"),
    ("any.shouting.exclamations", "我们已经发货了！！！", "！！！"),
    ("any.shouting.exclamations", "It was delivered!!", "!!"),
    # arguing
    ("en.argue.youre_wrong", "You're wrong, the parcel was delivered.", "You're wrong"),
    ("en.argue.due_respect", "With all due respect, the item was fine.", "With all due respect"),
    ("zh.argue.youre_wrong", "你搞错了，我们没有扣款。", "你搞错了"),
    ("zh.argue.not_so", "不是这样的。", "不是这样的"),
    ("yue.argue.m_hai", "唔係咁㗎。", "唔係咁㗎"),
    # an apology taken back
    ("en.apology.sorry_but", "I'm sorry, but you should have read the terms.", "sorry, but"),
    ("en.apology.non_apology", "I'm sorry if you feel that way.", "sorry if you feel"),
    ("zh.apology.sorry_but", "不好意思，但是这个没办法。", "不好意思，但是"),
    ("zh.apology.non_apology", "如果您觉得不满意的话，那我们很抱歉。", "如果您觉得不满意的话，那我们很抱歉"),
    # questioning the customer's honesty
    ("en.honesty.are_you_sure", "Are you sure you sent it to the right address?", "Are you sure"),
    ("en.honesty.must_have", "You must have entered the wrong card.", "You must have entered"),
    ("en.honesty.did_you_even", "Did you actually read the email?", "Did you actually read"),
    ("zh.honesty.are_you_sure", "你确定你已经付款了吗？", "你确定你已经"),
    ("zh.honesty.misremember", "你是不是记错了？", "你是不是记错"),
    ("zh.honesty.lying", "你是在骗人吧。", "你是在骗人"),
    # disrespect
    ("en.disrespect.ridiculous", "That's ridiculous.", "That's ridiculous"),
    ("en.disrespect.are_you_stupid", "Are you serious?", "Are you serious"),
    ("zh.disrespect.unreasonable", "您这是无理取闹。", "无理取闹"),
    ("zh.disrespect.insult", "你有病吧。", "你有病"),
    ("zh.disrespect.wont_understand", "我说了你也不懂。", "说了你也不懂"),
    ("yue.disrespect.chi_sin", "你痴線㗎？", "痴線"),
    # impatience
    ("en.impatience.hurry", "Please get to the point.", "get to the point"),
    ("en.impatience.what_do_you_want", "What do you want from me?", "What do you want from me"),
    ("zh.impatience.get_to_point", "请说重点。", "说重点"),
    ("zh.impatience.what_do_you_want", "你到底想怎么样？", "你到底想怎么样"),
    ("zh.impatience.let_me_finish", "你听我说完。", "你听我说完"),
    ("yue.impatience.faai_di", "快啲講啦。", "快啲講"),
    # dismissive brush-offs
    ("en.dismissive.take_it_or_leave_it", "Take it or leave it.", "Take it or leave it"),
    ("en.dismissive.go_complain", "Feel free to complain.", "Feel free to complain"),
    (
        "en.dismissive.not_only_customer",
        "You'll have to wait like everyone else.",
        "You'll have to wait like everyone else",
    ),
    ("zh.dismissive.suit_yourself", "随便你。", "随便你"),
    ("zh.dismissive.go_complain", "那你去投诉吧。", "那你去投诉吧"),
    ("zh.dismissive.dont_call", "别再打来了，有结果会通知。", "别再打来"),
    ("yue.dismissive.dont_call", "唔好再打嚟啦。", "唔好再打嚟"),
    ("yue.dismissive.zung_ji", "你鍾意點就點。", "你鍾意點就點"),
]


@pytest.mark.parametrize(("rule_id", "draft", "flagged"), CASES)
def test_rule_flags_its_phrase(rule_id: str, draft: str, flagged: str) -> None:
    rule = next(r.spec for r in default_rules().rules if r.spec.id == rule_id)
    report = check_draft(draft, now=NOW, tz=TZ)
    hits = [f for f in report.findings if f.rule == rule_id]
    assert hits, f"{rule_id} did not fire on {draft!r}: {[(f.rule, f.text) for f in report.findings]}"
    finding = hits[0]
    assert finding.kind == rule.kind
    assert draft[finding.start : finding.end] == finding.text == flagged
    assert finding.rewrite.strip() and finding.message


def test_every_rule_has_a_case() -> None:
    ids = {r.spec.id for r in default_rules().rules}
    covered = {rule_id for rule_id, _, _ in CASES}
    assert ids - covered == set()
    assert covered <= ids


def test_at_least_thirty_distinct_rules_across_three_languages() -> None:
    rules = default_rules().rules
    by_lang: dict[str, int] = {}
    for r in rules:
        by_lang[r.spec.lang] = by_lang.get(r.spec.lang, 0) + 1
    assert len(rules) >= 30
    assert by_lang["en"] >= 10 and by_lang["zh"] + by_lang["yue"] >= 20
