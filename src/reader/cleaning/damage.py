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

_ANY_LANGUAGE = [
    re.compile(r"\w\s+[,;](?=\s|$)"),  # "sont , et"
    re.compile(r"\w\s+\.(?=\s|$)(?<!\.\.\.)"),
]
_FR_PREPOSITIONS = r"(?:de|du|des|à|au|aux|en|sur|pour|par|avec|dans|chez|vers|sans)"
_FR_FINITE = (
    r"(?:est|sont|a|ont|était|sera|serait|pourrait|pourraient|peut|peuvent|doit|doivent|"
    r"va|vont|reste|restent|semble|devient|entend|compte|veut|continue|mise|souhaite)"
)
_OPENING_FR = r"(?:Malgré|Après|Avant|Depuis|Face à|Grâce à|Selon|Pour|Avec)"
_OPENING_EN = r"(?:Despite|After|Before|Since|Following|According to|With|Amid)"
_EN_FINITE = r"(?:is|are|was|were|has|have|had|will|would|could|can|remains|continues|says|said)"

_BY_LANGUAGE = {
    "fr": [
        re.compile(r"\b(?:[dlj]|qu|jusqu|lorsqu|puisqu)['’](?=\s|[,.;:!?]|$)", re.IGNORECASE),
        re.compile(
            rf"\b{_FR_PREPOSITIONS} (?:sur|pour|par|avec|dans|chez|vers)\b"
            r"(?! (?:peu|part|ailleurs))"
        ),
        re.compile(rf"\b(?:cette|ce|ces|le|la|les|un|une|son|sa|ses|leur|leurs) {_FR_FINITE}\b"),
        re.compile(rf"\bcomment {_FR_FINITE}\b"),
        re.compile(rf"^{_OPENING_FR}\b[^,.!?]{{3,120}}, {_FR_FINITE}\b"),
    ],
    "en": [
        re.compile(
            r"\b(?:the|a|an) (?:of|and|or|to|in|on|for|with|by|from|is|are|was|were|the|a)\b"
        ),
        re.compile(rf"\b(?:this|the) {_EN_FINITE} (?:the|a|an)\b"),
        re.compile(rf"^{_OPENING_EN}\b[^,.!?]{{3,120}}, {_EN_FINITE}\b"),
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
