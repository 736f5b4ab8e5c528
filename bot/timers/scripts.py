"""The Lua scripts behind every timer operation, loaded once and called with their own arguments."""

from __future__ import annotations

from importlib import resources
from typing import Any

from redis.asyncio import Redis
from redis.commands.core import AsyncScript

from ..keys import TIMER_CASE_BUCKETS, Keys

SCRIPT_NAMES = ("schedule", "resolve", "snooze", "reassign", "claim", "check", "list", "notify")


def _source(name: str) -> str:
    return resources.files(__package__).joinpath(f"{name}.lua").read_text(encoding="utf-8")


def lua_string(text: str) -> str:
    """``text`` as a Lua 5.1 string literal (anything but plain characters as a decimal escape)."""
    plain = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.:-{}"
    return "'" + "".join(c if c in plain else "".join(f"\\{b}" for b in c.encode()) for c in text) + "'"


def key_table(keys: Keys) -> str:
    """The Lua line defining ``K``: every key name and prefix the scripts use, from bot/keys.py."""
    names = {
        "t": keys.timer_prefix,
        "due": keys.timer_due,
        "overdue": keys.timer_overdue,
        "agent": keys.timer_agent_prefix,
        "chat_agents": keys.timer_chat_agents_prefix,
        "cases": keys.timer_case_prefix,
        "replies": keys.timer_replies_prefix,
        "resolved": keys.timer_resolved,
        "thresholds": keys.timer_thresholds,
        "seq": keys.timer_seq,
        "alerts": keys.alert_stream,
        "sent": keys.alert_sent_prefix,
        "queued": keys.alert_queued_prefix,
        "dead": keys.alert_dead,
    }
    table = ", ".join(f"{k} = {lua_string(v)}" for k, v in names.items())
    return f"local K = {{ {table}, case_buckets = {TIMER_CASE_BUCKETS} }}\n"


class TimerScripts:
    """Registered scripts (EVALSHA, reloaded by redis-py after a server restart lost them).

    The key names are written into the script text rather than passed on every call: a call
    then carries only its own few arguments (a prefix has its own scripts and hashes).
    """

    def __init__(self, redis: Redis, keys: Keys) -> None:
        head = key_table(keys) + _source("_lib")
        self._scripts: dict[str, AsyncScript] = {
            name: redis.register_script(head + "\n" + _source(name)) for name in SCRIPT_NAMES
        }
        # KEYS[1] routes the call to the timers' slot in a cluster; the script builds the other
        # keys from K, all carrying the same hash tag.
        self._keys = [keys.timer_due]

    async def call(self, name: str, *args: str | int) -> Any:
        """Run script ``name`` with its own arguments."""
        return await self._scripts[name](keys=self._keys, args=args)
