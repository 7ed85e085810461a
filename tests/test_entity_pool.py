"""The entity phase with worker processes gives what it gives in process."""

from __future__ import annotations

from pathlib import Path

import pytest

import reader.indexing.library as library_module
from reader.indexing.library import Library

pytestmark = pytest.mark.slow  # loads the spaCy models


def _entities(library: Library) -> dict[str, list[tuple[str, str, int, int]]]:
    return {
        article.id: [(e.text, e.label, e.start, e.end) for e in article.entities or []]
        for article in library.store.iter_articles()
    }


def test_pool_matches_in_process_extraction(
    seeds_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    with Library([seeds_copy], index_dir=tmp_path / "one").open() as library:
        library.sync()
        assert library.index_entities(n_process=1) == 5
        expected = _entities(library)
    # One article per task and two per commit: five tasks cross two workers, three commits.
    monkeypatch.setattr(library_module, "ENTITY_TASK", 1)
    monkeypatch.setattr(library_module, "ENTITY_BATCH", 2)
    seen: list[int] = []
    with Library([seeds_copy], index_dir=tmp_path / "two").open() as library:
        library.sync()
        done = library.index_entities(lambda _p, n, _t: seen.append(n), n_process=2)
        assert done == 5 and seen == [1, 2, 3, 4, 5]
        assert _entities(library) == expected
        assert library.pending_entities() == 0
        name = next(text for mentions in expected.values() for text, *_ in mentions)
        assert library.search(f'entity:"{name}"', limit=5).hits  # the index has them too


@pytest.mark.parametrize(
    ("pending", "n_process", "isolated", "workers"),
    [
        (0, 2, True, 0),  # nothing to do: no process
        (5, 2, True, 1),  # one task: one worker, not two
        (500, 2, True, 2),
        (5, 1, True, 1),  # the interface keeps spaCy out of its process even with one
        (5, 2, False, 0),  # one task: cheaper in process than starting workers
        (500, 1, False, 0),
        (500, 2, False, 2),
    ],
)
def test_entity_workers(pending: int, n_process: int, isolated: bool, workers: int):
    assert library_module._entity_workers(pending, n_process, isolated) == workers
