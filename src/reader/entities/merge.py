"""Making one article's mentions agree, and grouping mentions into entities.

In an article the model tags a name in one sentence and misses it in the
next, labels ``Yoon`` PER here and LOC there, calls the same man ``Mark
Zuckerberg`` then ``Zuckerberg``, and a party ``UK Independence Party`` then
``UKIP``. Within one article, in order:

1. *names only*: demonyms, functions, posts, web domains and calendar words
   go (``filters``); a capitalised article just before a name inside a
   sentence joins it (``Le Mans``, ``La Rochelle``);
2. *weights*: context decides some types outright (``context``), and a lone
   word opening a sentence counts half;
3. *propagation*: every other occurrence of a tagged surface form (same case,
   whole words, not inside another mention) becomes a mention too, with no
   vote of its own;
4. *merging*, whatever the labels: a mention that is the trailing part of
   exactly one longer person name takes that name's key (``Zuckerberg`` ->
   ``mark zuckerberg``; an ambiguous ``Lee`` keeps its own), a person's
   leading part likewise (``Yoon`` -> ``yoon suk yeol``), an acronym its
   expansion's (``UK Independence Party (UKIP)``), a company without its legal
   form the full name's (``Acme`` -> ``Acme Corp``), and a name with a leading
   article the bare name's (``La Chine`` is ``Chine``);
5. *one label per key* by a weighted vote of the mentions, unless context
   decided some of them (the decided label wins);
6. *lone openers* without support go (``filters.drop_lone_openers``).

The corpus-wide vote (``vote``) then gives each key one type across articles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from reader.corpus.models import Entity
from reader.entities.context import weigh
from reader.entities.countries import is_country
from reader.entities.filters import drop_lone_openers, drop_non_names
from reader.entities.normalise import HONORIFICS, entity_key

#: Legal forms ending a company's name, folded.
_LEGAL_FORMS = "inc inc. corp corp. corporation co co. ltd ltd. plc llc sa s.a. ag gmbh nv bv"
LEGAL_FORMS = frozenset([*_LEGAL_FORMS.split(), "spa", "sas", "sarl", "group", "holdings"])
_LEADING_ARTICLE = re.compile(r"^(?:Le|La|Les|L['’]|The)\s*(?=\w)")
_ARTICLE_BEFORE = re.compile(r"(?<=[a-zà-ÿ,] )(?:Le|La|Les) $|(?<=[a-zà-ÿ,] )L['’]$")
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([A-Z][A-Za-z&.]{1,9})\s*\)")  # matched at a position


@dataclass(frozen=True, slots=True)
class EntityGroup:
    """All mentions of one entity: its key, majority label, best name and mention count."""

    key: str
    label: str
    name: str
    count: int


def propagate(text: str, mentions: list[Entity]) -> list[Entity]:
    """Add the untagged occurrences of every tagged surface form, sorted by offset.

    An added mention has no vote (weight 0): it repeats what the tagged ones say.
    Occurrences are found with ``str.find`` (a regular expression per surface
    form was compiled anew for most of them: a third of the clean-up's time).
    """
    taken = bytearray(len(text) + 1)
    for mention in mentions:
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        labels[mention.text][mention.label] += 1
    added: list[Entity] = []
    for surface, counts in labels.items():
        label = counts.most_common(1)[0][0]
        key = entity_key(surface, label)
        for start, end in _whole_word_occurrences(text, surface):
            if 1 in taken[start:end]:
                continue
            taken[start:end] = b"\x01" * (end - start)
            added.append(Entity(surface, label, start, end, key, 0.0))
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def _whole_word_occurrences(text: str, surface: str) -> Iterator[tuple[int, int]]:
    """(start, end) of ``surface`` in ``text`` where no word character touches it."""
    if not surface:
        return
    start = text.find(surface)
    while start != -1:
        end = start + len(surface)
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not _is_word_character(before) and not _is_word_character(after):
            yield start, end
        start = text.find(surface, start + 1)


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def vote_labels(mentions: list[Entity]) -> list[Entity]:
    """Give every mention its key's label: the label of its strong mentions if there are
    any, else the weighted majority (ties: the label seen first)."""
    decided: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for mention in mentions:
        if mention.strong:
            decided[mention.key][mention.label] += 1
        votes[mention.key][mention.label] += mention.weight
    label = {key: _first_best(decided.get(key) or counts) for key, counts in votes.items()}
    return [m if m.label == label[m.key] else replace(m, label=label[m.key]) for m in mentions]


def _first_best(counts: dict[str, float]) -> str:
    """The label with the most weight; of equals, the one counted first."""
    return max(counts, key=counts.__getitem__)


def _name_words(surface: str) -> tuple[str, ...]:
    """Folded words of a name, without a leading title; ``Tae-yoon`` stays one word."""
    words = tuple(entity_key(word, "") for word in surface.split())
    if len(words) > 1 and words[0] in HONORIFICS:
        return words[1:]
    return words


def _person_key_for(
    words: tuple[str, ...], long_names: dict[tuple[str, ...], str], *, leading: bool
) -> str | None:
    """The key of the one longer name that ends with ``words`` (a surname), else, when
    ``leading``, of the one that starts with them (a first name); None when ambiguous."""
    n = len(words)
    trailing = {key for name, key in long_names.items() if len(name) > n and name[-n:] == words}
    leading_keys = {key for name, key in long_names.items() if len(name) > n and name[:n] == words}
    for matches in (trailing, leading_keys if leading else set()):
        if len(matches) == 1:
            return matches.pop()
        if matches:
            return None
    return None


def merge_persons(mentions: list[Entity]) -> list[Entity]:
    """Give a mention the key and label of the one longer person name it is part of.

    A surname whatever its label: the model calls it ORG or LOC in one
    sentence and the full name PER in the next. A first name only when it is
    PER too ("Yahoo" is no first name of a "Yahoo Messenger" the model took
    for a person). A mention that context decided keeps its own.
    """
    long_names = {
        _name_words(m.text): m.key for m in mentions if m.label == "PER" and len(m.text.split()) > 1
    }
    merged: list[Entity] = []
    for mention in mentions:
        key = None
        if (not mention.strong or mention.label == "PER") and not is_country(mention.text):
            words = _name_words(mention.text)
            key = _person_key_for(words, long_names, leading=mention.label == "PER")
        if key and key != mention.key:
            mention = replace(mention, key=key, label="PER")
        merged.append(mention)
    return merged


def merge_acronyms(text: str, mentions: list[Entity]) -> list[Entity]:
    """``UKIP`` takes the key and label of ``UK Independence Party`` written just before it
    in brackets ("UK Independence Party (UKIP)"), everywhere in the article."""
    expansion_of: dict[str, Entity] = {}
    for mention in mentions:
        match = _ACRONYM_AFTER.match(text, mention.end)
        if match and " " in mention.text and _abbreviates(match.group(1), mention.text):
            expansion_of[entity_key(match.group(1), "")] = mention
    if not expansion_of:
        return mentions
    merged = []
    for mention in mentions:
        full = expansion_of.get(mention.key)
        if full is not None and mention is not full:
            mention = replace(mention, key=full.key, label=full.label)
        merged.append(mention)
    return merged


def _abbreviates(acronym: str, name: str) -> bool:
    """``UKIP`` abbreviates ``UK Independence Party``: its capitals are the initials of the
    name's words (a word in capitals gives all its letters, small words may be skipped)."""
    letters = [c for c in acronym if c.isalpha() and c.isupper()]
    initials: list[str] = []
    for word in re.findall(r"[^\W\d_]+", name):
        initials.extend(word if word.isupper() else word[0])
    wanted = "".join(letters)
    joined = "".join(initials).upper()
    return len(wanted) >= 2 and (joined == wanted or _skips_small_words(wanted, name))


def _skips_small_words(wanted: str, name: str) -> bool:
    capitals = "".join(word[0] for word in name.split() if word[:1].isupper())
    return capitals.upper() == wanted


def merge_articles(mentions: list[Entity]) -> list[Entity]:
    """``La Chine`` opening a sentence is ``Chine`` when the article also has the bare name or
    it is a country's: the article is then cut from the mention (``Le Monde`` keeps its own)."""
    keys = {m.key for m in mentions}
    merged = []
    for mention in mentions:
        article = _LEADING_ARTICLE.match(mention.text)
        if article is not None:
            bare = mention.text[article.end() :]
            key = entity_key(bare, mention.label)
            if key in keys or is_country(bare):
                start = mention.start + article.end()
                mention = replace(mention, text=bare, start=start, key=key)
        merged.append(mention)
    return merged


def merge_company_forms(mentions: list[Entity]) -> list[Entity]:
    """``Blue River Bank`` takes the key and label of ``Blue River Bank Corp`` in the article:
    the same company without its legal form."""
    full_of: dict[str, Entity] = {}
    for mention in mentions:
        words = mention.text.split()
        if mention.label == "ORG" and len(words) > 1 and words[-1].casefold() in LEGAL_FORMS:
            full_of.setdefault(entity_key(" ".join(words[:-1]), ""), mention)
    if not full_of:
        return mentions
    merged = []
    for mention in mentions:
        full = full_of.get(mention.key)
        if full is not None and (not mention.strong or mention.label == full.label):
            mention = replace(mention, key=full.key, label=full.label)
        merged.append(mention)
    return merged


def merge_names(text: str, mentions: list[Entity]) -> list[Entity]:
    """The in-article merges across labels: persons, acronyms, company forms, articles."""
    merged = merge_company_forms(merge_acronyms(text, merge_persons(mentions)))
    return merge_articles(merged)


def harmonise(text: str, mentions: list[Entity]) -> list[Entity]:
    """All in-article steps, in order (see the module docstring)."""
    mentions = drop_non_names(text, [_with_leading_article(text, m) for m in mentions])
    surnames = frozenset(
        entity_key(m.text.split()[-1], "") for m in mentions if m.label == "PER" and " " in m.text
    )
    mentions = [weigh(text, m, surnames) for m in mentions]
    mentions = propagate(text, mentions)
    mentions = merge_names(text, mentions)
    mentions = vote_labels(mentions)
    return drop_lone_openers(text, mentions)


def _with_leading_article(text: str, mention: Entity) -> Entity:
    """``Mans`` after ``Le`` inside a sentence is ``Le Mans``: a capitalised article there
    belongs to the name."""
    match = _ARTICLE_BEFORE.search(text, max(0, mention.start - 30), mention.start)
    if match is None:
        return mention
    surface = text[match.start() : mention.end]
    return replace(
        mention, text=surface, start=match.start(), key=entity_key(surface, mention.label)
    )


def _best_name(key: str, surfaces: Counter[str]) -> str:
    """The surface form that spells the key itself, properly cased, most frequent, longest."""

    def score(surface: str) -> tuple[bool, bool, int, int]:
        spells_key = entity_key(surface, "") == key or entity_key(surface, "PER") == key
        properly_cased = not surface.isupper() or len(surface) <= 4
        return spells_key, properly_cased, surfaces[surface], len(surface)

    return max(surfaces, key=score)


def group_entities(entities: Iterable[Entity]) -> list[EntityGroup]:
    """Group mentions by key; most mentioned first, then by name."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    for entity in entities:
        labels[entity.key][entity.label] += 1
        surfaces[entity.key][entity.text] += 1
    groups = [
        EntityGroup(
            key=key,
            label=labels[key].most_common(1)[0][0],
            name=_best_name(key, surfaces[key]),
            count=sum(labels[key].values()),
        )
        for key in labels
    ]
    return sorted(groups, key=lambda g: (-g.count, g.name.casefold(), g.key))
