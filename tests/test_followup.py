"""Citing a promise whose deadline has passed makes a follow-up (chasing)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.classify import classify
from bot.classify.followup import cites_unkept_promise
from bot.classify.text import fold, sanitize


@pytest.mark.parametrize(
    "text",
    [
        "You said someone would call me back within 2 hours. It's been a whole day.",
        "the rep promised the refund by Friday and there's still nothing",
        "客服說兩個工作天內會回電，到現在還是沒有人打來",
        "你哋話聽日之前寄張單俾我，而家都冇收到",
        "说好今天下午派师傅过来，现在都六点了",
    ],
)
def test_a_passed_deadline_on_a_promise_is_a_follow_up(text: str) -> None:
    assert cites_unkept_promise(fold(sanitize(text)))
    assert classify(text).intent == "chasing"


@pytest.mark.parametrize(
    "text",
    [
        # a promise without a deadline, or a deadline nobody promised
        "You said you'd look into it.",
        "I need this fixed by Friday.",
        # a delivery estimate that slipped is a first complaint about lateness
        "说好三天到货，现在一个星期了还没到",
        "The site said it would arrive in 2 days and it's still not here",
        # a deadline that has not passed yet
        "你们说明天会回电，好的我等",
    ],
)
def test_other_mentions_of_promises_and_deadlines_are_not(text: str) -> None:
    assert not cites_unkept_promise(fold(sanitize(text)))


@given(st.text(max_size=300))
def test_never_fails_on_any_text(text: str) -> None:
    assert isinstance(cites_unkept_promise(fold(sanitize(text))), bool)
