"""Entities Telegram computes for messages typed by users: commands, mentions, hashtags, links.

Offsets and lengths are in UTF-16 code units, as in the Bot API, so an emoji counts two.
"""

from __future__ import annotations

import re

from pydantic import BaseModel


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


class Utf16Index:
    """Maps Python string indices to UTF-16 offsets in O(1) after an O(n) pass."""

    def __init__(self, text: str) -> None:
        self._offsets = [0]
        total = 0
        for ch in text:
            total += 2 if ord(ch) > 0xFFFF else 1
            self._offsets.append(total)

    def at(self, index: int) -> int:
        return self._offsets[index]


def utf16_slice(text: str, offset: int, length: int) -> str:
    """The substring an entity covers."""
    raw = text.encode("utf-16-le")
    return raw[offset * 2 : (offset + length) * 2].decode("utf-16-le", "replace")


# Characters that glue onto a neighbouring token and so stop a command or mention from starting.
_WORDISH = r"A-Za-z0-9_"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("url", re.compile(r"(?<![\w/@.])https?://[^\s<>\"'，。！？、]+", re.IGNORECASE)),
    (
        "email",
        re.compile(
            rf"(?<![{_WORDISH}.@])[{_WORDISH}.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}}"
        ),
    ),
    (
        "bot_command",
        re.compile(
            rf"(?<![{_WORDISH}/<>])/[{_WORDISH}]{{1,64}}(?:@[{_WORDISH}]{{3,32}})?(?![{_WORDISH}/@<>])"
        ),
    ),
    ("mention", re.compile(rf"(?<![{_WORDISH}@])@[{_WORDISH}]{{3,32}}(?![{_WORDISH}@])")),
    ("hashtag", re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")),
    ("cashtag", re.compile(r"(?<![\w$])\$[A-Z]{3,8}(?![\w$])")),
]
_TRAILING_URL_PUNCT = ".,;:!?)]}'\""


class Entity(BaseModel):
    """One MessageEntity as the Bot API serialises it."""

    type: str
    offset: int
    length: int
    url: str | None = None
    language: str | None = None
    custom_emoji_id: str | None = None

    def to_api(self) -> dict[str, object]:
        return self.model_dump(exclude_none=True)


def detect_entities(text: str) -> list[Entity]:
    """Commands, mentions, hashtags, cashtags, URLs and e-mails in a typed text, sorted by offset."""
    spans: list[tuple[int, int, str]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind == "url":
                while end > start and text[end - 1] in _TRAILING_URL_PUNCT:
                    end -= 1
            if kind == "bot_command" and len(match.group().split("@")[0]) > 33:
                continue  # Telegram commands are at most 32 characters after the slash
            if any(s < end and start < e for s, e, _ in spans):
                continue  # an earlier, stronger pattern already claimed these characters
            spans.append((start, end, kind))
    index = Utf16Index(text)
    entities = [
        Entity(type=kind, offset=index.at(start), length=index.at(end) - index.at(start))
        for start, end, kind in spans
    ]
    return sorted(entities, key=lambda e: (e.offset, -e.length))


def command_of(text: str, entity: Entity) -> tuple[str, str | None]:
    """``("/start", "my_bot")`` for a bot_command entity ``/start@my_bot``."""
    token = utf16_slice(text, entity.offset, entity.length)
    name, _, target = token.partition("@")
    return name, (target or None)
