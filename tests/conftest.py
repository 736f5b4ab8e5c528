"""Shared fixtures: a real Redis server for every test that needs one, isolated by key prefix."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import redis

from bot.embedded_redis import EmbeddedRedis
from bot.keys import Keys
from bot.redis_conn import client_for

DEFAULT_URL = "redis://127.0.0.1:6379/0"


def _reachable(url: str) -> bool:
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except (redis.ConnectionError, redis.TimeoutError, OSError, ValueError):
        return False


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """URL of a real Redis: CLEARBOT_REDIS_URL or the local default when reachable, else an embedded one."""
    url = os.environ.get("CLEARBOT_REDIS_URL") or DEFAULT_URL
    if _reachable(url):
        yield url
        return
    # Short path: Unix socket paths are limited to about 100 bytes.
    server = EmbeddedRedis(Path(tmp_path_factory.mktemp("redis", numbered=True)))
    yield server.start()
    server.stop()


@pytest.fixture
def key_prefix() -> str:
    """A prefix no other test uses."""
    return f"cbtest-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def keys(key_prefix: str) -> Keys:
    """Key builder under this test's prefix."""
    return Keys(key_prefix)


@pytest.fixture
async def redis_client(redis_url: str, key_prefix: str) -> AsyncIterator[redis.asyncio.Redis]:
    """An asyncio client; every key under this test's prefix is deleted afterwards."""
    client = client_for(redis_url)
    yield client
    async for key in client.scan_iter(match=f"*{key_prefix}*", count=500):
        await client.delete(key)
    await client.aclose()
