"""Delivery of alerts from the stream to chats: at least once, and once per chat in practice.

Each process is one consumer of one consumer group. A new alert is read by exactly one consumer;
it stays pending until acknowledged, so a failed send is retried (with backoff, by the same
consumer) and a consumer that died holding alerts has them taken over by another after
``claim_idle_ms``. A sent-marker written together with the acknowledgement lets a consumer that
takes an alert over see that it went out already.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ..clock import Clock
from ..keys import Keys
from ..redis_conn import awaited
from .codec import alert_from_entry
from .config import TimerConfig
from .errors import store_errors
from .models import Alert, DeliveryReport
from .scripts import TimerScripts

log = logging.getLogger(__name__)

Sender = Callable[[Alert], Awaitable[None]]
"""Tells one alert to its chat; raises if it could not (the alert is then retried)."""

Entry = tuple[str, dict[str, str]]


def default_consumer_name() -> str:
    """Unique per process: host, pid and a random suffix (a restarted process is a new consumer)."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


@dataclass
class _Retry:
    attempts: int
    next_ms: int


class AlertDelivery:
    """One consumer of the alert stream."""

    def __init__(
        self,
        redis: Redis,
        keys: Keys,
        clock: Clock,
        config: TimerConfig,
        scripts: TimerScripts,
        consumer: str,
    ) -> None:
        self._redis = redis
        self._keys = keys
        self._clock = clock
        self._config = config
        self._scripts = scripts
        self.consumer = consumer
        self._stream = keys.alert_stream
        self._group = keys.alert_group
        self._group_ready = False
        self._retries: dict[str, _Retry] = {}
        # Sent, but Redis went away before the marker and acknowledgement were written:
        # entry id → idempotency key, written first thing on the next pass.
        self._unacked: dict[str, str] = {}
        self._reclaim_cursor = "0-0"
        self._next_reclaim_ms = 0

    @property
    def retrying(self) -> int:
        """Alerts this consumer holds for a later retry."""
        return len(self._retries)

    async def deliver(self, sender: Sender) -> DeliveryReport:
        """One pass: due retries, alerts abandoned by dead consumers, then new alerts."""
        with store_errors():
            if not self._group_ready:
                await self._ensure_group()
            if self._unacked:
                await self._flush_unacked()
            try:
                entries = await self._collect()
            except ResponseError as exc:
                # The stream and its group were lost (a Redis without persistence restarted).
                if "NOGROUP" not in str(exc):
                    raise
                self._group_ready = False
                await self._ensure_group()
                entries = await self._collect()
            return await self.process(entries, sender)

    async def _flush_unacked(self) -> None:
        pipe = self._redis.pipeline(transaction=True)
        for entry_id, key in self._unacked.items():
            self._mark_sent(pipe, entry_id, key)
        await pipe.execute()
        self._unacked.clear()

    async def _ensure_group(self) -> None:
        try:
            # From id 0: alerts added before the group existed are delivered too.
            await self._redis.xgroup_create(self._stream, self._group, id="0", mkstream=True)
        except ResponseError as exc:
            if "BUSYGROUP" not in str(exc):
                raise
        self._group_ready = True

    async def _collect(self) -> list[Entry]:
        now_ms = self._clock.now_ms()
        entries: list[Entry] = []
        due = [entry_id for entry_id, r in self._retries.items() if r.next_ms <= now_ms]
        if due:
            # Claiming our own entry again resets its idle time, so nobody takes it over while we
            # still retry it. Entries acknowledged meanwhile (by a consumer that took them over
            # when we were slow) come back empty: forget them.
            ids: list[int | bytes | str | memoryview] = list(due)
            claimed = await self._redis.xclaim(self._stream, self._group, self.consumer, 0, ids)
            got = {entry_id for entry_id, fields in claimed if fields}
            for entry_id in due:
                if entry_id not in got:
                    self._retries.pop(entry_id, None)
            entries += [(entry_id, fields) for entry_id, fields in claimed if fields]
        if now_ms >= self._next_reclaim_ms:
            entries += await self._reclaim(now_ms)
        reply = await self._redis.xreadgroup(
            self._group, self.consumer, {self._stream: ">"}, count=self._config.read_batch
        )
        for _stream, fresh in reply or []:
            entries += [(entry_id, fields) for entry_id, fields in fresh if fields]
        return entries

    async def _reclaim(self, now_ms: int) -> list[Entry]:
        """Take over alerts idle longer than ``claim_idle_ms`` with any consumer (it crashed)."""
        cursor, taken, *_ = await self._redis.xautoclaim(
            self._stream,
            self._group,
            self.consumer,
            min_idle_time=self._config.claim_idle_ms,
            start_id=self._reclaim_cursor,
            count=self._config.read_batch,
        )
        self._reclaim_cursor = str(cursor)
        if self._reclaim_cursor == "0-0":
            # A full sweep is done; the next can wait (nothing turns idle faster than this).
            self._next_reclaim_ms = now_ms + self._config.claim_idle_ms // 2
            await self._prune_consumers()
        out: list[Entry] = []
        for entry_id, fields in taken:
            if not fields or entry_id in self._retries:
                continue  # ours, waiting for its retry time
            log.info("took over alert %s from a silent consumer", entry_id)
            out.append((entry_id, fields))
        return out

    async def _prune_consumers(self) -> None:
        """Forget consumers of processes long gone (each restart joins as a new one)."""
        for info in await self._redis.xinfo_consumers(self._stream, self._group):
            name = str(info["name"])
            if (
                name != self.consumer
                and int(info["pending"]) == 0
                and int(info["idle"]) > self._config.consumer_prune_idle_ms
            ):
                await self._redis.xgroup_delconsumer(self._stream, self._group, name)

    async def process(self, entries: list[Entry], sender: Sender) -> DeliveryReport:
        """Send and acknowledge entries this consumer holds (the second half of :meth:`deliver`)."""
        report = DeliveryReport()
        if not entries:
            return report
        alerts: list[tuple[str, Alert]] = []
        pipe = self._redis.pipeline(transaction=True)
        for entry_id, fields in entries:
            try:
                alerts.append((entry_id, alert_from_entry(fields)))
            except (KeyError, ValueError, ValidationError) as exc:
                log.error("malformed alert %s dropped: %s", entry_id, exc)
                self._dead_letter(pipe, entry_id, fields, f"malformed: {exc}")
                report.dead += 1
        if not alerts:
            await pipe.execute()
            return report
        args: list[str | int] = []
        for _, alert in alerts:
            args += [alert.idempotency_key, alert.timer_id, alert.due_ms]
        verdicts = await self._scripts.call("check", *args)

        to_send: list[tuple[str, Alert]] = []
        for (entry_id, alert), verdict in zip(alerts, verdicts, strict=True):
            if verdict == "send":
                to_send.append((entry_id, alert))
                continue
            # Already told (by a consumer that was slow, not dead) or no longer true: only acknowledge.
            if verdict == "sent":
                report.already_sent += 1
            else:
                report.stale += 1
            self._ack(pipe, entry_id)
            self._retries.pop(entry_id, None)

        # Race: the timer may be resolved between the check and the send; the agent then sees one
        # alert that was true a moment ago. Closing that gap would need a lock around a network call.
        outcomes = await asyncio.gather(*(self._send_one(sender, alert) for _, alert in to_send))
        now_ms = self._clock.now_ms()
        sent: dict[str, str] = {}
        for (entry_id, alert), error in zip(to_send, outcomes, strict=True):
            if error is None:
                self._mark_sent(pipe, entry_id, alert.idempotency_key)
                self._retries.pop(entry_id, None)
                sent[entry_id] = alert.idempotency_key
                report.sent += 1
                continue
            attempts = self._retries[entry_id].attempts + 1 if entry_id in self._retries else 1
            limit = self._config.max_send_attempts
            if limit is not None and attempts >= limit:
                log.error("alert %s given up after %d attempts: %s", alert.idempotency_key, attempts, error)
                self._dead_letter(pipe, entry_id, alert.model_dump(), str(error))
                self._retries.pop(entry_id, None)
                report.dead += 1
            else:
                backoff_ms = min(self._config.retry_max_ms, self._config.retry_base_ms * 2 ** (attempts - 1))
                self._retries[entry_id] = _Retry(attempts=attempts, next_ms=now_ms + backoff_ms)
                log.warning(
                    "sending alert %s failed (attempt %d): %s", alert.idempotency_key, attempts, error
                )
                report.failed += 1
        # Race: a crash after a send and before this write leaves the alert pending; whoever takes
        # it over sends it again (at least once). Marker and acknowledgement go in one transaction
        # so there is no state where one exists without the other. If only Redis went away, we
        # remember what was sent and write it first when Redis is back, so nothing is sent twice.
        try:
            await pipe.execute()
        except (RedisConnectionError, RedisTimeoutError):
            self._unacked.update(sent)
            raise
        return report

    @staticmethod
    async def _send_one(sender: Sender, alert: Alert) -> Exception | None:
        try:
            await sender(alert)
        except Exception as exc:  # the sender's failure of any kind means "not delivered"
            return exc
        return None

    def _mark_sent(self, pipe: Any, entry_id: str, idempotency_key: str) -> None:
        pipe.set(self._keys.alert_sent(idempotency_key), "1", ex=self._config.sent_marker_ttl_s)
        self._ack(pipe, entry_id)

    def _ack(self, pipe: Any, entry_id: str) -> None:
        pipe.xack(self._stream, self._group, entry_id)
        # Acknowledged entries are not needed again: delete them so the stream stays small.
        pipe.xdel(self._stream, entry_id)

    def _dead_letter(self, pipe: Any, entry_id: str, payload: dict[str, Any], error: str) -> None:
        record = json.dumps({"entry": entry_id, "alert": payload, "error": error}, ensure_ascii=False)
        pipe.lpush(self._keys.alert_dead, record)
        pipe.ltrim(self._keys.alert_dead, 0, self._config.dead_letters_kept - 1)
        self._ack(pipe, entry_id)

    async def dead_letters(self, limit: int = 100) -> list[dict[str, Any]]:
        """The newest alerts given up on, for an operator."""
        with store_errors():
            raw = await awaited(self._redis.lrange(self._keys.alert_dead, 0, limit - 1))
        return [json.loads(item) for item in raw]
