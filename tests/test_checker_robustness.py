"""The checker never fails and its offsets always point into the draft; the rules file is validated."""

from __future__ import annotations

import copy
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.checker import RulesError, check_draft, load_rules
from bot.checker.rules import RULES_PATH, compile_rules
from bot.checker.view import matching_view

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)

# Pieces of real phrasing mixed into random text, so the rules fire next to arbitrary characters.
_PIECES = st.sampled_from(
    [
        "calm down",
        "CALM DOWN",
        "你冷靜一點",
        "唔得",
        "我都说了多少遍了",
        "sorry, but ",
        "I'll get back to you",
        "稍后回复你",
        "…",
        "!!!",
        "！！",
        "規矩就係咁",
        "10分钟内给您回电",
        "\ud800",
        "\x00",
        "İ",
        "ﬁ",
    ]
)
_TEXT = st.lists(st.one_of(st.text(max_size=30), _PIECES), max_size=12).map("".join)


def _check_offsets(draft: str) -> None:
    report = check_draft(draft, now=NOW, tz=TZ)
    assert 0 <= report.score <= 100
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(draft)
        assert draft[f.start : f.end] == f.text
    for p in report.promises:
        assert 0 <= p.start <= p.end <= len(draft)


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_any_text_is_checked_without_error_and_offsets_stay_in_the_draft(draft: str) -> None:
    _check_offsets(draft)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=100)))
def test_any_customer_text_is_accepted(draft: str, customer: str | None) -> None:
    report = check_draft(draft, customer, now=NOW, tz=TZ)
    assert all(0 <= f.start <= f.end <= len(draft) for f in report.findings)


@given(st.text(max_size=200))
def test_matching_view_keeps_the_length(text: str) -> None:
    assert len(matching_view(text)) == len(text)


def test_very_long_draft_is_cut_but_offsets_hold() -> None:
    draft = ("我们会尽快处理。" * 2000) + "calm down"
    report = check_draft(draft, now=NOW, tz=TZ)
    assert all(draft[f.start : f.end] == f.text for f in report.findings)
    assert "calm_down" not in {f.kind for f in report.findings}


def test_checking_is_fast() -> None:
    draft = (
        "I'm sorry, but that's the policy and there's nothing we can do. 你冷静一点，这个办不了。唔關我哋事。"
    )
    check_draft(draft, now=NOW, tz=TZ)
    started = time.perf_counter()
    for _ in range(50):
        check_draft(draft, now=NOW, tz=TZ)
    per_draft_ms = (time.perf_counter() - started) * 1000 / 50
    assert per_draft_ms < 50


def test_naive_now_is_taken_in_the_given_zone() -> None:
    report = check_draft("10分钟内给您回电。", now=datetime(2026, 3, 2, 10, 0), tz=TZ)
    assert report.promises[0].due == datetime(2026, 3, 2, 10, 10, tzinfo=TZ)


# ----------------------------------------------------------- the rules file


def _shipped() -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(RULES_PATH.read_text(encoding="utf-8"))
    return raw


def _with_first_rule(**changes: Any) -> dict[str, Any]:
    raw = copy.deepcopy(_shipped())
    raw["rules"][0].update(changes)
    return raw


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (_with_first_rule(pattern="(unclosed"), "bad regex"),
        (_with_first_rule(pattern="%NOPE%"), "unknown macro"),
        (_with_first_rule(pattern="你好！"), "ASCII punctuation"),
        (_with_first_rule(rewrite={"zh": "只有中文"}), "rewrite needs en"),
        (_with_first_rule(kind="not_a_kind"), "kind"),
        (_with_first_rule(detector="all_caps"), "exactly one of pattern and detector"),
        (_with_first_rule(id="zh.blame.wrong_language"), "must start with its lang"),
    ],
)
def test_bad_rules_are_rejected_with_a_reason(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(RulesError, match=message):
        compile_rules(raw)


def test_duplicate_rule_ids_are_rejected() -> None:
    raw = copy.deepcopy(_shipped())
    raw["rules"].append(copy.deepcopy(raw["rules"][0]))
    with pytest.raises(RulesError, match="duplicate rule id"):
        compile_rules(raw)


def test_unreadable_yaml_is_a_rules_error(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text("rules: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match=r"rules\.yaml"):
        load_rules(bad)


def test_a_custom_rule_book_is_used() -> None:
    raw = copy.deepcopy(_shipped())
    raw["rules"] = [
        {
            "id": "en.blame.custom",
            "kind": "blame",
            "lang": "en",
            "pattern": r"\bbanana\b",
            "message": "test rule",
            "rewrite": {"en": "apple"},
        }
    ]
    report = check_draft("Banana again.", now=NOW, tz=TZ, rules=compile_rules(raw))
    assert [(f.rule, f.text, f.rewrite) for f in report.findings if f.kind == "blame"] == [
        ("en.blame.custom", "Banana", "apple")
    ]
