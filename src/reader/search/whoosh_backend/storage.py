"""The index folder: schema version, a file manifest, health checks, wiping.

Beside whoosh's files we keep ``reader-search.json`` with the schema version
and the size of every index file as of our last commit. Opening compares the
two: a missing or resized file means the index was damaged (or a process
died mid-commit), and only then do we pay for a deep read of everything.
Whoosh's write lock is an ``flock`` held by a live process, so a lock file
left by a killed process does not block anyone; we delete it anyway when
wiping.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from ..model import IndexRebuilt
from .vocab import VOCAB_PREFIX

log = logging.getLogger(__name__)

MANIFEST_NAME = "reader-search.json"
INDEX_NAME = "MAIN"


class IndexDamaged(IndexRebuilt):
    """The index on disk cannot be trusted; the message says why."""


def is_index_file(path: Path) -> bool:
    name = path.name
    return path.is_file() and (
        name.startswith(("_MAIN_", f"{INDEX_NAME}_", f"_{INDEX_NAME}", VOCAB_PREFIX))
        or name.endswith((".toc", ".seg", ".lock"))
        or name == f"{INDEX_NAME}_WRITELOCK"
    )


def index_files(index_dir: Path) -> dict[str, int]:
    """Name -> size of whoosh's files (lock files excluded)."""
    return {
        p.name: p.stat().st_size
        for p in sorted(index_dir.iterdir())
        if is_index_file(p) and "LOCK" not in p.name
    }


def read_manifest(index_dir: Path) -> dict | None:
    try:
        data = json.loads((index_dir / MANIFEST_NAME).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_manifest(index_dir: Path, version: int) -> None:
    data = {"schema_version": version, "files": index_files(index_dir)}
    tmp = index_dir / (MANIFEST_NAME + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True), "utf-8")
    tmp.replace(index_dir / MANIFEST_NAME)


def manifest_problem(index_dir: Path, manifest: dict) -> str | None:
    """Why the files on disk differ from the manifest, or None if they agree."""
    expected = manifest.get("files")
    if not isinstance(expected, dict):
        return "index manifest is unreadable"
    actual = index_files(index_dir)
    for name, size in expected.items():
        if name not in actual:
            return f"index file {name} is missing"
        if actual[name] != size:
            return f"index file {name} changed size"
    return None


def wipe(index_dir: Path) -> None:
    """Remove the index files and our manifest, leaving other files alone."""
    for path in index_dir.iterdir():
        if is_index_file(path) or path.name.startswith(MANIFEST_NAME):
            try:
                path.unlink()
            except OSError as exc:  # pragma: no cover - racing deletion
                log.warning("could not remove %s: %s", path, exc)


def deep_check(ix) -> None:
    """Read every stored document, column and term once; raises on damage."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        for _docnum, _fields in reader.iter_docs():
            pass
        if reader.has_column("meta"):
            column = reader.column_reader("meta")
            for docnum in reader.all_doc_ids():
                column[docnum]
        for fieldname in ix.schema.names():
            if ix.schema[fieldname].indexed:
                for _term in reader.lexicon(fieldname):
                    pass
