"""The one settings object: environment variables prefixed ``CLEARBOT_`` and an optional ``.env``."""

from __future__ import annotations

import re
from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")


def _default_data_dir() -> Path:
    return Path(platformdirs.user_state_dir("clearbot", appauthor=False))


class Settings(BaseSettings):
    """Every knob of clearbot, validated once at start-up."""

    model_config = SettingsConfigDict(env_prefix="CLEARBOT_", env_file=".env", extra="ignore")

    # Redis: unset means "start a private redis-server under data_dir".
    redis_url: str | None = None
    redis_prefix: str = Field(default="clearbot", pattern=r"^[A-Za-z0-9_.:-]{1,40}$")
    data_dir: Path = Field(default_factory=_default_data_dir)

    # Telegram.
    telegram_token: str | None = None
    telegram_api_url: str | None = None
    owner_ids: Annotated[frozenset[int], NoDecode] = frozenset()
    webhook_url: str | None = None
    webhook_secret: str | None = None
    # The HTTP side (webhook, /healthz, /metrics) listens here in both modes; port 0 picks a free one.
    http_host: str = "0.0.0.0"
    http_port: int = Field(default=8080, ge=0, le=65535)

    # Time.
    tz: str = "Asia/Shanghai"
    business_open: str = Field(default="09:00", pattern=r"^\d{2}:\d{2}$")
    business_close: str = Field(default="18:00", pattern=r"^\d{2}:\d{2}$")

    # Timer thresholds, seconds.
    remind_before_s: int = Field(default=120, ge=0)
    overdue_grace_s: int = Field(default=300, ge=0)
    escalate_after_s: int = Field(default=900, ge=0)
    response_first_s: int = Field(default=120, ge=1)
    response_next_s: int = Field(default=300, ge=1)
    retention_days: int = Field(default=30, ge=1)

    # Playbooks.
    playbooks_dir: Path | None = None

    @field_validator("owner_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.split(",") if p.strip()]
            try:
                return frozenset(int(p) for p in parts)
            except ValueError as exc:
                raise ValueError("must be comma-separated Telegram user ids (integers)") from exc
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("telegram_api_url", "webhook_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None or value == "":
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s):// URL")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and not self.webhook_secret:
            raise ValueError("CLEARBOT_WEBHOOK_SECRET is required when CLEARBOT_WEBHOOK_URL is set")
        if self.webhook_secret is not None and not _SECRET.fullmatch(self.webhook_secret):
            raise ValueError("CLEARBOT_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return self

    @field_validator("tz")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        zone_named(value)
        return value

    @property
    def zone(self) -> ZoneInfo:
        """The team's time zone."""
        return ZoneInfo(self.tz)

    @property
    def business_hours(self) -> tuple[time, time]:
        """(open, close) local wall times."""
        return time.fromisoformat(self.business_open), time.fromisoformat(self.business_close)


def zone_named(name: str) -> ZoneInfo:
    """The IANA zone ``name``, or a ValueError that says which name is unknown."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown IANA time zone {name!r}") from exc


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read from the environment once per process."""
    return Settings()


def describe_error(exc: Exception) -> str:
    """One clear line naming the bad setting(s), for start-up failures."""
    from pydantic import ValidationError

    if isinstance(exc, ValidationError):
        parts = []
        for err in exc.errors():
            msg = str(err["msg"]).removeprefix("Value error, ")
            if err["loc"]:
                parts.append(f"CLEARBOT_{str(err['loc'][0]).upper()}: {msg}")
            else:
                parts.append(msg)
        return "bad setting: " + "; ".join(parts)
    return f"bad setting: {exc}"
