"""``clearbot suggest``, run as a user runs it: readable, --json and --jsonl."""

from __future__ import annotations

import json
import subprocess

from bot.playbooks import STEP_ORDER
from tests.cli_run import run_bot


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return run_bot("suggest", *args, stdin=stdin)


def test_readable_output_lists_the_steps_in_order() -> None:
    proc = run_cli("我买的电水壶才用一周就漏水了，你们必须给我个说法！", "--order-id", "<A1>")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    positions = [out.index(title) for title in ("C · ", "L · ", "E · ", "A · ", "R · ")]
    assert positions == sorted(positions)
    assert "Avoid saying" in out and "[topic." in out
    assert "&lt;A1&gt;" in out and "<A1>" not in out
    assert "{" not in out


def test_json_has_the_documented_shape() -> None:
    proc = run_cli("--json", "I was promised a call back today and nobody called. Where is my refund?")
    assert proc.returncode == 0, proc.stderr
    obj = json.loads(proc.stdout)
    assert set(obj) >= {"classification", "language", "plan", "calming", "avoid", "escalation"}
    assert obj["language"] == "en"
    assert obj["classification"]["language"] == "en"
    steps = [s["step"] for s in obj["plan"]]
    assert steps == [s for s in STEP_ORDER if s in steps]
    for step in obj["plan"]:
        assert step["title"] and step["templates"]
        assert all(isinstance(t, str) and t for t in step["templates"])
        assert len(step["template_ids"]) == len(step["templates"])
    assert obj["escalation"] is None or isinstance(obj["escalation"], str)


def test_jsonl_adds_ids_and_survives_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a", "text": "多謝你哋，個問題已經解決咗，好滿意！"}),
        "{broken",
        json.dumps({"id": "b"}),
        json.dumps(
            {"id": 3, "text": "Bonjour, ma commande n'est toujours pas arrivée, c'est très décevant."}
        ),
    ]
    proc = run_cli("--jsonl", "--lang", "en", stdin="\n".join(lines) + "\n")
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", 3]
    assert out[0]["language"] == "zh-Hant"
    assert out[1]["classification"]["language"] == "other" and out[1]["language"] == "en"
    errors = [json.loads(line) for line in proc.stderr.splitlines()]
    assert [e["line"] for e in errors] == [2, 3]
    assert proc.returncode == 1


def test_text_or_jsonl_is_required() -> None:
    proc = run_cli()
    assert proc.returncode == 2 and "give a text" in proc.stderr
