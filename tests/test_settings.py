"""Settings come from CLEARBOT_* variables; a bad one is named in one clear line."""

from __future__ import annotations

import pytest

from bot.settings import Settings, describe_error


def _error(monkeypatch: pytest.MonkeyPatch, **env: str) -> str:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ValueError) as info:
        Settings(_env_file=None)  # type: ignore[call-arg]
    return describe_error(info.value)


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.redis_url is None and s.telegram_token is None and s.webhook_url is None
    assert s.owner_ids == frozenset()
    assert s.remind_before_s >= 0 and s.overdue_grace_s >= 0 and s.escalate_after_s >= 0


def test_values_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEARBOT_OWNER_IDS", " 1, 22 ,333")
    monkeypatch.setenv("CLEARBOT_TZ", "Asia/Taipei")
    monkeypatch.setenv("CLEARBOT_TELEGRAM_API_URL", "http://127.0.0.1:8081/")
    monkeypatch.setenv("CLEARBOT_OVERDUE_GRACE_S", "30")
    s = Settings(_env_file=None)  # type: ignore[call-arg]
    assert s.owner_ids == {1, 22, 333}
    assert s.zone.key == "Asia/Taipei"
    assert s.telegram_api_url == "http://127.0.0.1:8081"
    assert s.overdue_grace_s == 30


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"CLEARBOT_OWNER_IDS": "12,abc"}, "CLEARBOT_OWNER_IDS"),
        ({"CLEARBOT_TZ": "Mars/Olympus"}, "CLEARBOT_TZ"),
        ({"CLEARBOT_OVERDUE_GRACE_S": "-5"}, "CLEARBOT_OVERDUE_GRACE_S"),
        ({"CLEARBOT_REMIND_BEFORE_S": "soon"}, "CLEARBOT_REMIND_BEFORE_S"),
        ({"CLEARBOT_TELEGRAM_API_URL": "ftp://x"}, "CLEARBOT_TELEGRAM_API_URL"),
        ({"CLEARBOT_WEBHOOK_URL": "https://bot.example.com/tg"}, "CLEARBOT_WEBHOOK_SECRET"),
        (
            {"CLEARBOT_WEBHOOK_URL": "https://e.com/t", "CLEARBOT_WEBHOOK_SECRET": "has space"},
            "CLEARBOT_WEBHOOK_SECRET",
        ),
    ],
)
def test_bad_setting_is_named(monkeypatch: pytest.MonkeyPatch, env: dict[str, str], named: str) -> None:
    line = _error(monkeypatch, **env)
    assert named in line
    assert "\n" not in line
