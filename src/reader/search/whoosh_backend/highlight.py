"""Find the words a query matches in a text, and cut snippets around them.

The text is tokenised with the index's own word pattern and each token goes
through the index's analyzer (cached per word), so highlighting agrees with
matching: ``meetings`` lights up ``meeting``, ``desinformation`` lights up
``désinformation``. No index access is needed, which keeps it fast.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..query import Node as QueryNode
from ..query import Phrase, Word, positive_leaves
from .analysis import FOLD_MAP, WORD_RE, analyze_word, fold_word

#: Only the start of very long bodies is scanned for snippets.
SNIPPET_SCAN_CHARS = 40_000
FRAGMENT_CONTEXT = 70
FRAGMENT_MAX = 260
MAX_FRAGMENTS = 2
LEAD_CHARS = 200
SEPARATOR = " … "

#: Candidate tokens are found by a regex on the first letters of each term,
#: then verified with the analyzer: scanning stays in C for most of the text.
CANDIDATE_PREFIX = 3
#: Query fields whose words are lit up in the body: as stems ("quote": anywhere in
#: the text, the quotations' bounds are not known here), or as folded names.
_TEXT_FIELDS = (None, "title", "quote")
_NAME_FIELDS = ("person", "org", "place", "entity", "said", "source", "author", "agency")


def edit_distance(a: str, b: str, limit: int) -> int:
    """Edits from ``a`` to ``b``, giving up (returning limit + 1) past ``limit``.

    An edit is an insertion, a deletion, a substitution or the swap of two
    adjacent letters ("Zuckerbreg" is one edit from "Zuckerberg"), as Lucene
    and Elasticsearch count fuzzy matches (optimal string alignment distance).
    """
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and ca != cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > limit and min(previous) >= limit:  # no later row can get back
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


@lru_cache(maxsize=1)
def _fold_classes() -> tuple[dict[str, str], str]:
    """Folded char -> every char that folds to it; and the chars that fold to several."""
    same: dict[str, set[str]] = {}
    multi: set[str] = set()
    for code, folded in FOLD_MAP.items():
        char = chr(code)
        # one character each: "ß".upper() is "SS", which would make every S a candidate
        cases = {c for c in (char, char.lower(), char.upper()) if len(c) == 1}
        if len(folded) == 1:
            same.setdefault(folded.lower(), set()).update(cases)
        else:
            multi.update(cases)
    classes = {k: "".join(sorted(v | {k, k.upper()})) for k, v in same.items()}
    return classes, "".join(sorted(multi))


def _char_class(folded_char: str) -> str:
    classes, _ = _fold_classes()
    chars = classes.get(folded_char, folded_char + folded_char.upper())
    return "[" + re.escape(chars) + "]"


def _candidate_regex(prefixes: set[str], multi: bool) -> re.Pattern[str] | None:
    """Matches at the start of every token whose folded form may begin with a prefix.

    A number's term is its canonical spelling ("27595" for "27 595"), so any
    digit starts a candidate when a prefix is a number's. With ``multi``,
    tokens with a letter that folds to two ("cœur" is "coeur") near their
    start are candidates too: slower to scan, so only for texts that have one.
    """
    if not prefixes:
        return None
    alternatives = [
        r"\d" if p[:1].isdigit() else "".join(_char_class(c) for c in p) for p in sorted(prefixes)
    ]
    if multi:
        alternatives.append(r"\w{0,2}[" + re.escape(_fold_classes()[1]) + "]")
    return re.compile(r"(?<!\w)(?<!\w\.)(?:" + "|".join(alternatives) + ")")


@lru_cache(maxsize=1)
def _multi_letters() -> re.Pattern[str]:
    """Any letter that folds to two."""
    return re.compile("[" + re.escape(_fold_classes()[1]) + "]")


def _term_prefix(term: str) -> str:
    """Leading letters a term's source word surely has (stemmers change only endings)."""
    return term[: min(CANDIDATE_PREFIX, max(1, len(term) - 1))]


class QueryMatcher:
    """Decides, word by word, whether a text token is one the query looks for."""

    def __init__(self, root: QueryNode | None) -> None:
        self.words: list[str] = []
        self.surface: set[str] = set()
        self.prefixes: list[str] = []
        self.fuzzy: list[tuple[str, int]] = []
        for leaf in positive_leaves(root):
            self._add_leaf(leaf)
        self._stems: dict[str, frozenset[str]] = {}
        self._candidates: dict[tuple[str, bool], re.Pattern[str] | None] = {}
        #: group -> token -> whether it matches: the hits of one search share
        #: most of their words, and a fuzzy check costs an edit distance each.
        self._verdicts: dict[str, dict[str, bool]] = {}

    def _add_leaf(self, leaf: Word | Phrase) -> None:
        words = [m.group() for m in WORD_RE.finditer(leaf.text)]
        if leaf.field in _NAME_FIELDS:
            self.surface.update(fold_word(w) for w in words)
        elif leaf.field not in _TEXT_FIELDS:
            return
        elif isinstance(leaf, Word) and leaf.prefix:
            self.prefixes.append(fold_word(leaf.text))
        elif isinstance(leaf, Word) and leaf.fuzzy:
            self.fuzzy.append((fold_word(leaf.text), leaf.fuzzy))
        else:
            self.words.extend(words)

    @property
    def empty(self) -> bool:
        return not (self.words or self.surface or self.prefixes or self.fuzzy)

    def stems(self, group: str) -> frozenset[str]:
        if group not in self._stems:
            terms = {t for w in self.words for t in analyze_word(group, w)}
            self._stems[group] = frozenset(terms)
        return self._stems[group]

    def matches(self, token: str, group: str, stems: frozenset[str]) -> bool:
        if stems and any(t in stems for t in analyze_word(group, token)):
            return True
        if not (self.surface or self.prefixes or self.fuzzy):
            return False
        folded = fold_word(token)
        if folded in self.surface or any(folded.startswith(p) for p in self.prefixes):
            return True
        return any(
            folded[:1] == term[:1] and edit_distance(folded, term, dist) <= dist
            for term, dist in self.fuzzy
        )

    def candidates(self, group: str, multi: bool = True) -> re.Pattern[str] | None:
        """The regex of candidate tokens; ``multi`` for a text with letters that fold to two."""
        key = (group, multi)
        if key not in self._candidates:
            prefixes = {_term_prefix(t) for t in self.stems(group)}
            prefixes |= {_term_prefix(w) for w in self.surface | set(self.prefixes)}
            prefixes |= {term[:1] for term, _ in self.fuzzy}
            self._candidates[key] = _candidate_regex({p for p in prefixes if p}, multi)
        return self._candidates[key]

    def ranges(self, text: str, group: str, limit: int | None = None) -> list[tuple[int, int]]:
        """Character ranges of matching tokens in ``text`` (the first ``limit`` chars)."""
        if self.empty:
            return []
        scan = text if limit is None else text[:limit]
        candidates = self.candidates(group, multi=bool(_multi_letters().search(scan)))
        if candidates is None:
            return []
        stems = self.stems(group)
        verdicts = self._verdicts.setdefault(group, {})
        found: list[tuple[int, int]] = []
        pos = 0
        while (hit := candidates.search(scan, pos)) is not None:
            token = WORD_RE.match(scan, hit.start())
            if token is None:  # pragma: no cover - candidates start on word chars
                pos = hit.end()
                continue
            word = token.group()
            verdict = verdicts.get(word)
            if verdict is None:
                verdict = verdicts[word] = self.matches(word, group, stems)
            if verdict:
                found.append(token.span())
            pos = token.end()
        return found


def _clusters(ranges: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    clusters: list[list[tuple[int, int]]] = []
    for span in ranges:
        if clusters and span[1] - clusters[-1][0][0] <= FRAGMENT_MAX - 2 * FRAGMENT_CONTEXT:
            clusters[-1].append(span)
        else:
            clusters.append([span])
    return clusters


def _cluster_score(text: str, cluster: list[tuple[int, int]]) -> tuple[int, int]:
    distinct = {fold_word(text[s:e]) for s, e in cluster}
    return len(distinct), len(cluster)


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Context around [start, end), cut at spaces so no word is split."""
    left = max(0, start - FRAGMENT_CONTEXT)
    if left > 0:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    right = min(len(text), end + FRAGMENT_CONTEXT)
    if right < len(text):
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    return left, right


def _pieces(text: str, left: int, right: int, spans: list[tuple[int, int]]):
    pieces: list[tuple[str, bool]] = []
    cursor = left
    for start, end in spans:
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if right > cursor:
        pieces.append((text[cursor:right], False))
    return [(p.replace("\n", " "), m) for p, m in pieces]


def lead_snippet(text: str) -> list[tuple[str, bool]]:
    """The opening of the text, for hits whose body does not contain the query words."""
    if len(text) <= LEAD_CHARS:
        return [(text.replace("\n", " "), False)] if text else []
    cut = text.rfind(" ", 0, LEAD_CHARS)
    return [(text[: cut if cut > 0 else LEAD_CHARS].replace("\n", " "), False)]


def make_snippet(text: str, ranges: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Up to two fragments around the best clusters of matches, joined by " … "."""
    if not ranges:
        return lead_snippet(text)
    clusters = _clusters(ranges)
    best = sorted(clusters, key=lambda c: _cluster_score(text, c), reverse=True)[:MAX_FRAGMENTS]
    best.sort(key=lambda c: c[0][0])
    snippet: list[tuple[str, bool]] = []
    for cluster in best:
        left, right = _widen(text, cluster[0][0], cluster[-1][1])
        if snippet:
            snippet.append((SEPARATOR, False))
        snippet.extend(_pieces(text, left, right, cluster))
    return snippet
