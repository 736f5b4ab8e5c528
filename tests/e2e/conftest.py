"""End-to-end harness: the real PTB Application and timer engine, a Bot API emulator over HTTP, a real Redis."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import pytest

from bot.clock import ManualClock
from bot.settings import Settings
from emulator import EmulatorServer
from emulator.models import Chat, User
from handlers.app import serve


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Replica:
    """One running bot process (an independent Application, engine and Redis client)."""

    settings: Settings
    stop: asyncio.Event
    task: asyncio.Task[None]

    async def shutdown(self) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, 20)


@dataclass
class World:
    """The emulator, its people and chats, and the running replicas."""

    emu: EmulatorServer
    clock: ManualClock
    owner: User
    agent: User
    other_agent: User
    team: Chat
    sups: Chat
    base: Settings
    replicas: list[Replica] = field(default_factory=list)

    async def start_replica(self, **changes: object) -> Replica:
        settings = self.base.model_copy(update={"http_port": free_port(), **changes})
        stop, started = asyncio.Event(), asyncio.Event()
        task = asyncio.create_task(
            serve(settings, stop, clock=self.clock, started=started, lease_ttl_ms=1500)
        )
        waiter = asyncio.create_task(started.wait())
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED, timeout=20)
        if task.done():
            task.result()
        replica = Replica(settings, stop, task)
        self.replicas.append(replica)
        return replica

    async def advance(self, seconds: float, settle_s: float = 0.3) -> None:
        """Move virtual time for the timers, then let the replicas react."""
        self.clock.advance(seconds)
        await asyncio.sleep(settle_s)

    async def setup_chats(self) -> None:
        """The owner registers the team chat and the supervisors' chat, as a user would."""
        await self.emu.wait_for_long_poll()
        await self.emu.send_user_message(self.team, self.owner, "/register")
        await self.emu.wait_for_message(self.team, text_contains="agents' chat")
        await self.emu.send_user_message(self.sups, self.owner, "/alerts_here")
        await self.emu.wait_for_message(self.sups, text_contains="Supervisor alerts")


@pytest.fixture
async def world(redis_url: str, key_prefix: str, redis_client: object) -> AsyncIterator[World]:
    """A fresh emulator with a team chat and a supervisors' chat; replicas started by the test."""
    async with EmulatorServer(port=0, privacy=False, max_poll_timeout_s=1.0) as emu:
        owner = await emu.create_user("Olga", username="olga", language_code="en")
        agent = await emu.create_user("Ann", username="ann", language_code="en")
        other = await emu.create_user("Ben", username="ben", language_code="en")
        team = await emu.create_group(
            "Support team", members=[agent, other], owner=owner, bot_status="administrator"
        )
        sups = await emu.create_group("Supervisors", members=[owner], owner=owner)
        base = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_token=emu.token,
            telegram_api_url=emu.url,
            owner_ids=frozenset({owner.id}),
            redis_url=redis_url,
            redis_prefix=key_prefix,
            tz="Asia/Shanghai",
            remind_before_s=60,
            overdue_grace_s=60,
            escalate_after_s=120,
            response_first_s=24 * 3600,
            response_next_s=24 * 3600,
        )
        w = World(emu, ManualClock(), owner, agent, other, team, sups, base)
        try:
            yield w
        finally:
            for replica in w.replicas:
                with contextlib.suppress(Exception):
                    await replica.shutdown()
