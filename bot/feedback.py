"""Agents' verdicts on suggested templates ("used", "not helpful"), counted for supervisors' reports."""

from __future__ import annotations

from typing import Literal

from redis.asyncio import Redis

from .keys import Keys
from .redis_conn import awaited

Verdict = Literal["used", "not_helpful"]


async def record(redis: Redis, keys: Keys, template_id: str, verdict: Verdict) -> int:
    """Count one verdict; returns the new count for that verdict."""
    return int(await awaited(redis.hincrby(keys.feedback(template_id), verdict, 1)))


async def counts(redis: Redis, keys: Keys, template_id: str) -> dict[str, int]:
    """Verdict counts of one template."""
    raw = await awaited(redis.hgetall(keys.feedback(template_id)))
    return {str(k): int(v) for k, v in raw.items()}
