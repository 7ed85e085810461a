"""Posting values of the stemmed title and body fields, without a Token per word.

whoosh's ``Positions.word_values`` pulls one ``Token`` object per word through
the analyzer's generator and two ``defaultdict`` updates; at 10,000 articles
that loop was about a quarter of the text phase. For a
:class:`~reader.search.analysis.StemmingAnalyzer` the words' index terms are
the same function of the word alone (lowercase, fold, stop, stem), so here
words come from one ``findall``, each distinct word is analysed once
(memoised), and only the position loop stays in Python. Terms, positions,
weights and encoded values are exactly whoosh's (tested against it); any
other analyzer or value goes through whoosh's own code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from whoosh.formats import Positions

from .analysis import WORD_RE, StemmingAnalyzer

Posting = tuple[str, int, float, bytes]


@lru_cache(maxsize=8)
def _term_of_word(analyzer: StemmingAnalyzer) -> Callable[[str], str | None]:
    """``word -> index term`` (None for a stop word) for one analyzer, memoised."""
    stops, stem = analyzer._stops, analyzer._stem
    from whoosh.support.charset import accent_map

    @lru_cache(maxsize=400_000)
    def term(word: str) -> str | None:
        text = word.lower().translate(accent_map)
        if len(text) < 2 or text in stops:
            return None
        return stem(text)

    return term


def term_positions(analyzer: StemmingAnalyzer, text: str) -> dict[str, list[int]]:
    """Index term -> positions, numbered as the analyzer numbers them.

    The first kept word takes its own index among all words; the ones after
    it follow on one by one, stop words not counted (whoosh's StopFilter).
    """
    term = _term_of_word(analyzer)
    terms = list(map(term, WORD_RE.findall(text)))
    positions: dict[str, list[int]] = {}
    position = next((i for i, found in enumerate(terms) if found is not None), 0) - 1
    for found in terms:
        if found is not None:
            position += 1
            if found in positions:
                positions[found].append(position)
            else:
                positions[found] = [position]
    return positions


class FastPositions(Positions):
    """``Positions`` with a fast path for :class:`StemmingAnalyzer` fields."""

    def word_values(self, value, analyzer, **kwargs) -> Iterator[Posting]:
        boost = self.field_boost
        postings = getattr(value, "postings", None)  # a PreparedText: analysed already
        if postings is not None and type(analyzer) is StemmingAnalyzer:
            for word, count, encoded in postings:
                yield word, count, float(count) * boost, encoded
            return
        if (
            type(analyzer) is not StemmingAnalyzer
            or not isinstance(value, str)
            or kwargs.get("start_pos")
            or kwargs.get("removestops") is False
        ):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        encode = self.encode
        for word, positions in term_positions(analyzer, value).items():
            count = len(positions)
            yield word, count, float(count) * boost, encode(positions)
