"""Bot API semantics over raw HTTP: getUpdates offsets and long polls, bodies, errors, webhooks, control routes."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from emulator import ControlClient, ControlError, EmulatorServer
from emulator.webhook import SECRET_HEADER

Json = dict[str, Any]


@pytest.fixture
async def emu() -> AsyncIterator[EmulatorServer]:
    async with EmulatorServer(port=0, max_poll_timeout_s=5, webhook_retry_delays_s=(0.01,)) as server:
        yield server


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def call(
    http: aiohttp.ClientSession,
    emu: EmulatorServer,
    method: str,
    *,
    form: Json | None = None,
    body: Json | None = None,
) -> tuple[int, Json]:
    url = f"{emu.base_url}{emu.token}/{method}"
    async with http.post(url, data=form, json=body) as resp:
        return resp.status, await resp.json()


async def test_updates_stay_until_confirmed_by_offset(
    emu: EmulatorServer, http: aiohttp.ClientSession
) -> None:
    user = await emu.create_user()
    for text in ("one", "two", "three"):
        await emu.send_user_message(user, user, text)
    _, first = await call(http, emu, "getUpdates", form={"timeout": "0"})
    ids = [u["update_id"] for u in first["result"]]
    assert ids == [1, 2, 3] and [u["message"]["text"] for u in first["result"]] == ["one", "two", "three"]
    _, again = await call(http, emu, "getUpdates", form={"limit": "2"})
    assert [u["update_id"] for u in again["result"]] == [1, 2]  # nothing was confirmed yet
    _, later = await call(http, emu, "getUpdates", form={"offset": "2"})
    assert [u["update_id"] for u in later["result"]] == [2, 3]
    _, last = await call(http, emu, "getUpdates", body={"offset": -1})
    assert [u["update_id"] for u in last["result"]] == [3]
    await emu.send_user_message(user, user, "four")
    _, newest = await call(http, emu, "getUpdates", form={"offset": "4"})
    assert [u["update_id"] for u in newest["result"]] == [4]  # ids keep rising after confirmations


async def test_long_poll_answers_when_an_update_arrives(
    emu: EmulatorServer, http: aiohttp.ClientSession
) -> None:
    user = await emu.create_user()
    poll = asyncio.create_task(call(http, emu, "getUpdates", form={"timeout": "5"}))
    await emu.wait_for_long_poll()
    await emu.send_user_message(user, user, "are you there?")
    status, body = await asyncio.wait_for(poll, 2)
    assert status == 200 and body["result"][0]["message"]["text"] == "are you there?"
    _, empty = await call(http, emu, "getUpdates", form={"offset": "2", "timeout": "0.05"})
    assert empty == {"ok": True, "result": []}


async def test_a_newer_get_updates_terminates_the_waiting_one(
    emu: EmulatorServer, http: aiohttp.ClientSession
) -> None:
    older = asyncio.create_task(call(http, emu, "getUpdates", form={"timeout": "5"}))
    await emu.wait_for_long_poll()
    status, newer = await call(http, emu, "getUpdates", form={"timeout": "0"})
    old_status, old_body = await asyncio.wait_for(older, 2)
    assert (status, newer) == (200, {"ok": True, "result": []})
    assert old_status == 409
    assert old_body == {
        "ok": False,
        "error_code": 409,
        "description": "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    }


async def test_allowed_updates_filter_drops_other_kinds(
    emu: EmulatorServer, http: aiohttp.ClientSession
) -> None:
    user = await emu.create_user()
    await call(http, emu, "getUpdates", form={"allowed_updates": json.dumps(["callback_query"])})
    dropped = await emu.send_user_message(user, user, "hello")
    assert dropped.delivered is False and emu.pending_updates() == []
    await call(http, emu, "getUpdates", body={"allowed_updates": []})
    await emu.send_user_message(user, user, "hello again")
    assert len(emu.pending_updates()) == 1


async def test_form_json_and_query_bodies_are_all_understood(
    emu: EmulatorServer, http: aiohttp.ClientSession
) -> None:
    user = await emu.create_user()
    await emu.open_private_chat(user)
    markup = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}
    status, as_form = await call(
        http,
        emu,
        "sendMessage",
        form={"chat_id": str(user.id), "text": "42", "reply_markup": json.dumps(markup)},
    )
    assert status == 200 and as_form["result"]["text"] == "42" and as_form["result"]["reply_markup"] == markup
    status, as_json = await call(
        http, emu, "sendmessage", body={"chat_id": user.id, "text": 7, "reply_markup": markup}
    )
    assert status == 200 and as_json["result"]["text"] == "7"  # method names are case-insensitive
    async with http.get(f"{emu.base_url}{emu.token}/getMe") as resp:
        me = await resp.json()
    assert me["result"]["is_bot"] is True and me["result"]["can_read_all_group_messages"] is False
    logged = emu.calls("sendMessage")[0].params
    assert logged["reply_markup"] == markup  # the call log decodes JSON-encoded parameters


async def test_unknown_methods_and_bad_tokens(emu: EmulatorServer, http: aiohttp.ClientSession) -> None:
    status, body = await call(http, emu, "sendTelepathy", form={})
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    async with http.post(f"{emu.base_url}999:WRONG/getMe") as resp:
        assert resp.status == 401 and (await resp.json())["description"] == "Unauthorized"
    async with http.post(f"{emu.base_url}not-a-token/getMe") as resp:
        assert resp.status == 404
    assert [(c.method, c.error_code) for c in emu.calls()] == [("sendTelepathy", 404)]


async def test_faults_fail_then_clear(emu: EmulatorServer, http: aiohttp.ClientSession) -> None:
    emu.fail_next("getMe", 502, times=2)
    emu.delay_next("getChat", 0.3)
    first = await call(http, emu, "getMe")
    second = await call(http, emu, "getme")
    third = await call(http, emu, "getMe")
    assert [first[0], second[0], third[0]] == [502, 502, 200]
    assert first[1] == {"ok": False, "error_code": 502, "description": "Bad Gateway"}
    with pytest.raises(TimeoutError):
        async with http.post(
            f"{emu.base_url}{emu.token}/getChat",
            data={"chat_id": "1"},
            timeout=aiohttp.ClientTimeout(total=0.1),
        ) as resp:
            await resp.read()


async def test_replies_callbacks_deletes_and_chat_actions(
    emu: EmulatorServer, http: aiohttp.ClientSession
) -> None:
    agent = await emu.create_user("Agent")
    group = await emu.create_group("Agents", members=[agent])
    said = await emu.send_user_message(group, agent, "/start@clear_test_bot")
    _, missing = await call(
        http,
        emu,
        "sendMessage",
        body={"chat_id": group.id, "text": "hi", "reply_parameters": {"message_id": 99}},
    )
    assert missing["description"] == "Bad Request: message to be replied not found"
    _, tolerant = await call(
        http,
        emu,
        "sendMessage",
        body={
            "chat_id": group.id,
            "text": "hi",
            "reply_parameters": {"message_id": 99, "allow_sending_without_reply": True},
        },
    )
    assert tolerant["ok"] and "reply_to_message" not in tolerant["result"]
    markup = {"inline_keyboard": [[{"text": "Done", "callback_data": "done"}]]}
    _, sent = await call(
        http,
        emu,
        "sendMessage",
        body={
            "chat_id": group.id,
            "text": "ok",
            "reply_markup": markup,
            "reply_parameters": {"message_id": said.message_id},
        },
    )
    assert sent["result"]["reply_to_message"]["text"] == "/start@clear_test_bot"
    query = await emu.press_button(group, agent, sent["result"]["message_id"], "done")
    assert (await call(http, emu, "answerCallbackQuery", form={"callback_query_id": query.id}))[0] == 200
    again = await call(http, emu, "answerCallbackQuery", form={"callback_query_id": query.id})
    assert (
        again[1]["description"]
        == "Bad Request: query is too old and response timeout expired or query ID is invalid"
    )
    _, refused = await call(
        http, emu, "deleteMessage", form={"chat_id": str(group.id), "message_id": str(said.message_id)}
    )
    assert refused["description"] == "Bad Request: message can't be deleted"  # not an admin
    await emu.set_bot_status(group, "administrator")
    assert (
        await call(http, emu, "deleteMessage", body={"chat_id": group.id, "message_id": said.message_id})
    )[0] == 200
    deleted = emu.message(group, said.message_id)
    assert deleted is not None and deleted.deleted
    assert (await call(http, emu, "sendChatAction", body={"chat_id": group.id, "action": "typing"}))[0] == 200
    assert (await call(http, emu, "sendChatAction", body={"chat_id": group.id, "action": "dancing"}))[
        0
    ] == 400
    assert [a.action for a in emu.chat_actions(group)] == ["typing"]
    assert [a.kind for a in emu.actions(group)] == ["send", "send", "delete"]


async def test_user_side_edits_and_forwards(emu: EmulatorServer, http: aiohttp.ClientSession) -> None:
    customer = await emu.create_user("Customer", username="cust_01")
    agent = await emu.create_user("Agent")
    forwarded = await emu.send_user_message(agent, agent, "where is my parcel", forward_from=customer)
    hidden = await emu.send_user_message(agent, agent, "call me", forward_from="Someone Private")
    await emu.edit_user_message(agent, forwarded.message_id, "where is my parcel?? 😡")
    _, body = await call(http, emu, "getUpdates")
    updates = body["result"]
    assert updates[0]["message"]["forward_origin"]["sender_user"]["username"] == "cust_01"
    assert updates[1]["message"]["forward_origin"] == {
        "type": "hidden_user",
        "date": hidden.date,
        "sender_user_name": "Someone Private",
    }
    assert (
        updates[2]["edited_message"]["text"] == "where is my parcel?? 😡"
        and "edit_date" in updates[2]["edited_message"]
    )


async def test_webhook_delivery_retries_and_sends_the_secret(
    emu: EmulatorServer, http: aiohttp.ClientSession
) -> None:
    received: list[Json] = []
    secrets: list[str | None] = []
    statuses = [500]

    async def hook(request: web.Request) -> web.Response:
        secrets.append(request.headers.get(SECRET_HEADER))
        status = statuses.pop() if statuses else 200
        if status == 200:
            received.append(await request.json())
        return web.Response(status=status)

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        bad = await call(http, emu, "setWebhook", form={"url": "ftp://x", "secret_token": "ok"})
        assert bad[1]["description"] == "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
        bad_secret = await call(
            http,
            emu,
            "setWebhook",
            form={"url": f"http://127.0.0.1:{port}/hook", "secret_token": "no spaces"},
        )
        assert bad_secret[0] == 400
        ok = await call(
            http, emu, "setWebhook", form={"url": f"http://127.0.0.1:{port}/hook", "secret_token": "abc_123"}
        )
        assert ok == (200, {"ok": True, "result": True})
        user = await emu.create_user()
        await emu.send_user_message(user, user, "via webhook")
        await emu.wait_until_consumed()
        conflict = await call(http, emu, "getUpdates")
        _, info = await call(http, emu, "getWebhookInfo")
        await call(http, emu, "deleteWebhook")
        _, cleared = await call(http, emu, "getWebhookInfo")
    finally:
        await runner.cleanup()
    assert received[0]["message"]["text"] == "via webhook"
    assert secrets == ["abc_123", "abc_123"]  # one failed attempt, one retry
    assert [d.status for d in emu.webhook_deliveries()] == [500, 200]
    assert conflict[0] == 409 and "webhook is active" in conflict[1]["description"]
    assert info["result"]["pending_update_count"] == 0
    assert info["result"]["last_error_message"] == "Wrong response from the webhook: 500"
    assert cleared["result"] == {"url": "", "has_custom_certificate": False, "pending_update_count": 0}


async def test_control_routes_drive_a_session_from_another_process(
    emu: EmulatorServer, http: aiohttp.ClientSession
) -> None:
    async with ControlClient(emu.url) as console:
        user = await console.create_user("Lin", username="lin_agent", language_code="zh-hant")
        sent = await console.send_user_message(user["id"], user["id"], "/start")
        assert sent["delivered"] is True and sent["entities"][0]["type"] == "bot_command"
        mark = (await console.actions())["mark"]
        waiting = asyncio.create_task(console.actions(mark, wait_s=3))
        await call(
            http,
            emu,
            "sendMessage",
            body={"chat_id": user["id"], "text": "<i>歡迎</i>", "parse_mode": "HTML"},
        )
        news = await asyncio.wait_for(waiting, 3)
        assert [a["message"]["text"] for a in news["actions"]] == ["歡迎"]
        await console.fault("fail_next", "getMe", error_code=500)
        assert (await call(http, emu, "getMe"))[0] == 500
        with pytest.raises(ControlError, match="no user"):
            await console.send_user_message(user["id"], 424242, "who am I")
        state = await console.state()
    assert state["bot"]["username"] == "clear_test_bot" and state["pending_updates"] == 1
