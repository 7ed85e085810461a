"""Shape features of one block, and the context features built from its neighbours.

Every feature is generic: lengths, punctuation, case, digits, function-word
density, cue phrases, repetition and position. Nothing names a site.
"""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

from reader.cleaning.cues import SEPARATOR, WIDGET_CUES, cue_reason

#: Punctuation trimmed from the ends of whitespace-separated tokens.
_EDGE = "\"'«»“”‘’()[]{}.,;:!?…-–—|/\\*•·<>›‹+=#%&"
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
_SENTENCE_END = frozenset('.!?。！？…"”»')
#: Counted with ``str.count``, which is much faster than a regular expression.
_SENTENCE_STOPS = (". ", "! ", "? ", '." ', ".» ", ".” ", "。", "！", "？")
_COMMAS = ",;，、；"
_MENU_MARKS = "|»›>•·/\\"
_DIGITS = "0123456789"
_URL_HINTS = ("http", "www.", ".com", ".org", ".net", ".htm", "@")
_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{1,4}\b|\b\d{1,2}:\d{2}\b")
_SAMPLE_CHARS = 300
_TITLE_SAMPLE_CHARS = 200


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: Frequent function words; their density tells running prose from menus and labels.
STOP_WORDS = {
    "en": _word_set(
        "the a an and or but of to in on at for with from by as is are was were be been has "
        "have had it its this that these those he she they we you i his her their our not no "
        "will would can could said says which who what when where there than then also after "
        "about into over"
    ),
    "fr": _word_set(
        "le la les un une des de du d l et ou mais à au aux en dans sur pour par avec sans ce "
        "cette ces il elle ils elles nous vous on je son sa ses leur leurs est sont a ont été "
        "être qui que qu ne pas plus se s y dont comme aussi après selon lors entre"
    ),
}


LOCAL_NAMES = [
    "log_chars",
    "log_words",
    "ends_sentence",
    "sentences_per_word",
    "commas_per_word",
    "digit_ratio",
    "capital_word_ratio",
    "stop_ratio",
    "short_word_ratio",
    "mean_word_len",
    "cjk_ratio",
    "separator",
    "menu_marks",
    "url",
    "date",
    "cue_widget",
    "cue_credit",
]


def local_features(text: str, lang: str) -> tuple[list[float], str | None]:
    """Shape features of a block and the reason its cue names (if any)."""
    stripped = text.strip()
    n_chars = len(stripped)
    # Ratios are measured on the head of long blocks: enough to tell prose, and cheap.
    sample = stripped[:_SAMPLE_CHARS]
    sample_chars = max(len(sample), 1)
    cjk = 0 if sample.isascii() else len(_CJK.findall(sample))
    words = _words(sample, cjk > 0)
    sample_words = len(words) + cjk / 2.0
    per_word = 1.0 / max(sample_words, 1.0)
    n_words = sample_words * n_chars / sample_chars
    reason = cue_reason(stripped)
    digits = sum(map(sample.count, _DIGITS))
    lowered = sample.lower()
    return [
        math.log1p(n_chars),
        math.log1p(n_words),
        1.0 if stripped and stripped[-1] in _SENTENCE_END else 0.0,
        _sentence_stops(sample) * per_word,
        sum(map(sample.count, _COMMAS)) * per_word,
        digits / sample_chars,
        *_word_ratios(words, STOP_WORDS.get(lang)),
        cjk / sample_chars,
        1.0 if SEPARATOR.match(stripped) else 0.0,
        min(sum(map(sample.count, _MENU_MARKS)), 5) / 5.0,
        1.0 if any(hint in lowered for hint in _URL_HINTS) else 0.0,
        1.0 if digits and _DATE.search(sample) else 0.0,
        1.0 if reason in WIDGET_CUES else 0.0,
        1.0 if reason is not None and reason not in WIDGET_CUES else 0.0,
    ], reason


def _words(sample: str, has_cjk: bool) -> list[str]:
    """Whitespace tokens trimmed of punctuation that start with a letter; CJK runs left out."""
    tokens = [token.strip(_EDGE) for token in sample.split()]
    words = [token for token in tokens if token and token[0].isalpha()]
    return [word for word in words if not _CJK.search(word)] if has_cjk else words


def _sentence_stops(sample: str) -> int:
    ends = 1 if sample[-1:] in (".", "!", "?") else 0
    return sum(map(sample.count, _SENTENCE_STOPS)) + ends


def _word_ratios(words: list[str], stop_list: frozenset[str] | None) -> list[float]:
    """Capitalised, function-word and short-word shares, and mean word length / 10.

    Written with ``map`` over builtins: this runs on every block of every article.
    """
    if not words:
        return [0.0, 0.0, 0.0, 0.0]
    n = len(words)
    lengths = list(map(len, words))
    capital = sum(map(str.isupper, (word[0] for word in words)))
    short = sum(map((3).__ge__, lengths))
    stop = sum(map(stop_list.__contains__, map(str.lower, words))) if stop_list else 0
    return [capital / n, stop / n, short / n, sum(lengths) / n / 10.0]


def _window_means(values: np.ndarray, windows: list[tuple[int, int]]) -> list[np.ndarray]:
    """For each (before, after), the mean of each column over rows i-before .. i+after.

    Windows are clipped at the edges and include row i itself, so a block
    without neighbours (a one-paragraph article) is its own context.
    """
    n = values.shape[0]
    padded = np.zeros((n + 1, values.shape[1]))
    np.cumsum(values, axis=0, out=padded[1:])
    index = np.arange(n)
    means = []
    for before, after in windows:
        low = np.maximum(index - before, 0)
        high = np.minimum(index + after + 1, n)
        means.append((padded[high] - padded[low]) / (high - low)[:, None])
    return means


#: Columns of the local features averaged over neighbours (prose-likeness signals).
_CONTEXT_COLUMNS = [0, 2, 3, 7, 8, 15, 18]


def context_features(local: np.ndarray) -> np.ndarray:
    """Neighbour means over small and wide windows, and the prose mass before and after."""
    local.shape[0]
    core = local[:, _CONTEXT_COLUMNS]
    parts = _window_means(core, [(1, 0), (0, 1), (3, 3), (10, 10)])
    long_enough = local[:, 0] > math.log1p(80)
    prose = long_enough * (local[:, 2] + local[:, 3] > 0.5) * np.expm1(local[:, 0])
    total = prose.sum() or 1.0
    before = (np.cumsum(prose) - prose) / total
    after = 1.0 - before - prose / total
    # No absolute position: a clean article ends with its last paragraph, where a web page
    # has its footer, so "near the end" must not mean "boilerplate".
    return np.hstack([*parts, before[:, None], after[:, None]])


def _token_set(text: str) -> frozenset[str]:
    lowered = text[:_TITLE_SAMPLE_CHARS].lower()
    tokens = {token.strip(_EDGE) for token in lowered.split()}
    if not lowered.isascii():
        tokens.update(_CJK.findall(lowered))
    tokens.discard("")
    return frozenset(tokens)


def title_overlap(title: str, texts: list[str]) -> np.ndarray:
    """Share of each block's tokens found in the title line (the in-page headline scores high)."""
    title_tokens = _token_set(title)
    out = np.zeros(len(texts))
    if not title_tokens:
        return out
    for index, text in enumerate(texts):
        tokens = _token_set(text)
        if tokens:
            out[index] = len(tokens & title_tokens) / max(len(tokens), len(title_tokens) * 0.5)
    return out.clip(max=1.0)


def document_features(
    local: np.ndarray, frequencies: np.ndarray, repeats: np.ndarray, title_match: np.ndarray
) -> np.ndarray:
    """All features of a document's blocks: local shape, repetition, title match and context.

    ``frequencies`` are cross-document frequencies (1 when only this document
    has the line), ``repeats`` how often the line occurs in this document.
    A long prose block seen in a few documents is syndicated text, not
    furniture, so its cross-document signal is only trusted when it is frequent.
    """
    long_prose = (local[:, 0] > math.log1p(150)) & ((local[:, 2] > 0) | (local[:, 3] > 0))
    shared = np.maximum(frequencies - 1, 0)
    shared = np.where(long_prose & (shared < 5), 0, shared)
    seen_title = np.maximum.accumulate(title_match) > 0.6
    after_title: Any = (
        np.concatenate([[0.0], seen_title[:-1].astype(float)]) if len(title_match) else []
    )
    repetition = np.column_stack(
        [
            np.log1p(shared),
            (shared > 0).astype(float),
            np.log1p(repeats - 1),
            title_match,
            after_title,
        ]
    )
    return np.hstack([local, repetition, context_features(np.hstack([local, repetition]))])


def probability_context(probabilities: np.ndarray) -> np.ndarray:
    """Second-stage features: the first-stage scores of the neighbours, near and far.

    A block between confident paragraphs is likely text even when its own
    shape is unclear (a subheading); one inside a run of menu entries is not.
    """
    p = probabilities[:, None]
    n = len(probabilities)
    previous = np.concatenate([[0.0], probabilities[:-1]]) if n else probabilities
    following = np.concatenate([probabilities[1:], [0.0]]) if n else probabilities
    confident = (probabilities > 0.5).astype(float)
    seen_before = np.cumsum(confident) - confident
    seen_after = confident.sum() - np.cumsum(confident)
    return np.hstack(
        [
            p,
            previous[:, None],
            following[:, None],
            *_window_means(p, [(2, 2), (5, 5), (15, 15)]),
            np.log1p(seen_before)[:, None],
            np.log1p(seen_after)[:, None],
        ]
    )
