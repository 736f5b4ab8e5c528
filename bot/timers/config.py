"""Knobs of the timer engine (not per team: those are :class:`~bot.timers.models.Thresholds`)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..settings import Settings


class TimerConfig(BaseModel):
    """How the engine polls, claims, delivers, retries and keeps history."""

    model_config = ConfigDict(frozen=True)

    # Upper bound on the sleep between claim passes: other processes may schedule a timer due
    # sooner than the head we saw, and we only learn of it by looking again.
    poll_delay_ms: int = Field(default=50, ge=1)
    claim_batch: int = Field(default=500, ge=1)
    read_batch: int = Field(default=100, ge=1)
    # An alert pending this long with its consumer is taken over by another (crashed consumer).
    claim_idle_ms: int = Field(default=30_000, ge=1)
    retry_base_ms: int = Field(default=1_000, ge=1)
    retry_max_ms: int = Field(default=15_000, ge=1)
    # None: retry for ever (an alert is never dropped); a number parks the alert in the
    # dead-letter list after that many failed sends.
    max_send_attempts: int | None = Field(default=None, ge=1)
    # Marker and acknowledgement are written together, so a marker only has to outlive the short
    # window in which a slow consumer and one taking its alert over both hold the alert.
    sent_marker_ttl_s: int = Field(default=3600, ge=60)
    # How long a notice's idempotency key refuses a second notice (Telegram retries for a day).
    notice_dedup_s: int = Field(default=2 * 24 * 3600, ge=60)
    dead_letters_kept: int = Field(default=1000, ge=1)
    retention_days: int = Field(default=30, ge=1)
    # Backoff of the run loop while Redis is away.
    outage_backoff_min_ms: int = Field(default=100, ge=1)
    outage_backoff_max_ms: int = Field(default=5_000, ge=1)
    # Consumers with nothing pending and silent this long are dropped from the group.
    consumer_prune_idle_ms: int = Field(default=24 * 3600 * 1000, ge=1)

    @model_validator(mode="after")
    def _retry_before_takeover(self) -> TimerConfig:
        # A consumer touches its failed alert at each retry; if it waited longer than
        # claim_idle_ms another process would take the alert over while it still owns it.
        if self.retry_max_ms >= self.claim_idle_ms:
            raise ValueError("retry_max_ms must be below claim_idle_ms")
        if self.outage_backoff_min_ms > self.outage_backoff_max_ms:
            raise ValueError("outage_backoff_min_ms must not exceed outage_backoff_max_ms")
        return self

    @property
    def retention_s(self) -> int:
        """How long resolved timers are kept, in seconds."""
        return self.retention_days * 24 * 3600

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: int) -> TimerConfig:
        """Defaults, with ``CLEARBOT_RETENTION_DAYS``."""
        return cls(retention_days=settings.retention_days, **overrides)
