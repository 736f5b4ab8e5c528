"""Running ``python -m bot`` as a user does, for the CLI tests."""

from __future__ import annotations

import os
import subprocess
import sys


def run_bot(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m bot ARGS`` with ``stdin``; never raises on a non-zero exit."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, **(env or {})},
    )
