"""Boilerplate stripping: which blocks of a scraped page are article text, and why not.

``LineStats`` counts lines across a corpus, ``classify_blocks`` marks every
block (and in-line spans) of one article, ``find_damage`` finds sentences the
scraper left with a hole where link text was.

Modules: ``cues`` (French and English cue phrases naming a reason),
``stats`` (cross-document line counts, hashed), ``features`` and ``matrix``
(generic block features), ``model`` and ``weights`` (a two-stage numpy
network; retrain with ``bench/boilerplate/train.py``), ``runs`` (body-run
repairs), ``classifier`` (the decisions), ``spans`` (trailing credits),
``damage`` (holes left by dropped links).
"""

from reader.cleaning.classifier import classify_blocks
from reader.cleaning.damage import find_damage
from reader.cleaning.stats import LineStats

__all__ = ["LineStats", "classify_blocks", "find_damage"]
