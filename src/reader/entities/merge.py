"""Making one article's mentions agree, and grouping mentions into entities.

In an article the model tags a name in one sentence and misses it in the
next, labels ``Yoon`` PER here and LOC there, and calls the same man ``Mark
Zuckerberg`` then ``Zuckerberg``. Within one article:

1. *propagation*: every other occurrence of a tagged surface form (same case,
   whole words, not inside another mention) becomes a mention too;
2. *majority label* per key;
3. *person merging*: a PER mention that is the trailing part (or, failing
   that, the leading part) of exactly one longer PER name in the article takes
   that name's key (``Zuckerberg`` -> ``mark zuckerberg``; ``Yoon`` -> ``yoon suk
   yeol``); an ambiguous one (``Lee`` with ``Lee Jae-yong`` and ``Lee
   Kun-hee``) keeps its own key;
4. *majority label* again, per merged key.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from reader.corpus.models import Entity
from reader.entities.normalise import HONORIFICS, entity_key


@dataclass(frozen=True, slots=True)
class EntityGroup:
    """All mentions of one entity: its key, majority label, best name and mention count."""

    key: str
    label: str
    name: str
    count: int


def propagate(text: str, mentions: list[Entity]) -> list[Entity]:
    """Add the untagged occurrences of every tagged surface form, sorted by offset."""
    taken = [(m.start, m.end) for m in mentions]
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        labels[mention.text][mention.label] += 1
    added: list[Entity] = []
    for surface, counts in labels.items():
        label = counts.most_common(1)[0][0]
        for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            added.append(Entity(surface, label, start, end, entity_key(surface, label)))
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def majority_labels(mentions: list[Entity]) -> list[Entity]:
    """Give every mention the most frequent label of its key (ties: the first seen)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        counts[mention.key][mention.label] += 1
    return [replace(m, label=counts[m.key].most_common(1)[0][0]) for m in mentions]


def _name_words(surface: str) -> tuple[str, ...]:
    """Folded words of a name, without a leading title; ``Tae-yoon`` stays one word."""
    words = tuple(entity_key(word, "") for word in surface.split())
    if len(words) > 1 and words[0] in HONORIFICS:
        return words[1:]
    return words


def _person_key_for(words: tuple[str, ...], long_names: dict[tuple[str, ...], str]) -> str | None:
    n = len(words)
    for matches in (
        {key for name, key in long_names.items() if len(name) > n and name[-n:] == words},
        {key for name, key in long_names.items() if len(name) > n and name[:n] == words},
    ):
        if len(matches) == 1:
            return matches.pop()
        if matches:
            return None
    return None


def merge_persons(mentions: list[Entity]) -> list[Entity]:
    """Give a short PER mention the key of the one longer PER name it is part of."""
    long_names = {
        _name_words(m.text): m.key for m in mentions if m.label == "PER" and len(m.text.split()) > 1
    }
    merged: list[Entity] = []
    for mention in mentions:
        key = None
        if mention.label == "PER":
            key = _person_key_for(_name_words(mention.text), long_names)
        merged.append(replace(mention, key=key) if key else mention)
    return merged


def harmonise(text: str, mentions: list[Entity]) -> list[Entity]:
    """All four in-article steps, in order."""
    mentions = propagate(text, mentions)
    mentions = majority_labels(mentions)
    mentions = merge_persons(mentions)
    return majority_labels(mentions)


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
