"""The connection factory against real servers, including the embedded one."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.embedded_redis import EmbeddedRedis
from bot.redis_conn import open_redis
from bot.settings import Settings


async def test_configured_url_is_used(redis_url: str) -> None:
    async with open_redis(Settings(redis_url=redis_url)) as client:
        assert await client.ping() is True


async def test_embedded_server_keeps_data_across_restarts(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    settings = Settings(redis_url=None, data_dir=data_dir)
    async with open_redis(settings) as client:
        await client.set("survives", "yes")
    assert not (data_dir / "redis.sock").exists() or not EmbeddedRedis(data_dir)._alive()
    async with open_redis(settings) as client:
        assert await client.get("survives") == "yes"


def test_embedded_server_reports_a_dead_binary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    fake = tmp_path / "redis-server"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    from bot.embedded_redis import EmbeddedRedisError

    with pytest.raises(EmbeddedRedisError, match="exited with code 3"):
        EmbeddedRedis(tmp_path / "d").start()
