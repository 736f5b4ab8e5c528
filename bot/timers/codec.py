"""How timers and alerts are laid out in Redis hashes and stream entries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .models import STAGES, Alert, Timer, TimerThresholds


def pairs_to_dict(flat: Sequence[str]) -> dict[str, str]:
    """A Lua ``HGETALL`` reply (field, value, field, value…) as a dict."""
    return dict(zip(flat[::2], flat[1::2], strict=True))


def _opt_int(value: str | None) -> int | None:
    return None if value in (None, "") else int(value)


def timer_from_hash(fields: Mapping[str, str]) -> Timer:
    """A timer hash as a :class:`Timer`."""
    remind_ms = int(fields["remind"])
    return Timer(
        id=fields["id"],
        kind=fields["kind"],
        case_id=fields["case"],
        chat_id=int(fields["chat"]),
        agent_id=int(fields["agent"]),
        note=fields["note"],
        source_text=fields.get("src") or None,
        created_ms=int(fields["created"]),
        created_by=_opt_int(fields.get("by")),
        due_ms=int(fields["due"]),
        remind_ms=remind_ms or None,
        stage=STAGES[int(fields["stage"])],
        status=fields["status"],
        thresholds=TimerThresholds(
            remind_before_s=int(fields["rb"]),
            overdue_grace_s=int(fields["og"]),
            escalate_after_s=int(fields["ea"]),
        ),
        snoozes=int(fields.get("snoozes", "0")),
        snoozed_by=_opt_int(fields.get("snoozed_by")),
        closed_ms=_opt_int(fields.get("closed")),
        closed_by=_opt_int(fields.get("closed_by")),
    )


def alert_from_entry(fields: Mapping[str, str]) -> Alert:
    """A stream entry written by ``claim.lua`` as an :class:`Alert`."""
    return Alert(
        idempotency_key=fields["key"],
        timer_id=fields["id"],
        stage=fields["stage"],
        kind=fields["kind"],
        case_id=fields["case"],
        chat_id=int(fields["chat"]),
        agent_id=int(fields["agent"]),
        note=fields["note"],
        source_text=fields.get("src") or None,
        snoozes=int(fields.get("snoozes", "0")),
        due_ms=int(fields["due"]),
        event_ms=int(fields["at"]),
        claimed_ms=int(fields["claimed"]),
        late_ms=int(fields["late"]),
    )
