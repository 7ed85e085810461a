"""Sentences with a hole where the scraper dropped the text of a link.

When link text is lost, the words around it no longer fit: a space before a
comma (``que sont , et !``), an elided article followed by a space
(``département d' depuis``), two prepositions or a determiner and a verb in a
row (``de sur``, ``cette pourrait``), or an opening phrase followed by a verb
with no subject (``Malgré ..., reste optimiste``). Only French and English
have word patterns; the punctuation patterns apply to every language.
"""

from __future__ import annotations

import re

from reader.models import Block, Damage

#: The end of a word: not followed by a letter, a hyphen or an apostrophe ("on-going").
_END = r"(?![\w'’-])"

_ANY_LANGUAGE = [
    # A lowercase word, then a space before a comma: "que sont , et". After a
    # capitalised name the space is a formatting leftover ("au Figaro , le").
    re.compile(r"(?<![\w'’-])[^\W\d_A-ZÀ-ÖØ-Þ][^\W\d_]*\s+,(?=\s|$)"),
]
_FR_PREPOSITIONS = r"(?:de|du|des|à|au|aux|en|sur|pour|par|avec|dans|vers|sans)"
#: Verbs that cannot follow a determiner that is never a pronoun ("cette pourrait").
_FR_FINITE = (
    r"(?:est|sont|a|ont|était|sera|serait|seront|pourrait|pourraient|peut|peuvent|doit|"
    r"doivent|va|vont|entend|veut|souhaite)"
)
#: Start of the text or of a sentence inside it (the same pattern serves both).
_SENTENCE_START = r"(?:^|(?<=[.!?…]\s))"
_OPENING_FR = r"(?:Malgré|Après|Avant|Depuis|Face à|Grâce à)"
_OPENING_EN = r"(?:Despite|After|Before|Since|Following|Amid)"
_EN_FINITE = r"(?:is|are|was|were|has|have|had|will|would|could|can|remains|continues)"

_BY_LANGUAGE = {
    "fr": [
        # An elided article with nothing after it: "département d' depuis".
        re.compile(
            r"\b(?:[dl]|qu|jusqu|lorsqu|puisqu)['’](?=\s(?![«\"“])|[,.;:!?]|$)", re.IGNORECASE
        ),
        re.compile(rf"\b(?!avec pour){_FR_PREPOSITIONS} (?:sur|pour|avec|dans|vers){_END}"),
        re.compile(rf"\b(?:cette|ces|un|une|son|sa|ses) {_FR_FINITE}{_END}"),
        re.compile(rf"\bcomment (?:pourrait|peut|doit|entend|veut|compte|reste|mise){_END}"),
        re.compile(
            rf"{_SENTENCE_START}{_OPENING_FR}\b[^,.!?]{{3,120}}, (?:reste|est|a|continue){_END}"
        ),
    ],
    "en": [
        re.compile(
            rf"\b(?:the|a|an) (?:of|and|or|to|in|on|for|with|by|from|is|are|was|were|the|a){_END}"
        ),
        re.compile(rf"{_SENTENCE_START}{_OPENING_EN}\b[^,.!?]{{3,120}}, {_EN_FINITE}{_END}"),
    ],
}
_SENTENCE = re.compile(r"[^.!?…]+(?:[.!?…]+[\"”»)]*|$)")


def find_damage(text: str, blocks: list[Block], lang: str) -> list[Damage]:
    """Damaged sentences of the kept body blocks, with offsets into ``text``."""
    patterns = _ANY_LANGUAGE + _BY_LANGUAGE.get(lang, [])
    found: list[Damage] = []
    for block in blocks:
        if not block.kept or block.kind == "title":
            continue
        for piece_start, piece_end in block.kept_pieces():
            piece = text[piece_start:piece_end]
            if not any(p.search(piece) for p in patterns):
                continue  # most pieces are whole: no need to split them into sentences
            for start, end in _sentences(text, piece_start, piece_end):
                sentence = text[start:end]
                if any(p.search(sentence) for p in patterns):
                    found.append(Damage(start, end, sentence))
    return found


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
