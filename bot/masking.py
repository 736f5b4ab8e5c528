"""Masking personal data (phone numbers, e-mail addresses, card-like numbers) before text reaches a log."""

from __future__ import annotations

import logging
import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 13–19 digits, optionally grouped by spaces or dashes: payment-card shaped.
_CARD = re.compile(r"(?<!\d)(?:\d[ -]?){12,18}\d(?!\d)")
# International or local phone numbers: 7+ digits with common separators.
_PHONE = re.compile(r"(?<![\w])(?:\+?\d{1,3}[ -]?)?(?:\(\d{1,4}\)[ -]?)?\d{2,4}(?:[ -]?\d{2,4}){1,3}(?![\w])")


_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}")


def _keep_tail(match: re.Match[str], keep: int) -> str:
    if _DATE.fullmatch(match.group(0).strip()):
        return match.group(0)
    digits = re.sub(r"\D", "", match.group(0))
    if len(digits) < 7:
        return match.group(0)
    return "*" * (len(digits) - keep) + digits[-keep:]


def mask_pii(text: str) -> str:
    """``text`` with e-mails, card-like numbers and phone numbers masked (last digits kept for reference)."""
    text = _EMAIL.sub(lambda m: m.group(0)[0] + "***@***", text)
    text = _CARD.sub(lambda m: _keep_tail(m, 4), text)
    return _PHONE.sub(lambda m: _keep_tail(m, 2), text)


class MaskingFilter(logging.Filter):
    """A logging filter that masks personal data in every record's final message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_pii(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True
