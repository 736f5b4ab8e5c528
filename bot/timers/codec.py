"""How timers and alerts are laid out in Redis hashes and stream entries.

Timer hash fields have short names (a timer then fits a smaller allocation, and there may be
many); this module and ``_lib.lua`` are the only places that know them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .models import STAGES, Alert, Thresholds, Timer, TimerThresholds


def pairs_to_dict(flat: Sequence[str]) -> dict[str, str]:
    """A Lua ``HGETALL`` reply (field, value, field, value…) as a dict."""
    return dict(zip(flat[::2], flat[1::2], strict=True))


def _opt_int(value: str | None) -> int | None:
    return None if value is None or value == "" else int(value)


def thresholds_to_field(th: Thresholds) -> str:
    """Thresholds as scripts take them: five whole seconds, comma-separated."""
    return (
        f"{th.remind_before_s},{th.overdue_grace_s},{th.escalate_after_s},"
        f"{th.response_first_s},{th.response_next_s}"
    )


def thresholds_from_field(value: str) -> TimerThresholds:
    """The ``th`` field of a timer hash (the three thresholds a timer keeps)."""
    remind_before_s, overdue_grace_s, escalate_after_s = (int(x) for x in value.split(","))
    return TimerThresholds(
        remind_before_s=remind_before_s, overdue_grace_s=overdue_grace_s, escalate_after_s=escalate_after_s
    )


def timer_from_hash(timer_id: str, fields: Mapping[str, str]) -> Timer:
    """A timer hash as a :class:`Timer`."""
    due_ms = int(fields["d"])
    thresholds = thresholds_from_field(fields["th"])
    return Timer(
        id=timer_id,
        kind=fields["k"],
        case_id=fields["cs"],
        chat_id=int(fields["ch"]),
        agent_id=int(fields["ag"]),
        note=fields["n"],
        source_text=fields.get("src") or None,
        created_ms=int(fields["c"]),
        created_by=_opt_int(fields.get("by")),
        due_ms=due_ms,
        remind_ms=due_ms - thresholds.remind_before_s * 1000 if fields["r"] == "1" else None,
        stage=STAGES[int(fields["st"])],
        status=fields["s"],
        thresholds=thresholds,
        snoozes=int(fields.get("sn", "0")),
        snoozed_by=_opt_int(fields.get("sb")),
        closed_ms=_opt_int(fields.get("x")),
        closed_by=_opt_int(fields.get("xb")),
    )


def timer_from_reply(flat: Sequence[str]) -> Timer:
    """A script's ``with_id`` reply (``id``, the id, then the hash's pairs) as a :class:`Timer`."""
    fields = pairs_to_dict(flat)
    return timer_from_hash(fields.pop("id"), fields)


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
