"""ChatMember objects with every field python-telegram-bot requires for each status."""

from __future__ import annotations

from .models import ADMIN_RIGHTS, Member
from .state import EmulatorState

_RESTRICTED_RIGHTS = (
    "can_send_messages",
    "can_send_audios",
    "can_send_documents",
    "can_send_photos",
    "can_send_videos",
    "can_send_video_notes",
    "can_send_voice_notes",
    "can_send_polls",
    "can_send_other_messages",
    "can_add_web_page_previews",
    "can_change_info",
    "can_invite_users",
    "can_pin_messages",
    "can_manage_topics",
    "can_edit_tag",
)


def member_json(state: EmulatorState, member: Member) -> dict[str, object]:
    """A ChatMember object with every field PTB requires for its status."""
    user = state.user(member.user_id).to_api() if member.user_id != state.bot.id else state.bot.to_api()
    data: dict[str, object] = {"status": member.status, "user": user}
    if member.status == "creator":
        data["is_anonymous"] = False
    elif member.status == "administrator":
        data.update(can_be_edited=False, is_anonymous=False)
        data.update(dict.fromkeys(ADMIN_RIGHTS, True))
    elif member.status == "restricted":
        data.update(is_member=True, until_date=0)
        data.update(dict.fromkeys(_RESTRICTED_RIGHTS, False))
    elif member.status == "kicked":
        data["until_date"] = 0
    if member.custom_title and member.is_admin:
        data["custom_title"] = member.custom_title
    return data
