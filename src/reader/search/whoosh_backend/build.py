"""Turn a parsed query tree into a whoosh query.

Text leaves are built once per language group with that group's analyzer
(a document only fills its own group's fields), and the groups are OR-ed.
A NOT is built across all groups, so ``-trump`` excludes an English article
even from the French branch.
"""

from __future__ import annotations

import heapq
from itertools import islice
from typing import Protocol

from whoosh import query as wq

from ..query import And, DateRange, Node, Not, Or, Phrase, Word
from .analysis import LANGS, analyze_word, fold_word, surface_analyzer
from .entindex import ENTITY_QUERY_FIELDS, SPEAKER_FIELD, quote_field
from .textterm import TextTerm

#: Query-language field -> index fields searched with the folding (name) analyzer;
#: the entity ones (ENTITY_QUERY_FIELDS) are in the entities index.
NAME_FIELDS = {
    "person": ("person",),
    "org": ("org",),
    "place": ("place",),
    "entity": ("entity",),
    "said": (SPEAKER_FIELD,),
    "source": ("source_text",),
    "author": ("author_text",),
    "agency": ("agency_text",),
}
#: A prefix expands to at most this many indexed words (the most frequent
#: among the first MAX_SCAN found), which keeps ``e*`` bounded.
MAX_EXPANSIONS = 40
MAX_SCAN = 2000


class TermExpander(Protocol):
    """Index stems for prefix and fuzzy terms (see vocab.Expander)."""

    #: Whether the query's budget of expansions has run out.
    exhausted: bool

    def prefix(self, group: str, prefix: str) -> list[str]: ...

    def fuzzy(self, group: str, word: str, maxdist: int) -> list[str]: ...


def _most_frequent(ixreader, fieldname: str, words) -> list:
    scanned = islice(words, MAX_SCAN)
    return heapq.nlargest(
        MAX_EXPANSIONS, scanned, key=lambda w: ixreader.doc_frequency(fieldname, w)
    )


class CappedPrefix(wq.Prefix):
    def _btexts(self, ixreader):
        return _most_frequent(ixreader, self.fieldname, super()._btexts(ixreader))


class UnionOr(wq.Or):
    """An Or that always merges its parts lazily (a tree of union matchers).

    Whoosh picks, per segment under 5,000 documents, a matcher that first
    allocates and fills score arrays for every document: that fixed cost
    dominated queries for rare words. It still wins for many-part unions.
    """

    matcher_type = wq.Or.DEFAULT_MATCHER


#: Up to this many parts a lazy union is cheaper; beyond (prefix and fuzzy
#: expansions) whoosh's array matcher wins.
LAZY_UNION_MAX = 8


def _any_of(parts: list[wq.Query]) -> wq.Query | None:
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return UnionOr(parts) if len(parts) <= LAZY_UNION_MAX else wq.Or(parts)


def _terms_query(fieldnames: list[str], terms: tuple[str, ...]) -> wq.Query | None:
    """A name field's word (one term) or phrase (several)."""
    if not terms:
        return None
    if len(terms) == 1:
        return _any_of([wq.Term(f, terms[0]) for f in fieldnames])
    return _any_of([wq.Phrase(f, list(terms)) for f in fieldnames])


def _text_query(group: str, field: str | None, terms: tuple[str, ...]) -> TextTerm | None:
    """A word (one term) or phrase (several) in a language group's text fields."""
    return TextTerm(group, _text_fields(field, group), terms) if terms else None


def _weighted_union(parts: list[wq.Query]) -> wq.Query | None:
    """The union of ``parts``, a word given several times counting as often (its weight)."""
    words: dict[tuple, TextTerm] = {}
    kept: list[wq.Query | tuple] = []  # a part, or the key of a word in ``words``
    for part in parts:
        if not isinstance(part, TextTerm):
            kept.append(part)
        elif (key := part.key()) in words:
            words[key] = words[key].with_weight(words[key].weight + part.weight)
        else:
            words[key] = part
            kept.append(key)
    return _any_of([words[k] if isinstance(k, tuple) else k for k in kept])


def _text_term(group: str, field: str | None, stem: str) -> TextTerm:
    return TextTerm(group, _text_fields(field, group), (stem,))


def _name_terms(text: str) -> tuple[str, ...]:
    return tuple(t.text for t in surface_analyzer()(text))


def names_match(name: str, text: str) -> bool:
    """Whether a name field holding ``text`` matches the phrase ``name`` (a name of one
    word, a surname say, is a word of it)."""
    wanted, words = _name_terms(name), _name_terms(text)
    size = len(wanted)
    return bool(size) and any(words[i : i + size] == wanted for i in range(len(words) - size + 1))


def _text_fields(field: str | None, group: str) -> tuple[str, ...]:
    if field == "title":
        return (f"title_{group}",)
    return (f"title_{group}", f"body_{group}")


MAX_DATE_KEY = 99_999_999


def date_query(low: int | None, high: int | None) -> wq.Query:
    """Articles whose date period lies wholly inside [low, high] (open ends allowed)."""
    return wq.And(
        [
            wq.NumericRange("date_lo", low or 1, MAX_DATE_KEY),
            wq.NumericRange("date_hi", 1, MAX_DATE_KEY if high is None else high),
        ]
    )


class EntityLeaves(Protocol):
    """Resolves a query on the entities index into a main-index leaf (entindex.EntityView)."""

    def leaf(self, q: wq.Query) -> wq.Query: ...


class QueryBuilder:
    """Builds whoosh queries; entity clauses need ``entities`` (without it they match nothing).

    A prefix or fuzzy word that expands to no indexed word matches nothing (an
    AND with it finds nothing); ``problems`` says which, and why, once the
    query is built. A stop word is left out instead.
    """

    def __init__(self, expander: TermExpander, entities: EntityLeaves | None = None) -> None:
        self.expander = expander
        self.entities = entities
        #: Leaves that expanded to nothing in some group -> why; and those that expanded.
        self._unexpanded: dict[Word, str] = {}
        self._expanded: set[Word] = set()

    def problems(self) -> list[str]:
        """Why each prefix or fuzzy word that found no indexed word in any group did not."""
        return [why for node, why in self._unexpanded.items() if node not in self._expanded]

    def _stems(self, node: Word, group: str) -> list[str] | None:
        """The index words a prefix or fuzzy word expands to; None when it has no letters."""
        folded = fold_word(node.text)
        if not folded:
            return None
        if node.prefix:
            stems = self.expander.prefix(group, folded)
        else:
            stems = self.expander.fuzzy(group, folded, node.fuzzy)
        if stems:
            self._expanded.add(node)
        else:
            self._unexpanded.setdefault(node, self._why_unexpanded(node, folded))
        return stems

    def _expansion(self, node: Word, group: str) -> wq.Query | None:
        stems = self._stems(node, group)
        if stems is None:
            return None
        found = _any_of([_text_term(group, node.field, stem) for stem in stems])
        return wq.NullQuery if found is None else found

    def _why_unexpanded(self, node: Word, folded: str) -> str:
        written = f"{node.text}*" if node.prefix else f"{node.text}~"
        if self.expander.exhausted:
            return f"{written!r} not expanded: the query's prefix and fuzzy words are too many"
        if node.prefix:
            return f"no word of the articles starts with {folded!r}"
        edits = "one edit" if node.fuzzy == 1 else f"{node.fuzzy} edits"
        return f"no word of the articles is within {edits} of {folded!r}"

    def _names(self, node: Word | Phrase) -> wq.Query | None:
        assert node.field is not None  # only called for name fields
        fieldnames = list(NAME_FIELDS[node.field])
        if isinstance(node, Word) and node.prefix:
            q = _any_of([CappedPrefix(f, fold_word(node.text)) for f in fieldnames])
        else:
            q = _terms_query(fieldnames, _name_terms(node.text))
        if q is None or node.field not in ENTITY_QUERY_FIELDS:
            return q
        return self._entity_leaf(q)

    def _entity_leaf(self, q: wq.Query) -> wq.Query:
        """The main-index leaf of a query on the entities index."""
        return self.entities.leaf(q) if self.entities is not None else wq.NullQuery

    def _quoted(self, node: Word | Phrase, group: str) -> wq.Query | None:
        """Words (or a phrase) inside the quotations of a language group's articles,
        analysed like the body; None for stop words only."""
        field = quote_field(group)
        if isinstance(node, Word) and (node.prefix or node.fuzzy):
            stems = self._stems(node, group)
            if stems is None:
                return None
            q = _any_of([wq.Term(field, stem) for stem in stems])
            return wq.NullQuery if q is None else self._entity_leaf(q)
        q = _terms_query([field], analyze_word(group, node.text))
        return None if q is None else self._entity_leaf(q)

    def _word(self, node: Word, group: str) -> wq.Query | None:
        if node.field == "lang":
            return wq.Term("lang", node.text.strip().lower())
        if node.field in NAME_FIELDS:
            return self._names(node)
        if node.field == "quote":
            return self._quoted(node, group)
        if node.prefix or node.fuzzy:
            return self._expansion(node, group)
        return _text_query(group, node.field, analyze_word(group, node.text))

    def _phrase(self, node: Phrase, group: str) -> wq.Query | None:
        if node.field == "lang":
            return wq.Term("lang", node.text.strip().lower())
        if node.field in NAME_FIELDS:
            return self._names(node)
        if node.field == "quote":
            return self._quoted(node, group)
        return _text_query(group, node.field, analyze_word(group, node.text))

    def _and(self, children: tuple[Node, ...], group: str) -> wq.Query | None:
        positives = [c for c in children if not isinstance(c, Not)]
        negatives = [self.build_all(c.child) for c in children if isinstance(c, Not)]
        built = [q for q in (self.build(c, group) for c in positives) if q is not None]
        if positives and not built:
            return None  # every positive part was a stop word in this language
        base: wq.Query = built[0] if len(built) == 1 else wq.And(built) if built else wq.Every()
        negs = [q for q in negatives if q is not None]
        if not negs:
            return base
        return wq.AndNot(base, negs[0] if len(negs) == 1 else UnionOr(negs))

    def build(self, node: Node, group: str) -> wq.Query | None:
        """The whoosh query of ``node`` for documents of one language group."""
        if isinstance(node, Word):
            return self._word(node, group)
        if isinstance(node, Phrase):
            return self._phrase(node, group)
        if isinstance(node, DateRange):
            return date_query(node.low, node.high)
        if isinstance(node, Not):
            return self._and((node,), group)
        if isinstance(node, And):
            return self._and(node.children, group)
        if isinstance(node, Or):
            parts = (self.build(c, group) for c in node.children)
            return _weighted_union([q for q in parts if q is not None])
        raise TypeError(f"unknown query node {node!r}")

    def build_all(self, node: Node, groups: tuple[str, ...] = LANGS) -> wq.Query | None:
        """The query over the language groups (identical branches collapse into one).

        None when every word is a stop word; a query matching nothing when
        some part cannot match (see ``problems``).
        """
        branches: list[wq.Query] = []
        for group in groups:
            branch = self.build(node, group)
            if branch is not None and branch not in branches:
                branches.append(branch)
        matching = [b for b in branches if b is not wq.NullQuery]
        return _any_of(matching) if matching or not branches else wq.NullQuery
