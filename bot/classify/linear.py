"""A linear model over character n-grams, trained offline by ``training/build_models.py``.

The model file (``models/<axis>.json.gz``) holds, per n-gram, one weight per label with the
n-gram's idf folded in, followed by its squared idf (for the l2 norm), and one bias per label:
the arithmetic of scikit-learn's ``TfidfVectorizer(binary=True)`` followed by a logistic
regression, so inference needs numpy only.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import ahocorasick
import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

MODEL_DIR = Path(__file__).with_name("models")

_RUN = re.compile(r"[\w']+")


class ModelError(ValueError):
    """A model file is missing or malformed."""


class ModelFile(BaseModel):
    """The stored form of a :class:`LinearModel`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: list[str]
    bias: list[float]
    # n-gram -> [weight per label..., squared idf]
    grams: dict[str, list[float]]

    @model_validator(mode="after")
    def _shapes_fit(self) -> ModelFile:
        width = len(self.labels) + 1
        if len(self.bias) != len(self.labels):
            raise ValueError(f"{len(self.bias)} biases for {len(self.labels)} labels")
        bad = next((g for g, row in self.grams.items() if len(row) != width), None)
        if bad is not None:
            raise ValueError(f"n-gram {bad!r} has {len(self.grams[bad])} values, expected {width}")
        return self


@dataclass(frozen=True, slots=True)
class ModelVote:
    """What the model thinks of one message: log-probability per label, and what
    :meth:`LinearModel.strongest` needs to name the n-grams behind it."""

    log_proba: dict[str, float]
    found: npt.NDArray[np.intp]
    rows: npt.NDArray[np.float64]
    norm: float


class LinearModel:
    """Multinomial logistic regression over the 1–3 character n-grams of folded text."""

    def __init__(self, stored: ModelFile) -> None:
        self.stored = stored
        self.labels = stored.labels
        self._bias = stored.bias
        # One row per n-gram: a weight per label, then the squared idf.
        self._rows = np.array(list(stored.grams.values()), dtype=np.float64).reshape(-1, len(self.labels) + 1)
        self._grams = list(stored.grams)
        # Every vocabulary n-gram found in one pass: faster than generating all n-grams of the
        # text and looking each up. No n-gram holds an inner space, so matching the runs joined
        # by single spaces finds exactly the n-grams of each padded run.
        self._automaton = ahocorasick.Automaton()
        for index, gram in enumerate(self._grams):
            self._automaton.add_word(gram, index)
        self._automaton.make_automaton()

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        """Read a model written by :meth:`save`."""
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                return cls(ModelFile.model_validate(json.load(fh)))
        except (OSError, EOFError, ValueError, ValidationError) as exc:
            raise ModelError(f"{path.name}: {exc}") from exc

    def save(self, path: Path) -> None:
        """Write the model in the form :meth:`load` reads (deterministic bytes for one model)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        data = self.stored.model_dump_json().encode("utf-8")
        with path.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as fh:
            fh.write(data)

    def found(self, folded: str) -> npt.NDArray[np.intp]:
        """Indices of the vocabulary n-grams present in ``folded`` (each once)."""
        padded = " " + " ".join(_RUN.findall(folded)) + " "
        unique = {index for _, index in self._automaton.iter(padded)}
        return np.fromiter(unique, dtype=np.intp, count=len(unique))

    def vote(self, folded: str) -> ModelVote | None:
        """Log-probability per label, or None when no known n-gram occurs in the text."""
        found = self.found(folded)
        if found.size == 0:
            return None
        rows = self._rows[found]
        sums: list[float] = rows.sum(axis=0).tolist()
        norm = math.sqrt(sums[-1])
        # A handful of floats: plain Python is faster here than numpy's per-call overhead.
        scores = [total / norm + bias for total, bias in zip(sums[:-1], self._bias, strict=True)]
        top = max(scores)
        log_total = top + math.log(sum(math.exp(score - top) for score in scores))
        return ModelVote(
            log_proba={label: score - log_total for label, score in zip(self.labels, scores, strict=True)},
            found=found,
            rows=rows,
            norm=norm,
        )

    def strongest(self, vote: ModelVote, label: str, count: int) -> list[tuple[str, float]]:
        """The ``count`` n-grams that pushed hardest for ``label``, with their share of its score."""
        weights = vote.rows[:, self.labels.index(label)]
        ranked = np.argsort(-weights, kind="stable")[:count].tolist()
        found = vote.found
        return [(self._grams[found[i]], float(weights[i]) / vote.norm) for i in ranked if weights[i] > 0]


def load_model(axis: str, directory: Path = MODEL_DIR) -> LinearModel | None:
    """The shipped model for ``axis``, or None when none is shipped."""
    path = directory / f"{axis}.json.gz"
    return LinearModel.load(path) if path.exists() else None
