"""The process's HTTP side (aiohttp): Telegram's webhook, /healthz and /metrics."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import Application

from .context import Services

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_TIMEOUT_S = 3.0
APP_KEY = web.AppKey("application", Application)
SERVICES_KEY = web.AppKey("services", Services)


def webhook_path(webhook_url: str | None) -> str | None:
    """The local path Telegram posts updates to (the path part of CLEARBOT_WEBHOOK_URL)."""
    if not webhook_url:
        return None
    return urlsplit(webhook_url).path or "/"


async def _webhook(request: web.Request) -> web.Response:
    svc = request.app[SERVICES_KEY]
    secret = svc.settings.webhook_secret or ""
    given = request.headers.get(SECRET_HEADER, "")
    if not hmac.compare_digest(given.encode(), secret.encode()):
        return web.Response(status=403, text="bad secret token")
    try:
        data = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return web.Response(status=400, text="body is not JSON")
    application = request.app[APP_KEY]
    try:
        update = Update.de_json(data, application.bot)
    except (KeyError, TypeError, ValueError) as exc:
        return web.Response(status=400, text=f"not an update: {exc}")
    # Duplicates are dropped by the first handler group, which every replica shares through Redis.
    await application.update_queue.put(update)
    return web.Response(text="ok")


async def _healthz(request: web.Request) -> web.Response:
    svc = request.app[SERVICES_KEY]
    application = request.app[APP_KEY]
    status: dict[str, str] = {}
    try:
        await asyncio.wait_for(svc.redis.ping(), HEALTH_TIMEOUT_S)
        status["redis"] = "ok"
    except Exception as exc:  # any failure means unhealthy; say which
        status["redis"] = f"down: {type(exc).__name__}"
    try:
        await asyncio.wait_for(application.bot.get_me(), HEALTH_TIMEOUT_S)
        status["telegram"] = "ok"
    except (TelegramError, TimeoutError) as exc:
        status["telegram"] = f"down: {type(exc).__name__}"
    healthy = all(v == "ok" for v in status.values())
    return web.json_response(status, status=200 if healthy else 503)


async def _metrics(request: web.Request) -> web.Response:
    svc = request.app[SERVICES_KEY]
    try:
        counts = await svc.timers.counts()
        svc.metrics.timers_open.set(counts.open)
        svc.metrics.timers_overdue.set(counts.overdue)
    except Exception as exc:  # a scrape must still answer when Redis is down
        log.warning("metrics: timer counts unavailable: %s", exc)
        svc.metrics.errors.labels(where="metrics").inc()
    return web.Response(body=svc.metrics.render(), content_type="text/plain", charset="utf-8")


def build_http_app(application: Application, svc: Services) -> web.Application:  # type: ignore[type-arg]
    """The aiohttp app; the webhook route exists only in webhook mode."""
    app = web.Application()
    app[APP_KEY] = application
    app[SERVICES_KEY] = svc
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/metrics", _metrics)
    path = webhook_path(svc.settings.webhook_url)
    if path is not None:
        app.router.add_post(path, _webhook)
    return app
