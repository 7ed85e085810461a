"""A small neural network (one hidden layer) scoring blocks as article text, in numpy.

The weights live in ``weights.json`` beside this module; they are produced by
``bench/boilerplate/train.py`` from generic features only (see ``features``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import numpy as np

WEIGHTS_PATH = Path(__file__).with_name("weights.json")
_Z_LIMIT = 4.0


class BlockModel:
    """Standardise, one tanh hidden layer, logistic output: P(block is article text)."""

    def __init__(self, params: dict) -> None:
        self.mean = np.asarray(params["mean"])
        self.scale = np.asarray(params["scale"])
        self.hidden_w = np.asarray(params["hidden_w"])
        self.hidden_b = np.asarray(params["hidden_b"])
        self.out_w = np.asarray(params["out_w"])
        self.out_b = float(params["out_b"])
        self.threshold = float(params.get("threshold", 0.5))

    def predict(self, features: np.ndarray) -> np.ndarray:
        # Clipping keeps blocks unlike any seen in training (a whole article on one line)
        # from being extrapolated into nonsense.
        standard = np.clip((features - self.mean) / self.scale, -_Z_LIMIT, _Z_LIMIT)
        hidden = np.tanh(standard @ self.hidden_w + self.hidden_b)
        return 1.0 / (1.0 + np.exp(-(hidden @ self.out_w + self.out_b)))


@cache
def load_model(path: Path = WEIGHTS_PATH) -> BlockModel:
    return BlockModel(json.loads(path.read_text(encoding="utf-8")))
