"""A small neural network (one hidden layer) scoring blocks as article text, in numpy.

The weights live in ``weights.py`` beside this module (a Python constant, so
they install with the package); ``bench/boilerplate/train.py`` writes them,
from generic features only (see ``features``).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np

from reader.cleaning.features import probability_context

WEIGHTS_PATH = Path(__file__).with_name("weights.py")
_Z_LIMIT = 4.0


class BlockModel:
    """Standardise, one tanh hidden layer, logistic output: P(block is article text)."""

    def __init__(self, params: dict) -> None:
        self.params = params
        self.mean = _array(params, "mean")
        self.scale = _array(params, "scale")
        self.hidden_w = _array(params, "hidden_w")
        self.hidden_b = _array(params, "hidden_b")
        self.out_w = _array(params, "out_w")
        self.out_b = float(params["out_b"])
        self.threshold = float(params.get("threshold", 0.5))

    def predict(self, features: np.ndarray) -> np.ndarray:
        # Clipping keeps blocks unlike any seen in training (a whole article on one line)
        # from being extrapolated into nonsense.
        standard = np.clip((features - self.mean) / self.scale, -_Z_LIMIT, _Z_LIMIT)
        hidden = np.tanh(standard @ self.hidden_w + self.hidden_b)
        return 1.0 / (1.0 + np.exp(-(hidden @ self.out_w + self.out_b)))


def _array(params: dict, key: str) -> np.ndarray:
    """A parameter as an array; flat lists are reshaped by their ``<key>_shape`` entry."""
    array = np.asarray(params[key], dtype=float)
    shape = params.get(f"{key}_shape")
    return array.reshape(shape) if shape is not None else array


class TwoStageModel:
    """The block model, then a second one that also sees the neighbours' first scores."""

    def __init__(self, first: BlockModel, second: BlockModel | None) -> None:
        self.first = first
        self.second = second
        self.threshold = (second or first).threshold

    def predict(self, features: np.ndarray) -> np.ndarray:
        scores = self.first.predict(features)
        if self.second is None:
            return scores
        return self.second.predict(np.hstack([features, probability_context(scores)]))


@cache
def load_model() -> TwoStageModel:
    from reader.cleaning.weights import STAGES

    models = [BlockModel(stage) for stage in STAGES]
    return TwoStageModel(models[0], models[1] if len(models) > 1 else None)
