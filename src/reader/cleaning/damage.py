"""Sentences with a hole where the scraper dropped the text of a link.

When link text is lost, the words around it no longer fit: a space before a
comma (``que sont , et !``), an elided article followed by a space
(``département d' depuis``), two prepositions or a determiner and a verb in a
row (``de sur``, ``cette pourrait``), or an opening phrase followed by a verb
with no subject (``Malgré ..., reste optimiste``). Only French and English
have word patterns; the comma pattern applies to every language.

Most text has no hole, so every check starts with a cheap test (a substring,
a set lookup on word pairs) before any costly regular expression runs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import product

from reader.corpus.models import Block, Damage

#: A lowercase word, then a space before a comma: "que sont , et". After a
#: capitalised name the space is a formatting leftover ("au Figaro , le").
_SPACE_COMMA = re.compile(r"(?<![\w'’-])[^\W\d_A-ZÀ-ÖØ-Þ][^\W\d_]*\s+,(?=\s|$)")
#: An elided article with nothing after it: "département d' depuis" (not "d'« ... »").
_APOSTROPHE_GAP = re.compile(r"['’](?:\s(?![«\"“])|[,.;:!?]|$)")
_ELISION_GAP = re.compile(
    r"\b(?:[dl]|qu|jusqu|lorsqu|puisqu)['’](?=\s(?![«\"“])|[,.;:!?]|$)", re.IGNORECASE
)
#: Punctuation that may follow the second word of a pair.
_TRAILING = ',.;:!?»)"”'


def _pairs(first: str, second: str, *, unless: tuple[str, ...] = ()) -> frozenset[tuple[str, str]]:
    return frozenset(product(first.split(), second.split())) - {tuple(p.split()) for p in unless}


@dataclass(frozen=True)
class _Language:
    """Word pairs that cannot follow each other, and sentence openings that need a subject."""

    pairs: frozenset[tuple[str, str]] = frozenset()
    openings: tuple[str, ...] = ()
    opening: re.Pattern[str] | None = None
    elision: bool = False


_FR_FINITE = (
    "est sont a ont était sera serait seront pourrait pourraient peut peuvent doit doivent va "
    "vont entend veut souhaite"
)
_FR_OPENINGS = ("Malgré", "Après", "Avant", "Depuis", "Face à", "Grâce à")
_EN_OPENINGS = ("Despite", "After", "Before", "Since", "Following", "Amid")
_SENTENCE_START = r"(?:^|(?<=[.!?…]\s))"

_LANGUAGES = {
    "fr": _Language(
        pairs=_pairs(
            "de du des à au aux en sur pour par avec dans vers sans",
            "sur pour avec dans vers",
            unless=("avec pour",),
        )
        | _pairs("cette ces un une son sa ses", _FR_FINITE)
        | _pairs("comment", "pourrait peut doit entend veut compte reste mise"),
        openings=_FR_OPENINGS,
        opening=re.compile(
            rf"{_SENTENCE_START}(?:{'|'.join(_FR_OPENINGS)})\b[^,.!?]{{3,120}}, "
            r"(?:reste|est|a|continue)(?![\w'’-])"
        ),
        elision=True,
    ),
    "en": _Language(
        pairs=_pairs("the a an", "of and or to in on for with by from is are was were the a"),
        openings=_EN_OPENINGS,
        opening=re.compile(
            rf"{_SENTENCE_START}(?:{'|'.join(_EN_OPENINGS)})\b[^,.!?]{{3,120}}, "
            r"(?:is|are|was|were|has|have|had|will|would|could|can|remains|continues)(?![\w'’-])"
        ),
    ),
}
_NO_LANGUAGE = _Language()


def find_damage(text: str, blocks: list[Block], lang: str) -> list[Damage]:
    """Damaged sentences of the kept body blocks, with offsets into ``text``."""
    language = _LANGUAGES.get(lang, _NO_LANGUAGE)
    found: list[Damage] = []
    for block in blocks:
        if not block.kept or block.kind == "title":
            continue
        for piece_start, piece_end in block.kept_pieces():
            if not _has_hole(text[piece_start:piece_end], language):
                continue  # most pieces are whole: no need to split them into sentences
            for start, end in _sentences(text, piece_start, piece_end):
                sentence = text[start:end]
                if _has_hole(sentence, language):
                    found.append(Damage(start, end, sentence))
    return found


def _has_hole(text: str, language: _Language) -> bool:
    if " ," in text and _SPACE_COMMA.search(text):
        return True
    if language.elision and _APOSTROPHE_GAP.search(text) and _ELISION_GAP.search(text):
        return True
    if language.pairs and _has_impossible_pair(text, language.pairs):
        return True
    return bool(
        language.opening is not None
        and any(opening in text for opening in language.openings)
        and language.opening.search(text)
    )


def _has_impossible_pair(text: str, pairs: frozenset[tuple[str, str]]) -> bool:
    """A word directly followed by one it cannot precede; the second may carry punctuation.

    Words are what ``str.split`` cuts, lower-cased. One regular expression of
    all the pairs (``_pair_pattern``): looking every pair of words up in Python
    was a seventh of the cleaning step.
    """
    return _pair_pattern(pairs).search(text.lower()) is not None


@cache
def _pair_pattern(pairs: frozenset[tuple[str, str]]) -> re.Pattern[str]:
    """Matches a whole word, whitespace, and a word it cannot precede followed by nothing
    but ``_TRAILING`` punctuation up to the next whitespace or the end."""
    seconds: dict[str, list[str]] = defaultdict(list)
    for first, second in sorted(pairs):
        seconds[first].append(re.escape(second))
    alternatives = "|".join(
        rf"{re.escape(first)}\s+(?:{'|'.join(after)})" for first, after in seconds.items()
    )
    return re.compile(rf"(?<!\S)(?:{alternatives})[{re.escape(_TRAILING)}]*(?!\S)")


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each sentence in text[start:end], surrounding spaces trimmed.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` followed by a space or the
    end; a "!" standing alone after a space (French typography) ends it too.
    """
    spans = []
    for match in _SENTENCE_SPLIT.finditer(text, start, end):
        left, right = match.start(), match.end()
        while left < right and text[left].isspace():
            left += 1
        while right > left and text[right - 1].isspace():
            right -= 1
        if right > left:
            spans.append((left, right))
    return spans


_SENTENCE_SPLIT = re.compile(r".+?(?:[.!?…]+[\"”»)]*(?=\s|$)|$)", re.DOTALL)
