"""An optional ``MANIFEST.tsv`` beside the articles: file, source and language per article.

Collections made by scrapers often carry one; when present it names each
article's source (site) better than any guess from the file name.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from reader.corpus.paths import guess_source

MANIFEST_NAME = "MANIFEST.tsv"


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    source: str | None
    lang: str | None


def read_manifest(root: Path) -> dict[str, ManifestEntry]:
    """relpath -> entry; empty when there is no readable manifest."""
    path = root / MANIFEST_NAME
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}
    entries = {}
    for row in rows:
        name = (row.get("file") or "").strip()
        if name:
            source = (row.get("source") or "").strip() or None
            lang = (row.get("lang") or "").strip() or None
            entries[name] = ManifestEntry(source=source, lang=lang)
    return entries


def source_of(relpath: str, manifest: dict[str, ManifestEntry], root_name: str) -> str:
    """The source the manifest names for ``relpath``, else the one its path suggests."""
    entry = manifest.get(relpath)
    return (entry.source if entry else None) or guess_source(relpath, root_name)
