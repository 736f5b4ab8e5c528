"""A small async client for the ``/_control/`` routes, for a console in another process."""

from __future__ import annotations

from types import TracebackType
from typing import Any

import aiohttp


class ControlError(RuntimeError):
    """The emulator refused a control request."""


class ControlClient:
    """``async with ControlClient("http://127.0.0.1:8081") as emu: ...`` — results are plain JSON dicts."""

    def __init__(self, url: str, *, timeout_s: float = 60.0) -> None:
        self.url = url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout_s)
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> ControlClient:
        self._session = aiohttp.ClientSession(timeout=self._timeout)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _request(
        self,
        method: str,
        path: str,
        *,
        json: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
    ) -> Any:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout)
        query = {k: str(v) for k, v in (params or {}).items() if v is not None}
        async with self._session.request(
            method, f"{self.url}/_control/{path}", json=json, params=query
        ) as response:
            data = await response.json()
            if response.status != 200:
                raise ControlError(data.get("error", f"HTTP {response.status}"))
            return data

    async def state(self) -> dict[str, Any]:
        return dict(await self._request("GET", "state"))

    async def create_user(self, first_name: str = "Alice", **fields: Any) -> dict[str, Any]:
        return dict(await self._request("POST", "users", json={"first_name": first_name, **fields}))

    async def open_private_chat(self, user_id: int) -> dict[str, Any]:
        return dict(await self._request("POST", "private_chats", json={"user_id": user_id}))

    async def create_group(self, title: str = "Support team", **fields: Any) -> dict[str, Any]:
        return dict(await self._request("POST", "groups", json={"title": title, **fields}))

    async def create_topic(self, chat_id: int, name: str, *, by: int | None = None) -> dict[str, Any]:
        return dict(await self._request("POST", "topics", json={"chat_id": chat_id, "name": name, "by": by}))

    async def send_user_message(self, chat_id: int, user_id: int, text: str, **fields: Any) -> dict[str, Any]:
        body = {"chat_id": chat_id, "user_id": user_id, "text": text, **fields}
        return dict(await self._request("POST", "messages", json=body))

    async def press_button(
        self,
        chat_id: int,
        user_id: int,
        message_id: int,
        callback_data: str | None = None,
        *,
        button_text: str | None = None,
    ) -> dict[str, Any]:
        body = {
            "chat_id": chat_id,
            "user_id": user_id,
            "message_id": message_id,
            "callback_data": callback_data,
            "button_text": button_text,
        }
        return dict(await self._request("POST", "press", json=body))

    async def bot_messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        return list(await self._request("GET", "bot_messages", params={"chat_id": chat_id}))

    async def actions(
        self, since: int = 0, *, chat_id: int | None = None, wait_s: float = 0.0
    ) -> dict[str, Any]:
        """``{"actions": [...], "mark": n}``; with ``wait_s`` waits for the first new action."""
        return dict(
            await self._request(
                "GET", "actions", params={"since": since, "chat_id": chat_id, "wait_s": wait_s}
            )
        )

    async def calls(self, method: str | None = None) -> list[dict[str, Any]]:
        return list(await self._request("GET", "calls", params={"method": method}))

    async def callback_answer(self, query_id: str, *, wait_s: float = 5.0) -> dict[str, Any]:
        return dict(await self._request("GET", "callback_answer", params={"id": query_id, "wait_s": wait_s}))

    async def fault(self, kind: str, method: str, **fields: Any) -> None:
        """``kind``: fail_next, refuse, delay or allow."""
        await self._request("POST", "faults", json={"kind": kind, "method": method, **fields})
