"""Message understanding: label a customer message on the taxonomy's six axes."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..models import Classification
from .lexicon import Lexicon, LexiconError
from .scorer import Classifier

__all__ = ["Classification", "Classifier", "Lexicon", "LexiconError", "classify", "classify_many"]


@lru_cache(maxsize=1)
def _default() -> Classifier:
    return Classifier()


def classify(text: str) -> Classification:
    """Classify ``text`` with the shipped lexicons."""
    return _default().classify(text)


def classify_many(texts: Sequence[str]) -> list[Classification]:
    """Classify each of ``texts`` with the shipped lexicons: the same results as :func:`classify`,
    faster for a batch."""
    return _default().classify_many(texts)
