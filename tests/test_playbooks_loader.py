"""Playbook YAML: the shipped set is valid, broken edits are reported by file, line and field,
and the store keeps the last good set in force while a supervisor fixes the file."""

from __future__ import annotations

import os
import shutil
from functools import lru_cache
from pathlib import Path

import opencc
import pytest
import yaml

from bot.models import Classification, Confidence
from bot.playbooks import (
    BUNDLED_DIR,
    PLACEHOLDER_NAMES,
    PlanContext,
    PlaybookError,
    PlaybookStore,
    build_plan,
    load_playbooks,
)
from bot.taxonomy import BEHAVIORS, EMOTION_NAMES, INTENTS, RISKS, TOPICS

LANGS = ("zh-Hans", "zh-Hant", "en")


@lru_cache(maxsize=1)
def simplified_only() -> frozenset[str]:
    """Characters every Traditional standard writes differently, read off OpenCC's tables."""
    chars = "".join(chr(c) for c in range(0x4E00, 0xA000))
    column = "\n".join(chars)  # one a line: OpenCC converts each character on its own
    found = set(chars)
    for config in ("s2t", "s2tw", "s2hk"):
        converted = opencc.OpenCC(config).convert(column).split("\n")
        found &= {c for c, t in zip(chars, converted, strict=True) if t != c}
    return frozenset(found)


def lang_texts(node: object) -> list[dict[str, str]]:
    """Every three-language text in a parsed YAML document."""
    out: list[dict[str, str]] = []
    if isinstance(node, dict):
        if "zh-Hans" in node or "zh-Hant" in node or "en" in node:
            out.append(node)
        for value in node.values():
            out += lang_texts(value)
    elif isinstance(node, list):
        for value in node:
            out += lang_texts(value)
    return out


@pytest.fixture
def pb_dir(tmp_path: Path) -> Path:
    """A private copy of the shipped playbooks to break."""
    target = tmp_path / "playbooks"
    shutil.copytree(BUNDLED_DIR, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"test setup: {old!r} must occur once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    # Make the change visible to the cheap fingerprint even within one clock tick.
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def line_no(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path.name}")


def problems_of(directory: Path) -> list[str]:
    with pytest.raises(PlaybookError) as info:
        load_playbooks(directory)
    return [str(p) for p in info.value.problems]


def classification(**overrides: object) -> Classification:
    base: dict[str, object] = {
        "language": "en",
        "intent": "complaint",
        "topic": "delivery",
        "behaviors": [],
        "emotion": 1,
        "risks": [],
        "confidence": Confidence(language=1, intent=1, topic=1, behaviors=1, emotion=1, risks=1),
    }
    base.update(overrides)
    return Classification.model_validate(base)


# --- the shipped set ---------------------------------------------------------------------------


def test_shipped_playbooks_cover_the_whole_taxonomy() -> None:
    pb = load_playbooks(BUNDLED_DIR)
    assert set(pb.topics) == set(TOPICS)
    assert set(pb.behaviors) == set(BEHAVIORS)
    assert set(pb.emotions) == set(EMOTION_NAMES.values())
    assert set(pb.risks) == set(RISKS)
    assert set(pb.intents) == set(INTENTS)
    assert set(pb.clear.placeholders) == set(PLACEHOLDER_NAMES)
    for label, entry in pb.behaviors.items():
        assert entry.guidance is not None, label
        assert any(entry.for_step(s) for s in ("control", "listen", "empathize", "apologize", "resolve")), (
            label
        )
    for label in TOPICS:
        assert pb.topics[label].resolve, label
        assert "inquiry" in pb.topics[label].by_intent, label
    for label, risk in pb.risks.items():
        assert risk.escalate_to.en and risk.handover.en and risk.resolve, label
    assert pb.template_count() >= 100


def test_every_text_has_three_languages_and_zh_hant_is_traditional() -> None:
    simp = simplified_only()
    t2s, s2tw = opencc.OpenCC("t2s"), opencc.OpenCC("s2tw")
    n = native = 0
    for path in sorted(BUNDLED_DIR.glob("*.yaml")):
        for text in lang_texts(yaml.safe_load(path.read_text(encoding="utf-8"))):
            n += 1
            assert set(text) >= set(LANGS), (path.name, text)
            hant, hans = text["zh-Hant"], text["zh-Hans"]
            bad = sorted({c for c in hant if c in simp})
            assert not bad, f"{path.name}: Simplified-only {bad} in zh-Hant {hant!r}"
            assert t2s.convert(hans) == hans, f"{path.name}: Traditional characters in zh-Hans {hans!r}"
            assert not any("\u4e00" <= c <= "\u9fff" for c in text["en"]), (path.name, text["en"])
            native += s2tw.convert(hans) != hant
    assert n > 200
    # Written in Taiwan / Hong Kong usage, not run through a converter: most texts differ from one.
    assert native / n > 0.6


def test_simplified_in_zh_hant_is_refused_at_load(pb_dir: Path) -> None:
    path = pb_dir / "topics.yaml"
    edit(path, "zh-Hant: 很抱歉這次的配送讓您這麼費心。", "zh-Hant: 很抱歉这次的配送讓您這麼費心。")
    line = line_no(path, "zh-Hant: 很抱歉这次的配送")
    assert problems_of(pb_dir) == [
        f"topics.yaml:{line}: entries.delivery.apologize[0].zh-Hant: Simplified-only characters in zh-Hant: 这"
    ]


# --- errors name file, line and field ------------------------------------------------------------


def test_missing_language_names_file_line_and_field(pb_dir: Path) -> None:
    path = pb_dir / "topics.yaml"
    hant = "        zh-Hant: 我可以幫您換一件新的，也可以全額退款，您看哪一種比較方便？如果選擇換貨，有問題的那件我們安排免費到府收回。\n"
    edit(path, hant, "")
    text = path.read_text(encoding="utf-8").splitlines()
    item_line = next(i for i, line in enumerate(text, 1) if "我可以给您换一件新的" in line) - 1
    assert text[item_line - 1].strip() == "- id: 1"
    found = problems_of(pb_dir)
    assert found == [f"topics.yaml:{item_line}: entries.product_quality.resolve[0].zh-Hant: Field required"]


def test_misspelt_field_points_at_its_line(pb_dir: Path) -> None:
    path = pb_dir / "behaviors.yaml"
    edit(path, "  indecisive:\n    guidance:", "  indecisive:\n    guidence:")
    line = line_no(path, "guidence:")
    found = problems_of(pb_dir)
    assert f"behaviors.yaml:{line}: entries.indecisive.guidence: Extra inputs are not permitted" in found


def test_unknown_placeholder_and_stray_brace(pb_dir: Path) -> None:
    path = pb_dir / "intents.yaml"
    edit(
        path, "en: I'll take care of it now and send you a confirmation {minutes}.", "en: Done {when}, see {"
    )
    line = line_no(path, "en: Done {when}")
    found = problems_of(pb_dir)
    assert f"intents.yaml:{line}: entries.request.resolve[0].en: unknown placeholder {{when}}" in found
    assert any(p.startswith(f"intents.yaml:{line}:") and "stray" in p for p in found)


def test_yaml_syntax_error_has_a_line(pb_dir: Path) -> None:
    path = pb_dir / "risks.yaml"
    edit(path, "    name: {zh-Hans: 法律风险, zh-Hant: 法律風險, en: Legal}", "    name: {zh-Hans: [法律")
    found = problems_of(pb_dir)
    assert len(found) == 1 and found[0].startswith("risks.yaml:") and "YAML syntax" in found[0]
    reported = int(found[0].split(":")[1])
    assert abs(reported - line_no(path, "name: {zh-Hans: [法律")) <= 2


def test_duplicate_key_and_missing_entry(pb_dir: Path) -> None:
    path = pb_dir / "emotions.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  angry:\n"), text.index("  furious:\n")
    # The angry block pasted over furious: angry twice, furious gone.
    path.write_text(text[:end] + text[start:end], encoding="utf-8")
    found = problems_of(pb_dir)
    second = [
        i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line == "  angry:"
    ][1]
    assert f"emotions.yaml:{second}: entries.angry: duplicate key" in found


def test_missing_entry_is_named(pb_dir: Path) -> None:
    path = pb_dir / "behaviors.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("  indecisive:\n"), text.index("  changing_requirements:\n")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    found = problems_of(pb_dir)
    line = line_no(path, "entries:")
    assert found == [f"behaviors.yaml:{line}: entries: missing entry for behavior 'indecisive'"]


def test_complaints_may_not_skip_steps(pb_dir: Path) -> None:
    path = pb_dir / "intents.yaml"
    edit(path, "  complaint: {}", "  complaint:\n    skip: [apologize]")
    line = line_no(path, "skip: [apologize]")
    assert (
        f"intents.yaml:{line}: entries.complaint.skip: complaints and chasing always get all five steps"
        in (problems_of(pb_dir))
    )


# --- the store: hot reload, last good set --------------------------------------------------------


def test_reload_picks_up_an_edit(pb_dir: Path) -> None:
    store = PlaybookStore(pb_dir)
    c = classification(intent="praise", topic="none", emotion=0)
    before = build_plan(c, store=store, context=PlanContext(text="x")).steps[-1].templates[0].text
    assert store.reload_if_changed() is None  # nothing changed: no work
    edit(
        pb_dir / "intents.yaml",
        "just message us here any time. Have a lovely day!",
        "we're one message away.",
    )
    result = store.reload_if_changed()
    assert result is not None and result.ok and result.changed
    after = build_plan(c, store=store, context=PlanContext(text="x")).steps[-1].templates[0].text
    assert before != after and after.endswith("we're one message away.")


def test_broken_reload_keeps_the_last_good_set(pb_dir: Path) -> None:
    store = PlaybookStore(pb_dir)
    good = store.current
    c = classification(topic="billing", emotion=2)
    plan_before = build_plan(c, store=store, context=PlanContext(text="t"))
    path = pb_dir / "topics.yaml"
    edit(
        path,
        "        en: I'm sorry for the confusion over this charge",
        "        en_US: I'm sorry for the confusion over this charge",
    )
    result = store.reload()
    assert not result.ok and not result.changed
    assert (
        result.error is not None
        and "topics.yaml:" in result.error
        and "entries.billing.apologize[0]" in result.error
    )
    assert store.last_error is not None
    assert store.current is good
    assert build_plan(c, store=store, context=PlanContext(text="t")) == plan_before
    # The fix goes live and clears the error.
    edit(path, "        en_US: I'm sorry", "        en: I'm sorry")
    fixed = store.reload()
    assert fixed.ok and store.last_error is None


def test_broken_folder_at_start_falls_back_to_bundled(pb_dir: Path) -> None:
    (pb_dir / "clear.yaml").write_text("kind: clear\nsteps: {}\n", encoding="utf-8")
    store = PlaybookStore(pb_dir)
    assert store.last_error is not None and "clear.yaml" in str(store.last_error)
    assert store.current == load_playbooks(BUNDLED_DIR)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PlaybookError, match=r"no playbook files"):
        load_playbooks(tmp_path)
