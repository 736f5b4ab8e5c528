"""The stored form of the learned n-gram model (``models/ngrams.json.gz``).

Kept apart from :mod:`.linear` because that module is compiled with mypyc, which cannot compile
pydantic models.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, model_validator

__all__ = ["Head", "ModelError", "ModelFile"]


class ModelError(ValueError):
    """A model file is missing or malformed."""


class Head(BaseModel):
    """One classifier over the shared n-grams."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    labels: list[str]
    bias: list[float]
    # True: one independent yes/no per label (log-odds); False: one label of all (log-probability).
    multi_label: bool
    # Named inputs the head reads besides the n-grams (the topic and intent heads read what the
    # cues and rules found: "cue:billing", "rule:chasing", "emotion:2", "asks"…), and per input
    # one weight per label. An input the caller does not give counts as 0.
    inputs: list[str] = []
    input_weights: list[list[float]] = []


class ModelFile(BaseModel):
    """The stored form of a :class:`LinearModel`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    heads: dict[str, Head]
    # n-gram -> [each head's weights, in the order of ``heads``..., squared idf]
    grams: dict[str, list[float]]

    @model_validator(mode="after")
    def _shapes_fit(self) -> ModelFile:
        for name, head in self.heads.items():
            if len(head.bias) != len(head.labels):
                raise ValueError(f"head {name!r}: {len(head.bias)} biases for {len(head.labels)} labels")
            if len(head.input_weights) != len(head.inputs) or any(
                len(row) != len(head.labels) for row in head.input_weights
            ):
                raise ValueError(f"head {name!r}: input weights do not match its inputs and labels")
        width = sum(len(head.labels) for head in self.heads.values()) + 1
        bad = next((g for g, row in self.grams.items() if len(row) != width), None)
        if bad is not None:
            raise ValueError(f"n-gram {bad!r} has {len(self.grams[bad])} values, expected {width}")
        return self
