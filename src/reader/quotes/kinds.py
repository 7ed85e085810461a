"""Is a quoted span a quotation, and a full one or a fragment?

Quote marks also surround names (``des « gilets jaunes »``, ``a group
called "X"``, ``Antonio "LA" Reid``), titles and the writer's scare quotes
(``la technologie « deepfake »``). Those are told from quotations by shape:
what stands before the mark, whether the words recur, whether anyone is said
to speak them. A fragment is a quotation the writer's sentence runs through;
it is *partial* when it is a few words only.
"""

from __future__ import annotations

import re
from collections import Counter

from reader.quotes import lexicon
from reader.quotes.marks import QuotedSpan
from reader.quotes.passage import FILLER, Passage, Token

#: Most words in a fragment called partial (longer ones read as full quotations).
PARTIAL_WORDS = 10
#: Most words of a quoted name or term (longer spans are never taken for one).
TERM_WORDS = 4
_OPENING_PUNCTUATION = frozenset(":(–—-")
_CLOSING_PUNCTUATION = frozenset(",.;:!?)–—")


def word_count(text: str) -> int:
    return len(text.split())


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


class SpanKinds:
    """Shape facts about the quoted spans of one passage."""

    def __init__(self, passage: Passage) -> None:
        self.passage = passage
        texts = [_fold(passage.text[s.start : s.end]) for s in passage.spans]
        self._quoted = Counter(texts)
        self._writer = _fold(passage.masked.replace(FILLER, " "))

    def is_term(self, span: QuotedSpan) -> bool:
        """A short quoted text used again, quoted or not: a name or a term, not a quotation."""
        text = self.passage.text[span.start : span.end]
        if word_count(text) > TERM_WORDS:
            return False
        folded = _fold(text)
        if not folded:
            return True
        return self._quoted[folded] > 1 or f" {folded} " in f" {self._writer} "

    def is_name(self, span: QuotedSpan, before: list[Token], after: list[Token]) -> bool:
        """Announced by a naming word (``baptisé``, ``called``, ``le film``), or a nickname."""
        words = [t for t in before[-3:] if t.lower not in lexicon.DETERMINERS and t.lower != "a"]
        if words and words[-1].lower in lexicon.NAMING_WORDS:
            return word_count(self.passage.text[span.start : span.end]) <= 8
        nickname = (
            before
            and after
            and before[-1].is_capitalised
            and after[0].is_capitalised
            and before[-1].end == span.open_at - 1
        )
        return bool(nickname) and word_count(self.passage.text[span.start : span.end]) <= 3

    def is_embedded(
        self, span: QuotedSpan, before: list[Token], after: list[Token], cue_before: int | None
    ) -> bool:
        """True when the writer's sentence runs through the quotation."""
        text = self.passage.text
        open_ok = (
            not before
            or before[-1].text in _OPENING_PUNCTUATION
            or (
                before[-1].text == ","
                and cue_before is not None
                and cue_before >= before[max(0, len(before) - 8)].start
            )
        )
        inner_end = text[span.end - 1]
        close_ok = not after or after[0].text in _CLOSING_PUNCTUATION or inner_end in ",.;:!?…"
        return not (open_ok and close_ok)
