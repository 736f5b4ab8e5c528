"""Every Redis key clearbot writes, in one place, under one configurable prefix.

Keys that one operation touches together share a ``{hash tag}`` so they live in one
Redis Cluster slot and a Lua script may use them all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Keys:
    """Key builder for one prefix (``CLEARBOT_REDIS_PREFIX``)."""

    prefix: str = "clearbot"

    def _k(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    # Timers: all in one slot so the due index and the timer hashes move together.
    @property
    def timer_tag(self) -> str:
        """Hash tag shared by every timer key."""
        return "{" + self.prefix + ":timers}"

    def timer(self, timer_id: str) -> str:
        """Hash holding one timer."""
        return f"{self.timer_tag}:t:{timer_id}"

    @property
    def timer_due(self) -> str:
        """Sorted set: timer id scored by the epoch ms of its next event."""
        return f"{self.timer_tag}:due"

    @property
    def timer_open(self) -> str:
        """Set of open timer ids."""
        return f"{self.timer_tag}:open"

    @property
    def alert_stream(self) -> str:
        """Stream of alerts waiting to be delivered."""
        return f"{self.timer_tag}:alerts"

    def alert_sent(self, idempotency_key: str) -> str:
        """Marker that an alert reached its chat."""
        return f"{self.timer_tag}:sent:{idempotency_key}"

    def timer_seq(self) -> str:
        """Counter for short timer ids."""
        return f"{self.timer_tag}:seq"

    # Chats and their roles.
    def chat(self, chat_id: int) -> str:
        """String: one chat's settings as JSON."""
        return self._k("chat", str(chat_id))

    @property
    def agent_chats(self) -> str:
        """Set of chat ids registered as agents' chats."""
        return self._k("chats", "agents")

    @property
    def alert_chats(self) -> str:
        """Set of chat ids registered as supervisors' chats."""
        return self._k("chats", "alerts")

    def unregistered_noted(self, chat_id: int) -> str:
        """Marker that an unregistered chat was told once how to register."""
        return self._k("chat", str(chat_id), "noted")

    # Customer cases.
    @property
    def case_seq(self) -> str:
        """Counter for short case ids."""
        return self._k("case", "seq")

    def case(self, case_id: str) -> str:
        """String: one case as JSON."""
        return self._k("case", case_id)

    def case_events(self, case_id: str) -> str:
        """List of a case's events (customer messages, agent actions), oldest first."""
        return self._k("case", case_id, "events")

    def case_by_customer(self, chat_id: int, customer_key: str) -> str:
        """String: the open case of one customer in one chat."""
        return self._k("case", "cust", str(chat_id), customer_key)

    def case_current(self, chat_id: int, agent_id: int) -> str:
        """String: the case an agent last worked on in a chat."""
        return self._k("case", "cur", str(chat_id), str(agent_id))

    def case_card(self, chat_id: int, message_id: int) -> str:
        """String: which case a card message shows."""
        return self._k("case", "card", str(chat_id), str(message_id))

    def update_seen(self, update_id: int) -> str:
        """Marker that an update was handled (webhook de-duplication)."""
        return self._k("upd", str(update_id))

    @property
    def poller_lease(self) -> str:
        """Lease naming the one replica allowed to call getUpdates."""
        return self._k("poller")

    def feedback(self, template_id: str) -> str:
        """Hash of used / not-helpful counts for a template."""
        return self._k("fb", template_id)
