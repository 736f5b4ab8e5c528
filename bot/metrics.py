"""Prometheus metrics of one clearbot process (served at /metrics)."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest


@dataclass
class Metrics:
    """The process's counters, each registered in a private registry (tests build many)."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.updates = Counter("clearbot_updates_handled", "Telegram updates handled", ["kind"], registry=r)
        self.latency = Histogram(
            "clearbot_update_latency_seconds",
            "Time to handle one update",
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
            registry=r,
        )
        self.timers_open = Gauge("clearbot_timers_open", "Open timers", registry=r)
        self.timers_overdue = Gauge(
            "clearbot_timers_overdue", "Open timers past their grace period", registry=r
        )
        self.alerts_sent = Counter("clearbot_alerts_sent", "Alerts delivered to a chat", ["kind"], registry=r)
        self.errors = Counter(
            "clearbot_errors", "Errors while handling updates or alerts", ["where"], registry=r
        )
        self.duplicates = Counter("clearbot_duplicate_updates", "Updates seen before and skipped", registry=r)

    def render(self) -> bytes:
        """The text exposition format."""
        return generate_latest(self.registry)
