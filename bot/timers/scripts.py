"""The Lua scripts behind every timer operation, loaded once and called with the key layout."""

from __future__ import annotations

from importlib import resources
from typing import Any

from redis.asyncio import Redis
from redis.commands.core import AsyncScript

from ..keys import Keys

SCRIPT_NAMES = ("schedule", "resolve", "snooze", "claim", "check", "list")


def _source(name: str) -> str:
    return resources.files(__package__).joinpath(f"{name}.lua").read_text(encoding="utf-8")


def key_args(keys: Keys) -> list[str]:
    """The ARGV head every script expects (order fixed by ``_lib.lua``)."""
    return [
        keys.timer_prefix,
        keys.timer_due,
        keys.timer_overdue,
        keys.timer_agent_prefix,
        keys.timer_chat_prefix,
        keys.timer_by_case,
        keys.timer_replies_prefix,
        keys.timer_resolved,
        keys.timer_thresholds,
        keys.timer_seq,
        keys.alert_stream,
        keys.alert_sent_prefix,
        keys.alert_dead,
    ]


class TimerScripts:
    """Registered scripts (EVALSHA, reloaded by redis-py after a server restart lost them)."""

    def __init__(self, redis: Redis, keys: Keys) -> None:
        lib = _source("_lib")
        self._scripts: dict[str, AsyncScript] = {
            name: redis.register_script(lib + "\n" + _source(name)) for name in SCRIPT_NAMES
        }
        # KEYS[1] routes the call to the timers' slot in a cluster; the script builds the other
        # keys from the prefixes, all carrying the same hash tag.
        self._keys = [keys.timer_due]
        self._head = key_args(keys)

    async def call(self, name: str, *args: str | int) -> Any:
        """Run script ``name`` with its own arguments after the key layout."""
        return await self._scripts[name](keys=self._keys, args=[*self._head, *(str(a) for a in args)])
