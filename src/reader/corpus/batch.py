"""Clean a set of files in memory, without an index (``reader clean``, ``reader entities``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.cleaning import LineStats
from reader.corpus import ingest, pipeline
from reader.corpus.manifest import read_manifest, source_of
from reader.corpus.models import Article
from reader.corpus.paths import corpus_root, relative_path


@dataclass(slots=True)
class LoadedArticle:
    path: Path
    relpath: str
    article: Article


def load_articles(paths: Sequence[Path]) -> tuple[list[LoadedArticle], list[ingest.Skipped]]:
    """Read, split and clean ``paths`` as one corpus.

    Repetition counts across the files of one source; a ``MANIFEST.tsv`` in
    the corpus folder names sources and languages, as for ``reader index``.
    """
    root = corpus_root(paths)
    manifest = read_manifest(root)
    skipped: list[ingest.Skipped] = []
    parsed: list[tuple[Path, pipeline.ParsedFile]] = []
    seen: set[str] = set()
    for item in ingest.discover(paths):
        if isinstance(item, ingest.Skipped):
            skipped.append(item)
            continue
        source = ingest.read_article_file(item)
        if isinstance(source, ingest.Skipped):
            skipped.append(source)
            continue
        relpath = relative_path(item, root)
        if relpath in seen:
            continue
        seen.add(relpath)
        parsed_file = pipeline.parse(source, relpath, source_of(relpath, manifest, root.name))
        entry = manifest.get(relpath)
        if parsed_file.lang == "unknown" and entry and entry.lang:
            parsed_file.lang = entry.lang
        parsed.append((item, parsed_file))
    pipeline.lend_source_languages([parsed_file for _path, parsed_file in parsed])
    stats = LineStats()
    for _path, parsed_file in parsed:
        stats.add_document(
            parsed_file.id,
            pipeline.block_texts(parsed_file),
            parsed_file.line_hashes,
            parsed_file.source,
        )
    loaded = [
        LoadedArticle(path, parsed_file.relpath, pipeline.finish(parsed_file, stats))
        for path, parsed_file in parsed
    ]
    return loaded, skipped
