"""Simple evidence that fixes the models' label confusions and misses.

The French model files many companies under MISC (``OpenAI``, ``ByteDance``,
``Facebook``) and reads an agency dateline (``BEIJING, 18 mars (Reuters) –``)
as MISC or nothing. A MISC mention becomes a real one only on evidence, in
this order (each rule sees what the previous ones decided):

1. the same key carries PER, ORG or LOC elsewhere in the article (majority);
2. shape: one word with an inner capital after a lowercase letter (``OpenAI``,
   ``ByteDance``, ``WhatsApp``, ``TikTok``) is a company name -> ORG;
3. cue: an organisation noun just before it (``le géant chinois X``, ``the
   company X``) or an ownership apposition after it (``X, propriétaire de``) -> ORG;
4. coordination: ``X et Y``, ``X, Y``, ``X or Y``, ``X vs Y`` with Y an ORG -> ORG,
   repeated until nothing changes.

Other MISC mentions (events, works, nationalities, slogans) are dropped.

Coordination also settles a name the model labels two ways in one article
(``sur Instagram`` LOC, ``Facebook et Instagram`` ORG): a mention of such a
name that is coordinated with another name takes that name's label before the
majority vote (:func:`settle_conflicts_by_coordination`). A name with one
label throughout is never touched.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from reader.corpus.models import Entity
from reader.entities.normalise import entity_key

MISC = "MISC"

_ORG_CUE_BEFORE = re.compile(
    r"(?:\b(?:société|entreprise|groupe|géant|firme|start-?up|compagnie|réseau social|"
    r"plateforme|company|firm|group|giant|platform|network|startup))"
    r"(?:\s+[a-zà-ÿ-]+)?\s+$",
    re.IGNORECASE,
)
_ORG_CUE_AFTER = re.compile(
    r"^,\s+(?:propriétaire|maison mère|société mère|filiale|owner|parent company|subsidiary)\b",
    re.IGNORECASE,
)
_COORDINATION = re.compile(r"^\s*(?:,|et|and|ou|or|vs\.?|versus|/|&)\s*$", re.IGNORECASE)
_INNER_CAPITAL = re.compile(r"^[A-Z][A-Za-z0-9]*[a-z][A-Z][A-Za-z0-9]*$")
_CUE_WINDOW = 40

#: An agency dateline opening a paragraph: ``BEIJING, 18 mars (Reuters) -``,
#: ``WASHINGTON (AP) —``, ``PARIS, 3 janvier -``. The place is in capitals.
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Þ][A-ZÀ-Þ'’.-]+(?: [A-ZÀ-Þ][A-ZÀ-Þ'’.-]+){0,3})"
    r"(?=,\s+\d{1,2}\s+\w+|,?\s+\([A-Z][\w .-]+\)\s+[-–—])",
    re.MULTILINE,
)


def dateline_places(text: str) -> list[Entity]:
    """LOC mentions for the capitalised place of every agency dateline in ``text``."""
    return [
        Entity(
            m["place"],
            "LOC",
            m.start("place"),
            m.end("place"),
            entity_key(m["place"], "LOC"),
            strong=True,
        )
        for m in _DATELINE.finditer(text)
    ]


def _known_labels(mentions: list[Entity]) -> dict[str, str]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in mentions:
        if mention.label != MISC:
            counts[mention.key][mention.label] += 1
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


def _has_org_cue(text: str, mention: Entity) -> bool:
    before = text[max(0, mention.start - _CUE_WINDOW) : mention.start]
    after = text[mention.end : mention.end + _CUE_WINDOW]
    return bool(_ORG_CUE_BEFORE.search(before) or _ORG_CUE_AFTER.search(after))


def _coordinated_labels(text: str, mentions: list[Entity], index: int) -> set[str]:
    """Labels of the mentions joined to ``mentions[index]`` by a comma or a conjunction."""
    labels: set[str] = set()
    for neighbour in (index - 1, index + 1):
        if not 0 <= neighbour < len(mentions):
            continue
        first, second = sorted((mentions[index], mentions[neighbour]), key=lambda m: m.start)
        if first.end <= second.start and _COORDINATION.match(text[first.end : second.start]):
            labels.add(mentions[neighbour].label)
    return labels


def _coordinated_with_org(text: str, mentions: list[Entity], index: int) -> bool:
    return "ORG" in _coordinated_labels(text, mentions, index)


def settle_conflicts_by_coordination(text: str, mentions: list[Entity]) -> list[Entity]:
    """A mention of a name labelled two ways takes the label of the name it is coordinated with."""
    labels: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        labels[mention.key].add(mention.label)
    settled = list(mentions)
    for index, mention in enumerate(mentions):
        if len(labels[mention.key]) < 2:
            continue
        partners = _coordinated_labels(text, mentions, index) - {MISC}
        if len(partners) == 1:
            settled[index] = replace(mention, label=partners.pop())
    return settled


def _label_from_evidence(text: str, mention: Entity, known: dict[str, str]) -> str:
    if mention.key in known:
        return known[mention.key]
    if _INNER_CAPITAL.match(mention.text) or _has_org_cue(text, mention):
        return "ORG"
    return MISC


def resolve_misc(text: str, mentions: list[Entity]) -> list[Entity]:
    """Relabel MISC mentions that have evidence (see the module docstring); drop the rest."""
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    known = _known_labels(mentions)
    mentions = [
        replace(m, label=_label_from_evidence(text, m, known)) if m.label == MISC else m
        for m in mentions
    ]
    changed = True
    while changed:
        changed = False
        for index, mention in enumerate(mentions):
            if mention.label == MISC and _coordinated_with_org(text, mentions, index):
                mentions[index] = replace(mention, label="ORG")
                changed = True
    mentions = [m for m in mentions if m.label != MISC]
    return settle_conflicts_by_coordination(text, mentions)


def add_without_overlap(mentions: list[Entity], extra: list[Entity]) -> list[Entity]:
    """``extra`` mentions win over the mentions they overlap."""
    kept = [m for m in mentions if not any(m.start < e.end and e.start < m.end for e in extra)]
    return sorted([*kept, *extra], key=lambda m: (m.start, m.end))
