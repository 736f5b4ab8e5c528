"""Decoding Bot API parameters from query strings, JSON bodies, form and multipart bodies.

PTB posts form or multipart data in which strings stay as they are and every other value is
JSON-encoded (numbers as ``"42"``, objects such as ``reply_markup`` as JSON text). Other clients
post ``application/json``. The getters here accept both spellings, so handlers see typed values.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from aiohttp import web

from .errors import ApiError, bad_request


class UploadedFile:
    """A file part of a multipart request; the emulator only remembers its name and size."""

    def __init__(self, filename: str, content_type: str, size: int) -> None:
        self.filename = filename
        self.content_type = content_type
        self.size = size

    def __repr__(self) -> str:
        return f"UploadedFile({self.filename!r}, {self.content_type!r}, {self.size})"


async def read_params(request: web.Request) -> dict[str, object]:
    """All parameters of a request: query string first, then the body (which wins)."""
    params: dict[str, object] = dict(request.query)
    if not request.body_exists:
        return params
    ctype = request.content_type
    if ctype == "application/json":
        try:
            body = json.loads(await request.text() or "{}")
        except ValueError as exc:
            raise bad_request("can't parse JSON object") from exc
        if not isinstance(body, dict):
            raise bad_request("JSON object expected")
        params.update(body)
    elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, str):
                params[name] = value
            elif isinstance(value, web.FileField):
                data = value.file.read()
                params[name] = UploadedFile(value.filename, value.content_type, len(data))
            else:  # bytes from a part without a filename
                params[name] = bytes(value).decode("utf-8", "replace")
    return params


class Params:
    """Typed access to decoded parameters; wrong types become Telegram-style 400 errors."""

    def __init__(self, raw: Mapping[str, object]) -> None:
        self.raw = dict(raw)

    def has(self, name: str) -> bool:
        """Present and not null."""
        return self.raw.get(name) is not None

    def get_str(self, name: str, *, required: bool = False) -> str | None:
        value = self.raw.get(name)
        if value is None:
            if required:
                raise bad_request(f"{name} is empty")
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, str | int | float):
            return str(value)
        raise bad_request(f'field "{name}" must be of type String')

    def require_str(self, name: str) -> str:
        value = self.get_str(name, required=True)
        assert value is not None
        return value

    def get_int(self, name: str, *, required: bool = False) -> int | None:
        value = self.raw.get(name)
        if value is None or value == "":
            if required:
                raise bad_request(f"{name} is empty")
            return None
        if isinstance(value, bool):
            raise bad_request(f'field "{name}" must be of type Integer')
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                try:
                    as_float = float(value)
                except ValueError:
                    pass
                else:
                    if as_float.is_integer():
                        return int(as_float)
        raise bad_request(f'field "{name}" must be of type Integer')

    def require_int(self, name: str) -> int:
        value = self.get_int(name, required=True)
        assert value is not None
        return value

    def get_float(self, name: str) -> float | None:
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value)
            except ValueError:
                pass
        raise bad_request(f'field "{name}" must be of type Number')

    def get_bool(self, name: str, default: bool = False) -> bool:
        value = self.raw.get(name)
        if value is None or value == "":
            return default
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return value != 0
        if isinstance(value, str) and value.lower() in ("true", "1", "false", "0"):
            return value.lower() in ("true", "1")
        raise bad_request(f'field "{name}" must be of type Boolean')

    def get_json(self, name: str) -> object:
        """A nested object or array, given natively (JSON body) or as JSON text (form body)."""
        value = self.raw.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError as exc:
                raise bad_request(f"can't parse {name} JSON object") from exc
        return value

    def get_object(self, name: str) -> dict[str, object] | None:
        value = self.get_json(name)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise bad_request(f"object expected as {name}")
        return value

    def get_list(self, name: str) -> list[object] | None:
        value = self.get_json(name)
        if value is None:
            return None
        if not isinstance(value, list):
            raise bad_request(f"array expected as {name}")
        return value

    def chat_ref(self, name: str = "chat_id") -> int | str:
        """A chat id or an ``@username``."""
        value = self.raw.get(name)
        if value is None or value == "":
            raise bad_request(f"{name} is empty")
        if isinstance(value, str) and value.startswith("@"):
            return value
        try:
            return self.require_int(name)
        except ApiError:
            raise bad_request("chat not found") from None
