"""Assemble the feature matrix of one document's body blocks."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from reader.cleaning.features import document_features, local_features, title_overlap
from reader.cleaning.stats import LineStats, line_hash


@dataclass
class DocumentFeatures:
    matrix: np.ndarray  # one row per body block
    cue_reasons: list[str | None]
    hashes: list[int]
    #: In how many documents of the source each block's line occurs (1: only this one).
    frequencies: np.ndarray


def build_features(
    title: str,
    texts: list[str],
    lang: str,
    stats: LineStats | None,
    hashes: list[int] | None = None,
    source: str | None = None,
) -> DocumentFeatures:
    """Features of the body blocks ``texts`` (the title line excluded) of one document;
    ``hashes`` are their ``line_hash`` values when already known. Cross-document
    frequencies count the documents of ``source`` only."""
    rows: list[list[float]] = []
    reasons: list[str | None] = []
    for text in texts:
        row, reason = local_features(text, lang)
        rows.append(row)
        reasons.append(reason)
    if hashes is None:
        hashes = [line_hash(text) for text in texts]
    elif len(hashes) != len(texts):
        raise ValueError(f"{len(hashes)} line hashes for {len(texts)} blocks")
    in_doc = Counter(hashes)
    repeats = np.array([in_doc[h] for h in hashes], dtype=float)
    if stats is not None and stats.n_docs:
        counts = [stats.hash_frequency(h, source) for h in hashes]
        frequencies = np.array([max(count, 1) for count in counts], dtype=float)
    else:
        frequencies = np.ones(len(texts))
    local = np.array(rows, dtype=float).reshape(len(texts), -1)
    matrix = document_features(local, frequencies, repeats, title_overlap(title, texts))
    return DocumentFeatures(matrix, reasons, hashes, frequencies)
