"""``eval``: score the classifier against a labelled JSONL file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..evaluate import EvalReport, LabelledMessage, evaluate
from .jsonl import read_records


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``eval`` sub-command."""
    p = subparsers.add_parser("eval", help="score the classifier against labelled messages")
    p.add_argument("path", type=Path, help="JSONL in the taxonomy's evaluation record format")
    p.add_argument("--errors", action="store_true", help="also list every misclassified record")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)


def render(report: EvalReport) -> str:
    """Per-axis metrics as a table."""
    lines = [f"{report.n} messages"]
    for ax in report.axes:
        head = [f"{ax.axis:<10}"]
        for name in ("accuracy", "macro_f1", "micro_f1", "within_one"):
            value = getattr(ax, name)
            if value is not None:
                head.append(f"{name}={value:.3f}")
        lines.append(" ".join(head))
        for lab in ax.labels:
            lines.append(
                f"    {lab.label:<24} P={lab.precision:.2f} R={lab.recall:.2f} F1={lab.f1:.2f} n={lab.support}"
            )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Entry point of ``eval``."""
    try:
        stream = args.path.open(encoding="utf-8")
    except OSError as exc:
        print(f"clearbot eval: cannot read {args.path}: {exc.strerror}", file=sys.stderr)
        return 2
    records: list[LabelledMessage] = []
    with stream:
        for lineno, item in read_records(stream, LabelledMessage):
            if isinstance(item, str):
                print(f"{args.path}:{lineno}: {item}", file=sys.stderr)
            elif isinstance(item, LabelledMessage):
                records.append(item)
    if not records:
        print(f"clearbot eval: no usable records in {args.path}", file=sys.stderr)
        return 2
    report = evaluate(records)
    if args.json:
        print(report.model_dump_json(indent=2))
        return 0
    print(render(report))
    if args.errors:
        for err in report.errors:
            print(json.dumps(err, ensure_ascii=False))
    return 0
