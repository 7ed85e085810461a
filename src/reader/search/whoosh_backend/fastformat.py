"""Posting values of the stemmed title and body fields, without a Token per word.

whoosh's ``Positions.word_values`` pulls one ``Token`` object per word through
the analyzer's generator and two ``defaultdict`` updates; at 10,000 articles
that loop was about a quarter of the text phase. For a
:class:`~reader.search.whoosh_backend.analysis.StemmingAnalyzer` the words' index terms are
the same function of the word alone (lowercase, fold, stop, stem), so here
words come from one ``findall``, each distinct word is analysed once
(memoised), and only the position loop stays in Python. Terms, positions,
weights and encoded values are exactly whoosh's (tested against it); any
other analyzer or value goes through whoosh's own code.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.formats import Positions

from .analysis import WORD_RE, StemmingAnalyzer

Posting = tuple[str, int, float, bytes]


def term_positions(analyzer: StemmingAnalyzer, text: str) -> dict[str, list[int]]:
    """Index term -> positions, numbered as the analyzer numbers them.

    The first kept word takes its own index among all words; the ones after
    it follow on one by one, stop words not counted (whoosh's StopFilter).
    """
    analysed = list(map(analyzer.analyse_word, WORD_RE.findall(text)))
    positions: dict[str, list[int]] = {}
    position = next((i for i, (_term, stopped) in enumerate(analysed) if not stopped), 0) - 1
    for term, stopped in analysed:
        if not stopped:
            position += 1
            if term in positions:
                positions[term].append(position)
            else:
                positions[term] = [position]
    return positions


class FastPositions(Positions):
    """``Positions`` with a fast path for :class:`StemmingAnalyzer` fields."""

    def word_values(self, value, analyzer, **kwargs) -> Iterator[Posting]:
        boost = self.field_boost
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
