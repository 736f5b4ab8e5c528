"""Shared batch plumbing for ``--jsonl`` commands: read records, report bad lines, never stop."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import IO, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

# Records handed to a command's batch handler at once: enough to amortise its per-call costs,
# few enough that output keeps flowing.
BATCH_SIZE = 256
AWARE_HINT = "needs a UTC offset (ISO 8601, e.g. 2026-03-02T10:00:00+08:00)"


def aware(value: datetime | None) -> datetime | None:
    """``value`` unchanged if it carries a UTC offset; a clear error otherwise."""
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"now {AWARE_HINT}")
    return value


def parse_now(text: str | None) -> datetime | None:
    """A ``--now`` argument: ISO 8601 with an offset, or None when not given."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"--now {text!r} is not ISO 8601") from exc
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"--now {AWARE_HINT}")
    return moment


class TextRecord(BaseModel):
    """A batch input line: an id and a text; other fields are kept for the command."""

    model_config = ConfigDict(extra="allow")

    id: str | int
    text: str = Field(min_length=0)


def read_records(
    stream: IO[str], model: type[BaseModel] = TextRecord
) -> Iterator[tuple[int, BaseModel | str]]:
    """Yield (line number, record) or (line number, error message) for each non-blank line."""
    for lineno, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            raw: Any = json.loads(line)
        except json.JSONDecodeError as exc:
            yield lineno, f"not JSON: {exc.msg}"
            continue
        if not isinstance(raw, dict):
            yield lineno, "not a JSON object"
            continue
        try:
            yield lineno, model.model_validate(raw)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
            ident = raw.get("id")
            yield lineno, f"id {ident!r}: {problems}" if ident is not None else problems


def run_batch(
    handle: Callable[[Any], dict[str, Any]],
    model: type[BaseModel] = TextRecord,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    stderr: IO[str] | None = None,
    handle_many: Callable[[list[Any]], list[dict[str, Any]]] | None = None,
) -> int:
    """Apply ``handle`` to every good record; bad lines go to stderr. Exit code 1 if any line was bad.

    With ``handle_many`` the good records go through it in chunks of BATCH_SIZE (the same output,
    in the same order, faster); a chunk it fails on is handled one record at a time, so the failure
    is reported for the record that caused it."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    bad = 0
    pending: list[tuple[int, Any]] = []

    def report(lineno: int, item: Any, exc: Exception) -> None:
        nonlocal bad
        bad += 1
        ident = getattr(item, "id", None)
        print(json.dumps({"line": lineno, "id": ident, "error": repr(exc)}, ensure_ascii=False), file=stderr)

    def one_by_one(chunk: list[tuple[int, Any]]) -> None:
        for lineno, item in chunk:
            try:
                out = handle(item)
            except Exception as exc:  # one bad record must not stop the batch
                report(lineno, item, exc)
                continue
            stdout.write(json.dumps(out, ensure_ascii=False) + "\n")

    def flush() -> None:
        if handle_many is None or not pending:
            one_by_one(pending)
        else:
            try:
                outs = handle_many([item for _, item in pending])
            except Exception:  # find the record at fault
                one_by_one(pending)
            else:
                stdout.writelines(json.dumps(out, ensure_ascii=False) + "\n" for out in outs)
        pending.clear()

    for lineno, item in read_records(stdin, model):
        if isinstance(item, str):
            bad += 1
            print(json.dumps({"line": lineno, "error": item}, ensure_ascii=False), file=stderr)
            continue
        pending.append((lineno, item))
        if handle_many is None or len(pending) >= BATCH_SIZE:
            flush()
    flush()
    stdout.flush()
    return 1 if bad else 0
