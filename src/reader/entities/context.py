"""What the words around a mention say about its type, and how much its own label counts.

The models' labels are weakest where the evidence is thinnest: a lone
capitalised word at the start of a sentence. Some contexts, on the other
hand, decide the type whatever the model said:

- a personal title before the name, or as its first word: ``Mr``, ``Mme``,
  ``Dr``, ``King``, ``le président``, ``la ministre`` -> PER;
- a company or party word ending the name (``Party``, ``Inc``, ``Corp``,
  ``FC``) or an institution word opening it (``Ministère``, ``Banque``,
  ``University``) -> ORG;
- a place preposition just before a one-word name (``à``, ``au``, ``en``,
  ``in``) -> LOC, for a mention the model took for a place or a person
  (``à Macron`` after ``Emmanuel Macron`` is a person: a surname of a full
  name in the article is never decided this way).
"""

from __future__ import annotations

import re
from dataclasses import replace

from reader.corpus.models import Entity
from reader.entities.normalise import entity_key


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: The weight of a one-word mention that opens a sentence (capitalised anyway).
SENTENCE_START_WEIGHT = 0.5

_TITLES_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Dame|Lord|Lady|M|Mme|Mlle|Me|Mgr)\.?"
    r"|\b(?:[Pp]résident(?:e)?|[Mm]inistre|[Dd]éputé(?:e)?|[Ss]énat(?:eur|rice)|[Mm]aire"
    r"|[Pp]remier ministre|[Pp]remière ministre|[Pp]resident|[Ss]enator|[Gg]overnor"
    r"|[Cc]hancellor|[Pp]rime [Mm]inister|[Kk]ing|[Qq]ueen|[Pp]rince|[Pp]rincess|[Rr]oi|[Rr]eine"
    r"|[Pp]ope|[Pp]ape|[Cc]oach|[Ee]ntraîneur|[Jj]udge|[Jj]uge))\s+$"
)
_TITLE_WORDS = _words(
    "mr mrs ms miss dr prof sir dame lord lady m mme mlle mgr king queen prince princess "
    "president senator governor pope roi reine pape président présidente"
)
_ORG_LAST_WORDS = _words(
    "party inc inc. corp corp. corporation ltd ltd. limited plc sa s.a. ag gmbh llc co. group "
    "holdings bank fc club association federation union council committee ministry agency "
    "institute university airlines airways parti"
)
_ORG_FIRST_WORDS = _words(
    "ministère banque société groupe fédération association union conseil assemblée "
    "commission comité université institut agence parti ministry university bank"
)
_PLACE_BEFORE = re.compile(r"(?:^|[\s(])(?:à|au|aux|en|in|In|À|Au|En)\s+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:;]\s+|\n\s*|[«\"“]\s*)$")
_CONTEXT = 30


def weigh(text: str, mention: Entity, surnames: frozenset[str]) -> Entity:
    """``mention`` with its weight and, when the context decides it, its label made strong.

    ``surnames`` are the folded last words of the article's multi-word persons.
    """
    label = decided_label(text, mention, surnames)
    if label is not None:
        return replace(mention, label=label, strong=True)
    if " " not in mention.text and opens_sentence(text, mention.start):
        return replace(mention, weight=SENTENCE_START_WEIGHT)
    return mention


def opens_sentence(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, start - _CONTEXT) : start]))


def decided_label(text: str, mention: Entity, surnames: frozenset[str]) -> str | None:
    """The type the words in and around ``mention`` decide, if they do."""
    words = mention.text.split()
    first, last = words[0].casefold(), words[-1].casefold()
    before = text[max(0, mention.start - _CONTEXT) : mention.start]
    if len(words) > 1 and (first in _TITLE_WORDS or first.rstrip(".") in _TITLE_WORDS):
        return "PER"
    if len(words) > 1 and (last in _ORG_LAST_WORDS or first in _ORG_FIRST_WORDS):
        return "ORG"
    if _TITLES_BEFORE.search(before) and not mention.text.isupper():
        return "PER"  # not "le député LR": a party
    if (
        len(words) == 1
        and mention.label in ("LOC", "PER")
        and _PLACE_BEFORE.search(before)
        and entity_key(last, "") not in surnames
    ):
        return "LOC"
    return None
