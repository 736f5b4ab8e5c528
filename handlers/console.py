"""Offline console: the real handlers and timer engine, driven through the local Bot API emulator.

A newcomer types customer and agent messages in the terminal and sees the cards, reminders and
supervisor alerts the bot sends, without a Telegram token or a network.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from typing import TextIO

from bot.settings import Settings
from emulator import EmulatorServer
from emulator.models import BotAction, Chat, User

from .app import serve

# Short ladders so a demo shows reminders and alerts within a minute or two, unless configured.
CONSOLE_THRESHOLDS_S = {
    "remind_before_s": 20,
    "overdue_grace_s": 30,
    "escalate_after_s": 60,
    "response_first_s": 90,
    "response_next_s": 120,
}

HELP = """\
Type one of:
  > text              a customer's message, forwarded by you to the team chat (you get a card)
  text                you (the agent) write in the team chat: promises become reminders
  /command args       a command in the team chat (/check, /callback 1m, /timers, /case, /done, /help ...)
  sup /command        a command in the supervisors' chat (/overdue)
  press N | press L   press button number N, or the newest button whose label contains L
  wait S              let S seconds pass (reminders and alerts fire in real time)
  help | quit"""


class Console:
    """One console session over an emulator."""

    def __init__(self, emu: EmulatorServer, out: TextIO) -> None:
        self.emu = emu
        self.out = out
        self.seen = 0
        self.buttons: list[tuple[int, int, str, str]] = []  # (chat id, message id, callback data, label)
        self.names: dict[int, str] = {}

    async def setup(self) -> tuple[User, User, Chat, Chat]:
        """Create the people and chats of the demo."""
        agent = await self.emu.create_user("Ann", last_name="(agent)", username="ann", language_code="en")
        customer = await self.emu.create_user("Wang", last_name="(customer)", language_code="zh-hans")
        team = await self.emu.create_group(
            "Support team", members=[agent], owner=agent, bot_status="administrator"
        )
        sups = await self.emu.create_group("Supervisors", members=[agent], owner=agent)
        self.names = {team.id: team.title or "team", sups.id: sups.title or "supervisors"}
        return agent, customer, team, sups

    def show(self, action: BotAction) -> None:
        """Print one thing the bot did."""
        msg = action.message
        where = self.names.get(msg.chat_id, str(msg.chat_id))
        verb = {"send": "says", "edit": "edits its message", "delete": "deletes a message"}[action.kind]
        print(f"\n── bot {verb} in {where} (#{msg.message_id}) ──", file=self.out)
        if action.kind != "delete":
            print(msg.text or "", file=self.out)
        labels = []
        for button in msg.buttons():
            data = button.get("callback_data")
            if isinstance(data, str):
                self.buttons.append((msg.chat_id, msg.message_id, data, str(button.get("text"))))
                labels.append(f"[{len(self.buttons)}] {button.get('text')}")
        if labels:
            print("   " + "  ".join(labels), file=self.out)
        self.out.flush()

    def find_button(self, wanted: str) -> tuple[int, int, str, str] | None:
        """Button number ``wanted``, or the newest whose label contains it."""
        if wanted.isdigit():
            n = int(wanted)
            return self.buttons[n - 1] if 1 <= n <= len(self.buttons) else None
        return next((b for b in reversed(self.buttons) if wanted.lower() in b[3].lower()), None)

    async def follow(self) -> None:
        """Print the bot's actions as they happen."""
        while True:
            try:
                await self.emu.wait_for_action(since=self.seen, timeout_s=3600)
            except TimeoutError:
                continue
            for action in self.emu.actions(since=self.seen):
                self.seen += 1
                self.show(action)

    async def settle(self, quiet_s: float = 0.6) -> None:
        """Wait until the bot has been silent for a moment (so output follows its input)."""
        while True:
            before = self.emu.mark()
            await asyncio.sleep(quiet_s)
            if self.emu.mark() == before:
                return


async def _read_line(stream: TextIO) -> str | None:
    line = await asyncio.get_running_loop().run_in_executor(None, stream.readline)
    return line if line else None


async def run_console(settings: Settings, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    """Run the console until ``quit`` or end of input."""
    stdin = stdin or sys.stdin
    out = out or sys.stdout
    async with EmulatorServer(port=0, privacy=False) as emu:
        console = Console(emu, out)
        agent, customer, team, sups = await console.setup()
        overrides: dict[str, object] = {
            key: value for key, value in CONSOLE_THRESHOLDS_S.items() if key not in settings.model_fields_set
        }
        if "redis_prefix" not in settings.model_fields_set:
            overrides["redis_prefix"] = "clearbot-console"
        overrides.update(
            telegram_token=emu.token,
            telegram_api_url=emu.url,
            owner_ids=frozenset({agent.id}),
            webhook_url=None,
            http_port=0,
            data_dir=settings.data_dir / "console",
        )
        bot_settings = settings.model_copy(update=overrides)
        stop, started = asyncio.Event(), asyncio.Event()
        bot_task = asyncio.create_task(serve(bot_settings, stop, started=started), name="bot")
        waiter = asyncio.create_task(started.wait())
        await asyncio.wait({bot_task, waiter}, return_when=asyncio.FIRST_COMPLETED)
        if bot_task.done():
            waiter.cancel()
            bot_task.result()  # raises the start-up error
        print("clearbot console — offline, through a local Bot API emulator.", file=out)
        print(HELP, file=out)
        await emu.send_user_message(team, agent, "/register")
        await emu.send_user_message(sups, agent, "/alerts_here")
        follower = asyncio.create_task(console.follow(), name="console-output")
        await console.settle()
        try:
            while (line := await _read_line(stdin)) is not None:
                text = line.strip()
                if not text:
                    continue
                print(f"\n» {text}", file=out)
                if text in ("quit", "exit"):
                    break
                await _dispatch(console, text, agent, customer, team, sups)
                await console.settle()
        finally:
            follower.cancel()
            stop.set()
            with contextlib.suppress(asyncio.CancelledError):
                await follower
            await bot_task
    return 0


async def _dispatch(console: Console, text: str, agent: User, customer: User, team: Chat, sups: Chat) -> None:
    emu, out = console.emu, console.out
    if text == "help":
        print(HELP, file=out)
    elif text.startswith(">"):
        await emu.send_user_message(team, agent, text[1:].strip(), forward_from=customer)
    elif text.startswith("sup "):
        await emu.send_user_message(sups, agent, text[4:].strip())
    elif text.startswith("press "):
        wanted = text[6:].strip()
        found = console.find_button(wanted)
        if found is None:
            print(f"no button {wanted!r}; buttons are numbered 1..{len(console.buttons)}", file=out)
            return
        chat_id, message_id, data, _ = found
        try:
            await emu.press_button(chat_id, agent, message_id, data)
        except Exception as exc:  # a stale button: say so and go on
            print(f"that button is gone ({exc})", file=out)
    elif text.startswith("wait"):
        seconds = text[4:].strip()
        await asyncio.sleep(float(seconds) if seconds.replace(".", "", 1).isdigit() else 5.0)
    else:
        await emu.send_user_message(team, agent, text)
