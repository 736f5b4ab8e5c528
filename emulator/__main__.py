"""Run the emulator on its own: ``python -m emulator --port 8081``; a console drives it via /_control/."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from .server import DEFAULT_TOKEN, EmulatorServer


async def _serve(args: argparse.Namespace) -> None:
    async with EmulatorServer(
        host=args.host,
        port=args.port,
        token=args.token,
        bot_username=args.username,
        privacy=not args.no_privacy,
    ) as emu:
        print(f"Telegram Bot API emulator on {emu.url}")
        print(f"  bot base_url: {emu.base_url}   token: {emu.token}")
        print(f"  control API:  {emu.url}/_control/")
        await asyncio.Event().wait()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m emulator", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--username", default="clear_test_bot", help="the bot's @username")
    parser.add_argument(
        "--no-privacy", action="store_true", help="privacy mode off (bot reads all group messages)"
    )
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
