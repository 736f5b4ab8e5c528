"""Long polling shared by replicas: only the holder of a Redis lease calls getUpdates.

Telegram answers a second concurrent getUpdates with 409 Conflict, so replicas elect one
poller; when it dies its lease runs out and another replica takes over.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid

from telegram import Update
from telegram.ext import Application

from bot.lease import Lease

from .context import Services

log = logging.getLogger(__name__)

LEASE_TTL_MS = 15_000
RENEW_EVERY_S = 5.0


async def run_poller_election(
    application: Application,  # type: ignore[type-arg]
    svc: Services,
    stop: asyncio.Event,
    *,
    lease_ttl_ms: int = LEASE_TTL_MS,
    renew_every_s: float = RENEW_EVERY_S,
) -> None:
    """Poll while holding the lease; give it up on stop."""
    updater = application.updater
    if updater is None:
        raise RuntimeError("long polling needs an Application with an Updater")
    lease = Lease(svc.redis, svc.keys.poller_lease, f"{uuid.uuid4().hex[:12]}", lease_ttl_ms)
    polling = False
    try:
        while not stop.is_set():
            try:
                held = await lease.acquire()
            except Exception as exc:  # Redis away: stop polling, we can no longer prove we are alone
                log.warning("poller lease unavailable: %s", exc)
                held = False
            if held and not polling:
                log.info("this replica now polls Telegram (lease %s)", lease.owner)
                await updater.start_polling(allowed_updates=Update.ALL_TYPES, poll_interval=0.0, timeout=10)
                polling = True
            elif not held and polling:
                log.info("lost the poller lease; stopping getUpdates")
                await updater.stop()
                polling = False
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), renew_every_s)
    finally:
        if polling and updater.running:
            await updater.stop()
        try:
            await lease.release()
        except Exception as exc:  # the lease expires on its own anyway
            log.warning("could not release the poller lease: %s", exc)
