"""The check command, run as a user runs it."""

from __future__ import annotations

import json

from tests.cli_run import run_bot

NOW = "2026-03-02T10:00:00+08:00"


run_cli = run_bot


def test_check_readable() -> None:
    proc = run_cli("check", "Calm down, I'll get back to you.", "--now", NOW, "--tz", "Asia/Shanghai")
    assert proc.returncode == 0, proc.stderr
    assert "CLEAR score 0/100" in proc.stdout
    assert "calm_down  0-9 «Calm down»" in proc.stdout
    assert "promise_without_time" in proc.stdout


def test_check_json_has_the_contract_fields() -> None:
    draft = "你冷静一点，这个办不了。"
    proc = run_cli(
        "check",
        "--json",
        draft,
        "--customer",
        "你们太过分了！！我要投诉！",
        "--now",
        NOW,
        "--tz",
        "Asia/Shanghai",
    )
    obj = json.loads(proc.stdout)
    assert set(obj) >= {"findings", "score", "steps", "promises"}
    assert set(obj["steps"]) == {"control", "listen", "empathize", "apologize", "resolve"}
    kinds = {f["kind"] for f in obj["findings"]}
    assert {"calm_down", "refusal_without_alternative", "missing_apology", "missing_next_step"} <= kinds
    for f in obj["findings"]:
        assert set(f) >= {"kind", "start", "end", "text", "rewrite"}
        assert draft[f["start"] : f["end"]] == f["text"]


def test_check_jsonl_keeps_going_past_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": "規矩就係咁㗎。", "customer": "你哋搞乜嘢呀！"}),
        "not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "text": "I'll call you by 3 pm today.", "now": NOW}),
        json.dumps({"id": "d", "text": "x", "now": "2026-03-02T10:00:00"}),
    ]
    proc = run_cli("check", "--jsonl", "--tz", "Asia/Shanghai", stdin="\n".join(lines) + "\n")
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "c"]
    assert "policy_hiding" in {f["kind"] for f in out[0]["findings"]}
    assert out[1]["promises"][0]["due"] == "2026-03-02T15:00:00+08:00"
    errors = [json.loads(line) for line in proc.stderr.splitlines()]
    assert [e["line"] for e in errors] == [2, 3, 5]
    assert proc.returncode == 1


def test_check_usage_errors() -> None:
    assert run_cli("check").returncode == 2
    proc = run_cli("check", "hello", "--tz", "Mars/Olympus")
    assert proc.returncode == 2 and "unknown IANA time zone" in proc.stderr
