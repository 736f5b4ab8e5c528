"""``check``: check an agent's draft reply before it goes to an upset customer."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import field_validator

from ..checker import STEPS, DraftReport, check_draft
from ..clock import SystemClock, to_datetime
from ..settings import get_settings, zone_named
from .jsonl import TextRecord, aware, parse_now, run_batch
from .promises_cmd import promise_json


class DraftRecord(TextRecord):
    """A batch input line: id, the draft as text, and optionally the customer's message and send time."""

    customer: str | None = None
    now: datetime | None = None

    _aware = field_validator("now")(aware)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``check`` sub-command."""
    p = subparsers.add_parser("check", help="check a draft reply: risky phrasing, CLEAR coverage, promises")
    p.add_argument("draft", nargs="?", help="the agent's draft reply (omit with --jsonl)")
    p.add_argument("--customer", help="the customer message being answered (an angry one needs an apology)")
    p.add_argument("--now", help="when the draft is sent, ISO 8601 with offset (default: now)")
    p.add_argument("--tz", help="the team's IANA time zone (default: CLEARBOT_TZ)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl",
        action="store_true",
        help="read {id, text, customer?, now?} lines on stdin, write one line each",
    )
    p.set_defaults(func=run)


def report_json(report: DraftReport) -> dict[str, Any]:
    """The output form of a report."""
    return {
        "language": report.language,
        "findings": [f.model_dump(mode="json") for f in report.findings],
        "score": report.score,
        "steps": report.steps.model_dump(mode="json"),
        "promises": [{**promise_json(p), "start": p.start, "end": p.end} for p in report.promises],
    }


def render(report: DraftReport) -> str:
    """A readable summary: score and steps, then each finding with its suggested rewrite."""
    marks = "  ".join(f"{step} {'✓' if getattr(report.steps, step) else '✗'}" for step in STEPS)
    lines = [f"CLEAR score {report.score}/100   {marks}   ({report.language})"]
    if not report.findings:
        lines.append("no findings")
    for f in report.findings:
        where = f"{f.start}-{f.end} «{f.text}»" if f.end > f.start else f"at {f.start}"
        lines.append(f"[{f.severity}] {f.kind}  {where}")
        lines.append(f"    why: {f.message}")
        lines.append(f"    try: {f.rewrite.strip()}")
    for p in report.promises:
        when = p.due.isoformat() if p.due is not None else "no time given"
        lines.append(f"promise {p.kind}: {when}  «{p.text}»")
    return "\n".join(lines)


def _zone(name: str | None) -> ZoneInfo:
    return get_settings().zone if name is None else zone_named(name)


def _check(draft: str, customer: str | None, now: datetime | None, zone: ZoneInfo) -> DraftReport:
    moment = now if now is not None else to_datetime(SystemClock().now_ms()).astimezone(zone)
    return check_draft(draft, customer, now=moment, tz=zone, business_hours=get_settings().business_hours)


def run(args: argparse.Namespace) -> int:
    """Entry point of ``check``."""
    try:
        zone = _zone(args.tz)
        now = parse_now(args.now)
    except ValueError as exc:
        print(f"clearbot check: {exc}", file=sys.stderr)
        return 2
    if args.jsonl:

        def handle(rec: DraftRecord) -> dict[str, Any]:
            out: dict[str, Any] = {"id": rec.id}
            out.update(report_json(_check(rec.text, rec.customer, rec.now or now, zone)))
            return out

        return run_batch(handle, DraftRecord)
    if args.draft is None:
        print("clearbot check: give a draft, or --jsonl to read records on stdin", file=sys.stderr)
        return 2
    report = _check(args.draft, args.customer, now, zone)
    if args.json:
        print(json.dumps(report_json(report), ensure_ascii=False))
    else:
        print(render(report))
    return 0
