"""``promises``: find callbacks, follow-ups and holds (with due times) in agents' messages."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, field_validator

from ..clock import SystemClock, to_datetime
from ..models import Promise
from ..promises import extract_promises
from ..settings import get_settings, zone_named
from .jsonl import aware, parse_now, run_batch


class PromiseRecord(BaseModel):
    """A batch input line: id, text, and optionally when it was sent and the team's zone."""

    model_config = ConfigDict(extra="allow")

    id: str | int
    text: str
    now: datetime | None = None
    tz: str | None = None

    _aware = field_validator("now")(aware)

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str | None) -> str | None:
        if value is not None:
            zone_named(value)
        return value


def _when_and_where(now: datetime | None, tz_name: str | None) -> tuple[datetime, ZoneInfo | None]:
    """Defaults: now from the system clock; zone from the record, else CLEARBOT_TZ (for a clock now)."""
    if tz_name is not None:
        zone: ZoneInfo | None = zone_named(tz_name)
    elif now is None:
        zone = get_settings().zone
    else:
        zone = None  # the offset written in ``now`` decides
    if now is None:
        now = to_datetime(SystemClock().now_ms())
        if zone is not None:
            now = now.astimezone(zone)
    return now, zone


def promise_json(promise: Promise) -> dict[str, Any]:
    """The output form of one promise."""
    return {
        "kind": promise.kind,
        "due": promise.due.isoformat() if promise.due is not None else None,
        "text": promise.text,
    }


def find(text: str, now: datetime | None, tz_name: str | None) -> tuple[datetime, list[Promise]]:
    """Promises in ``text`` with the CLI's defaults for ``now`` and the zone."""
    moment, zone = _when_and_where(now, tz_name)
    opens, closes = get_settings().business_hours
    return moment, extract_promises(text, moment, zone, business_open=opens, business_close=closes)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``promises`` sub-command."""
    p = subparsers.add_parser(
        "promises", help="find promised callbacks, follow-ups and holds in agent messages"
    )
    p.add_argument("text", nargs="?", help="the agent's message (omit with --jsonl)")
    p.add_argument("--now", help="when it was sent, ISO 8601 with offset (default: now)")
    p.add_argument("--tz", help="the team's IANA time zone (default: CLEARBOT_TZ)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl", action="store_true", help="read {id, text, now?, tz?} lines on stdin, write one line each"
    )
    p.set_defaults(func=run)


def _span(delta: timedelta) -> str:
    minutes = round(delta.total_seconds() / 60)
    if minutes < 90:
        return f"{minutes} min"
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours < 48 else f"{hours // 24} d {hours % 24} h"


def _render(moment: datetime, promises: list[Promise]) -> str:
    if not promises:
        return f"no promise (as of {moment.isoformat()})"
    lines = [f"as of {moment.isoformat()}:"]
    for promise in promises:
        if promise.due is None:
            when = "no time given"
        else:
            when = f"due {promise.due.isoformat()} (in {_span(promise.due - moment)})"
        lines.append(f"  {promise.kind:<9} {when}  «{promise.text}»")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Entry point of ``promises``."""
    if args.jsonl:

        def handle(rec: PromiseRecord) -> dict[str, Any]:
            _, promises = find(rec.text, rec.now, rec.tz)
            return {"id": rec.id, "promises": [promise_json(p) for p in promises]}

        return run_batch(handle, PromiseRecord)
    if args.text is None:
        print("clearbot promises: give a text, or --jsonl to read records on stdin", file=sys.stderr)
        return 2
    try:
        now = parse_now(args.now)
        moment, promises = find(args.text, now, args.tz)
    except ValueError as exc:
        print(f"clearbot promises: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(
            json.dumps(
                {"now": moment.isoformat(), "promises": [promise_json(p) for p in promises]},
                ensure_ascii=False,
            )
        )
    else:
        print(_render(moment, promises))
    return 0
