"""Which chats clearbot serves and how: agents' chats, supervisors' chats, languages. Kept in Redis."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from redis.asyncio import Redis

from .keys import Keys
from .redis_conn import awaited
from .taxonomy import Language


class ChatConfig(BaseModel):
    """Settings of one registered chat."""

    model_config = ConfigDict(extra="ignore")

    chat_id: int
    title: str = ""
    agents: bool = False
    alerts: bool = False
    lang: Language | None = None
    registered_by: int | None = None
    registered_ms: int = 0
    # None: the chat's Telegram admins are its supervisors; a list overrides that.
    supervisor_ids: list[int] | None = None
    can_read_all: bool | None = Field(
        default=None, description="False when privacy mode hides plain messages"
    )

    @property
    def registered(self) -> bool:
        """Serves agents or receives alerts."""
        return self.agents or self.alerts


class ChatRegistry:
    """Chat settings in Redis."""

    def __init__(self, redis: Redis, keys: Keys) -> None:
        self._redis = redis
        self._keys = keys

    async def get(self, chat_id: int) -> ChatConfig | None:
        """The chat's settings, or None when nobody registered it."""
        raw = await self._redis.get(self._keys.chat(chat_id))
        return None if raw is None else ChatConfig.model_validate_json(raw)

    async def save(self, config: ChatConfig) -> None:
        """Store settings and keep the role indexes in step, in one round trip."""
        pipe = self._redis.pipeline(transaction=True)
        pipe.set(self._keys.chat(config.chat_id), config.model_dump_json())
        for flag, index in ((config.agents, self._keys.agent_chats), (config.alerts, self._keys.alert_chats)):
            if flag:
                pipe.sadd(index, str(config.chat_id))
            else:
                pipe.srem(index, str(config.chat_id))
        await pipe.execute()

    async def update(self, chat_id: int, **changes: object) -> ChatConfig:
        """Apply ``changes`` to the chat's settings (creating them) and store the result."""
        current = await self.get(chat_id) or ChatConfig(chat_id=chat_id)
        updated = ChatConfig.model_validate({**current.model_dump(), **changes})
        await self.save(updated)
        return updated

    async def alert_chat_ids(self) -> list[int]:
        """Every supervisors' chat."""
        return sorted(int(x) for x in await awaited(self._redis.smembers(self._keys.alert_chats)))

    async def agent_chat_ids(self) -> list[int]:
        """Every agents' chat."""
        return sorted(int(x) for x in await awaited(self._redis.smembers(self._keys.agent_chats)))

    async def note_unregistered_once(self, chat_id: int) -> bool:
        """True the first time an unregistered chat is seen (so it is told once how to register)."""
        return bool(await self._redis.set(self._keys.unregistered_noted(chat_id), "1", nx=True, ex=7 * 86400))
