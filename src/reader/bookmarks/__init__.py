"""Bookmarks of passages: storage, anchoring and export (no Textual here).

The API the interface and the CLI use::

    from reader.bookmarks import BookmarkStore, export_markdown, export_json

    store = BookmarkStore()          # locations.bookmarks_db(); folder created; WAL
    store.messages                   # notices for the user (a corrupt file moved aside)
    bm = store.add(article, start, end, note="*why*", tags=["budget"],
                   corpus=str(library.root))                          # committed at once
    store.update(bm.id, note="...", tags=["a", "b"])                    # -> Bookmark
    store.delete(bm.id)                                                 # -> bool
    store.get(bm.id)                                                    # -> Bookmark | None
    store.list(filter_text="merkel", tag="budget")                      # newest first
    anchor = store.resolve(bm, library.article(bm.article_id))  # Anchor(start, end, orphaned)
    group_by_corpus(store.list(), str(library.root))  # [(corpus, [Bookmark, ...]), ...]
    is_from_other_corpus(bm, str(library.root))       # True: not an orphan, just elsewhere
    export_markdown(store.list()), export_json(store.list())

Offsets are into ``Article.text``. A bookmark keeps its quote with some
context, so ``resolve`` finds the passage again after re-indexing or after
the file was edited; a passage that is gone is ``orphaned`` and is kept
with its quote, never dropped. A bookmark of another corpus is not
resolved against the open library: it is shown under its corpus's name.
Every failed read or write raises ``BookmarkStoreError`` with a message
meant for the user.
"""

from reader.bookmarks.corpora import (
    UNKNOWN_CORPUS,
    corpus_label,
    corpus_name,
    group_by_corpus,
    is_from_other_corpus,
)
from reader.bookmarks.export import export_json, export_markdown
from reader.bookmarks.models import Anchor, Bookmark
from reader.bookmarks.store import BookmarkStore, BookmarkStoreError, parse_tags

__all__ = [
    "UNKNOWN_CORPUS",
    "Anchor",
    "Bookmark",
    "BookmarkStore",
    "BookmarkStoreError",
    "corpus_label",
    "corpus_name",
    "export_json",
    "export_markdown",
    "group_by_corpus",
    "is_from_other_corpus",
    "parse_tags",
]
