"""Every Redis key clearbot writes, in one place, under one configurable prefix.

Keys that one operation touches together share a ``{hash tag}`` so they live in one
Redis Cluster slot and a Lua script may use them all.
"""

from __future__ import annotations

from dataclasses import dataclass

# Buckets of the case index; keep in step with ``case_key`` in bot/timers/_lib.lua.
TIMER_CASE_BUCKETS = 1024


def timer_case_bucket(case_id: str) -> int:
    """Which case-index bucket holds ``case_id`` (a 31-multiplier hash of its UTF-8 bytes)."""
    h = 0
    for byte in case_id.encode():
        h = (h * 31 + byte) % TIMER_CASE_BUCKETS
    return h


@dataclass(frozen=True)
class Keys:
    """Key builder for one prefix (``CLEARBOT_REDIS_PREFIX``)."""

    prefix: str = "clearbot"

    def _k(self, *parts: str) -> str:
        return ":".join((self.prefix, *parts))

    # Timers: every timer key shares one {hash tag}, so a Lua script may touch any of them and
    # Redis Cluster keeps them in one slot. Scripts build per-id keys from the *_prefix values below.
    @property
    def timer_tag(self) -> str:
        """Hash tag shared by every timer key."""
        return "{" + self.prefix + ":timers}"

    @property
    def timer_prefix(self) -> str:
        """Prefix of the timer hashes (a script appends the timer id)."""
        return f"{self.timer_tag}:t:"

    def timer(self, timer_id: str) -> str:
        """Hash holding one timer."""
        return self.timer_prefix + timer_id

    @property
    def timer_due(self) -> str:
        """Sorted set of every open timer, scored by the epoch ms of its next event (+inf: none left)."""
        return f"{self.timer_tag}:due"

    @property
    def timer_overdue(self) -> str:
        """Set of open timers past their grace period."""
        return f"{self.timer_tag}:overdue"

    @property
    def timer_agent_prefix(self) -> str:
        """Prefix of the per-agent sets of open timers."""
        return f"{self.timer_tag}:agent:"

    def timer_by_agent(self, agent_id: int) -> str:
        """Set of one agent's open timers (their counter values, so small sets stay compact)."""
        return f"{self.timer_agent_prefix}{agent_id}"

    @property
    def timer_chat_agents_prefix(self) -> str:
        """Prefix of the per-chat sets of agents."""
        return f"{self.timer_tag}:chatagents:"

    def timer_chat_agents(self, chat_id: int) -> str:
        """Set of the agents who have had timers in a chat (a chat's timers are found through them)."""
        return f"{self.timer_chat_agents_prefix}{chat_id}"

    @property
    def timer_case_prefix(self) -> str:
        """Prefix of the case-index buckets (a script appends the bucket number)."""
        return f"{self.timer_tag}:cases:"

    def timer_by_case(self, case_id: str) -> str:
        """Hash holding ``case_id`` → its open timer ids, space-separated.

        Cases are spread over ``TIMER_CASE_BUCKETS`` small hashes (Redis keeps a hash of up to
        128 short fields in a compact encoding, several times smaller than one big hash).
        """
        return f"{self.timer_case_prefix}{timer_case_bucket(case_id)}"

    @property
    def timer_replies_prefix(self) -> str:
        """Prefix of the per-case reply counters."""
        return f"{self.timer_tag}:replies:"

    def timer_replies(self, case_id: str) -> str:
        """String: how often an agent answered the case (first vs next reply), expiring with retention."""
        return self.timer_replies_prefix + case_id

    @property
    def timer_resolved(self) -> str:
        """Sorted set of resolved timer ids scored by resolution ms, trimmed after retention."""
        return f"{self.timer_tag}:resolved"

    @property
    def timer_thresholds(self) -> str:
        """Hash: chat id → that team's thresholds as JSON."""
        return f"{self.timer_tag}:thresholds"

    @property
    def timer_seq(self) -> str:
        """Counter for short timer ids."""
        return f"{self.timer_tag}:seq"

    @property
    def alert_stream(self) -> str:
        """Stream of alerts waiting to be delivered (consumer group ``alert_group``)."""
        return f"{self.timer_tag}:alerts"

    @property
    def alert_group(self) -> str:
        """Name of the consumer group that delivers ``alert_stream`` (a name inside the stream, not a key)."""
        return "deliver"

    @property
    def alert_sent_prefix(self) -> str:
        """Prefix of the sent-markers (a script appends the idempotency key)."""
        return f"{self.timer_tag}:sent:"

    def alert_sent(self, idempotency_key: str) -> str:
        """Marker that an alert reached its chat."""
        return self.alert_sent_prefix + idempotency_key

    @property
    def alert_queued_prefix(self) -> str:
        """Prefix of the markers that a notice was queued (a script appends its idempotency key)."""
        return f"{self.timer_tag}:queued:"

    def alert_queued(self, idempotency_key: str) -> str:
        """Marker that a notice with this key is on the stream already (webhook retries add nothing)."""
        return self.alert_queued_prefix + idempotency_key

    @property
    def alert_dead(self) -> str:
        """List of alerts given up after too many failed sends (newest first, capped)."""
        return f"{self.timer_tag}:dead"

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

    @property
    def known_agents(self) -> str:
        """Set of user ids seen in a registered agents' chat (they may use the bot in private)."""
        return self._k("agents")

    @property
    def user_names(self) -> str:
        """Hash of user id → display name, for mentions in alerts."""
        return self._k("users")

    def chat_admins(self, chat_id: int) -> str:
        """Set of a chat's Telegram admin ids, cached briefly."""
        return self._k("chat", str(chat_id), "admins")

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
