"""The seam between reader and a search engine.

Everything outside ``reader.search`` talks to an engine through
``SearchEngine``: the indexing phases write ``IndexDoc``s through it, the
library and the interface search through it. The Whoosh index of one corpus
(``reader.search.whoosh_backend``) is today's only engine; a shared archive
on a distributed engine (OpenSearch, say) would be a second class with the
same methods, chosen in ``reader.search.open_engine``.

Bulk loading has two halves because the text phase cleans articles in
worker processes: a ``BatchWriter`` (picklable, sent to the workers) turns
documents into a ``WrittenBatch`` there (for Whoosh, a finished segment in a
scratch folder; an engine with a network API could simply carry the
documents back), and the parent adds each batch in input order with
``add_batch``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from .model import Filters, IndexDoc, SearchResults

SortOrder = Literal["rank", "date"]
#: "pending" until the entity phase has written the article's entities, then "done".
EntityState = Literal["pending", "done"]
#: What the engine holds of one article: (content hash, entity state).
IndexedVersion = tuple[str, str]
#: Given a written batch's (id, content hash) pairs, the ids that are no
#: longer current and the documents to write in their place.
CurrentCheck = Callable[[list[tuple[str, str]]], tuple[set[str], Iterable[IndexDoc]]]


class SearchEngineError(Exception):
    """The engine cannot be used at all (not the index: a broken index is rebuilt).

    The message names what is wrong and what to do.
    """


@dataclass(frozen=True, slots=True)
class SearchRequest:
    """One query and how to answer it."""

    query: str
    filters: Filters | None = None
    sort: SortOrder = "rank"
    limit: int = 20
    offset: int = 0
    #: Count the matches per date too (``SearchResults.dates``: the interface's timeline).
    dates: bool = False


@dataclass(frozen=True, slots=True)
class SimilarRequest:
    """ "More like this": the articles closest to a text (an article, a passage)."""

    text: str
    #: The text's language code ("en", "fr", ...); None to detect it from the text.
    lang: str | None = None
    #: An indexed article never to return (the one the text comes from).
    exclude_id: str | None = None
    filters: Filters | None = None
    limit: int = 20
    offset: int = 0


class WrittenBatch(Protocol):
    """Documents made ready for the index by a ``BatchWriter``, in a worker process."""

    #: (id, content hash) of each document, in the order given to the writer.
    versions: list[tuple[str, str]]


class BatchWriter(Protocol):
    """Prepares documents for the index inside a worker process; must pickle."""

    def write(self, docs: Iterable[IndexDoc]) -> WrittenBatch | None:
        """The batch of ``docs``; None when there are none."""
        ...


class SearchEngine(Protocol):
    """A full-text index of one corpus's articles."""

    #: Why the engine's stored index was unusable and rebuilt empty on opening, or None.
    rebuilt: str | None

    def close(self) -> None: ...

    # writing -------------------------------------------------------------
    def add(self, docs: Iterable[IndexDoc]) -> None:
        """Add or replace documents by id (with their entities when "done")."""
        ...

    def add_entities(self, docs: Iterable[IndexDoc]) -> None:
        """Replace only the entities of documents whose text is indexed already."""
        ...

    def delete(self, ids: Iterable[str]) -> None: ...

    def batch_writer(self, scratch: Path) -> BatchWriter:
        """A writer for worker processes; ``scratch`` is a folder the caller owns for the run
        (on the index's file system), which the writer may use until the run ends."""
        ...

    def add_batch(self, batch: WrittenBatch, current: CurrentCheck) -> None:
        """Add a batch a ``BatchWriter`` wrote, replacing older versions of its documents.

        ``current`` is called while the index is locked against other
        writers: the ids it returns have changed since the batch was written
        and are replaced by the documents it gives.
        """
        ...

    # reading -------------------------------------------------------------
    def stored(self) -> dict[str, IndexedVersion]:
        """id -> (content hash, entity state) of every indexed document."""
        ...

    def doc_count(self) -> int: ...

    def version(self) -> str:
        """A token that differs whenever the index was written to or rebuilt since."""
        ...

    def search(self, request: SearchRequest) -> SearchResults:
        """Answer a query; never raises for any query string (problems go in ``error``)."""
        ...

    def more_like(self, request: SimilarRequest) -> SearchResults:
        """The articles closest to a text, ranked by its most telling words.

        ``SearchResults.query`` holds those words; never raises for any text.
        """
        ...

    def highlight_ranges(self, query: str, text: str, lang: str) -> list[tuple[int, int]]:
        """Character ranges of ``text`` that the query's words match."""
        ...

    def name_matches(self, name: str, text: str) -> bool:
        """Whether the name ``name``, taken as one phrase (``said:"name"``, ``person:"name"``),
        matches the name ``text``: its words, folded as the index folds names, in a row."""
        ...
