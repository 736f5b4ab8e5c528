"""The one place that opens Redis connections."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from typing import TypeVar

from redis.asyncio import Redis

from .embedded_redis import EmbeddedRedis
from .settings import Settings

T = TypeVar("T")

SOCKET_TIMEOUT_S = 5.0
HEALTH_CHECK_INTERVAL_S = 15


def client_for(url: str) -> Redis:
    """An asyncio Redis client for ``url`` with clearbot's connection defaults."""
    client: Redis = Redis.from_url(
        url,
        decode_responses=True,
        socket_timeout=SOCKET_TIMEOUT_S,
        socket_connect_timeout=SOCKET_TIMEOUT_S,
        health_check_interval=HEALTH_CHECK_INTERVAL_S,
        retry_on_timeout=True,
    )
    return client


@asynccontextmanager
async def open_redis(settings: Settings) -> AsyncIterator[Redis]:
    """Yield a client for ``CLEARBOT_REDIS_URL``, or for a private server started under the data dir."""
    embedded: EmbeddedRedis | None = None
    url = settings.redis_url
    if not url:
        embedded = EmbeddedRedis(settings.data_dir)
        url = embedded.start()
    client = client_for(url)
    try:
        yield client
    finally:
        await client.aclose()
        if embedded is not None:
            embedded.stop()


async def awaited(value: Awaitable[T] | T) -> T:
    """Await a redis-py asyncio call whose stubs type it as ``Awaitable[T] | T``."""
    if isinstance(value, Awaitable):
        return await value
    return value
