"""The corpus's surface words, for prefix and fuzzy terms and did-you-mean.

The index holds stems, but ``runn*``, ``governmnt~`` and spelling corrections
are about the words people type. Indexing every word a second time, unstemmed,
cost a third of the indexing time, so instead each language group's folded
words live in a small text file beside the index (``reader-vocab-en.txt``),
appended to before each commit and loaded once. A prefix or fuzzy term is
expanded here into surface words, which are stemmed and searched in the
ordinary title/body fields. Words of deleted articles stay in the file; their
stems are simply no longer in the index.
"""

from __future__ import annotations

import bisect
import heapq
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from .analysis import LANGS, WORD_RE, analyze_word, fold_word
from .highlight import edit_distance

VOCAB_PREFIX = "reader-vocab-"
MAX_EXPANSIONS = 20
MAX_FUZZY_EXPANSIONS = 12
MAX_PREFIX_WORDS = 250
#: Stems that all prefix and fuzzy terms of one query may expand to together,
#: so that ``a* b* c* …`` stays a bounded amount of work.
MAX_QUERY_EXPANSIONS = 120


def vocab_path(index_dir: Path, group: str) -> Path:
    return index_dir / f"{VOCAB_PREFIX}{group}.txt"


class WordCollector:
    """The surface words of many documents, per language group.

    Words are gathered as written and folded once each at the end: folding
    every document's words separately was most of the cost at 10,000 articles.
    """

    def __init__(self) -> None:
        self._raw: dict[str, set[str]] = {}
        self._folded: dict[str, set[str]] = {}

    def add(self, group: str, *texts: str) -> None:
        bucket = self._raw.setdefault(group, set())
        for text in texts:
            bucket.update(WORD_RE.findall(text))

    def update(self, folded: dict[str, set[str]]) -> None:
        """Add words already folded (another collector's ``folded()``): not folded again."""
        for group, words in folded.items():
            self._folded.setdefault(group, set()).update(words)

    def folded(self) -> dict[str, set[str]]:
        """Group -> folded words, as the vocabulary stores them."""
        result = {group: set(words) for group, words in self._folded.items()}
        for group, raw in self._raw.items():
            result.setdefault(group, set()).update(folded for w in raw if (folded := fold_word(w)))
        return result


class Vocabulary:
    """Folded surface words per language group, persisted beside the index."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self.words: dict[str, set[str]] = {}
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

    def new_words(self, group: str, words: set[str]) -> set[str]:
        """Those of ``words`` not yet in the group's vocabulary (nothing is changed)."""
        return words - self.group_words(group)

    def append(self, group: str, words: set[str]) -> None:
        """Persist and remember new words (call before committing their documents)."""
        if not words:
            return
        with vocab_path(self.index_dir, group).open("a", encoding="utf-8") as handle:
            handle.write("".join(f"{w}\n" for w in sorted(words)))
        self.group_words(group).update(words)
        self._sorted.pop(group, None)
        self._buckets.pop(group, None)

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

    def _spend(self, stems: list[str]) -> list[str]:
        granted = stems[: max(self.budget, 0)]
        self.budget -= len(granted)
        return granted

    def frequency(self, group: str, stem: str) -> int:
        reader = self.reader
        return reader.doc_frequency(f"body_{group}", stem) + reader.doc_frequency(
            f"title_{group}", stem
        )

    def stems(self, group: str, words: Iterable[str]) -> list[str]:
        return list(dict.fromkeys(t for w in words for t in analyze_word(group, w)))

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

    def known(self, word: str) -> bool:
        """Whether some article (still) contains ``word``."""
        for group in LANGS:
            if word in self.vocab.group_words(group):
                stems = analyze_word(group, word)
                if not stems or any(self.frequency(group, s) for s in stems):
                    return True
        return False

    def correction(self, word: str, maxdist: int = 2) -> str | None:
        """The closest, then most frequent, word in the index other than ``word``."""
        best: tuple[int, int, str] | None = None
        for group in LANGS:
            for dist, candidate in self.vocab.within(group, word, maxdist):
                if candidate == word:
                    continue
                stems = analyze_word(group, candidate)
                freq = max((self.frequency(group, s) for s in stems), default=0)
                key = (dist, -freq, candidate)
                if freq and (best is None or key < best):
                    best = key
        return best[2] if best else None
