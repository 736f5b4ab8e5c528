"""Wiring in one place: the PTB Application, its handlers, and the process that serves it."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable, Coroutine
from typing import Any

from aiohttp import web
from redis.asyncio import Redis
from telegram import BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats, Update
from telegram.error import TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.assist import Assistant
from bot.cases import CaseStore
from bot.chats import ChatRegistry
from bot.classify import Classifier
from bot.clock import Clock, SystemClock
from bot.keys import Keys
from bot.metrics import Metrics
from bot.playbooks import PlaybookStore
from bot.redis_conn import open_redis
from bot.settings import Settings
from bot.timers import TimerEngine
from bot.ui_text import UiLang, raw

from . import assist, buttons, check, gate, setup, timers
from .alerts import make_sender
from .context import SERVICES_KEY, Services
from .http import build_http_app
from .polling import LEASE_TTL_MS, run_poller_election

log = logging.getLogger(__name__)

TELEGRAM_API = "https://api.telegram.org"
# Retries of one send on 429 inside the rate limiter; an alert that still fails is retried by the engine.
SEND_MAX_RETRIES = 3
PLAYBOOK_RELOAD_EVERY_S = 5.0

GROUP_COMMANDS = ("c", "suggest", "check", "callback", "done", "timers", "case", "overdue", "lang", "help")
PRIVATE_COMMANDS = ("c", "check", "callback", "done", "timers", "case", "lang", "help")


def make_services(settings: Settings, redis: Redis, clock: Clock) -> Services:
    """The core objects for one process."""
    keys = Keys(settings.redis_prefix)
    classifier = Classifier()
    playbooks = PlaybookStore(settings.playbooks_dir)
    cases = CaseStore(redis, keys, retention_s=settings.retention_days * 86400)
    engine = TimerEngine.from_settings(redis, keys, clock, settings)
    assistant = Assistant(
        settings=settings, clock=clock, classifier=classifier, playbooks=playbooks, cases=cases, timers=engine
    )
    return Services(
        settings=settings,
        redis=redis,
        keys=keys,
        clock=clock,
        playbooks=playbooks,
        chats=ChatRegistry(redis, keys),
        cases=cases,
        timers=engine,
        metrics=Metrics(),
        assistant=assistant,
    )


Step = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[Any, Any, None]]


def _timed(svc: Services) -> tuple[Step, Step]:
    """A first and a last handler that measure how long each update took."""
    started: dict[int, float] = {}

    async def begin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        started[update.update_id] = time.perf_counter()

    async def end(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        t0 = started.pop(update.update_id, None)
        kind = "callback" if update.callback_query else "message" if update.effective_message else "other"
        svc.metrics.updates.labels(kind=kind).inc()
        if t0 is not None:
            svc.metrics.latency.observe(time.perf_counter() - t0)

    return begin, end


async def _on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    svc = context.application.bot_data.get(SERVICES_KEY)
    if isinstance(svc, Services):
        svc.metrics.errors.labels(where="handler").inc()
    log.error("error while handling an update", exc_info=context.error)


def build_application(settings: Settings, svc: Services, *, webhook: bool | None = None) -> Application:  # type: ignore[type-arg]
    """The PTB Application with every handler registered."""
    if not settings.telegram_token:
        raise ValueError("CLEARBOT_TELEGRAM_TOKEN is not set")
    root = settings.telegram_api_url or TELEGRAM_API
    builder = (
        ApplicationBuilder()
        .token(settings.telegram_token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .rate_limiter(AIORateLimiter(overall_max_rate=30, group_max_rate=20, max_retries=SEND_MAX_RETRIES))
    )
    if webhook if webhook is not None else bool(settings.webhook_url):
        builder = builder.updater(None)
    app = builder.build()
    app.bot_data[SERVICES_KEY] = svc

    begin, end = _timed(svc)
    # One handler per group: PTB runs only the first matching handler of a group.
    app.add_handler(TypeHandler(Update, gate.ignore_edits), group=-4)
    app.add_handler(TypeHandler(Update, begin), group=-3)
    app.add_handler(TypeHandler(Update, gate.drop_duplicates), group=-2)
    app.add_handler(TypeHandler(Update, gate.require_registered_chat), group=-1)
    app.add_handlers(
        [
            CommandHandler(["start", "help"], setup.start),
            CommandHandler("register", setup.register),
            CommandHandler("alerts_here", setup.alerts_here),
            CommandHandler("lang", setup.set_lang),
            CommandHandler("c", assist.analyse_command),
            CommandHandler("suggest", assist.suggest_reply),
            CommandHandler("check", check.check_command),
            CommandHandler("callback", timers.callback_command),
            CommandHandler("done", timers.done_command),
            CommandHandler("timers", timers.timers_command),
            CommandHandler("case", timers.case_command),
            CommandHandler("overdue", timers.overdue_command),
            MessageHandler(filters.FORWARDED & (filters.TEXT | filters.CAPTION), assist.forwarded),
            MessageHandler(filters.TEXT & ~filters.COMMAND & ~filters.FORWARDED, timers.agent_message),
            CallbackQueryHandler(buttons.on_button),
        ]
    )
    app.add_handler(TypeHandler(Update, end), group=99)
    app.add_error_handler(_on_error)
    return app


async def publish_commands(app: Application) -> None:  # type: ignore[type-arg]
    """setMyCommands per scope and language; a server that refuses is logged, not fatal.

    Telegram keys menus by two-letter language code, so "zh" gets the Simplified menu and every
    other language the English default.
    """
    scopes = (
        (BotCommandScopeAllGroupChats(), GROUP_COMMANDS),
        (BotCommandScopeAllPrivateChats(), PRIVATE_COMMANDS),
    )
    menus: tuple[tuple[str | None, UiLang], ...] = ((None, "en"), ("zh", "zh-Hans"))
    for scope, names in scopes:
        for code, lang in menus:
            commands = [BotCommand(name, raw(f"cmd.{name}", lang)) for name in names]
            try:
                await app.bot.set_my_commands(commands, scope=scope, language_code=code)
            except TelegramError as exc:
                log.warning("setMyCommands refused (%s); the command menu stays unpublished", exc)
                return


async def _reload_playbooks(svc: Services, stop: asyncio.Event) -> None:
    """Pick up supervisors' YAML edits without a restart; a broken edit keeps the last good set."""
    while not stop.is_set():
        # The store logs a rejected edit itself and keeps the last good set.
        svc.playbooks.reload_if_changed()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), PLAYBOOK_RELOAD_EVERY_S)


async def serve(
    settings: Settings,
    stop: asyncio.Event,
    *,
    clock: Clock | None = None,
    started: asyncio.Event | None = None,
    lease_ttl_ms: int | None = None,
) -> None:
    """Run one replica until ``stop``: handlers, the timer loop, the HTTP side, polling or webhook."""
    clock = clock or SystemClock()
    async with open_redis(settings) as redis:
        svc = make_services(settings, redis, clock)
        webhook = bool(settings.webhook_url)
        app = build_application(settings, svc, webhook=webhook)
        async with app:
            await publish_commands(app)
            await app.start()
            runner = web.AppRunner(build_http_app(app, svc))
            await runner.setup()
            site = web.TCPSite(runner, settings.http_host, settings.http_port)
            await site.start()
            tasks = [
                asyncio.create_task(svc.timers.run(make_sender(app, svc), stop), name="timers"),
                asyncio.create_task(_reload_playbooks(svc, stop), name="playbooks"),
            ]
            if webhook:
                await app.bot.set_webhook(
                    str(settings.webhook_url),
                    secret_token=settings.webhook_secret,
                    allowed_updates=Update.ALL_TYPES,
                )
            else:
                ttl_ms = lease_ttl_ms or LEASE_TTL_MS
                election = run_poller_election(
                    app, svc, stop, lease_ttl_ms=ttl_ms, renew_every_s=ttl_ms / 3000
                )
                tasks.append(asyncio.create_task(election, name="poller"))
            log.info("clearbot is up (%s mode)", "webhook" if webhook else "polling")
            if started is not None:
                started.set()
            try:
                await stop.wait()
            finally:
                for task in tasks:
                    with contextlib.suppress(Exception):
                        await asyncio.wait_for(task, 10)
                await app.stop()
                await runner.cleanup()
