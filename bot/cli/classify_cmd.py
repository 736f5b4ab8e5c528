"""``classify``: label customer messages."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..classify import classify, classify_many
from ..models import Classification
from ..taxonomy import EMOTION_NAMES
from .jsonl import TextRecord, run_batch


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``classify`` sub-command."""
    p = subparsers.add_parser("classify", help="classify customer messages on the six taxonomy axes")
    p.add_argument("text", nargs="?", help="the message (omit with --jsonl)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl", action="store_true", help="read {id, text} lines on stdin, write one line each"
    )
    p.set_defaults(func=run)


def record_for(ident: str | int, result: Classification) -> dict[str, Any]:
    """The batch output line for one message (the evaluation record format plus extras)."""
    out: dict[str, Any] = {"id": ident}
    out.update(result.model_dump(mode="json"))
    return out


def render(result: Classification) -> str:
    """A human-readable summary."""
    conf = result.confidence
    lines = [
        f"language  {result.language}  ({conf.language:.2f})",
        f"intent    {result.intent}  ({conf.intent:.2f})",
        f"topic     {result.topic}  ({conf.topic:.2f})",
        f"behaviors {', '.join(result.behaviors) or '-'}  ({conf.behaviors:.2f})",
        f"emotion   {result.emotion} {EMOTION_NAMES[result.emotion]}  ({conf.emotion:.2f})",
        f"risks     {', '.join(result.risks) or '-'}  ({conf.risks:.2f})",
    ]
    if result.evidence:
        lines.append("why:")
        for ev in result.evidence:
            lines.append(f"  «{ev.text}» → {ev.axis}:{ev.label} ({ev.weight:+g})")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Entry point of ``classify``."""
    if args.jsonl:

        def handle(rec: TextRecord) -> dict[str, Any]:
            return record_for(rec.id, classify(rec.text))

        def handle_many(recs: list[TextRecord]) -> list[dict[str, Any]]:
            results = classify_many([rec.text for rec in recs])
            return [record_for(rec.id, result) for rec, result in zip(recs, results, strict=True)]

        return run_batch(handle, handle_many=handle_many)
    if args.text is None:
        print("clearbot classify: give a text, or --jsonl to read records on stdin", file=sys.stderr)
        return 2
    result = classify(args.text)
    if args.json:
        print(json.dumps(result.model_dump(mode="json"), ensure_ascii=False))
    else:
        print(render(result))
    return 0
