"""Bot API errors in the shape Telegram sends them: HTTP status equals ``error_code``."""

from __future__ import annotations


class ApiError(Exception):
    """A failed Bot API call; rendered as ``{"ok": false, "error_code", "description", "parameters"}``."""

    def __init__(
        self,
        error_code: int,
        description: str,
        *,
        retry_after_s: int | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after_s = retry_after_s
        self.migrate_to_chat_id = migrate_to_chat_id

    def to_json(self) -> dict[str, object]:
        """The response body Telegram would send."""
        body: dict[str, object] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        parameters: dict[str, int] = {}
        if self.retry_after_s is not None:
            parameters["retry_after"] = self.retry_after_s
        if self.migrate_to_chat_id is not None:
            parameters["migrate_to_chat_id"] = self.migrate_to_chat_id
        if parameters:
            body["parameters"] = parameters
        return body


def bad_request(detail: str) -> ApiError:
    """400, the most common Telegram refusal."""
    return ApiError(400, f"Bad Request: {detail}")


def forbidden(detail: str) -> ApiError:
    """403: the bot may not act in this chat (blocked, kicked, never started)."""
    return ApiError(403, f"Forbidden: {detail}")


def conflict(detail: str) -> ApiError:
    """409: competing getUpdates or a webhook in the way."""
    return ApiError(409, f"Conflict: {detail}")


def too_many_requests(retry_after_s: int) -> ApiError:
    """429 with the ``retry_after`` parameter PTB turns into ``RetryAfter``."""
    return ApiError(429, f"Too Many Requests: retry after {retry_after_s}", retry_after_s=retry_after_s)


def generic_error(error_code: int, description: str | None = None) -> ApiError:
    """Any status, with Telegram's usual description for it when none is given."""
    defaults = {
        400: "Bad Request",
        401: "Unauthorized",
        403: "Forbidden",
        404: "Not Found",
        409: "Conflict",
        500: "Internal Server Error",
        502: "Bad Gateway",
    }
    return ApiError(error_code, description or defaults.get(error_code, f"Error {error_code}"))


NOT_FOUND = "Not Found"
