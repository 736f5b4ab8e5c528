"""Build hook: compile the classifier's hot path with mypyc where a C compiler is at hand.

Everything else about the package is in pyproject.toml; this file exists because extension
modules cannot be declared there. The compiled modules are the same typed source, so without a
compiler (or with CLEARBOT_PURE_PYTHON=1) the package installs as plain Python and behaves the
same, about 1.5x slower to classify.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig

from setuptools import setup

# Pure-Python, mypy-strict modules that run for every message. Their pydantic schemas live in
# cue_schema.py and model_schema.py, which stay interpreted: mypyc cannot compile pydantic models.
COMPILED = [
    "bot/classify/scorer.py",
    "bot/classify/lexicon.py",
    "bot/classify/linear.py",
    "bot/classify/language.py",
    "bot/classify/followup.py",
    "bot/classify/text.py",
    "bot/classify/ngrams.py",
]


def _ext_modules() -> list[object]:
    if os.environ.get("CLEARBOT_PURE_PYTHON") == "1":
        return []
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        print(f"clearbot: no C compiler ({compiler}); installing the classifier uncompiled", file=sys.stderr)
        return []
    from mypyc.build import mypycify

    # bot/ is a namespace package (no __init__.py): module names come from the paths.
    return list(mypycify(["--explicit-package-bases", *COMPILED], opt_level="3"))


if __name__ == "__main__":  # setuptools runs this file as __main__; tests read COMPILED only
    setup(ext_modules=_ext_modules())
