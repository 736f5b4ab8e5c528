"""The control API over HTTP under ``/_control/``, for a console running in another process.

JSON in, JSON out; mistakes (unknown chat, missing field) answer 400 ``{"error": ...}``.
:class:`emulator.client.ControlClient` wraps these routes.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Literal, cast

from aiohttp import web
from pydantic import BaseModel

if TYPE_CHECKING:
    from .control import Control

Route = Callable[[web.Request], Awaitable[web.StreamResponse]]
Body = dict[str, Any]


def add_control_routes(app: web.Application, control: Control) -> None:
    """Mount the control routes for ``control`` on ``app``."""
    routes = _ControlRoutes(control)
    for method, path, handler in (
        ("GET", "/_control/state", routes.state),
        ("POST", "/_control/users", routes.create_user),
        ("POST", "/_control/private_chats", routes.open_private_chat),
        ("POST", "/_control/groups", routes.create_group),
        ("POST", "/_control/topics", routes.create_topic),
        ("POST", "/_control/bot_status", routes.set_bot_status),
        ("POST", "/_control/privacy", routes.set_privacy),
        ("POST", "/_control/block", routes.block),
        ("POST", "/_control/messages", routes.send_message),
        ("POST", "/_control/edits", routes.edit_message),
        ("POST", "/_control/press", routes.press),
        ("GET", "/_control/bot_messages", routes.bot_messages),
        ("GET", "/_control/actions", routes.actions),
        ("GET", "/_control/calls", routes.calls),
        ("GET", "/_control/callback_answer", routes.callback_answer),
        ("GET", "/_control/commands", routes.visible_commands),
        ("POST", "/_control/faults", routes.faults),
    ):
        app.router.add_route(method, path, _guarded(handler))


def _guarded(handler: Callable[[web.Request], Awaitable[object]]) -> Route:
    async def route(request: web.Request) -> web.StreamResponse:
        try:
            result = await handler(request)
        except (KeyError, ValueError, TypeError) as exc:
            return web.json_response({"error": str(exc)}, status=400)
        except TimeoutError as exc:
            return web.json_response({"error": str(exc)}, status=408)
        return web.json_response(_plain(result))

    return route


def _plain(value: object) -> object:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


async def _body(request: web.Request) -> Body:
    try:
        data = json.loads(await request.text() or "{}")
    except ValueError as exc:
        raise ValueError("the body must be a JSON object") from exc
    if not isinstance(data, dict):
        raise ValueError("the body must be a JSON object")
    return data


def _query_int(request: web.Request, name: str) -> int | None:
    value = request.query.get(name)
    return int(value) if value not in (None, "") else None


def _query_float(request: web.Request, name: str, default: float) -> float:
    value = request.query.get(name)
    return float(value) if value not in (None, "") else default


class _ControlRoutes:
    def __init__(self, control: Control) -> None:
        self.c = control

    async def state(self, request: web.Request) -> object:
        state = self.c.state
        return {
            "bot": state.bot.to_api(),
            "users": list(state.users.values()),
            "chats": [chat.model_dump(mode="json", exclude={"members"}) for chat in state.chats.values()],
            "webhook": state.webhook,
            "pending_updates": len(state.updates),
        }

    async def create_user(self, request: web.Request) -> object:
        body = await _body(request)
        first_name = body.pop("first_name", "Alice")
        return await self.c.create_user(str(first_name), **body)

    async def open_private_chat(self, request: web.Request) -> object:
        body = await _body(request)
        return await self.c.open_private_chat(int(body["user_id"]))

    async def create_group(self, request: web.Request) -> object:
        body = await _body(request)
        title = str(body.pop("title", "Support team"))
        return await self.c.create_group(title, **body)

    async def create_topic(self, request: web.Request) -> object:
        body = await _body(request)
        return await self.c.create_topic(int(body["chat_id"]), str(body["name"]), by=body.get("by"))

    async def set_bot_status(self, request: web.Request) -> object:
        body = await _body(request)
        status = cast(Literal["member", "administrator", "left", "kicked"], str(body["status"]))
        await self.c.set_bot_status(int(body["chat_id"]), status, by=body.get("by"))
        return {"ok": True}

    async def set_privacy(self, request: web.Request) -> object:
        body = await _body(request)
        chat_id = body.get("chat_id")
        await self.c.set_bot_privacy(bool(body["privacy"]), None if chat_id is None else int(chat_id))
        return {"ok": True}

    async def block(self, request: web.Request) -> object:
        body = await _body(request)
        if body.get("blocked", True):
            await self.c.block_bot(int(body["user_id"]))
        else:
            await self.c.unblock_bot(int(body["user_id"]))
        return {"ok": True}

    async def send_message(self, request: web.Request) -> object:
        body = await _body(request)
        forward = body.get("forward_from")
        return await self.c.send_user_message(
            int(body["chat_id"]),
            int(body["user_id"]),
            str(body["text"]),
            reply_to=body.get("reply_to"),
            forward_from=forward if isinstance(forward, int | str) else None,
            thread_id=body.get("thread_id"),
        )

    async def edit_message(self, request: web.Request) -> object:
        body = await _body(request)
        return await self.c.edit_user_message(
            int(body["chat_id"]), int(body["message_id"]), str(body["text"])
        )

    async def press(self, request: web.Request) -> object:
        body = await _body(request)
        return await self.c.press_button(
            int(body["chat_id"]),
            int(body["user_id"]),
            int(body["message_id"]),
            body.get("callback_data"),
            button_text=body.get("button_text"),
        )

    async def bot_messages(self, request: web.Request) -> object:
        return self.c.bot_messages(_query_int(request, "chat_id"))

    async def actions(self, request: web.Request) -> object:
        """Bot actions after ``since``; with ``wait_s`` it long-polls for the first one."""
        since = _query_int(request, "since") or 0
        chat_id = _query_int(request, "chat_id")
        wait_s = _query_float(request, "wait_s", 0.0)
        if wait_s > 0:
            await self.c.state.wait_for(
                lambda: True if self.c.actions(chat_id, since=since) else None, wait_s
            )
        return {"actions": self.c.actions(chat_id, since=since), "mark": self.c.mark()}

    async def calls(self, request: web.Request) -> object:
        return self.c.calls(request.query.get("method"))

    async def callback_answer(self, request: web.Request) -> object:
        return await self.c.wait_for_callback_answer(
            request.query["id"], timeout_s=_query_float(request, "wait_s", 0.0)
        )

    async def visible_commands(self, request: web.Request) -> object:
        chat_id = _query_int(request, "chat_id")
        if chat_id is None:
            raise ValueError("chat_id is required")
        return self.c.visible_commands(
            chat_id, _query_int(request, "user_id"), request.query.get("language_code")
        )

    async def faults(self, request: web.Request) -> object:
        body = await _body(request)
        kind, method = str(body.get("kind", "fail_next")), str(body["method"])
        if kind == "fail_next":
            self.c.fail_next(
                method,
                int(body.get("error_code", 429)),
                retry_after_s=body.get("retry_after_s", 1),
                times=int(body.get("times", 1)),
                description=body.get("description"),
            )
        elif kind == "refuse":
            self.c.refuse(method, int(body.get("error_code", 400)), description=body.get("description"))
        elif kind == "delay":
            self.c.delay_next(method, float(body["delay_s"]), times=int(body.get("times", 1)))
        elif kind == "allow":
            self.c.allow(method)
        else:
            raise ValueError(f"unknown fault kind {kind!r}")
        return {"ok": True}
