"""Webhook mode, health and metrics, start-up tolerance, and the console a newcomer runs."""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import aiohttp

from bot.settings import Settings
from handlers.console import run_console

from .conftest import World, free_port

SECRET = "s3cret-token_1"


async def test_webhook_checks_the_secret_and_ignores_repeated_updates(world: World) -> None:
    port = free_port()
    replica = await world.start_replica(
        webhook_url=f"http://127.0.0.1:{port}/tg/hook", webhook_secret=SECRET, http_port=port
    )
    assert replica.settings.http_port == port
    info = world.emu.webhook()
    assert info is not None and info.url.endswith("/tg/hook")
    await world.emu.send_user_message(world.team, world.owner, "/register")
    await world.emu.wait_for_message(world.team, text_contains="agents' chat", timeout_s=10)
    update = {
        "update_id": 990001,
        "message": {
            "message_id": 4242,
            "date": 1_700_000_000,
            "chat": {"id": world.team.id, "type": "supergroup", "title": "Support team"},
            "from": {"id": world.agent.id, "is_bot": False, "first_name": "Ann", "language_code": "en"},
            "text": "/c The parcel never came and nobody answers",
            "entities": [{"type": "bot_command", "offset": 0, "length": 2}],
        },
    }
    url = f"http://127.0.0.1:{port}/tg/hook"
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "wrong"}) as resp:
            assert resp.status == 403
        async with http.post(
            url, data=b"{not json", headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
        ) as resp:
            assert resp.status == 400
        mark = world.emu.mark()
        for _ in range(3):  # Telegram retrying the same update
            async with http.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
            ) as resp:
                assert resp.status == 200
        await world.emu.wait_for_message(
            world.team, text_contains="Customer message", timeout_s=10, since=mark
        )
        await asyncio.sleep(0.5)
        cards = [
            a
            for a in world.emu.actions(world.team, since=mark)
            if "Customer message" in (a.message.text or "")
        ]
        assert len(cards) == 1, "a repeated update_id must have no second effect"

        async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
            assert resp.status == 200
            assert await resp.json() == {"redis": "ok", "telegram": "ok"}
        async with http.get(f"http://127.0.0.1:{port}/metrics") as resp:
            body = await resp.text()
    assert "clearbot_updates_handled_total" in body
    assert "clearbot_update_latency_seconds_bucket" in body
    assert "clearbot_timers_open 1.0" in body  # the response timer of the new case
    assert "clearbot_duplicate_updates_total 2.0" in body


async def test_start_up_tolerates_a_server_refusing_optional_methods(world: World) -> None:
    world.emu.refuse("setMyCommands")
    await world.start_replica()
    await world.setup_chats()
    assert world.emu.calls("setMyCommands") and not any(c.ok for c in world.emu.calls("setMyCommands"))


async def test_commands_are_published_per_scope_and_language(world: World) -> None:
    await world.start_replica()
    await world.emu.wait_for_long_poll()
    menu = world.emu.visible_commands(world.team, world.agent, language_code="zh")
    assert any(c["command"] == "c" and "客户" in str(c["description"]) for c in menu)
    menu_en = world.emu.visible_commands(world.agent, world.agent, language_code="en")
    assert {"c", "check", "timers"} <= {str(c["command"]) for c in menu_en}
    assert "overdue" not in {str(c["command"]) for c in menu_en}


async def test_console_session(redis_url: str, key_prefix: str, tmp_path: Path) -> None:
    script = "\n".join(
        [
            "> 你们的快递三天了还没到，到底怎么回事？",
            "10分钟内给他回电",
            "/timers",
            "press 1",
            "quit",
        ]
    )
    out = io.StringIO()
    settings = Settings(_env_file=None, redis_url=redis_url, redis_prefix=key_prefix, data_dir=tmp_path)  # type: ignore[call-arg]
    assert await run_console(settings, io.StringIO(script + "\n"), out) == 0
    text = out.getvalue()
    assert "agents' chat" in text
    assert "案例 #" in text and "R · " in text
    assert "Noted: callback" in text
    assert "Open reminders" in text
    assert "edits its message" in text


def test_bad_setting_stops_start_up_with_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "CLEARBOT_TZ": "Nowhere/City", "CLEARBOT_DATA_DIR": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "run"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "CLEARBOT_TZ" in lines[0], proc.stderr


def test_metrics_exposition_is_prometheus_text() -> None:
    from bot.metrics import Metrics

    m = Metrics()
    m.alerts_sent.labels(kind="overdue").inc()
    text = m.render().decode()
    assert 'clearbot_alerts_sent_total{kind="overdue"} 1.0' in text
    json.dumps(text)
