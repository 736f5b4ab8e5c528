"""Forum topics: created by a service message whose id becomes the topic's thread id."""

from __future__ import annotations

from .delivery import bot_receives
from .models import Chat, MessageRecord, Topic
from .state import EmulatorState


def open_topic(
    state: EmulatorState, chat: Chat, name: str, by_user_id: int, *, icon_color: int | None = None
) -> Topic:
    """Create a forum topic: a ``forum_topic_created`` service message whose id is the thread id."""
    message_id = state.next_message_id(chat)
    topic = Topic(thread_id=message_id, name=name, icon_color=icon_color or 0x6FB9F0)
    chat.topics[message_id] = topic
    service = MessageRecord(
        message_id=message_id,
        chat_id=chat.id,
        sender_id=by_user_id,
        from_bot=by_user_id == state.bot.id,
        date=state.now(),
        thread_id=message_id,
        is_topic_message=True,
        extra={"forum_topic_created": {"name": name, "icon_color": topic.icon_color}},
    )
    state.store(service)
    if not service.from_bot and bot_receives(state, chat, service, []):
        service.delivered = state.enqueue("message", state.message_json(service)) is not None
    return topic
