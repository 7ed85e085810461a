"""Entity extraction in long-lived worker processes.

``nlp.pipe(..., n_process=N)`` forks N fresh workers on every call and sends
each parsed ``Doc`` back to the parent, which then does the entity clean-up
alone: called once per batch, the entity phase of 10,000 articles kept about
one core busy out of two. Here each worker loads its models once, runs the
whole extraction (model and clean-up) and sends back only the entities, while
the parent writes the store and the search index. Workers are started with
``spawn``: the interface runs the phase from a thread, and forking a
multi-threaded process is unsafe.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

from reader.corpus.models import Entity, Quote
from reader.indexing.procs import spawn_pool, submit_ahead, terminate_pool

if TYPE_CHECKING:
    from reader.entities.extract import EntityExtractor

Tag = TypeVar("Tag")
#: (language, an article's ``entity_text``, where its body starts in it).
Items = list[tuple[str, str, int]]
#: An article's entities and quotations, with offsets into its ``entity_text``.
Findings = tuple[list[Entity], list[Quote]]

#: Tasks queued per worker ahead of the one being read: workers never wait on the parent.
READ_AHEAD = 2

_extractor = None


def find_all(extractor: EntityExtractor, items: Items) -> list[Findings]:
    """Entities, then quotations (which need the entities to name their speakers), of each
    item; in a worker or, for small runs, in the indexing process itself."""
    from reader.quotes.extract import quotes_after

    texts = [(lang, text) for lang, text, _body_start in items]
    found = extractor.extract_many(texts)
    return [
        (entities, quotes_after(text, body_start, lang, entities))
        for (lang, text, body_start), entities in zip(items, found, strict=True)
    ]


def _extract_in_worker(items: Items) -> list[Findings]:
    """Findings of each item, in a worker (models load on first use)."""
    global _extractor
    if _extractor is None:
        from reader.entities.extract import EntityExtractor

        _extractor = EntityExtractor()
    return find_all(_extractor, items)


class ExtractorPool:
    """``workers`` processes extracting entities; results come back in submission order."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self._executor = spawn_pool(self.workers)

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        if exc_type is None:
            self.close()
        else:  # failed or interrupted: what the workers hold is not wanted
            self.terminate()

    def close(self) -> None:
        """Stop the workers; tasks not yet started are dropped."""
        self._executor.shutdown(wait=True, cancel_futures=True)

    def terminate(self) -> None:
        """Stop the workers now, dropping the tasks they hold (a cancelled phase).

        ``close`` waits for the tasks already handed to the workers, two or
        three of them at a few seconds each: quitting the interface during the
        entity phase took 5 s. What they were doing is redone on the next run.
        """
        terminate_pool(self._executor)

    def extract_ordered(
        self, tasks: Iterable[tuple[Tag, Items]], cancelled: Callable[[], bool] | None = None
    ) -> Iterator[tuple[Tag, list[Findings]]]:
        """``(tag, findings per item)`` for each ``(tag, items)`` task, in input order.

        Tasks are read lazily, a few per worker ahead, so a long stream never
        sits in memory and stopping early leaves little work behind. The
        stream ends, without waiting for the task at hand, once ``cancelled()``.
        """
        ahead = self.workers * (READ_AHEAD + 1)
        return submit_ahead(self._executor, _extract_in_worker, tasks, ahead, cancelled)
