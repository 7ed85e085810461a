"""Facet counts (entities, speakers, language, source) of a set of matching documents.

Each document's facet values are decoded from its ``facets`` column (and,
for entities and speakers, from its entity document's column in the entities index) once
per searcher generation, on first need, and kept as two parallel numpy arrays of
(document, value id) pairs sorted by document. Counting the values of a
result set is then a few array operations, a few milliseconds for 7,000
documents where a Python ``Counter`` over (key, value) tuples took
over 20. Ties are broken as before: the value met first, going through the
matching documents in index order, comes first.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import numpy as np

from ..model import ENTITY_LABELS, FACET_KEYS, SPEAKER_FACET

if TYPE_CHECKING:
    from .entindex import EntityView

FACET_TOP = 20
#: Up to this many (document, value) pairs, sorting them beats counting into an array.
SMALL_SELECTION = 2_000
_KEY_INDEX = {key: i for i, key in enumerate(FACET_KEYS)}


class FacetCache:
    """Decoded facet values per document number, for one searcher generation."""

    def __init__(self, searcher, entities: EntityView | None = None) -> None:
        self.searcher = searcher
        self.entities = entities
        reader = searcher.reader()
        self.column = reader.column_reader("facets") if reader.has_column("facets") else None
        self.size = reader.doc_count_all()
        self.filled = np.zeros(self.size, dtype=bool)
        self.values: list[tuple[str, str]] = []  # value id -> (facet key, value)
        self.value_ids: dict[tuple[str, str], int] = {}
        self._new_docs: list[int] = []
        self._new_values: list[int] = []
        self.pair_doc = np.zeros(0, dtype=np.int64)
        self.pair_value = np.zeros(0, dtype=np.int64)
        self.keys = np.zeros(0, dtype=np.int64)  # value id -> index in FACET_KEYS
        self.members: list[np.ndarray] = [np.zeros(0, dtype=np.int64) for _ in FACET_KEYS]
        self._months: np.ndarray | None = None  # docnum -> YYYYMM, YYYY00 or 0

    def date_counts(self, docnums) -> dict[int, int]:
        """Matches per month (``YYYYMM``), per year for a year alone (``YYYY00``), 0: undated."""
        docs = np.fromiter(docnums, dtype=np.int64, count=len(docnums))
        if not docs.size:
            return {}
        if self._months is None:
            reader = self.searcher.reader()
            column = reader.column_reader("date_sort") if reader.has_column("date_sort") else None
            keys = [column[docnum] for docnum in range(self.size)] if column is not None else []
            self._months = np.array(keys, dtype=np.int64) // 100 if keys else np.zeros(self.size)
        months, counts = np.unique(self._months[docs].astype(np.int64), return_counts=True)
        return dict(zip(months.tolist(), counts.tolist(), strict=True))

    def _fill(self, docs: np.ndarray) -> None:
        missing = docs[~self.filled[docs]]
        if not missing.size:
            return
        column, entities = self.column, self.entities
        for docnum in missing.tolist():
            blob = column[docnum] if column is not None else None
            entity_blob = entities.facet_blob(docnum) if entities is not None else None
            for pair in dict.fromkeys(decode_facets(entity_blob) + decode_facets(blob)):
                value_id = self.value_ids.get(pair)
                if value_id is None:
                    value_id = self.value_ids[pair] = len(self.values)
                    self.values.append(pair)
                self._new_docs.append(docnum)
                self._new_values.append(value_id)
        self.filled[missing] = True
        self._merge_new()

    def _merge_new(self) -> None:
        docs = np.concatenate([self.pair_doc, np.array(self._new_docs, dtype=np.int64)])
        values = np.concatenate([self.pair_value, np.array(self._new_values, dtype=np.int64)])
        order = np.argsort(docs, kind="stable")  # index order, each document's own order kept
        self.pair_doc, self.pair_value = docs[order], values[order]
        self._new_docs, self._new_values = [], []
        self.keys = np.array([_KEY_INDEX[key] for key, _ in self.values], dtype=np.int64)
        self.members = [np.flatnonzero(self.keys == i) for i in range(len(FACET_KEYS))]

    def counts(self, docnums) -> dict[str, list[tuple[str, int]]]:
        """The FACET_TOP most frequent values of each facet key among ``docnums``."""
        docs = np.fromiter(docnums, dtype=np.int64, count=len(docnums))
        if not docs.size:
            return {key: [] for key in FACET_KEYS}
        self._fill(docs)
        docs.sort()
        selected = self._pairs_of(docs)
        values = self.pair_value[selected]
        if values.size <= SMALL_SELECTION:
            return self._top_of_few(selected, values)
        counts = np.bincount(values, minlength=len(self.values))
        return {
            key: self._top_of_many(counts, self.members[i], selected, values)
            for i, key in enumerate(FACET_KEYS)
        }

    def _pairs_of(self, docs: np.ndarray) -> np.ndarray:
        """Positions (ascending) in the pair arrays of the pairs of the sorted ``docs``."""
        starts = np.searchsorted(self.pair_doc, docs, side="left")
        lengths = np.searchsorted(self.pair_doc, docs, side="right") - starts
        total = int(lengths.sum())
        offsets = np.cumsum(lengths) - lengths
        return np.arange(total) + np.repeat(starts - offsets, lengths)

    def _top_of_few(self, selected, values) -> dict[str, list[tuple[str, int]]]:
        ids, first, counts = np.unique(values, return_index=True, return_counts=True)
        keys = self.keys[ids]
        found = {}
        for i, key in enumerate(FACET_KEYS):
            mine = keys == i
            found[key] = self._ordered(ids[mine], counts[mine], selected[first[mine]])
        return found

    def _top_of_many(self, counts, members, selected, values) -> list[tuple[str, int]]:
        member_counts = counts[members]
        present = member_counts > 0
        candidates, candidate_counts = members[present], member_counts[present]
        if candidates.size > FACET_TOP:
            cutoff = np.partition(candidate_counts, -FACET_TOP)[-FACET_TOP]
            candidates = candidates[candidate_counts >= cutoff]
        wanted = np.zeros(counts.size, dtype=bool)
        wanted[candidates] = True
        found = wanted[values]
        ids, first = np.unique(values[found], return_index=True)
        return self._ordered(ids, counts[ids], selected[found][first])

    def _ordered(self, ids, counts, first_seen) -> list[tuple[str, int]]:
        """The top values: highest count first, then the one met first."""
        order = np.lexsort((first_seen, -counts))[:FACET_TOP]
        top_ids, top_counts = ids[order].tolist(), counts[order].tolist()
        return [(self.values[i][1], c) for i, c in zip(top_ids, top_counts, strict=True)]


def decode_facets(blob: bytes | None) -> tuple[tuple[str, str], ...]:
    """(key, value) pairs of one document's facets column (empty if unreadable)."""
    if not blob:
        return ()
    try:
        data = json.loads(blob.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ()
    pairs = [
        (label, name) for label in (*ENTITY_LABELS, SPEAKER_FACET) for name in data.get(label, [])
    ]
    pairs += [(key, data[key]) for key in ("lang", "source") if data.get(key)]
    return tuple(dict.fromkeys(pairs))
