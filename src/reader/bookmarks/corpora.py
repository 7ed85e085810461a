"""Which corpus a bookmark belongs to, and the bookmarks list grouped by corpus.

A bookmark of another corpus is not an orphan: its article is simply not in
the library that is open. The interface shows the open corpus's bookmarks
first and the others grouped under their corpus's name.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from reader.bookmarks.models import Bookmark
from reader.corpus.textnorm import fold

UNKNOWN_CORPUS = ""


def corpus_name(corpus: str) -> str:
    """The name people know a corpus by: the last component of its root folder.

    Empty for an unknown corpus; the whole path for a root such as ``/``.
    """
    if corpus == UNKNOWN_CORPUS:
        return ""
    return PurePath(corpus).name or corpus


def corpus_label(corpus: str) -> str:
    """``name (root folder)``; ``unknown`` for a bookmark made before corpora were recorded."""
    return f"{corpus_name(corpus)} ({corpus})" if corpus != UNKNOWN_CORPUS else "unknown"


def is_from_other_corpus(bookmark: Bookmark, current_corpus: str) -> bool:
    """True when the bookmark is known to belong to a corpus other than ``current_corpus``.

    Such a bookmark must not be resolved against the open library (its article
    is elsewhere, not gone). A bookmark of unknown corpus is not "other": it
    may well be from the open one.
    """
    return bookmark.corpus != UNKNOWN_CORPUS and bookmark.corpus != current_corpus


def group_by_corpus(
    bookmarks: Iterable[Bookmark], current_corpus: str
) -> list[tuple[str, list[Bookmark]]]:
    """``(corpus, bookmarks)`` groups: ``current_corpus`` first, then the other corpora
    by name (folded, then by full path), then the bookmarks of unknown corpus
    (``""``). Bookmarks keep their given order inside a group; only groups
    with bookmarks are returned.
    """
    groups: dict[str, list[Bookmark]] = {}
    for bookmark in bookmarks:
        groups.setdefault(bookmark.corpus, []).append(bookmark)

    def place(corpus: str) -> tuple[int, str, str]:
        if corpus == current_corpus and corpus != UNKNOWN_CORPUS:
            return (0, "", "")
        if corpus == UNKNOWN_CORPUS:
            return (2, "", "")
        return (1, fold(corpus_name(corpus)), corpus)

    return [(corpus, groups[corpus]) for corpus in sorted(groups, key=place)]
