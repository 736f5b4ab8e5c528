"""``suggest``: the CLEAR reply plan for a customer message."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..classify import classify
from ..playbooks import PLAN_LANGUAGES, PlanContext, PlaybookError, PlaybookStore, ReplyPlan, build_plan
from ..playbooks import default_store as default_playbooks
from ..taxonomy import EMOTION_NAMES
from .jsonl import TextRecord, run_batch


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``suggest`` sub-command."""
    p = subparsers.add_parser("suggest", help="suggest a CLEAR reply plan for a customer message")
    p.add_argument("text", nargs="?", help="the customer's message (omit with --jsonl)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument(
        "--jsonl", action="store_true", help="read {id, text} lines on stdin, write one plan a line"
    )
    p.add_argument(
        "--lang",
        choices=PLAN_LANGUAGES,
        default="zh-Hans",
        help="language for messages in other languages (default zh-Hans)",
    )
    p.add_argument("--customer-name", help="the customer's name, if known")
    p.add_argument("--agent-name", help="your name, as the customer should see it")
    p.add_argument("--order-id", help="the order or case number")
    p.add_argument(
        "--minutes", type=int, default=10, help="callback time to promise, in minutes (default 10)"
    )
    p.add_argument(
        "--playbooks", type=Path, help="playbook folder (default: CLEARBOT_PLAYBOOKS_DIR or bundled)"
    )
    p.set_defaults(func=run)


def render_plan(plan: ReplyPlan) -> str:
    """A human-readable plan."""
    c = plan.classification
    lines = [
        f"language {plan.language} · intent {c.intent} · topic {c.topic} · "
        f"behaviors {', '.join(c.behaviors) or '-'} · emotion {c.emotion} {EMOTION_NAMES[c.emotion]} · "
        f"risks {', '.join(c.risks) or '-'}",
    ]
    if plan.escalation:
        lines += ["", "ESCALATE"] + [f"  {line}" for line in plan.escalation.splitlines()]
    lines += ["", f"Keep your own calm: {plan.control}"]
    for note in plan.guidance:
        lines.append(f"  • {note}")
    for step in plan.steps:
        lines += ["", f"{step.step[0].upper()} · {step.title}"]
        if step.tip:
            lines.append(f"  ({step.tip})")
        for i, tpl in enumerate(step.templates, 1):
            lines.append(f"  {i}. {tpl.text}")
            lines.append(f"     [{tpl.id}]")
    if plan.calming:
        lines += ["", "Calming phrases"] + [f"  - {t}" for t in plan.calming]
    if plan.avoid:
        lines += ["", "Avoid saying"] + [f"  ✗ {t}" for t in plan.avoid]
    return "\n".join(lines)


def _context(args: argparse.Namespace, text: str) -> PlanContext:
    return PlanContext(
        text=text,
        default_language=args.lang,
        customer_name=args.customer_name,
        agent_name=args.agent_name,
        order_id=args.order_id,
        minutes=args.minutes,
    )


def run(args: argparse.Namespace) -> int:
    """Entry point of ``suggest``."""
    if not 1 <= args.minutes <= 24 * 60:
        print("clearbot suggest: --minutes must be between 1 and 1440", file=sys.stderr)
        return 2
    try:
        store = PlaybookStore(args.playbooks) if args.playbooks else default_playbooks()
    except PlaybookError as exc:
        print(f"clearbot suggest: invalid playbooks:\n{exc}", file=sys.stderr)
        return 2
    if store.last_error is not None:
        print(
            f"clearbot suggest: playbooks rejected, using the bundled set:\n{store.last_error}",
            file=sys.stderr,
        )

    def plan_for(text: str) -> ReplyPlan:
        return build_plan(classify(text), store=store, context=_context(args, text))

    if args.jsonl:

        def handle(rec: TextRecord) -> dict[str, Any]:
            return {"id": rec.id, **plan_for(rec.text).to_output()}

        return run_batch(handle)
    if args.text is None:
        print("clearbot suggest: give a text, or --jsonl to read records on stdin", file=sys.stderr)
        return 2
    plan = plan_for(args.text)
    if args.json:
        print(json.dumps(plan.to_output(), ensure_ascii=False))
    else:
        print(render_plan(plan))
    return 0
