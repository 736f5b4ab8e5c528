"""Placeholder filling: one pass, values escaped for Telegram HTML, natural fallbacks, never raw braces."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from bot.models import Classification, Confidence
from bot.playbooks import BUNDLED_DIR, PlanContext, build_plan, load_playbooks, render
from bot.playbooks.render import clean_value, template_problems

SPECS = load_playbooks(BUNDLED_DIR).clear.placeholders
TEMPLATE = "Hi {customer_name}, about {order_id}: I'm {agent_name}, back to you {minutes}."
HOSTILE = [
    "<b>boss</b>",
    "{x}",
    "{order_id}",
    "{{customer_name}}",
    "%s %d",
    "{0}",
    "&amp; <script>",
    "{",
    "}}",
]


def test_values_fill_their_phrases() -> None:
    out = render(
        TEMPLATE, {"customer_name": "Ann", "order_id": "A-17", "agent_name": "Bo", "minutes": 15}, "en", SPECS
    )
    assert out == "Hi Ann, about order A-17: I'm Bo, back to you within 15 minutes."
    zh = render(
        "我{minutes}回复{customer_name}，{order_id}已登记。",
        {"customer_name": "王先生", "order_id": "JD1", "minutes": 1},
        "zh-Hans",
        SPECS,
    )
    assert zh == "我1分钟内回复王先生，订单 JD1 已登记。"


def test_missing_values_read_naturally_in_every_language() -> None:
    empty: dict[str, object | None] = {
        "customer_name": None,
        "order_id": "",
        "agent_name": "   ",
        "minutes": None,
    }
    assert render(TEMPLATE, empty, "en", SPECS) == (
        "Hi there, about your order: I'm the agent helping you today, back to you shortly."
    )
    assert render(
        "{customer_name}好，我是{agent_name}，{order_id}{minutes}处理。", empty, "zh-Hans", SPECS
    ) == ("您好，我是本次为您服务的客服，您这笔订单稍后处理。")
    assert render(
        "{customer_name}好，我是{agent_name}，{order_id}{minutes}處理。", empty, "zh-Hant", SPECS
    ) == ("您好，我是這次為您服務的客服，您這筆訂單稍後處理。")


def test_hostile_values_are_escaped_and_never_read_as_template_syntax() -> None:
    for value in HOSTILE:
        out = render(
            "Hi {customer_name}, about {order_id}.", {"customer_name": value, "order_id": None}, "en", SPECS
        )
        assert out == f"Hi {html.escape(value, quote=False)}, about your order."
        assert "<b>" not in out and "<script>" not in out
    # A value that looks like a placeholder stays literal text: it is not filled a second time.
    out = render(
        "{customer_name} / {order_id}", {"customer_name": "{order_id}", "order_id": "X9"}, "en", SPECS
    )
    assert out == "{order_id} / order X9"


def test_template_text_itself_is_escaped() -> None:
    assert render("Fish & chips <now>", {}, "en", SPECS) == "Fish &amp; chips &lt;now&gt;"


def test_values_are_one_short_line() -> None:
    assert clean_value("Ann\n\tLee\x00\x07") == "Ann Lee"
    long = clean_value("x" * 500)
    assert len(long) == 64 and long.endswith("…")


def test_template_problems() -> None:
    assert template_problems("ok {minutes}") == []
    assert template_problems("{nope}") == ["unknown placeholder {nope}"]
    assert template_problems("a { b") == ["stray '{' or '}' (write placeholders as {name})"]


@given(st.text(max_size=80), st.sampled_from(["zh-Hans", "zh-Hant", "en"]))
def test_any_value_renders_safely(value: str, lang: str) -> None:
    out = render("[{customer_name}]", {"customer_name": value}, lang, SPECS)  # type: ignore[arg-type]
    cleaned = clean_value(value)
    expected = html.escape(cleaned, quote=False) if cleaned else SPECS["customer_name"].fallback.get(lang)  # type: ignore[arg-type]
    assert out == f"[{expected}]"
    assert "<" not in out and ">" not in out


def test_hostile_context_through_a_whole_plan() -> None:
    c = Classification(
        language="en",
        intent="chasing",
        topic="billing",
        behaviors=["distrust"],
        emotion=2,
        risks=[],
        confidence=Confidence(language=1, intent=1, topic=1, behaviors=1, emotion=1, risks=1),
    )
    ctx = PlanContext(text="t", customer_name="<b>x</b>", agent_name="{customer_name}", order_id="%s{{")
    plan = build_plan(c, context=ctx)
    texts = [t.text for s in plan.steps for t in s.templates]
    joined = "\n".join(texts)
    assert "<b>" not in joined
    assert "I'm {customer_name}," in joined  # the agent name, literally, not filled again
    assert "order %s{{" in joined
    # Apart from the literal user values, no braces survive.
    rest = joined.replace("{customer_name}", "").replace("%s{{", "")
    assert "{" not in rest and "}" not in rest
