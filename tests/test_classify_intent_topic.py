"""Intent and topic on clear-cut messages in Simplified Chinese, Traditional Chinese
(Taiwan and Hong Kong Cantonese) and English, plus the invariants of the two cue files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.classify import classify
from bot.classify.lexicon import LEXICON_DIR
from bot.classify.text import fold

CASES: list[tuple[str, str, str]] = [
    # Simplified Chinese
    ("刚买的榨汁机转了两下就不动了，还有一股焦味", "complaint", "product_quality"),
    ("快递停在中转站一个星期了，物流一点都不更新", "complaint", "delivery"),
    ("你们门店的导购说话阴阳怪气的，问两句就不耐烦", "complaint", "service_attitude"),
    ("人工客服排了一个小时的队，接通了又让我等", "complaint", "service_efficiency"),
    ("这个月话费莫名其妙多扣了五十块，我根本没开通过这个业务", "complaint", "billing"),
    ("请问会员积分可以兑换机票吗？", "inquiry", "account_order"),
    ("请问你们家的退货政策是几天内可以退？", "inquiry", "policy"),
    ("麻烦帮我把收货人的电话改一下，订单还没发货", "request", "account_order"),
    ("麻烦帮我开一张电子发票，抬头写公司名", "request", "billing"),
    ("上周说三个工作日内退款，今天都第八天了钱还没到", "chasing", "billing"),
    ("维修师傅手脚很利索，态度也很好，谢谢你们", "praise", "service_attitude"),
    ("在吗", "other", "none"),
    ("这个套餐我再考虑考虑，过两天再说吧", "other", "account_order"),
    ("不是投诉哈，就是想问下保修期是多久", "inquiry", "policy"),
    # Traditional Chinese: Taiwan
    ("剛收到的吹風機插電就跳電，品質也太差了吧", "complaint", "product_quality"),
    ("宅配說今天會送到，結果到晚上都沒看到人", "complaint", "delivery"),
    ("請問超商取貨付款可以刷卡嗎？", "inquiry", "billing"),
    ("麻煩幫我把訂單的顏色改成黑色，謝謝", "request", "account_order"),
    ("之前說好三天內會回電，已經一個禮拜了還是沒消息", "chasing", "service_efficiency"),
    ("客服很有耐心地幫我處理好了，真的很感謝", "praise", "service_attitude"),
    ("你好～", "other", "none"),
    # Traditional Chinese: Hong Kong Cantonese
    ("部洗衣機用咗一個禮拜就壞咗，成地都係水", "complaint", "product_quality"),
    ("速遞員成日唔打電話就走人，我喺屋企都收唔到件", "complaint", "delivery"),
    ("你哋啲職員好串，問兩句就黑晒面", "complaint", "service_attitude"),
    ("想問下你哋星期日幾點開門？", "inquiry", "policy"),
    ("唔該幫我取消個自動續費", "request", "account_order"),
    ("你哋話三日內退錢，而家一個禮拜都未見到錢", "chasing", "billing"),
    ("唔該晒，個問題已經搞掂咗", "praise", "none"),
    # English
    (
        "My new headphones stopped working after two days and the left side crackles.",
        "complaint",
        "product_quality",
    ),
    ("The tracking says delivered but there is no parcel at my door.", "complaint", "delivery"),
    ("The agent on the phone was rude and hung up on me.", "complaint", "service_attitude"),
    ("I've been on hold for 50 minutes and nobody picks up.", "complaint", "service_efficiency"),
    ("You charged my card twice for the same order.", "complaint", "billing"),
    ("How do I reset my password?", "inquiry", "account_order"),
    ("What is your return policy for sale items?", "inquiry", "policy"),
    ("Could you please change my delivery slot to Friday morning?", "request", "delivery"),
    ("Please send me an invoice for my last payment.", "request", "billing"),
    (
        "Any update on my refund? I was told it would be processed within 5 days and it's been two weeks.",
        "chasing",
        "billing",
    ),
    ("Thanks so much, the replacement works perfectly!", "praise", "product_quality"),
    ("Not complaining, just curious: does the warranty cover accidental damage?", "inquiry", "policy"),
    ("Let me think about it and I'll get back to you.", "other", "none"),
    ("hello", "other", "none"),
]


@pytest.mark.parametrize(("text", "intent", "topic"), CASES)
def test_intent_and_topic(text: str, intent: str, topic: str) -> None:
    result = classify(text)
    assert (result.intent, result.topic) == (intent, topic)


def _terms(axis_file: str) -> list[tuple[str, str, str]]:
    data = yaml.safe_load((LEXICON_DIR / axis_file).read_text(encoding="utf-8"))
    return [
        (label, lang, str(raw).partition("|")[0].strip())
        for label, entry in data["labels"].items()
        for lang in ("zh", "en")
        for raw in entry.get(lang) or []
    ]


@pytest.mark.parametrize("axis_file", ["intent.yaml", "topic.yaml"])
def test_cues_are_written_in_the_folded_form(axis_file: str) -> None:
    """A cue that is not in folded form (Traditional glyphs, capitals, full-width) never matches."""
    unfoldable = [(label, term) for label, _lang, term in _terms(axis_file) if fold(term) != term.lower()]
    assert unfoldable == []


@pytest.mark.parametrize("axis_file", ["intent.yaml", "topic.yaml"])
def test_no_term_is_listed_twice_under_one_label(axis_file: str) -> None:
    seen: set[tuple[str, str, str]] = set()
    twice = []
    for label, lang, term in _terms(axis_file):
        key = (label, lang, term.lower().strip("*"))
        if key in seen:
            twice.append(key)
        seen.add(key)
    assert twice == []


def test_chinese_cues_with_latin_letters_are_not_substrings_of_english_words() -> None:
    """Chinese cues match anywhere, so a Latin-letter one ("app", "ems") would fire inside words."""
    latin = [
        term
        for file in ("intent.yaml", "topic.yaml")
        for _label, lang, term in _terms(file)
        if lang == "zh" and term.isascii() and any(ch.isalpha() for ch in term)
    ]
    assert latin == []


def test_cue_files_exist() -> None:
    assert Path(LEXICON_DIR / "intent.yaml").is_file() and Path(LEXICON_DIR / "topic.yaml").is_file()
