"""Filling a template's placeholders: one pass over the template, values HTML-escaped for Telegram.

User-supplied values are never read as template syntax: the template is scanned once for
``{known_name}`` tokens and each is replaced by text; nothing is formatted twice and
``str.format`` is never applied to anything a user typed.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping

from .models import PLACEHOLDER_NAMES, PlaceholderSpec, PlanLanguage

_TOKEN = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SPACES = re.compile(r"\s+")
VALUE_MARK = "{value}"
MAX_VALUE_CHARS = 64


def template_problems(text: str, known: tuple[str, ...] = PLACEHOLDER_NAMES) -> list[str]:
    """What is wrong with a template's placeholders: unknown names, stray braces."""
    problems = [
        f"unknown placeholder {{{m.group(1)}}}" for m in _TOKEN.finditer(text) if m.group(1) not in known
    ]
    leftover = _TOKEN.sub("", text)
    if "{" in leftover or "}" in leftover:
        problems.append("stray '{' or '}' (write placeholders as {name})")
    return problems


def clean_value(value: object) -> str:
    """A user value as one short line: control characters dropped, whitespace collapsed, length capped."""
    text = "".join(ch for ch in str(value) if unicodedata.category(ch)[0] != "C" or ch in "\t\n")
    text = _SPACES.sub(" ", text).strip()
    if len(text) > MAX_VALUE_CHARS:
        text = text[: MAX_VALUE_CHARS - 1].rstrip() + "…"
    return text


def _escape(text: str) -> str:
    # Telegram's HTML mode needs only <, > and & escaped; quotes stay readable ("I'm").
    return html.escape(text, quote=False)


def fill_placeholder(spec: PlaceholderSpec, value: object | None, lang: PlanLanguage) -> str:
    """The escaped text that replaces one placeholder: the value in its phrase, or the fallback."""
    cleaned = clean_value(value) if value is not None else ""
    if not cleaned:
        return _escape(spec.fallback.get(lang))
    phrase = spec.one.get(lang) if spec.one is not None and cleaned == "1" else spec.value.get(lang)
    before, mark, after = phrase.partition(VALUE_MARK)
    if not mark:  # e.g. "within a minute": the phrase says the value itself
        return _escape(phrase)
    return _escape(before) + _escape(cleaned) + _escape(after)


def render(
    template: str,
    values: Mapping[str, object | None],
    lang: PlanLanguage,
    specs: Mapping[str, PlaceholderSpec],
) -> str:
    """``template`` with every known placeholder filled; the result is safe as Telegram HTML."""
    out: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(template):
        out.append(_escape(template[pos : m.start()]))
        spec = specs.get(m.group(1))
        # Validation rejects unknown names; should one slip through, it is dropped, never shown raw.
        if spec is not None:
            out.append(fill_placeholder(spec, values.get(m.group(1)), lang))
        pos = m.end()
    out.append(_escape(template[pos:]))
    return "".join(out)
