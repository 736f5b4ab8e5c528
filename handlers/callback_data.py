"""Button data: a short action code and ids, never state (Telegram allows 64 bytes)."""

from __future__ import annotations

MAX_BYTES = 64
SEP = "|"


def pack(action: str, *args: object) -> str:
    """``action|arg|arg`` checked against Telegram's 64-byte limit."""
    data = SEP.join([action, *(str(a) for a in args)])
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def unpack(data: str | None) -> tuple[str, list[str]]:
    """(action, args) of button data; ("", []) for anything else."""
    if not data:
        return "", []
    action, *args = data.split(SEP)
    return action, args
