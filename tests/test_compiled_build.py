"""The classifier's compiled modules (setup.py, mypyc) are never older than their source.

Python imports an extension module before a ``.py`` of the same name, so a stale build would
silently test and run old code. mypyc puts the code of every compiled module in one shared
library and leaves a small loader per module; ``make`` compiles again whenever a source changes
and then marks the shared library as current.
"""

from __future__ import annotations

import runpy
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import bot.classify.scorer

PACKAGE_DIR = Path(bot.classify.scorer.__file__ or "").parent
# The modules setup.py compiles, read from setup.py itself.
COMPILED = {
    Path(path).stem
    for path in runpy.run_path(str(PACKAGE_DIR.parents[1] / "setup.py"), run_name="setup")["COMPILED"]
}


def _compiled_modules() -> set[str]:
    return {
        path.name.split(".", 1)[0] for suffix in EXTENSION_SUFFIXES for path in PACKAGE_DIR.glob(f"*{suffix}")
    }


def _shared_library() -> Path | None:
    for name, module in sys.modules.items():
        if name.endswith("__mypyc") and getattr(module, "__file__", None):
            return Path(module.__file__ or "")
    return None


def test_the_compiled_code_is_newer_than_every_compiled_source() -> None:
    shared = _shared_library()
    if shared is None:
        pytest.skip("the classifier runs uncompiled here (no C compiler when it was installed)")
    built_at = shared.stat().st_mtime
    for name in sorted(_compiled_modules()):
        source = PACKAGE_DIR / f"{name}.py"
        assert source.exists(), f"{name}: a compiled module without a source; remove its build"
        assert built_at >= source.stat().st_mtime, (
            f"{source.name} changed after the last build: run `make test`, which compiles it again"
        )


def test_a_compiled_build_covers_the_hot_path_or_nothing() -> None:
    """Half a build (the scorer compiled, the lexicon not) would mean a broken install."""
    built = _compiled_modules()
    if built:
        assert built == COMPILED
