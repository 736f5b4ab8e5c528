"""Personal data never reaches the logs in clear."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.masking import MaskingFilter, mask_pii


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("call me on 13800138000", "13800138000"),
        ("my number is +44 7911 123456", "7911 123456"),
        ("(02) 2345-6789 please", "2345-6789"),
        ("card 4111 1111 1111 1111 was charged twice", "4111 1111 1111"),
        ("card 4111-1111-1111-1111", "4111-1111-1111"),
        ("mail ann.lee+shop@example.co.uk now", "ann.lee+shop@example.co.uk"),
    ],
)
def test_personal_data_is_masked(text: str, secret: str) -> None:
    masked = mask_pii(text)
    assert secret not in masked
    assert "*" in masked


def test_ordinary_text_is_left_alone() -> None:
    for text in ("order 4488 arrived on 2026-03-01", "退款 15 元", "3 items, 2 broken"):
        assert mask_pii(text) == text


@given(st.text(max_size=300))
def test_masking_never_fails(text: str) -> None:
    mask_pii(text)


def test_logging_filter_masks_formatted_messages(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("clearbot.test.masking")
    log.addFilter(MaskingFilter())
    with caplog.at_level(logging.INFO, logger="clearbot.test.masking"):
        log.info("customer %s wrote from %s", "Ann", "13800138000")
    assert "13800138000" not in caplog.text
    assert "Ann" in caplog.text
