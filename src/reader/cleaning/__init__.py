"""Boilerplate stripping: which blocks of a scraped page are article text, and why not.

``LineStats`` counts lines across a corpus, ``classify_blocks`` marks every
block (and in-line spans) of one article, ``find_damage`` finds sentences the
scraper left with a hole where link text was.
"""

from reader.cleaning.classifier import classify_blocks
from reader.cleaning.damage import find_damage
from reader.cleaning.stats import LineStats

__all__ = ["LineStats", "classify_blocks", "find_damage"]
