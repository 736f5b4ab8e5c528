"""Character n-grams of folded text: the features of the learned models.

Training (``training/build_models.py``) and inference share this one function, so a model
always sees the features it was trained on.
"""

from __future__ import annotations

import re

# Runs of letters and digits in any script: Chinese has no spaces, so a run is a whole clause.
_RUN = re.compile(r"[\w']+")


def padded_runs(folded: str) -> str:
    """The runs joined by single spaces, with a space at each end: every n-gram of
    :func:`char_ngrams` occurs in it, and no n-gram holds an inner space, so a matcher over this
    string finds exactly those n-grams."""
    return " " + " ".join(_RUN.findall(folded)) + " "


def char_ngrams(folded: str) -> set[str]:
    """1–3 character n-grams of each run, the run padded with a space on both sides so
    beginnings and ends of words count ("refund" gives " re" and "nd ")."""
    grams: set[str] = set()
    add = grams.update
    for run in _RUN.findall(folded):
        padded = f" {run} "
        size = len(padded)
        add(run)  # the run's characters, one by one (unigrams)
        add([padded[i : i + 2] for i in range(size - 1)])
        add([padded[i : i + 3] for i in range(size - 2)])
    return grams
