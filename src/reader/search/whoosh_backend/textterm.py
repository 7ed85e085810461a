"""One query word (or phrase) in a language group's title and body, scored as one term.

Whoosh scores a word searched in two fields as two words: each field's BM25
with that field's own statistics, summed. A title is a few words long, so a
word's title frequency is tiny and its title "idf" huge: a title match
outweighed everything else, and a word found in both fields counted twice.
``TextTerm`` keeps the fields together so that ranking (see bm25f) can
score the word once over the whole article, BM25F style: one document
frequency, the title's occurrences weighted before a single saturation.

For matching it is simply the union of its fields' terms (or phrases), so
whoosh's collectors and ``docs_for_query`` handle it like any other query.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.matching import NullMatcher


class TextTerm(wq.Query):
    """Index term(s) of one query word in some text fields of one language group.

    ``words`` holds one term, or several for a phrase (consecutive positions).
    ``weight`` counts how often the query repeats the word: a repeated word
    of a pasted passage matters more.
    """

    def __init__(
        self, group: str, fieldnames: tuple[str, ...], words: tuple[str, ...], weight: float = 1.0
    ) -> None:
        self.group = group
        self.fieldnames = fieldnames
        self.words = words
        self.weight = weight
        self.boost = 1.0

    def with_weight(self, weight: float) -> TextTerm:
        return TextTerm(self.group, self.fieldnames, self.words, weight)

    def key(self) -> tuple:
        """What identifies the word whatever its weight."""
        return (self.group, self.fieldnames, self.words)

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, TextTerm)
            and self.key() == other.key()
            and self.weight == other.weight
        )

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.key(), self.weight))

    def __repr__(self) -> str:
        weight = f", weight={self.weight:g}" if self.weight != 1.0 else ""
        return f"{type(self).__name__}({self.fieldnames!r}, {self.words!r}{weight})"

    def is_leaf(self) -> bool:
        return True

    def field_query(self, fieldname: str) -> wq.Query:
        """The plain whoosh query of the word in one of its fields."""
        if len(self.words) == 1:
            return wq.Term(fieldname, self.words[0])
        return wq.Phrase(fieldname, list(self.words))

    def _union(self) -> wq.Query:
        parts = [self.field_query(name) for name in self.fieldnames]
        return parts[0] if len(parts) == 1 else wq.Or(parts)

    def estimate_size(self, ixreader) -> int:
        return sum(self.field_query(name).estimate_size(ixreader) for name in self.fieldnames)

    def matcher(self, searcher, context=None):
        if not self.fieldnames:
            return NullMatcher()
        return self._union().matcher(searcher, context)

    def docs(self, searcher):
        return self._union().docs(searcher)
