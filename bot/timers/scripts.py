"""The Lua scripts behind every timer operation, and how calls to them reach Redis.

Calls made by different tasks in the same turn of the event loop travel together in one
pipeline (one round trip, one write, one read): under load the per-call cost of the client
library, not Redis, is what limits throughput, and this halves it.
"""

from __future__ import annotations

import asyncio
from importlib import resources
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import NoScriptError

from ..keys import TIMER_CASE_BUCKETS, Keys

SCRIPT_NAMES = ("schedule", "resolve", "snooze", "reassign", "claim", "check", "list", "notify")
# Calls per pipeline; more wait for the next one.
MAX_BATCH = 128


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
    """The scripts of one key prefix, called by SHA and loaded again when Redis forgot them.

    The key names are written into the script text rather than passed on every call: a call
    then carries only its own few arguments (a prefix has its own scripts).
    """

    def __init__(self, redis: Redis, keys: Keys) -> None:
        self._redis = redis
        head = key_table(keys) + _source("_lib")
        self._sources = {name: head + "\n" + _source(name) for name in SCRIPT_NAMES}
        self._shas = {name: redis.register_script(src).sha for name, src in self._sources.items()}
        # KEYS[1] routes the call to the timers' slot in a cluster; the script builds the other
        # keys from K, all carrying the same hash tag.
        self._route = keys.timer_due
        self._pending: list[tuple[str, tuple[str | int, ...], asyncio.Future[Any]]] = []
        self._flush_planned = False
        self._in_flight: set[asyncio.Task[None]] = set()

    async def call(self, name: str, *args: str | int) -> Any:
        """Run script ``name`` with its own arguments (batched with concurrent calls)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Any] = loop.create_future()
        self._pending.append((name, args, done))
        if not self._flush_planned:
            # call_soon runs after every task already woken in this turn has had its go, so
            # their calls join this batch.
            self._flush_planned = True
            loop.call_soon(self._flush)
        return await done

    def _flush(self) -> None:
        self._flush_planned = False
        while self._pending:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            task = asyncio.get_running_loop().create_task(self._run(batch))
            self._in_flight.add(task)
            task.add_done_callback(self._in_flight.discard)

    async def _run(self, batch: list[tuple[str, tuple[str | int, ...], asyncio.Future[Any]]]) -> None:
        try:
            replies = await self._execute([(name, args) for name, args, _ in batch])
        except asyncio.CancelledError:
            for _, _, done in batch:
                done.cancel()
            raise
        except Exception as exc:  # connection lost, or a bug: every caller in the batch sees it
            for _, _, done in batch:
                if not done.done():
                    done.set_exception(exc)
            return
        for (_, _, done), reply in zip(batch, replies, strict=True):
            if done.done():
                continue  # the caller gave up waiting
            if isinstance(reply, Exception):
                done.set_exception(reply)
            else:
                done.set_result(reply)

    async def _execute(self, calls: list[tuple[str, tuple[str | int, ...]]]) -> list[Any]:
        replies = await self._pipeline(calls)
        missing = {
            name for (name, _), reply in zip(calls, replies, strict=True) if isinstance(reply, NoScriptError)
        }
        if not missing:
            return replies
        # Redis restarted without its script cache (or was flushed): load and run those again.
        for name in missing:
            await self._redis.script_load(self._sources[name])
        again = [i for i, reply in enumerate(replies) if isinstance(reply, NoScriptError)]
        for i, reply in zip(again, await self._pipeline([calls[i] for i in again]), strict=True):
            replies[i] = reply
        return replies

    async def _pipeline(self, calls: list[tuple[str, tuple[str | int, ...]]]) -> list[Any]:
        pipe = self._redis.pipeline(transaction=False)
        for name, args in calls:
            pipe.evalsha(self._shas[name], 1, self._route, *map(str, args))
        return list(await pipe.execute(raise_on_error=False))
