"""The classify and eval commands, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli_run import run_bot

run_cli = run_bot


def test_classify_readable_and_json() -> None:
    readable = run_cli("classify", "我的快递三天了还没到")
    assert readable.returncode == 0
    assert "language  zh-Hans" in readable.stdout
    as_json = run_cli("classify", "--json", "My parcel never arrived")
    obj = json.loads(as_json.stdout)
    assert obj["language"] == "en"
    assert set(obj) >= {
        "language",
        "intent",
        "topic",
        "behaviors",
        "emotion",
        "risks",
        "confidence",
        "evidence",
    }


def test_jsonl_keeps_going_past_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": "hello"}),
        "this is not json",
        json.dumps({"id": "b"}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({"id": 7, "text": "退款什么时候到账？", "extra": 1}),
    ]
    proc = run_cli("classify", "--jsonl", stdin="\n".join(lines) + "\n")
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 7]
    for o in out:
        assert isinstance(o["behaviors"], list) and isinstance(o["risks"], list)
        assert o["emotion"] in (0, 1, 2, 3)
    errors = [json.loads(line) for line in proc.stderr.splitlines()]
    assert [e["line"] for e in errors] == [2, 3, 4]
    assert "'b'" in errors[1]["error"] and "text" in errors[1]["error"]
    assert proc.returncode == 1


def test_classify_without_text_is_a_usage_error() -> None:
    proc = run_cli("classify")
    assert proc.returncode == 2
    assert "give a text" in proc.stderr


def test_eval_prints_every_axis(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    records = [
        {
            "id": "x1",
            "text": "Thanks, the refund arrived!",
            "language": "en",
            "intent": "praise",
            "topic": "billing",
            "behaviors": [],
            "emotion": 0,
            "risks": [],
        },
        {
            "id": "x2",
            "text": "我要找律师起诉你们",
            "language": "zh-Hans",
            "intent": "complaint",
            "topic": "none",
            "behaviors": [],
            "emotion": 2,
            "risks": ["legal"],
        },
    ]
    gold.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\nbroken\n", encoding="utf-8"
    )
    proc = run_cli("eval", str(gold))
    assert proc.returncode == 0, proc.stderr
    for axis in ("language", "intent", "topic", "behaviors", "emotion", "risks"):
        assert axis in proc.stdout
    assert "within_one=" in proc.stdout and "macro_f1=" in proc.stdout and "micro_f1=" in proc.stdout
    assert "gold.jsonl:3" in proc.stderr
    report = json.loads(run_cli("eval", "--json", str(gold)).stdout)
    assert report["n"] == 2
    assert run_cli("eval", str(tmp_path / "missing.jsonl")).returncode == 2
