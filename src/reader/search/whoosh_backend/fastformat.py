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

A list of texts (an article's quotations, its speakers' names) is indexed as
passages apart, whatever the analyzer: each one's positions start
``PASSAGE_GAP`` after the last one's end, so a phrase never runs from the
end of one passage into the next. (whoosh itself would take a list for words
already cut.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pickle import dumps

from whoosh import fields
from whoosh.formats import Positions
from whoosh.system import pack_uint

from .analysis import StemmingAnalyzer, text_words

Posting = tuple[str, int, float, bytes]
#: Positions left empty between two passages of one field value (a phrase's
#: words are consecutive, so any gap would do; a wide one also keeps sloppy
#: phrases apart).
PASSAGE_GAP = 100


def term_positions(analyzer: StemmingAnalyzer, text: str) -> dict[str, list[int]]:
    """Index term -> positions, numbered as the analyzer numbers them.

    The first kept word takes its own index among all words; the ones after
    it follow on one by one, stop words not counted (whoosh's StopFilter).
    """
    analysed = list(map(analyzer.analyse_word, text_words(text)))
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


def _analysed_positions(analyzer, text: str) -> dict[str, list[int]]:
    """Index term -> positions of ``text`` by any whoosh analyzer."""
    if type(analyzer) is StemmingAnalyzer:
        return term_positions(analyzer, text)
    positions: dict[str, list[int]] = {}
    for token in analyzer(text, positions=True, mode="index"):
        if not token.stopped:
            positions.setdefault(token.text, []).append(token.pos)
    return positions


def passage_positions(analyzer, texts: list[str]) -> dict[str, list[int]]:
    """Index term -> positions of several texts, ``PASSAGE_GAP`` positions apart."""
    positions: dict[str, list[int]] = {}
    offset = 0
    for text in texts:
        found = _analysed_positions(analyzer, text)
        last = -1
        for term, places in found.items():
            shifted = [offset + place for place in places]
            positions.setdefault(term, []).extend(shifted)
            last = max(last, places[-1])
        offset += last + 1 + PASSAGE_GAP
    return positions


class FastPositions(Positions):
    """``Positions`` with a fast path for :class:`StemmingAnalyzer` fields; a list of
    texts is indexed as passages apart (see ``passage_positions``)."""

    def word_values(self, value, analyzer, **kwargs) -> Iterator[Posting]:
        boost = self.field_boost
        plain = not (kwargs.get("start_pos") or kwargs.get("removestops") is False)
        if plain and isinstance(value, list | tuple):
            found = passage_positions(analyzer, [str(text) for text in value])
        elif plain and isinstance(value, str) and type(analyzer) is StemmingAnalyzer:
            found = term_positions(analyzer, value)
        else:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        encode = encode_positions
        for word, positions in found.items():
            count = len(positions)
            yield word, count, float(count) * boost, encode(positions)


def encode_positions(positions: list[int]) -> bytes:
    """``Positions.encode``, byte for byte, with the deltas taken in one comprehension
    (whoosh's loop was a tenth of a segment's writing)."""
    deltas = [place - before for before, place in zip([0, *positions[:-1]], positions, strict=True)]
    return pack_uint(len(deltas)) + dumps(deltas, 2)


def text_field(analyzer) -> fields.TEXT:
    """A text field with positions (phrases), its postings built by FastPositions."""
    field = fields.TEXT(analyzer=analyzer, phrase=True)
    field.format = FastPositions()
    return field
