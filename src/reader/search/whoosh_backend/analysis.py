"""Text analysis shared by indexing, querying and highlighting.

Every analyzer folds case and accents *before* stemming and stop-word
removal, ligatures and the sharp s included (``œuvre`` is ``oeuvre``,
``Straße`` is ``strasse``). Folding first means the stemmer always sees the same input whether
or not the user typed the accents, so ``regulee`` and ``régulée`` reduce to
the same term; stemming first would let the French stemmer treat ``é`` and
``e`` differently (it does: ``régulée`` -> ``régul`` but ``regulee`` ->
``regule``). The stop lists are folded too so ``été`` and ``ete`` agree.

This module imports whoosh at import time; only the index module imports it,
and only when an index is opened.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, Token
from whoosh.analysis.analyzers import Analyzer
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

from ..tokens import WORD_PATTERN, WORD_RE, canonical_number, is_number


@lru_cache(maxsize=4)
def text_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` (``WORD_RE``), remembered for the last few texts: a segment
    writer indexes a document's title and body (``fastformat.term_positions``), then
    gathers their words for the vocabulary (``vocab.WordCollector``). Finding the
    words twice was 6% of a segment's writing."""
    return tuple(WORD_RE.findall(text))


#: Letters whoosh's accent map leaves whole (or folds to one letter: ß -> s),
#: written out as they are when typed without them.
_TWO_LETTER_FOLDS = {
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss", "ĳ": "ij", "Ĳ": "ij",
    "ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st",
}  # fmt: skip
#: Case-folded text -> accent- and ligature-folded text (``str.translate`` table).
FOLD_MAP: dict[int, str] = {**accent_map, **{ord(k): v for k, v in _TWO_LETTER_FOLDS.items()}}

#: Language groups that get their own body/title fields. Anything else is "xx".
LANGS = ("en", "fr", "xx")

#: Words that the French stop list borrows from English; they are real French
#: tokens often enough in news ("US", "it") that we keep them searchable.
_ENGLISH_IN_FRENCH_STOPS = {
    "with", "us", "to", "as", "or", "of", "we", "have", "it", "not", "for", "and",
    "can", "is", "may", "an", "if", "are", "on", "you", "at", "in", "when", "this",
    "from", "by", "will", "tbd", "be", "yet", "the", "that", "your", "me", "a", "t", "s",
}  # fmt: skip


#: Snowball's names of the stemmed language groups' algorithms.
_SNOWBALL_NAMES = {"en": "english", "fr": "french"}


def snowball_stemmer(lang: str) -> Callable[[str], str]:
    """Snowball's own C stemmer for ``lang`` (PyStemmer), one instance per thread.

    The same algorithms as whoosh's pure-Python port (they differ on a few
    words that start with "y"), about six times faster: the text phase stems
    every distinct word of its articles, which took a twentieth of its time.
    PyStemmer's objects are not thread-safe, and the interface analyses
    queries in worker threads while a thread indexes.
    """
    import Stemmer

    name, local = _SNOWBALL_NAMES[lang], threading.local()

    def stem(word: str) -> str:
        try:
            stemmer = local.stemmer
        except AttributeError:
            stemmer = local.stemmer = Stemmer.Stemmer(name, 0)  # no cache: callers memoise
        return stemmer.stemWord(word)

    return stem


def lang_group(lang: str | None) -> str:
    """Map an article language code to the field group that indexes it."""
    code = (lang or "").strip().lower()[:2]
    return code if code in ("en", "fr") else "xx"


def _fold_filter() -> CharsetFilter:
    return CharsetFilter(FOLD_MAP)


def _folded_stops(lang: str) -> frozenset[str]:
    if lang not in _SNOWBALL_NAMES:
        return frozenset()
    stops = set(stopwords_for_language(lang))
    if lang == "fr":
        stops -= _ENGLISH_IN_FRENCH_STOPS
    return frozenset(w.translate(FOLD_MAP) for w in stops)


def _tokenizer() -> RegexTokenizer:
    return RegexTokenizer(WORD_PATTERN)


class StemmingAnalyzer(Analyzer):
    """Tokenize, lowercase, fold accents, drop stop words, Snowball-stem: in one loop.

    For words, the same terms and positions as ``RegexTokenizer |
    LowercaseFilter | CharsetFilter | StopFilter(minsize=2) | StemFilter``
    (stop words removed and positions renumbered, as StopFilter does); a
    number is never a stop word and its term is its canonical spelling in the
    language (see ``reader.search.tokens``). About three times faster than the chain:
    one generator instead of five, and each word's analysis (``analyse_word``:
    folded text or stem, and whether it is a stop word) memoised in a C-level
    LRU cache rather than whoosh's pure-Python LFU stem cache (the profile of
    the text phase put analysis at over a third of indexing, the stemmer cache
    alone at a tenth). ``fastformat`` builds postings from ``analyse_word`` too.
    Only ``lang`` is pickled into the index schema. A language without a
    Snowball stemmer here ("xx") is only folded.
    """

    is_morph = True

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._setup()

    def _setup(self) -> None:
        lang = self.lang
        stops = _folded_stops(lang)
        stem = snowball_stemmer(lang) if lang in _SNOWBALL_NAMES else _unchanged

        @lru_cache(maxsize=400_000)
        def analyse_word(word: str) -> tuple[str, bool]:
            if word[:1].isdigit() and is_number(word):
                return canonical_number(word, lang), False
            text = word.lower().translate(FOLD_MAP)
            stopped = len(text) < 2 or text in stops
            return (text if stopped else stem(text)), stopped

        self.analyse_word = analyse_word

    def __getstate__(self) -> dict:
        return {"lang": self.lang}

    def __setstate__(self, state: dict) -> None:
        self.lang = state["lang"]
        self._setup()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, StemmingAnalyzer) and other.lang == self.lang

    def __hash__(self) -> int:
        return hash(("StemmingAnalyzer", self.lang))

    def __repr__(self) -> str:
        return f"StemmingAnalyzer({self.lang!r})"

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        analyse_word = self.analyse_word
        matches: Iterable[Any] = WORD_RE.finditer(value) if tokenize else [_Whole(value)]
        pos = None
        for index, match in enumerate(matches):
            word = match.group(0)
            token.text, stopped = analyse_word(word)
            if stopped and removestops:
                continue
            token.stopped = stopped
            token.boost = 1.0
            if keeporiginal or not tokenize:  # whoosh keeps a whole value's original
                token.original = word
            if positions:
                if stopped:
                    token.pos = start_pos + index
                else:
                    pos = start_pos + index if pos is None else pos + 1
                    token.pos = pos
            if chars:
                token.startchar = start_char + match.start()
                token.endchar = start_char + match.end()
            yield token


def _unchanged(word: str) -> str:
    return word


class _Whole:
    """A whole value as one regex-match-like token (``tokenize=False``)."""

    def __init__(self, value: str) -> None:
        self.value = value

    def group(self, _index: int) -> str:
        return self.value

    def start(self) -> int:
        return 0

    def end(self) -> int:
        return len(self.value)


def stemming_analyzer(lang: str) -> StemmingAnalyzer:
    """Lowercase, fold accents, drop stop words, Snowball-stem (``en`` or ``fr``)."""
    return StemmingAnalyzer(lang)


class _NumberFilter(Filter):
    """Gives number tokens their canonical spelling (see ``reader.search.tokens``)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def __call__(self, tokens):
        for token in tokens:
            if is_number(token.text):
                token.text = canonical_number(token.text, self.lang)
            yield token


def reference_stemming_analyzer(lang: str):
    """The whoosh filter chain StemmingAnalyzer reproduces (kept for the equivalence test)."""
    from whoosh.analysis import StemFilter, StopFilter

    return (
        _tokenizer()
        | LowercaseFilter()
        | _fold_filter()
        | StopFilter(stoplist=_folded_stops(lang), minsize=2)
        | _NumberFilter(lang)
        | StemFilter(stemfn=snowball_stemmer(lang), cachesize=100_000)
    )


def folding_analyzer():
    """Lowercase and fold accents only: for unknown languages, names and surface words."""
    return _tokenizer() | LowercaseFilter() | _fold_filter()


@lru_cache(maxsize=8)
def analyzer_for(group: str) -> StemmingAnalyzer:
    """The body/title analyzer of a language group; cached so fields share instances."""
    return StemmingAnalyzer(group)


@lru_cache(maxsize=1)
def surface_analyzer():
    return folding_analyzer()


@lru_cache(maxsize=200_000)
def analyze_word(group: str, word: str) -> tuple[str, ...]:
    """Index terms of a query or text word in a language group (may be empty: a stop word)."""
    return tuple(t.text for t in analyzer_for(group)(word))


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """Surface form as the unstemmed fields index it (lowercase, accents folded).

    A single word (most calls: the vocabulary, snippets, highlighting) is
    folded directly, as the analyzer's filters would fold its one token;
    anything else goes through the analyzer.
    """
    if WORD_RE.fullmatch(word):
        return word.lower().translate(FOLD_MAP)
    return "".join(t.text for t in surface_analyzer()(word))
