"""``run``: the Telegram bot, or the offline console when no token is set."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys

from ..masking import MaskingFilter
from ..settings import Settings, describe_error


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``run`` sub-command."""
    p = subparsers.add_parser("run", help="run the bot (console mode when CLEARBOT_TELEGRAM_TOKEN is unset)")
    p.add_argument("--console", action="store_true", help="force the offline console even with a token")
    p.add_argument("--log-level", default="INFO", help="logging level (default INFO)")
    p.set_defaults(func=run)


def _configure_logging(level: str, *, quiet: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(MaskingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING if quiet else level.upper(), handlers=[handler], force=True)
    # httpx logs every request URL, which carries the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def run(args: argparse.Namespace) -> int:
    """Entry point of ``run``."""
    try:
        settings = Settings()
    except ValueError as exc:
        print(f"clearbot: {describe_error(exc)}", file=sys.stderr)
        return 2
    console = args.console or not settings.telegram_token
    _configure_logging(args.log_level, quiet=console)
    # Telegram code is imported only here: the core stays importable without it.
    if console:
        from handlers.console import run_console

        return asyncio.run(run_console(settings))

    from handlers.app import serve

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve(settings, stop)

    try:
        asyncio.run(main())
    except Exception as exc:  # start-up failures: one clear line, not a traceback
        logging.getLogger("clearbot").debug("fatal", exc_info=True)
        print(f"clearbot: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0
