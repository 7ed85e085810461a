"""Index documents analysed ahead of time, in the text phase's worker processes.

The parent process of the text phase is its bottleneck: it alone writes the
search index. Analysing a document's title and body (words, stems,
positions, their encoding) and listing its surface words for the vocabulary
need nothing from the index, so the workers that clean the articles do it
too, and the parent only adds the ready postings. The result is identical to
analysing in the parent (tested); a document that was not prepared is
analysed as usual.
"""

from __future__ import annotations

from dataclasses import replace

from whoosh.formats import Positions

from .analysis import StemmingAnalyzer, analyzer_for, lang_group
from .fastformat import term_positions
from .model import IndexDoc
from .vocab import document_words

#: (term, frequency, encoded positions) of one field value.
Postings = list[tuple[str, int, bytes]]

_ENCODER = Positions()


class PreparedText(str):
    """A field value that carries its postings (whoosh accepts only str values).

    ``FastPositions`` yields ``postings`` instead of analysing the text again.
    """

    postings: Postings

    def __reduce__(self):
        return (_prepared_text, (str(self), self.postings))


def _prepared_text(text: str, postings: Postings) -> PreparedText:
    value = PreparedText(text)
    value.postings = postings
    return value


def prepare_text(analyzer: StemmingAnalyzer, text: str) -> PreparedText:
    encode = _ENCODER.encode
    postings = [
        (term, len(positions), encode(positions))
        for term, positions in term_positions(analyzer, text).items()
    ]
    return _prepared_text(text, postings)


def prepare(doc: IndexDoc) -> IndexDoc:
    """``doc`` with its title and body analysed and its surface words listed.

    Only stemmed language groups are prepared; others are left as they are.
    """
    analyzer = analyzer_for(lang_group(doc.lang))
    if type(analyzer) is not StemmingAnalyzer:
        return doc
    return replace(
        doc,
        title=prepare_text(analyzer, doc.title),
        body=prepare_text(analyzer, doc.body),
        surface=frozenset(document_words(doc.title, doc.body)),
    )
