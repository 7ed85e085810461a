"""Labels, span trimming, noise filtering and grouping keys.

Everything here is plain Python on (start, end) character ranges, so it is
tested without a model.
"""

from __future__ import annotations

import re
import unicodedata

from reader.corpus.textnorm import fold

#: Model labels kept, mapped to reader's three.
LABELS: dict[str, str] = {
    "PER": "PER",
    "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC",
    "GPE": "LOC",
    "FAC": "LOC",
}

#: Determiners the models sometimes include at the start of a name. Only their
#: lowercase form is trimmed: a capitalised one is often part of the name
#: (Le Monde, The Guardian, La Paz, L'Oréal).
LEADING_DETERMINERS = ("the ", "le ", "la ", "les ", "l'", "l’")
#: Prepositions the French model sometimes glues to a place or organisation.
LEADING_PREPOSITIONS = ("de ", "du ", "des ", "d'", "d’", "à ", "au ", "aux ", "en ")
POSSESSIVES = ("'s", "’s", "'", "’")

#: English and French personal pronouns (the models sometimes tag a capitalised one).
PRONOUNS = frozenset(
    {"i", "me", "my", "you", "he", "him", "his", "she", "her", "it", "its", "we", "us"}
    | {"our", "they", "them", "their", "je", "moi", "tu", "toi", "il", "elle", "lui"}
    | {"on", "nous", "vous", "ils", "elles", "eux", "leur", "celui", "celle", "ceux"}
)
#: Common acronyms the models tag as ORG or GPE that name no entity.
NOT_NAMES = frozenset(["ai", "ia", "xr", "vr", "ar", "ceo", "pdg", "tv"])

MAX_CHARS = 60
MAX_WORDS = 7

_EDGE_JUNK = "\"'«»“”‘’„‹›()[]{}<>.,;:!?*•·|/\\-–—_#@…"
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_SPACES = re.compile(r"\s+")
_PUNCT_RUN = re.compile(r"[^\w\s]+")
#: Titles before a person's name, as they look in a key (``Dr.`` -> ``dr``, ``Mme`` -> ``mme``).
HONORIFICS = ("mr", "mrs", "ms", "dr", "prof", "sir", "dame", "m", "mme", "mlle", "me")
_HONORIFIC = re.compile(rf"^(?:{'|'.join(HONORIFICS)})\s+")
_OPENING_QUOTES = "«“„‹"


def map_label(model_label: str) -> str | None:
    """reader's label for a model label, or None when the label is dropped (MISC, NORP, DATE...)."""
    return LABELS.get(model_label)


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _EDGE_JUNK):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE_JUNK):
        if text[end - 1] == "." and _ends_with_initial(text[start:end]):
            break
        end -= 1
    return start, end


def _ends_with_initial(span: str) -> bool:
    """``U.N.``, ``J.R.R.``, ``Corp.`` keep their final dot only when it closes an initial."""
    return (
        len(span) >= 2
        and span[-2].isalpha()
        and span[-2].isupper()
        and (len(span) == 2 or not span[-3].isalpha())
    )


def _cut_unbalanced_bracket(text: str, start: int, end: int) -> int:
    """``Artificial Intelligence (AI`` ends before its unclosed bracket."""
    span = text[start:end]
    for opening, closing in _BRACKETS.items():
        position = span.rfind(opening)
        if position != -1 and closing not in span[position:]:
            return start + position
    return end


def _cut_inner_quote(text: str, start: int, end: int) -> int:
    """``Orelsan “Vous`` ends before a quotation the model ran into."""
    for position in range(start + 1, end):
        if text[position] in _OPENING_QUOTES:
            return position
    return end


def _drop_prefix(text: str, start: int, end: int, prefixes: tuple[str, ...]) -> int:
    for prefix in prefixes:
        if text.startswith(prefix, start) and end - start > len(prefix):
            return start + len(prefix)
    return start


def _drop_possessive(text: str, start: int, end: int) -> int:
    for suffix in POSSESSIVES:
        if text.endswith(suffix, start, end) and end - start > len(suffix):
            return end - len(suffix)
    return end


def trim_span(text: str, start: int, end: int, label: str) -> tuple[int, int]:
    """Trim whitespace, punctuation, quotes, possessives and lowercase determiners from a span.

    Repeats until stable, because each cut can expose another (``« l'Inde »``).
    """
    previous = None
    while previous != (start, end):
        previous = (start, end)
        start, end = _strip_edges(text, start, end)
        end = _cut_unbalanced_bracket(text, start, end)
        end = _cut_inner_quote(text, start, end)
        end = _drop_possessive(text, start, end)
        start = _drop_prefix(text, start, end, LEADING_DETERMINERS)
        if label != "PER":
            start = _drop_prefix(text, start, end, LEADING_PREPOSITIONS)
    return start, end


def is_noise(surface: str) -> bool:
    """True for spans that name nothing: pronouns, lowercase words, numbers, punctuation."""
    if not surface or "\n" in surface:
        return True
    if len(surface) > MAX_CHARS or len(surface.split()) > MAX_WORDS:
        return True
    if not any(ch.isalpha() for ch in surface):
        return True
    if not any(ch.isupper() for ch in surface):
        return True
    if len(surface) == 1:
        return True
    folded = fold(surface)
    return folded in PRONOUNS or folded in NOT_NAMES


def entity_key(text: str, label: str) -> str:
    """Grouping key: case and accents folded, punctuation and whitespace normalised.

    ``BEIJING``/``Beijing``, ``Séoul``/``Seoul`` and ``Sung Tae-yoon``/``Sung
    Tae yoon`` share a key. The label does not enter the key, so that mentions
    the model labelled differently still meet, and the group takes the majority
    label; it only selects the extra normalisation of persons (a trailing
    possessive is already trimmed from every label).
    """
    folded = unicodedata.normalize("NFKC", fold(text))
    folded = folded.replace("’", "'")
    folded = _PUNCT_RUN.sub(" ", folded)
    key = _SPACES.sub(" ", folded).strip()
    if label == "PER":
        key = _HONORIFIC.sub("", key)
    return key
