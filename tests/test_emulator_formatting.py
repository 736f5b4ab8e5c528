"""The emulator's text rules: entity detection with UTF-16 offsets, HTML/MarkdownV2/Markdown parsing, keyboards."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from emulator.entities import detect_entities, utf16_len, utf16_slice
from emulator.errors import ApiError
from emulator.formatting import ParseError, parse_html, parse_markdown, parse_markdown_v2, parse_text
from emulator.keyboards import validate_reply_markup

# Characters that make entity detection and UTF-16 arithmetic interesting.
_ALPHABET = st.sampled_from([*"ab_Z9/@#$. \n", "退", "款", "。", "👋", "😡", "é", "\u200d"])


def test_entities_use_utf16_offsets_after_emoji_and_cjk() -> None:
    text = "👋 /start@clear_test_bot 请联系 @support_team #退款 https://ex.com/a."
    found = {e.type: (e.offset, e.length) for e in detect_entities(text)}
    assert found["bot_command"] == (3, 21)  # the emoji before counts as two units
    assert utf16_slice(text, *found["mention"]) == "@support_team"
    assert utf16_slice(text, *found["hashtag"]) == "#退款"
    assert utf16_slice(text, *found["url"]) == "https://ex.com/a"  # trailing dot is not part of the link


def test_commands_and_mentions_need_a_boundary() -> None:
    assert [e.type for e in detect_entities("a/b and mail@example.com")] == ["email"]
    assert [e.type for e in detect_entities("/help@bot_name now")] == ["bot_command"]


@given(st.text(_ALPHABET, max_size=60))
def test_detected_entities_are_in_bounds_disjoint_and_well_formed(text: str) -> None:
    entities = detect_entities(text)
    end = 0
    for entity in entities:
        assert entity.offset >= end and entity.length > 0
        end = entity.offset + entity.length
        piece = utf16_slice(text, entity.offset, entity.length)
        first = {"bot_command": "/", "mention": "@", "hashtag": "#", "cashtag": "$"}.get(entity.type)
        if first is not None:
            assert piece.startswith(first)
    assert end <= utf16_len(text)


@given(st.text(_ALPHABET | st.sampled_from(list("<>&\"'")), max_size=60))
def test_escaped_html_round_trips_to_the_same_plain_text(text: str) -> None:
    plain, entities = parse_html(html.escape(text, quote=False))
    assert (plain, entities) == (text, [])
    wrapped, bold = parse_html(f"<b>{html.escape(text)}</b>")
    assert wrapped == text
    assert [(e.type, e.offset, e.length) for e in bold] == ([("bold", 0, utf16_len(text))] if text else [])


def test_html_nested_entities_links_and_code_blocks() -> None:
    plain, entities = parse_html('<b>a<i>b😀</i></b> <a href="https://x.org/?a=1&amp;b=2">link</a>')
    assert plain == "ab😀 link"
    assert [e.to_api() for e in entities] == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "italic", "offset": 1, "length": 3},
        {"type": "text_link", "offset": 5, "length": 4, "url": "https://x.org/?a=1&b=2"},
    ]
    plain, entities = parse_html(
        '<pre><code class="language-python">x &lt; 1</code></pre> &copy; 5 &#x1F44B;'
    )
    assert plain == "x < 1 &copy; 5 👋"  # unknown named entities stay literal, like Telegram
    assert [e.to_api() for e in entities] == [{"type": "pre", "offset": 0, "length": 5, "language": "python"}]
    _, quote = parse_html("<blockquote expandable>long</blockquote><tg-spoiler>s</tg-spoiler>")
    assert [e.type for e in quote] == ["expandable_blockquote", "spoiler"]


@pytest.mark.parametrize(
    ("source", "detail"),
    [
        ("x <br> y", 'Unsupported start tag "br" at byte offset 2'),
        ("价格 < 5", 'Unsupported start tag "" at byte offset 7'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ('<a href="x', "Unclosed start tag at byte offset 0"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
def test_html_errors_carry_telegrams_wording(source: str, detail: str) -> None:
    with pytest.raises(ParseError) as caught:
        parse_html(source)
    assert str(caught.value) == detail


def test_markdown_v2_rules() -> None:
    plain, entities = parse_markdown_v2(r"*bold* _it_ __u__ ~s~ ||sp|| `a.b` [t](https://e.com/\)) 1\.5\!")
    assert plain == "bold it u s sp a.b t 1.5!"
    assert [e.type for e in entities] == [
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "code",
        "text_link",
    ]
    assert entities[-1].url == "https://e.com/)"
    plain, entities = parse_markdown_v2("```python\nprint(1)\n```")
    assert plain == "print(1)\n" and entities[0].language == "python"
    with pytest.raises(ParseError, match=r"Character '\.' is reserved"):
        parse_markdown_v2("Total: 1.5")
    with pytest.raises(ParseError, match="Can't find end of Bold entity at byte offset 3"):
        parse_markdown_v2("退*x")
    with pytest.raises(ParseError, match="Can't find end of a URL"):
        parse_markdown_v2("[t](https://e.com")


def test_legacy_markdown_and_parse_mode_dispatch() -> None:
    plain, entities = parse_markdown("*b* _i_ `c` [l](https://e.com) a\\_b")
    assert plain == "b i c l a_b"
    assert [e.type for e in entities] == ["bold", "italic", "code", "text_link"]
    with pytest.raises(ParseError, match="Can't find end of the entity starting at byte offset 2"):
        parse_markdown("a *b")
    assert parse_text("<b>x</b>", None) == ("<b>x</b>", [])
    assert parse_text("<b>x</b>", "html")[0] == "x"


def test_keyboard_validation() -> None:
    validate_reply_markup({"inline_keyboard": [[{"text": "ok", "callback_data": "d" * 64}]]})
    validate_reply_markup({"keyboard": [["yes", {"text": "no"}]], "resize_keyboard": True})
    validate_reply_markup({"remove_keyboard": True})
    cases: list[tuple[dict[str, object], str]] = [
        ({"inline_keyboard": [[{"text": "ok", "callback_data": "é" * 33}]]}, "BUTTON_DATA_INVALID"),
        ({"inline_keyboard": [[{"text": "ok", "callback_data": ""}]]}, "BUTTON_DATA_INVALID"),
        ({"inline_keyboard": [[{"text": "plain"}]]}, "Text buttons are unallowed"),
        ({"inline_keyboard": [[{"text": "u", "url": "javascript:alert(1)"}]]}, "is invalid"),
        ({"inline_keyboard": [{"text": "flat"}]}, "Array of Arrays"),
        ({"bogus": 1}, "object expected as reply markup"),
    ]
    for markup, detail in cases:
        with pytest.raises(ApiError) as caught:
            validate_reply_markup(markup)
        assert caught.value.error_code == 400 and detail in caught.value.description
