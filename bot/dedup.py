"""Once-only markers: a repeated Telegram update (same update_id) has no second effect."""

from __future__ import annotations

from redis.asyncio import Redis

from .keys import Keys

# Telegram re-delivers an unacknowledged webhook update for up to a day.
SEEN_TTL_S = 2 * 24 * 3600


async def first_time(redis: Redis, keys: Keys, update_id: int) -> bool:
    """True exactly once per ``update_id`` across every replica sharing the Redis."""
    return bool(await redis.set(keys.update_seen(update_id), "1", nx=True, ex=SEEN_TTL_S))
