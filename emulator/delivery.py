"""Which user messages reach the bot: Telegram's privacy mode rules for groups.

With privacy mode on and no admin rights a bot only gets, in groups: commands meant for it
(``/cmd@this_bot``, or a bare ``/cmd`` when it is the only or the last bot to have posted),
messages mentioning it, replies to its messages (or to messages it was given), and service
messages. Bots never see other bots' messages.
"""

from __future__ import annotations

from .entities import Entity, command_of
from .models import Chat, MessageRecord
from .state import EmulatorState


def bot_receives(state: EmulatorState, chat: Chat, message: MessageRecord, entities: list[Entity]) -> bool:
    """Whether Telegram would hand ``message`` to the bot."""
    sender = state.users.get(message.sender_id)
    if sender is not None and sender.is_bot:
        return False
    if chat.type == "private":
        return not chat.bot_blocked
    member = state.bot_member(chat)
    if not member.is_present:
        return False
    if member.is_admin or not chat.bot_privacy:
        return True
    if message.text is None:
        return True  # service messages (topic created, members joined) always arrive
    return _meant_for_bot(state, chat, message, entities)


def _meant_for_bot(state: EmulatorState, chat: Chat, message: MessageRecord, entities: list[Entity]) -> bool:
    username = (state.bot.username or "").lower()
    text = message.text or ""
    for entity in entities:
        if entity.type == "bot_command":
            _, target = command_of(text, entity)
            if target is not None and target.lower() == username:
                return True
            if target is None and entity.offset == 0 and _bare_commands_reach_bot(state, chat):
                return True
        if entity.type == "mention":
            mentioned = text.encode("utf-16-le")[entity.offset * 2 + 2 : (entity.offset + entity.length) * 2]
            if mentioned.decode("utf-16-le").lower() == username:
                return True
    if message.reply_to_message_id is not None:
        target_msg = state.messages.get((chat.id, message.reply_to_message_id))
        if target_msg is not None and (target_msg.from_bot or target_msg.delivered):
            return True
    return False


def _bare_commands_reach_bot(state: EmulatorState, chat: Chat) -> bool:
    other_bots = [
        m
        for m in chat.members.values()
        if m.is_present
        and m.user_id != state.bot.id
        and state.users.get(m.user_id, None) is not None
        and state.users[m.user_id].is_bot
    ]
    return not other_bots or chat.last_bot_sender_id == state.bot.id
