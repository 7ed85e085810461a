"""The index's word list, in memory, for fuzzy terms and did-you-mean.

Whoosh's own ``terms_within`` walks a Levenshtein automaton through every
segment's term file and costs tens of milliseconds per segment. Segments never
change once written, so we read each one's ``words_*`` lexicon once, keep the
words bucketed by first letter, and filter candidates cheaply (length, then
letter sets) before computing any edit distance.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from .analysis import LANGS
from .highlight import edit_distance

MAX_EXPANSIONS = 40


def _segment_key(subreader) -> str:
    segment = subreader.segment()
    return segment.segment_id() if segment is not None else str(id(subreader))


class Vocabulary:
    """Folded surface words per language group, cached per (immutable) segment."""

    def __init__(self) -> None:
        self._by_segment: dict[tuple[str, str], dict[str, list[str]]] = {}

    def _segment_buckets(self, subreader, field: str) -> dict[str, list[str]]:
        key = (_segment_key(subreader), field)
        if key not in self._by_segment:
            buckets: dict[str, list[str]] = defaultdict(list)
            for btext in subreader.lexicon(field):
                word = btext.decode("utf-8") if isinstance(btext, bytes) else btext
                buckets[word[:1]].append(word)
            self._by_segment[key] = dict(buckets)
        return self._by_segment[key]

    def forget_except(self, reader) -> None:
        """Drop cached segments that the current reader no longer has (after merges)."""
        live = {_segment_key(sub) for sub, _offset in reader.leaf_readers()}
        self._by_segment = {k: v for k, v in self._by_segment.items() if k[0] in live}

    def _candidates(self, reader, field: str, first: str) -> set[str]:
        words: set[str] = set()
        for sub, _offset in reader.leaf_readers():
            words.update(self._segment_buckets(sub, field).get(first, ()))
        return words

    def within(self, reader, group: str, word: str, maxdist: int) -> list[tuple[int, str]]:
        """(distance, word) of indexed words within ``maxdist`` edits, same first letter."""
        field = f"words_{group}"
        letters = set(word)
        found = []
        for candidate in self._candidates(reader, field, word[:1]):
            if abs(len(candidate) - len(word)) > maxdist:
                continue
            # one edit changes at most two letters of the set difference
            if len(letters.symmetric_difference(candidate)) > 2 * maxdist:
                continue
            dist = edit_distance(word, candidate, maxdist)
            if dist <= maxdist:
                found.append((dist, candidate))
        return found

    def fuzzy(self, reader, group: str, word: str, maxdist: int) -> list[str]:
        """The most frequent indexed words within ``maxdist`` edits of ``word``."""
        field = f"words_{group}"
        near = self.within(reader, group, word, maxdist)
        best = heapq.nsmallest(
            MAX_EXPANSIONS, near, key=lambda p: (p[0], -reader.doc_frequency(field, p[1]))
        )
        return [w for _d, w in best]

    def correction(self, reader, word: str, maxdist: int = 2) -> str | None:
        """The closest, then most frequent, indexed word other than ``word`` itself."""
        best: tuple[int, int, str] | None = None
        for group in LANGS:
            field = f"words_{group}"
            for dist, candidate in self.within(reader, group, word, maxdist):
                if candidate == word:
                    continue
                key = (dist, -reader.doc_frequency(field, candidate), candidate)
                if best is None or key < best:
                    best = key
        return best[2] if best else None
