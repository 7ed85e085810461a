"""Fixtures for the interface tests: an isolated home, and the seeds indexed once."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="session")
def indexed_seeds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the seeds with its index (text and entity phases), built once per session."""
    from reader.indexing.library import Library

    root = tmp_path_factory.mktemp("seedcorpus")
    corpus = root / "seeds"
    shutil.copytree(SEEDS, corpus)
    index = root / "index"
    with Library([corpus], index_dir=index) as library:
        library.sync()
        library.index_entities()
    return corpus, index


@pytest.fixture
def seeds_copy(indexed_seeds: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the indexed seeds (tests may re-sync or change it)."""
    corpus, _ = indexed_seeds
    own = tmp_path / "corpus"
    shutil.copytree(corpus.parent, own)
    return own / "seeds", own / "index"


@pytest.fixture
def make_app(seeds_copy: tuple[Path, Path]):
    """``make_app()`` builds a ReaderApp on the indexed seeds with default config (searching
    at once: no debounce to wait for)."""
    from reader.tui.app import create_app
    from reader.userdata.config import Config

    corpus, index = seeds_copy

    def build(**options):
        config = options.pop("config", Config(debounce_ms=0))
        return create_app([corpus], index, config=config, **options)

    return build
