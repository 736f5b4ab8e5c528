"""Pushing pending updates to the bot's webhook, in order, retrying until it answers 2xx."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import aiohttp

from .models import WebhookDelivery
from .state import EmulatorState

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class WebhookSender:
    """One background task delivering updates while a webhook is set; updates leave the queue on 2xx."""

    def __init__(
        self,
        state: EmulatorState,
        *,
        retry_delays_s: tuple[float, ...] = (0.05, 0.2, 0.5, 1.0, 2.0),
        request_timeout_s: float = 10.0,
    ) -> None:
        self._state = state
        self._retry_delays_s = retry_delays_s
        self._request_timeout_s = request_timeout_s
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    def start(self) -> None:
        """Begin delivering (idempotent)."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run(), name="emulator-webhook")

    async def stop(self) -> None:
        """Stop delivering; undelivered updates stay queued for getUpdates or the next webhook."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _run(self) -> None:
        failures = 0
        while True:
            state = self._state
            config = state.webhook
            if config is None or state.closing:
                return
            if not state.updates:
                await state.wait_changed(3600.0)
                continue
            update = state.updates[0]
            update_id = update["update_id"]
            assert isinstance(update_id, int)
            status, error = await self._post(config.url, config.secret_token, update)
            state.webhook_deliveries.append(WebhookDelivery(update_id=update_id, status=status, error=error))
            if status is not None and 200 <= status < 300:
                failures = 0
                state.updates = [u for u in state.updates if u["update_id"] != update_id]
                state.notify()
                continue
            config.last_error_date = state.now()
            config.last_error_message = error or f"Wrong response from the webhook: {status}"
            state.notify()
            delay_s = self._retry_delays_s[min(failures, len(self._retry_delays_s) - 1)]
            failures += 1
            await asyncio.sleep(delay_s)

    async def _post(
        self, url: str, secret: str | None, update: dict[str, object]
    ) -> tuple[int | None, str | None]:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self._request_timeout_s)
            )
        headers = {SECRET_HEADER: secret} if secret else {}
        try:
            async with self._session.post(url, json=update, headers=headers) as response:
                await response.read()
                return response.status, None
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.debug("webhook delivery to %s failed: %r", url, exc)
            return None, f"Connection failed: {exc.__class__.__name__}"
