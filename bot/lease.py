"""A lease in Redis: at most one holder at a time, taken over when the holder stops renewing.

Used to elect the one replica allowed to long-poll Telegram (a second getUpdates gets 409).
"""

from __future__ import annotations

from redis.asyncio import Redis

from .redis_conn import awaited

# Renew and release only if we still hold it: a GET-then-SET from Python would race with a
# replica that took the lease over after ours expired.
_RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


class Lease:
    """One named lease, held by ``owner`` for ``ttl_ms`` at a time."""

    def __init__(self, redis: Redis, key: str, owner: str, ttl_ms: int) -> None:
        if ttl_ms <= 0:
            raise ValueError("ttl_ms must be positive")
        self._redis = redis
        self.key = key
        self.owner = owner
        self.ttl_ms = ttl_ms

    async def acquire(self) -> bool:
        """Take the lease if free (or already ours); True if we hold it now."""
        if await self._redis.set(self.key, self.owner, nx=True, px=self.ttl_ms):
            return True
        return await self.renew()

    async def renew(self) -> bool:
        """Extend our hold; False if the lease is no longer ours."""
        return bool(await awaited(self._redis.eval(_RENEW, 1, self.key, self.owner, str(self.ttl_ms))))

    async def release(self) -> None:
        """Give the lease up if we hold it."""
        await awaited(self._redis.eval(_RELEASE, 1, self.key, self.owner))

    async def holder(self) -> str | None:
        """Who holds it now."""
        value = await self._redis.get(self.key)
        return None if value is None else str(value)
