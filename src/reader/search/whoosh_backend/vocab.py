"""The corpus's surface words, for prefix and fuzzy terms and did-you-mean.

The index holds stems, but ``runn*``, ``governmnt~`` and spelling corrections
are about the words people type. Indexing every word a second time, unstemmed,
cost a third of the indexing time, so instead each language group's folded
words live in a small text file beside the index (``reader-vocab-en.txt``),
appended to before each commit and loaded once. A prefix or fuzzy term is
expanded here into surface words, which are stemmed and searched in the
ordinary title/body fields. Words of deleted articles stay in the file; their
stems are simply no longer in the index.

Did-you-mean offers a word as the articles write it ("désinformation", not
its folded "desinformation"): the spelling of each folded word that differs
from it (accents, ligatures) is kept in a second file
(``reader-vocab-spellings-fr.txt``, one "folded TAB spelling" a line), read
only when a suggestion is made.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from .analysis import LANGS, analyze_word, fold_word, text_words
from .highlight import edit_distance

VOCAB_PREFIX = "reader-vocab-"
SPELLINGS = "spellings-"
MAX_EXPANSIONS = 20
MAX_FUZZY_EXPANSIONS = 12
MAX_PREFIX_WORDS = 250
#: Stems that all prefix and fuzzy terms of one query may expand to together,
#: so that ``a* b* c* …`` stays a bounded amount of work.
MAX_QUERY_EXPANSIONS = 120


def vocab_path(index_dir: Path, group: str) -> Path:
    return index_dir / f"{VOCAB_PREFIX}{group}.txt"


def spellings_path(index_dir: Path, group: str) -> Path:
    return index_dir / f"{VOCAB_PREFIX}{SPELLINGS}{group}.txt"


#: Folded word -> its spelling in the articles, or "" when that is the folded word itself.
Words = dict[str, str]


class WordCollector:
    """The surface words of many documents, per language group.

    Words are gathered as written and folded once each at the end: folding
    every document's words separately was most of the cost at 10,000 articles.
    """

    def __init__(self) -> None:
        self._raw: dict[str, set[str]] = {}
        self._folded: dict[str, Words] = {}

    def add(self, group: str, *texts: str) -> None:
        bucket = self._raw.setdefault(group, set())
        for text in texts:
            bucket.update(text_words(text))

    def update(self, folded: dict[str, Words]) -> None:
        """Add words already folded (another collector's ``folded()``): not folded again."""
        for group, words in folded.items():
            _merge(self._folded.setdefault(group, {}), words)

    def folded(self) -> dict[str, Words]:
        """Group -> folded words and their spellings, as the vocabulary stores them."""
        result = {group: dict(words) for group, words in self._folded.items()}
        for group, raw in self._raw.items():
            found: Words = {}
            for word in raw:
                folded = fold_word(word)
                if folded and not any(c.isspace() for c in folded):  # "27 595" is no word
                    lower = word.lower()
                    found[folded] = max(found.get(folded, ""), "" if lower == folded else lower)
            _merge(result.setdefault(group, {}), found)
        return result


def _merge(into: Words, words: Words) -> None:
    """Add ``words``, keeping one spelling per word (the same whatever the order)."""
    for folded, spelling in words.items():
        into[folded] = max(into.get(folded, ""), spelling)


class Vocabulary:
    """Folded surface words per language group, persisted beside the index."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self.words: dict[str, set[str]] = {}
        self._spellings: dict[str, dict[str, str]] = {}
        self._sorted: dict[str, list[str]] = {}
        self._buckets: dict[str, dict[str, list[str]]] = {}

    def group_words(self, group: str) -> set[str]:
        """The group's words (loaded from disk on first use)."""
        if group not in self.words:
            path = vocab_path(self.index_dir, group)
            try:
                text = path.read_text("utf-8", errors="replace")
            except OSError:
                text = ""
            self.words[group] = set(text.split())
        return self.words[group]

    def spellings(self, group: str) -> dict[str, str]:
        """Folded word -> spelling, for the group's words written otherwise (loaded once)."""
        if group not in self._spellings:
            found: dict[str, str] = {}
            try:
                text = spellings_path(self.index_dir, group).read_text("utf-8", errors="replace")
            except OSError:
                text = ""
            for line in text.splitlines():
                folded, _, spelling = line.partition("\t")
                if spelling:
                    found[folded] = spelling
            self._spellings[group] = found
        return self._spellings[group]

    def spelling(self, group: str, folded: str) -> str:
        """How the articles write a folded word of the group."""
        return self.spellings(group).get(folded, folded)

    def new_words(self, group: str, words: Words) -> Words:
        """Those of ``words`` the group's vocabulary lacks, or lacks the spelling of
        (nothing is changed)."""
        known, spellings = self.group_words(group), self.spellings(group)
        return {
            folded: spelling
            for folded, spelling in words.items()
            if folded not in known or (spelling and folded not in spellings)
        }

    def append(self, group: str, words: Words) -> None:
        """Persist and remember new words (call before committing their documents)."""
        known = self.group_words(group)
        fresh = sorted(w for w in words if w not in known)
        spelled = {w: s for w, s in words.items() if s and w not in self.spellings(group)}
        if fresh:
            with vocab_path(self.index_dir, group).open("a", encoding="utf-8") as handle:
                handle.write("".join(f"{w}\n" for w in fresh))
            known.update(fresh)
            self._sorted.pop(group, None)
            self._buckets.pop(group, None)
        if spelled:
            with spellings_path(self.index_dir, group).open("a", encoding="utf-8") as handle:
                handle.write("".join(f"{w}\t{s}\n" for w, s in sorted(spelled.items())))
            self.spellings(group).update(spelled)

    def prefixed(self, group: str, prefix: str) -> list[str]:
        """Words starting with ``prefix`` (alphabetical, at most MAX_PREFIX_WORDS)."""
        if group not in self._sorted:
            self._sorted[group] = sorted(self.group_words(group))
        ordered = self._sorted[group]
        start = bisect.bisect_left(ordered, prefix)
        found = []
        for word in ordered[start : start + MAX_PREFIX_WORDS]:
            if not word.startswith(prefix):
                break
            found.append(word)
        return found

    def within(self, group: str, word: str, maxdist: int) -> list[tuple[int, str]]:
        """(distance, word) of known words within ``maxdist`` edits, same first letter."""
        if group not in self._buckets:
            buckets: dict[str, list[str]] = defaultdict(list)
            for known in self.group_words(group):
                buckets[known[:1]].append(known)
            self._buckets[group] = dict(buckets)
        letters = set(word)
        found = []
        for candidate in self._buckets[group].get(word[:1], ()):
            if abs(len(candidate) - len(word)) > maxdist:
                continue
            # one edit changes at most two letters of the set difference
            if len(letters.symmetric_difference(candidate)) > 2 * maxdist:
                continue
            dist = edit_distance(word, candidate, maxdist)
            if dist <= maxdist:
                found.append((dist, candidate))
        return found


class Expander:
    """Turns prefix and fuzzy terms into index stems, using one searcher's reader."""

    def __init__(self, reader, vocab: Vocabulary) -> None:
        self.reader = reader
        self.vocab = vocab
        self.budget = MAX_QUERY_EXPANSIONS
        #: Whether the budget has run out (an expansion was cut short).
        self.exhausted = False

    def _spend(self, stems: list[str]) -> list[str]:
        granted = stems[: max(self.budget, 0)]
        self.budget -= len(granted)
        self.exhausted = self.exhausted or len(granted) < len(stems)
        return granted

    def frequency(self, group: str, stem: str) -> int:
        reader = self.reader
        return reader.doc_frequency(f"body_{group}", stem) + reader.doc_frequency(
            f"title_{group}", stem
        )

    def stems(self, group: str, words: Iterable[str]) -> list[str]:
        """The index stems of ``words`` that some article (still) holds."""
        found = dict.fromkeys(t for w in words for t in analyze_word(group, w))
        return [stem for stem in found if self.frequency(group, stem)]

    def prefix(self, group: str, prefix: str) -> list[str]:
        """Stems of the known words starting with ``prefix`` (the most frequent if many)."""
        stems = self.stems(group, self.vocab.prefixed(group, prefix))
        if len(stems) > MAX_EXPANSIONS:
            stems = heapq.nlargest(MAX_EXPANSIONS, stems, key=lambda s: self.frequency(group, s))
        return self._spend(stems)

    def fuzzy(self, group: str, word: str, maxdist: int) -> list[str]:
        """Stems of the known words within ``maxdist`` edits, closest first."""
        near = sorted(self.vocab.within(group, word, maxdist))
        return self._spend(self.stems(group, (w for _d, w in near))[:MAX_FUZZY_EXPANSIONS])

    def known(self, word: str, groups: Iterable[str] = LANGS) -> bool:
        """Whether some article of the groups (still) contains ``word``."""
        for group in groups:
            if word in self.vocab.group_words(group):
                stems = analyze_word(group, word)
                if not stems or any(self.frequency(group, s) for s in stems):
                    return True
        return False

    def correction(self, word: str, maxdist: int, groups: Iterable[str]) -> str | None:
        """The closest, then most frequent, word of the groups' articles other than
        ``word``, spelled as they write it; None if none is within ``maxdist`` edits."""
        best: tuple[int, int, str, str] | None = None
        for group in groups:
            for dist, candidate in self.vocab.within(group, word, maxdist):
                if candidate == word:
                    continue
                stems = analyze_word(group, candidate)
                freq = max((self.frequency(group, s) for s in stems), default=0)
                key = (dist, -freq, candidate, group)
                if freq and (best is None or key < best):
                    best = key
        return self.vocab.spelling(best[3], best[2]) if best else None
