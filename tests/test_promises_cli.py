"""The promises command, run as a user runs it."""

from __future__ import annotations

import json
import subprocess

from tests.cli_run import run_bot


def run_cli(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return run_bot("promises", *args, stdin=stdin, env=env)


def test_jsonl_batch_with_bad_lines() -> None:
    lines = [
        json.dumps(
            {
                "id": "a",
                "text": "10分钟内给您回电。",
                "now": "2026-03-02T10:00:00+08:00",
                "tz": "Asia/Shanghai",
            }
        ),
        "not json",
        json.dumps(
            {
                "id": "b",
                "text": "I'll call you tomorrow.",
                "now": "2026-03-02T10:00:00-05:00",
                "tz": "Mars/Base",
            }
        ),
        json.dumps({"id": "c", "text": "x", "now": "yesterday-ish"}),
        json.dumps({"id": "d", "text": "x", "now": "2026-03-02T10:00:00"}),
        json.dumps({"id": 5, "text": "预计3-5天送达", "now": "2026-03-02T10:00:00+08:00"}),
        json.dumps(
            {"id": "e", "text": "I'll get back to you in 20 minutes.", "now": "2026-03-02T10:00:00-05:00"}
        ),
    ]
    proc = run_cli("--jsonl", stdin="\n".join(lines) + "\n")
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert out == [
        {
            "id": "a",
            "promises": [
                {"kind": "callback", "due": "2026-03-02T10:10:00+08:00", "text": "10分钟内给您回电"}
            ],
        },
        {"id": 5, "promises": []},
        {
            "id": "e",
            "promises": [
                {
                    "kind": "callback",
                    "due": "2026-03-02T10:20:00-05:00",
                    "text": "I'll get back to you in 20 minutes",
                }
            ],
        },
    ]
    errors = [json.loads(line) for line in proc.stderr.splitlines()]
    assert [e["line"] for e in errors] == [2, 3, 4, 5]
    assert "Mars/Base" in errors[1]["error"] and "'b'" in errors[1]["error"]
    assert "'c'" in errors[2]["error"] and "'d'" in errors[3]["error"]
    assert proc.returncode == 1


def test_jsonl_defaults_to_clock_and_setting_zone() -> None:
    proc = run_cli(
        "--jsonl",
        stdin=json.dumps({"id": 1, "text": "给我五分钟"}) + "\n",
        env={"CLEARBOT_TZ": "Asia/Hong_Kong"},
    )
    (line,) = proc.stdout.splitlines()
    (promise,) = json.loads(line)["promises"]
    assert promise["kind"] == "hold" and promise["due"].endswith("+08:00")
    assert proc.returncode == 0


def test_readable_and_json() -> None:
    readable = run_cli("I'll call you back in 15 minutes.", "--now", "2026-03-02T10:00:00-05:00")
    assert readable.returncode == 0
    assert "callback" in readable.stdout and "2026-03-02T10:15:00-05:00" in readable.stdout
    as_json = run_cli("明天给您回复", "--json", "--now", "2026-03-02T09:00:00+00:00", "--tz", "Asia/Shanghai")
    obj = json.loads(as_json.stdout)
    assert obj["promises"] == [
        {"kind": "callback", "due": "2026-03-03T18:00:00+08:00", "text": "明天给您回复"}
    ]


def test_bad_arguments() -> None:
    assert run_cli("hi", "--tz", "Nowhere/Land").returncode == 2
    assert run_cli("hi", "--now", "2026-03-02T10:00:00").returncode == 2
    assert run_cli().returncode == 2
