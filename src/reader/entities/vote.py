"""One type per entity across the corpus: a weighted vote over all its mentions.

The model types a name from one sentence at a time, so the same name comes
out PER in one article and LOC in the next ("Macron" after "à"). Each
article's mentions vote for their key's type with their weights (see
``Entity.weight``; mentions that only repeat another do not vote), a
mention whose context decided its type (``Entity.strong``) with
``DECIDED_WEIGHT``, and an article's say grows with the log of its votes.
Every key then takes the corpus's winning type, except
in an article whose own context decided it: "the Bristol Party" stays an
organisation where it is written so.

The votes of an article are computed where its entities are found; the
library keeps them in its store (the corpus changes file by file), the
``reader entities`` command over the files it is given.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from reader.corpus.models import Entity

#: How many ordinary mentions a mention decided by its context is worth in the vote.
DECIDED_WEIGHT = 3.0

#: key -> label -> summed weight.
Votes = dict[str, dict[str, float]]


def article_votes(entities: Iterable[Entity]) -> tuple[Votes, dict[str, str]]:
    """An article's votes (key -> label -> weight) and the labels its context decided
    (key -> label).

    An article's say on a key grows with the log of its mentions' weight, so
    one article that repeats a name twenty times does not outvote five others.
    """
    mentions: defaultdict[str, defaultdict[str, float]] = defaultdict(lambda: defaultdict(float))
    decided: dict[str, str] = {}
    for entity in entities:
        if entity.strong:
            mentions[entity.key][entity.label] += DECIDED_WEIGHT
            decided[entity.key] = entity.label
        elif entity.weight > 0:
            mentions[entity.key][entity.label] += entity.weight
    votes: Votes = {}
    for key, counts in mentions.items():
        total = sum(counts.values())
        say = 1.0 + math.log(total) if total >= 1 else total
        votes[key] = {label: say * weight / total for label, weight in counts.items()}
    return votes, decided


def add_votes(total: Votes, votes: Votes) -> None:
    for key, counts in votes.items():
        summed = total.setdefault(key, {})
        for label, weight in counts.items():
            summed[label] = summed.get(label, 0.0) + weight


def winning_labels(total: Votes) -> dict[str, str]:
    """Each key's type: the label with the most weight (ties: alphabetical, for stability)."""
    return {
        key: min(counts, key=lambda label: (-counts[label], label))
        for key, counts in total.items()
        if counts
    }


def relabel(
    entities: list[Entity], labels: dict[str, str], decided: dict[str, str]
) -> list[Entity]:
    """The article's entities with each key's corpus type, unless its context decided it."""
    out = []
    for entity in entities:
        label = decided.get(entity.key) or labels.get(entity.key, entity.label)
        out.append(entity if label == entity.label else replace(entity, label=label))
    return out


def settle_types(articles: list[list[Entity]]) -> list[list[Entity]]:
    """Every article's entities with their corpus types (for a set of files read together)."""
    total: Votes = {}
    per_article = []
    for entities in articles:
        votes, decided = article_votes(entities)
        add_votes(total, votes)
        per_article.append(decided)
    labels = winning_labels(total)
    return [
        relabel(entities, labels, decided)
        for entities, decided in zip(articles, per_article, strict=True)
    ]
