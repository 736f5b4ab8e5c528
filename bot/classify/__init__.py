"""Message understanding: label a customer message on the taxonomy's six axes."""

from __future__ import annotations

from functools import lru_cache

from ..models import Classification
from .lexicon import Lexicon, LexiconError
from .scorer import Classifier

__all__ = ["Classification", "Classifier", "Lexicon", "LexiconError", "classify"]


@lru_cache(maxsize=1)
def _default() -> Classifier:
    return Classifier()


def classify(text: str) -> Classification:
    """Classify ``text`` with the shipped lexicons."""
    return _default().classify(text)
