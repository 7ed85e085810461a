"""Shared fixtures: every test runs with its own cache, data and config folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays the same examples on every run (a red build is reproducible);
# local runs keep exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = PROJECT / "seeds"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Point every reader folder at a temporary place: tests never touch the real home."""
    base = tmp_path_factory.mktemp("reader-home")
    for variable, name in (
        ("READER_CACHE_DIR", "cache"),
        ("READER_DATA_DIR", "data"),
        ("READER_CONFIG_DIR", "config"),
    ):
        monkeypatch.setenv(variable, str(base / name))
    monkeypatch.delenv("READER_INDEX_DIR", raising=False)
    return base


@pytest.fixture(scope="session")
def annotations() -> dict:
    from seed_annotations import annotations

    return annotations()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target
