"""Parsing formatted message text the way Telegram does: HTML, MarkdownV2 and legacy Markdown.

Each parser returns the plain text a user sees and its entities (UTF-16 offsets). Malformed
markup raises :class:`ParseError` with the detail Telegram puts after "can't parse entities: ".
Only the rules that commonly break bots are enforced (unknown or unbalanced tags, unescaped
reserved characters, unclosed markers); nesting subtleties are accepted.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from .entities import Entity

_HTML_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
}
_HTML_TAGS = {*_HTML_SIMPLE, "span", "a", "code", "pre", "blockquote", "tg-emoji", "tg-time"}
_MDV2_RESERVED = set("_*[]()~`>#+-=|{}.!")
_MDV2_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
}


class ParseError(ValueError):
    """Markup Telegram would refuse."""


def parse_text(text: str, parse_mode: str | None) -> tuple[str, list[Entity]]:
    """Plain text and entities for ``text`` under ``parse_mode`` (``None`` leaves it alone)."""
    if not parse_mode:
        return text, []
    mode = parse_mode.lower()
    if mode == "html":
        return parse_html(text)
    if mode == "markdownv2":
        return parse_markdown_v2(text)
    if mode == "markdown":
        return parse_markdown(text)
    raise ValueError(f"unsupported parse_mode {parse_mode!r}")


class _Out:
    """Plain-text builder that tracks its UTF-16 length."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.offset = 0

    def add(self, chunk: str) -> None:
        self.parts.append(chunk)
        self.offset += len(chunk.encode("utf-16-le")) // 2

    def text(self) -> str:
        return "".join(self.parts)


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def _finish(entities: list[Entity]) -> list[Entity]:
    kept = [e for e in entities if e.length > 0]
    return sorted(kept, key=lambda e: (e.offset, -e.length))


def _decode_html_entity(source: str, i: int) -> tuple[str, int] | None:
    end = source.find(";", i + 1, i + 12)
    if end < 0:
        return None
    name = source[i + 1 : end]
    if name in _HTML_NAMED:
        return _HTML_NAMED[name], end + 1 - i
    if name.startswith("#"):
        digits = name[1:]
        try:
            code = int(digits[1:], 16) if digits[:1] in ("x", "X") else int(digits)
        except ValueError:
            return None
        if 0 < code <= 0x10FFFF:
            return chr(code), end + 1 - i
    return None


def _html_unescape(value: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] == "&" and (decoded := _decode_html_entity(value, i)) is not None:
            out.append(decoded[0])
            i += decoded[1]
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


class _OpenTag:
    def __init__(self, name: str, offset: int, attrs: dict[str, str]) -> None:
        self.name = name
        self.offset = offset
        self.attrs = attrs
        self.language: str | None = None


def _read_attrs(source: str, j: int, tag: str, tag_index: int) -> tuple[dict[str, str], int]:
    attrs: dict[str, str] = {}
    n = len(source)
    while True:
        while j < n and source[j] in " \t\r\n":
            j += 1
        if j >= n:
            raise ParseError(f"Unclosed start tag at byte offset {_byte_offset(source, tag_index)}")
        if source[j] == ">":
            return attrs, j + 1
        start = j
        while j < n and (source[j].isascii() and (source[j].isalnum() or source[j] in "-_")):
            j += 1
        name = source[start:j].lower()
        if not name:
            raise ParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(source, start)}'
            )
        while j < n and source[j] in " \t\r\n":
            j += 1
        value = ""
        if j < n and source[j] == "=":
            j += 1
            while j < n and source[j] in " \t\r\n":
                j += 1
            if j < n and source[j] in "\"'":
                close = source.find(source[j], j + 1)
                if close < 0:
                    raise ParseError(f"Unclosed start tag at byte offset {_byte_offset(source, tag_index)}")
                value = source[j + 1 : close]
                j = close + 1
            else:
                start = j
                while j < n and source[j] not in " \t\r\n>":
                    j += 1
                value = source[start:j]
        attrs[name] = _html_unescape(value)


def parse_html(source: str) -> tuple[str, list[Entity]]:
    """Telegram's HTML subset: b/strong, i/em, u/ins, s/strike/del, tg-spoiler, span class=tg-spoiler,
    a href, code, pre (with code class=language-x), blockquote [expandable], tg-emoji, tg-time."""
    out = _Out()
    stack: list[_OpenTag] = []
    entities: list[Entity] = []
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "&":
            decoded = _decode_html_entity(source, i)
            if decoded is None:
                out.add("&")
                i += 1
            else:
                out.add(decoded[0])
                i += decoded[1]
            continue
        if ch != "<":
            start = i
            while i < n and source[i] not in "<&":
                i += 1
            out.add(source[start:i])
            continue
        if source.startswith("</", i):
            close = source.find(">", i)
            if close < 0:
                raise ParseError(f"Unclosed end tag at byte offset {_byte_offset(source, i)}")
            name = source[i + 2 : close].strip().lower()
            if not stack:
                raise ParseError(f"Unexpected end tag at byte offset {_byte_offset(source, i)}")
            top = stack[-1]
            if name != top.name:
                raise ParseError(
                    f'Unmatched end tag at byte offset {_byte_offset(source, i)}, expected "</{top.name}>", found "</{name}>"'
                )
            stack.pop()
            entity = _html_entity(top, out.offset, stack)
            if entity is not None:
                entities.append(entity)
            i = close + 1
            continue
        j = i + 1
        while j < n and source[j].isascii() and (source[j].isalnum() or source[j] == "-"):
            j += 1
        name = source[i + 1 : j].lower()
        if name not in _HTML_TAGS:
            raise ParseError(f'Unsupported start tag "{name}" at byte offset {_byte_offset(source, i)}')
        attrs, j = _read_attrs(source, j, name, i)
        if name == "span" and attrs.get("class") != "tg-spoiler":
            raise ParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(source, i)}'
            )
        if name == "tg-emoji" and not attrs.get("emoji-id"):
            raise ParseError(
                f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {_byte_offset(source, i)}'
            )
        stack.append(_OpenTag(name, out.offset, attrs))
        i = j
    if stack:
        raise ParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return out.text(), _finish(entities)


def _html_entity(tag: _OpenTag, end: int, outer: list[_OpenTag]) -> Entity | None:
    length = end - tag.offset
    if tag.name in _HTML_SIMPLE:
        return Entity(type=_HTML_SIMPLE[tag.name], offset=tag.offset, length=length)
    if tag.name == "span":
        return Entity(type="spoiler", offset=tag.offset, length=length)
    if tag.name == "a":
        href = tag.attrs.get("href", "")
        return Entity(type="text_link", offset=tag.offset, length=length, url=href) if href else None
    if tag.name == "code":
        css = tag.attrs.get("class", "")
        parent = outer[-1] if outer else None
        if parent is not None and parent.name == "pre" and parent.offset == tag.offset:
            if css.startswith("language-"):
                parent.language = css.removeprefix("language-")
            return None  # the surrounding <pre> carries the block
        return Entity(type="code", offset=tag.offset, length=length)
    if tag.name == "pre":
        return Entity(type="pre", offset=tag.offset, length=length, language=tag.language)
    if tag.name == "blockquote":
        kind = "expandable_blockquote" if "expandable" in tag.attrs else "blockquote"
        return Entity(type=kind, offset=tag.offset, length=length)
    if tag.name == "tg-emoji":
        return Entity(
            type="custom_emoji", offset=tag.offset, length=length, custom_emoji_id=tag.attrs["emoji-id"]
        )
    return None  # tg-time and friends: accepted, not modelled


class _Marker:
    def __init__(self, kind: str, offset: int, byte_index: int) -> None:
        self.kind = kind
        self.offset = offset
        self.byte_index = byte_index
        self.language: str | None = None


def _reserved(ch: str) -> ParseError:
    return ParseError(f"Character '{ch}' is reserved and must be escaped with the preceding '\\'")


def _mdv2_closes(top: _Marker, source: str, i: int) -> int:
    """Width of the closing marker at ``i`` for the innermost open entity, or 0."""
    ch, nxt = source[i], source[i + 1 : i + 2]
    if top.kind == "bold" and ch == "*":
        return 1
    if top.kind == "italic" and ch == "_" and nxt != "_":
        return 1
    if top.kind == "underline" and source.startswith("__", i):
        return 2
    if top.kind == "strikethrough" and ch == "~":
        return 1
    if top.kind == "spoiler" and source.startswith("||", i):
        return 2
    if top.kind == "code" and ch == "`":
        return 1
    if top.kind == "pre" and source.startswith("```", i):
        return 3
    if top.kind in ("text_link", "custom_emoji") and ch == "]":
        return 1
    return 0


def _read_link_target(source: str, i: int) -> tuple[str, int]:
    """After ``](``: the URL up to the matching unescaped ``)``."""
    chars: list[str] = []
    j = i
    while j < len(source):
        if source[j] == "\\" and j + 1 < len(source):
            chars.append(source[j + 1])
            j += 2
            continue
        if source[j] == ")":
            return "".join(chars), j + 1
        chars.append(source[j])
        j += 1
    raise ParseError(f"Can't find end of a URL at byte offset {_byte_offset(source, i)}")


def parse_markdown_v2(source: str) -> tuple[str, list[Entity]]:
    """MarkdownV2: every reserved character outside an entity marker must be escaped."""
    out = _Out()
    stack: list[_Marker] = []
    entities: list[Entity] = []
    quote_start: int | None = None
    i, n = 0, len(source)
    line_start = True
    while i < n:
        ch = source[i]
        in_code = bool(stack) and stack[-1].kind in ("code", "pre")
        if line_start and not in_code:
            if ch == ">" or source.startswith("**>", i):
                if quote_start is None:
                    quote_start = out.offset
                i += 3 if ch == "*" else 1
                line_start = False
                continue
            if quote_start is not None:
                entities.append(
                    Entity(type="blockquote", offset=quote_start, length=out.offset - quote_start - 1)
                )
                quote_start = None
        line_start = False
        if ch == "\\" and i + 1 < n and 0 < ord(source[i + 1]) <= 126:
            out.add(source[i + 1])
            i += 2
            continue
        if ch == "\n":
            line_start = True
        if stack and (width := _mdv2_closes(stack[-1], source, i)):
            top = stack.pop()
            i += width
            url: str | None = None
            if top.kind in ("text_link", "custom_emoji"):
                if source.startswith("(", i):
                    url, i = _read_link_target(source, i + 1)
                elif top.kind == "custom_emoji":
                    raise ParseError("Custom emoji entity must contain a tg://emoji URL")
            entity = _mdv2_entity(top, out.offset, url)
            if entity is not None:
                entities.append(entity)
            continue
        if in_code or ch not in _MDV2_RESERVED:
            out.add(ch)
            i += 1
            continue
        here = i
        if ch == "_":
            kind, i = ("underline", i + 2) if source.startswith("__", i) else ("italic", i + 1)
        elif ch == "*":
            kind, i = "bold", i + 1
        elif ch == "~":
            kind, i = "strikethrough", i + 1
        elif ch == "|" and source.startswith("||", i):
            kind, i = "spoiler", i + 2
        elif ch == "[":
            kind, i = "text_link", i + 1
        elif ch == "!" and source.startswith("![", i):
            kind, i = "custom_emoji", i + 2
        elif ch == "`":
            if source.startswith("```", i):
                kind, i = "pre", i + 3
            else:
                kind, i = "code", i + 1
        else:
            raise _reserved(ch)
        marker = _Marker(kind, out.offset, here)
        if kind == "pre":
            newline = source.find("\n", i)
            fence_end = source.find("```", i)
            if 0 <= newline < (fence_end if fence_end >= 0 else n) and source[i:newline].strip():
                marker.language = source[i:newline].strip()
                i = newline + 1
        stack.append(marker)
    if stack:
        top = stack[-1]
        raise ParseError(
            f"Can't find end of {_MDV2_NAMES[top.kind]} entity at byte offset {_byte_offset(source, top.byte_index)}"
        )
    if quote_start is not None:
        entities.append(Entity(type="blockquote", offset=quote_start, length=out.offset - quote_start))
    return out.text(), _finish(entities)


def _mdv2_entity(marker: _Marker, end: int, url: str | None) -> Entity | None:
    length = end - marker.offset
    if marker.kind == "text_link":
        return Entity(type="text_link", offset=marker.offset, length=length, url=url) if url else None
    if marker.kind == "custom_emoji":
        emoji_id = parse_qs(urlparse(url or "").query).get("id", [""])[0]
        if not emoji_id:
            raise ParseError("Custom emoji URL must have an emoji identifier")
        return Entity(type="custom_emoji", offset=marker.offset, length=length, custom_emoji_id=emoji_id)
    return Entity(type=marker.kind, offset=marker.offset, length=length, language=marker.language)


def parse_markdown(source: str) -> tuple[str, list[Entity]]:
    """Legacy Markdown: *bold*, _italic_, `code`, ```pre```, [text](url); no nesting."""
    out = _Out()
    entities: list[Entity] = []
    i, n = 0, len(source)
    kinds = {"*": "bold", "_": "italic", "`": "code"}
    while i < n:
        ch = source[i]
        if ch == "\\" and i + 1 < n and source[i + 1] in "_*`[":
            out.add(source[i + 1])
            i += 2
            continue
        if ch not in "_*`[":
            out.add(ch)
            i += 1
            continue
        unclosed = ParseError(
            f"Can't find end of the entity starting at byte offset {_byte_offset(source, i)}"
        )
        start = out.offset
        if ch == "[":
            close = source.find("]", i + 1)
            if close < 0:
                raise unclosed
            out.add(source[i + 1 : close])
            i = close + 1
            if source.startswith("(", i):
                end = source.find(")", i)
                if end < 0:
                    raise unclosed
                entities.append(
                    Entity(type="text_link", offset=start, length=out.offset - start, url=source[i + 1 : end])
                )
                i = end + 1
            continue
        if source.startswith("```", i):
            close = source.find("```", i + 3)
            if close < 0:
                raise unclosed
            body = source[i + 3 : close]
            language: str | None = None
            first, sep, rest = body.partition("\n")
            if sep and first.strip() and " " not in first.strip():
                language, body = first.strip(), rest
            out.add(body)
            entities.append(Entity(type="pre", offset=start, length=out.offset - start, language=language))
            i = close + 3
            continue
        close = source.find(ch, i + 1)
        if close < 0:
            raise unclosed
        out.add(source[i + 1 : close])
        entities.append(Entity(type=kinds[ch], offset=start, length=out.offset - start))
        i = close + 1
    return out.text(), _finish(entities)
