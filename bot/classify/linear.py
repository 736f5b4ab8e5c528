"""Linear models over character n-grams, trained offline by ``training/build_models.py``.

One file (``models/ngrams.json.gz``) holds one n-gram vocabulary and several heads that read it:
``topic`` and ``intent`` (one label each: multinomial logistic regressions that also read named
inputs, what the cues and rules found) and ``behaviors`` (several labels: one binary logistic
regression each). Per n-gram it stores each head's weights with the n-gram's idf
folded in, then its squared idf (for the l2 norm): the arithmetic of scikit-learn's
``TfidfVectorizer(binary=True)`` followed by logistic regressions, so inference needs numpy only
and finds the n-grams of a message once for every head.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Mapping, Sequence
from operator import itemgetter
from pathlib import Path

import ahocorasick_rs
import numpy as np
import numpy.typing as npt
from pydantic import ValidationError

from .model_schema import Head, ModelError, ModelFile
from .ngrams import padded_runs

__all__ = ["Features", "Head", "LinearModel", "ModelError", "ModelFile", "load_model"]

MODEL_DIR = Path(__file__).with_name("models")
MODEL_FILE = "ngrams.json.gz"
# Messages whose n-gram rows features_many gathers at once: ~70 rows of ~270 bytes each, so a
# group stays within a core's cache (a batch of 256 at once was slower).
FEATURE_GROUP = 16
# An automaton match is (n-gram index, start, end).
_INDEX = itemgetter(0)


class Features:
    """The known n-grams of one message: their indices, the column sums of their rows (every
    head's at once: one numpy call instead of one per head) and the l2 norm of their idf."""

    # A plain class, not a frozen dataclass: mypyc builds it in C, where the dataclass's __init__
    # runs in the interpreter.
    __slots__ = ("found", "norm", "sums")

    def __init__(self, found: npt.NDArray[np.intp], sums: list[float], norm: float) -> None:
        self.found = found
        self.sums = sums
        self.norm = norm


class _HeadTable:
    """One head as the hot path reads it: plain lists and ints, no pydantic attribute lookups."""

    __slots__ = ("bias", "input_weights", "labels", "multi_label", "start")

    def __init__(self, head: Head, start: int) -> None:
        self.start = start
        self.labels = list(head.labels)
        self.bias = list(head.bias)
        # A message gives a handful of named inputs; the head knows dozens.
        self.input_weights = dict(zip(head.inputs, head.input_weights, strict=True))
        self.multi_label = head.multi_label


class LinearModel:
    """Logistic regressions over the 1–3 character n-grams of folded text."""

    def __init__(self, stored: ModelFile) -> None:
        self.stored = stored
        self.heads = stored.heads
        self._grams = list(stored.grams)
        width = sum(len(head.labels) for head in self.heads.values()) + 1
        # One row per n-gram: the heads' weights side by side, then the squared idf.
        self._rows = np.array(list(stored.grams.values()), dtype=np.float64).reshape(-1, width)
        # The same by column, for strongest(): one label's weights of a message's n-grams in one take.
        self._columns = np.ascontiguousarray(self._rows.T)
        self._tables: dict[str, _HeadTable] = {}
        start = 0
        for name, head in self.heads.items():
            self._tables[name] = _HeadTable(head, start)
            start += len(head.labels)
        # Every vocabulary n-gram found in one pass over padded_runs(): faster than generating all
        # n-grams of the text and looking each up.
        self._automaton = ahocorasick_rs.AhoCorasick(self._grams)

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

    def _unique(self, folded: str) -> set[int]:
        # map and itemgetter keep the walk over the matches in C: ~2 µs less than a comprehension.
        return set(
            map(_INDEX, self._automaton.find_matches_as_indexes(padded_runs(folded), overlapping=True))
        )

    def found(self, folded: str) -> npt.NDArray[np.intp]:
        """Indices of the vocabulary n-grams present in ``folded`` (each once)."""
        unique = self._unique(folded)
        return np.fromiter(unique, dtype=np.intp, count=len(unique))

    def features(self, folded: str) -> Features | None:
        """The message's known n-grams, or None when it has none (every head then abstains)."""
        found = self.found(folded)
        if found.size == 0:
            return None
        # take and add.reduce: the same sums as fancy indexing and .sum(), without their Python-level
        # wrappers (a few µs a message).
        sums: list[float] = np.add.reduce(self._rows.take(found, axis=0), axis=0).tolist()
        return Features(found=found, sums=sums, norm=math.sqrt(sums[-1]))

    def features_many(self, foldeds: Sequence[str]) -> list[Features | None]:
        """:meth:`features` of each message, the same values, with a few numpy calls for a group
        of messages: numpy's cost is mostly per call, not per row."""
        out: list[Features | None] = []
        for at in range(0, len(foldeds), FEATURE_GROUP):
            out.extend(self._features_group(foldeds[at : at + FEATURE_GROUP]))
        return out

    def _features_group(self, foldeds: Sequence[str]) -> list[Features | None]:
        flat: list[int] = []
        ends: list[int] = []
        for folded in foldeds:
            flat.extend(self._unique(folded))
            ends.append(len(flat))
        starts = [0, *ends[:-1]]
        known = [i for i in range(len(ends)) if ends[i] > starts[i]]
        out: list[Features | None] = [None] * len(ends)
        if not known:
            return out
        found = np.array(flat, dtype=np.intp)
        # reduceat adds each message's rows in order, as add.reduce does for one; an empty span
        # would give the next row instead of zeros, so only messages with n-grams take part.
        rows = self._rows.take(found, axis=0)
        sums: list[list[float]] = np.add.reduceat(rows, [starts[i] for i in known], axis=0).tolist()
        for row_sums, i in zip(sums, known, strict=True):
            out[i] = Features(found=found[starts[i] : ends[i]], sums=row_sums, norm=math.sqrt(row_sums[-1]))
        return out

    def scores(
        self, features: Features | None, head: str, inputs: Mapping[str, float] | None = None
    ) -> dict[str, float]:
        """Per label of ``head``: its log-probability (one-label head) or log-odds (multi-label).

        ``features`` None: the message has no known n-gram, which then add nothing; ``inputs``
        are the values of the head's named inputs.
        """
        table = self._tables[head]
        bias = table.bias
        size = len(bias)
        # A handful of floats: plain compiled loops are faster here than numpy's per-call overhead.
        z = list(bias)
        if features is not None:
            sums = features.sums
            start = table.start
            norm = features.norm
            for k in range(size):
                z[k] += sums[start + k] / norm
        if inputs:
            known = table.input_weights
            for name, value in inputs.items():
                weights = known.get(name)
                if weights is not None and value:
                    for k in range(size):
                        z[k] += value * weights[k]
        labels = table.labels
        if table.multi_label:
            return {labels[k]: z[k] for k in range(size)}
        top = max(z)
        total = 0.0
        for value in z:
            total += math.exp(value - top)
        log_total = top + math.log(total)
        return {labels[k]: z[k] - log_total for k in range(size)}

    def strongest(self, features: Features, head: str, label: str, count: int) -> list[tuple[str, float]]:
        """The ``count`` n-grams that pushed hardest for ``label``, with their share of its score."""
        table = self._tables[head]
        column = table.start + table.labels.index(label)
        weights: list[float] = self._columns[column].take(features.found).tolist()
        # The top few of ~70 positive values by insertion, compiled: cheaper than numpy's argsort and
        # its call overhead. Of equal weights the earlier stays first, as in a stable sort.
        ranked: list[int] = []
        for i, weight in enumerate(weights):
            if weight <= 0 or (len(ranked) == count and weight <= weights[ranked[-1]]):
                continue
            at = len(ranked)
            while at > 0 and weights[ranked[at - 1]] < weight:
                at -= 1
            ranked.insert(at, i)
            del ranked[count:]
        found = features.found
        return [(self._grams[int(found[i])], weights[i] / features.norm) for i in ranked]


def load_model(directory: Path = MODEL_DIR) -> LinearModel | None:
    """The shipped model, or None when none is shipped."""
    path = directory / MODEL_FILE
    return LinearModel.load(path) if path.exists() else None
