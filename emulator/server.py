"""The HTTP side: an aiohttp app answering ``/bot<token>/<method>`` like api.telegram.org.

async with EmulatorServer(port=0) as emu:
    app = ApplicationBuilder().token(emu.token).base_url(emu.base_url).build()
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from types import TracebackType

from aiohttp import web

from .api import BotApi
from .control import Control, fault_error
from .control_http import add_control_routes
from .errors import ApiError
from .models import CallRecord
from .params import Params, UploadedFile, read_params
from .state import EmulatorState
from .webhook import WebhookSender

DEFAULT_TOKEN = "123456789:TEST-emulator-token"
_TOKEN_RE = re.compile(r"\d+:[A-Za-z0-9_-]+")
# Parameters PTB sends as JSON text; the call log shows them decoded so tests can read them.
_JSON_PARAMS = frozenset(
    {
        "reply_markup",
        "reply_parameters",
        "entities",
        "commands",
        "scope",
        "allowed_updates",
        "link_preview_options",
        "message_ids",
    }
)


class EmulatorServer(Control):
    """A local Telegram Bot API for one bot token; also the control API (see :class:`Control`).

    ``url`` is the root; give the bot ``base_url=emu.base_url`` (``{url}/bot``, PTB appends the
    token) and ``base_file_url=emu.base_file_url``.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        token: str = DEFAULT_TOKEN,
        bot_username: str = "clear_test_bot",
        bot_first_name: str = "Clear Test Bot",
        privacy: bool = True,
        now_s: Callable[[], float] | None = None,
        max_poll_timeout_s: float = 50.0,
        webhook_retry_delays_s: tuple[float, ...] = (0.05, 0.2, 0.5, 1.0, 2.0),
        allow_http_webhook: bool = True,
        control_routes: bool = True,
    ) -> None:
        if not _TOKEN_RE.fullmatch(token):
            raise ValueError("a bot token looks like 123456:ABC-def")
        super().__init__(
            EmulatorState(
                token=token,
                bot_username=bot_username,
                bot_first_name=bot_first_name,
                privacy=privacy,
                now_s=now_s,
            )
        )
        self.host = host
        self.port = port
        self._sender = WebhookSender(self.state, retry_delays_s=webhook_retry_delays_s)
        self.api = BotApi(
            self.state,
            self._sender,
            max_poll_timeout_s=max_poll_timeout_s,
            allow_http_webhook=allow_http_webhook,
        )
        self._control_routes = control_routes
        self._runner: web.AppRunner | None = None
        self.url = ""

    @property
    def base_url(self) -> str:
        """For ``ApplicationBuilder().base_url(...)``."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``ApplicationBuilder().base_file_url(...)`` (files are not served)."""
        return f"{self.url}/file/bot"

    def make_app(self) -> web.Application:
        """The aiohttp application (Bot API routes, plus ``/_control/`` unless disabled)."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_bot_api)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", _not_found)
        if self._control_routes:
            add_control_routes(app, self)
        return app

    async def start(self) -> None:
        """Listen; ``url`` is set once the port is bound."""
        if self._runner is not None:
            return
        self.state.closing = False
        runner = web.AppRunner(self.make_app(), access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        await site.start()
        self._runner = runner
        sockets = [s for s in (runner.addresses or [])]
        port = sockets[0][1] if sockets else self.port
        self.port = port
        self.url = f"http://{self.host}:{port}"

    async def stop(self) -> None:
        """Answer pending long polls, stop webhook delivery, close the listener."""
        self.state.closing = True
        self.state.notify()
        await self._sender.stop()
        runner, self._runner = self._runner, None
        if runner is not None:
            await asyncio.sleep(0)  # let woken long polls write their answers
            await runner.cleanup()

    async def __aenter__(self) -> EmulatorServer:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def _handle_bot_api(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        method = request.match_info["method"]
        if not _TOKEN_RE.fullmatch(token):
            return _error_response(ApiError(404, "Not Found"))
        if token != self.state.token:
            return _error_response(ApiError(401, "Unauthorized"))
        raw: dict[str, object] = {}
        try:
            raw = await read_params(request)
            fault = self.state.take_fault(method)
            if fault is not None and fault.delay_s > 0:
                await asyncio.sleep(fault.delay_s)
            if fault is not None and fault.error_code is not None:
                raise fault_error(fault)
            result = await self.api.call(method, Params(raw))
        except ApiError as err:
            self._log(method, raw, ok=False, error=err)
            return _error_response(err)
        self._log(method, raw, ok=True, result=result)
        return web.json_response({"ok": True, "result": result})

    def _log(
        self,
        method: str,
        raw: dict[str, object],
        *,
        ok: bool,
        error: ApiError | None = None,
        result: object = None,
    ) -> None:
        self.state.log_call(
            CallRecord(
                seq=len(self.state.calls) + 1,
                method=method,
                params={name: _readable(name, value) for name, value in raw.items()},
                ok=ok,
                error_code=error.error_code if error else None,
                description=error.description if error else None,
                result=result,
            )
        )


def _readable(name: str, value: object) -> object:
    if isinstance(value, UploadedFile):
        return repr(value)
    if name in _JSON_PARAMS and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _error_response(err: ApiError) -> web.Response:
    return web.json_response(err.to_json(), status=err.error_code)


async def _not_found(request: web.Request) -> web.Response:
    return _error_response(ApiError(404, "Not Found"))
