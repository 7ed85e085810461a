"""Mentions that name no entity: demonyms, functions, web domains, days, lone openers.

- *Demonyms and adjectives*: French capitalises the nouns of nationality
  (``les Français``, ``des Britanniques``) and the French model often calls
  them places. A one-word mention with the ending of a demonym is one when
  a plural determiner stands before it or the article also writes the word
  (or its singular) in lower case, as the adjective (``le gouvernement
  français``). Country names are never dropped.
- *Functions*: a mention that opens with a function word in lower case
  (``ministre de l'Intérieur``, ``secretary of state``) names a post, not
  someone; the acronyms of posts (``MEP``, ``CEO``) likewise.
- *Web domains*: ``example.info`` is an address.
- *Days and months*: ``Vendredi``, ``March`` at the start of a sentence.
- *Lone openers*: a one-word mention at the start of a sentence that the
  article never mentions again, that no context decides, and that is no
  known country, is the model reading a capital letter as a name
  (``Deepfakes are ...``); it is dropped only when it stands alone in the
  article (see ``drop_lone_openers``).
"""

from __future__ import annotations

import re
from collections import Counter

from reader.corpus.models import Entity
from reader.corpus.textnorm import fold
from reader.entities.context import opens_sentence
from reader.entities.countries import is_country


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_DEMONYM_ENDING = re.compile(
    r"(?:ais|ois|ain|ien|éen|and|ol|ique|ite|ote|in|on|an|ian|ese|ish|ean|i)(?:e|es|s|ne|nes)?$"
)
_PLURAL_BEFORE = re.compile(r"(?:\b(?:les|des|aux|Les|Des|Aux|ces|Ces|nos|vos|leurs)\s+)$")
_FUNCTION_WORDS = frozenset(
    """ministre ministère président présidente secrétaire directeur directrice député députée
    sénateur sénatrice maire préfet préfète porte-parole chef cheffe patron patronne
    procureur procureure juge commissaire conseiller conseillère ambassadeur ambassadrice
    gouverneur premier première roi reine prince princesse pape général colonel capitaine
    minister president secretary director chairman chairwoman chief head spokesman
    spokeswoman mayor governor senator ambassador commissioner chancellor king queen prince
    princess pope general colonel captain leader""".split()  # noqa: SIM905
)
#: Acronyms of posts, folded.
_POSTS = _words("mep meps mp mps msp msps ceo ceos cfo coo cto pdg dg drh dsi")
_DOMAIN = re.compile(r"(?i:^www\.|\.(?:com|org|net|info|fr|be|ch|ca|uk|de|eu|io|tv|gov|edu)$)")
_CALENDAR = frozenset(
    """lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin
    juillet aout septembre octobre novembre decembre monday tuesday wednesday thursday friday
    saturday sunday january february march april june july august september october november
    december""".split()  # noqa: SIM905
)
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-zà-ÿ][\w'’-]*")
_CONTEXT = 12


def names_something(text: str, mention: Entity, lowercase_words: frozenset[str]) -> bool:
    """False for a demonym, a function, a post, a web domain or a day or month name."""
    words = mention.text.split()
    folded = fold(mention.text)
    if folded in _POSTS or folded in _CALENDAR or _DOMAIN.search(mention.text):
        return False
    if words[0] in _FUNCTION_WORDS:
        return False
    return len(words) > 1 or not _is_demonym(text, mention, lowercase_words)


def _is_demonym(text: str, mention: Entity, lowercase_words: frozenset[str]) -> bool:
    word = mention.text
    if mention.label == "PER" or not _DEMONYM_ENDING.search(word) or is_country(word):
        return False
    before = text[max(0, mention.start - _CONTEXT) : mention.start]
    if _PLURAL_BEFORE.search(before):
        return True
    lower = word.lower()
    stems = {lower, lower.rstrip("s"), lower.removesuffix("es"), lower.removesuffix("nes")}
    return any(
        variant in lowercase_words
        for stem in stems
        for variant in (stem, stem + "e", stem + "s", stem + "es", stem + "ne")
    )


def lowercase_words(text: str) -> frozenset[str]:
    """The words an article writes in lower case (adjectives, common nouns)."""
    return frozenset(_LOWER_WORD.findall(text))


def drop_non_names(text: str, mentions: list[Entity]) -> list[Entity]:
    """The mentions that name something (see ``names_something``)."""
    lower = lowercase_words(text)
    return [m for m in mentions if names_something(text, m, lower)]


def drop_lone_openers(text: str, mentions: list[Entity]) -> list[Entity]:
    """Drop one-word mentions that open a sentence and are the only mention of their key,
    unless context decided them, they are countries, or another mention holds the word
    ("Samsung" after "Samsung Electronics")."""
    per_key = Counter(mention.key for mention in mentions)
    words_in_names = {word for m in mentions if " " in m.text for word in m.text.split()}
    return [
        m
        for m in mentions
        if per_key[m.key] > 1
        or m.strong
        or " " in m.text
        or "-" in m.text
        or m.text in words_in_names
        or is_country(m.text)
        or not opens_sentence(text, m.start)
    ]
