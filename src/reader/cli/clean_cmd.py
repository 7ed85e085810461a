"""``reader clean`` and ``reader entities``: work on files directly, no index.

``load_or_warn`` and ``clean_entities`` serve ``reader quotes`` too.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from reader.cli.output import warn
from reader.corpus.batch import LoadedArticle, load_articles
from reader.corpus.models import Article, Entity
from reader.corpus.textnorm import strip_controls


def clean_output(article: Article) -> str:
    """The kept text: the title line (when the file has one), then the clean body."""
    title = article.title if article.title_block is not None else ""
    parts = [part for part in (title, article.clean_text) if part]
    return "\n\n".join(parts) + "\n"


def blocks_json(loaded: LoadedArticle) -> dict:
    article = loaded.article
    return {
        "path": str(loaded.path),
        "lang": article.lang,
        "title": article.title,
        "meta": {key: value for key, value in asdict(article.meta).items() if value},
        "blocks": [
            {
                "kind": block.kind,
                "kept": block.kept,
                "reason": block.reason,
                "start": block.start,
                "end": block.end,
                "line": block.line,
                "spans": [
                    {"start": span.start, "end": span.end, "reason": span.reason}
                    for span in block.spans
                ],
            }
            for block in article.blocks
        ],
        "damage": [
            {"start": item.start, "end": item.end, "text": item.text} for item in article.damage
        ],
    }


def load_or_warn(paths: list[Path]) -> list[LoadedArticle] | None:
    loaded, skipped = load_articles(paths)
    for item in skipped:
        warn(item.message())
    if not loaded:
        warn("no readable article among the given paths; give .txt or .md files or folders")
        return None
    return loaded


def run_clean(args: argparse.Namespace) -> int:
    loaded = load_or_warn(args.paths)
    if loaded is None:
        return 1
    if args.out:
        return _write_out(args.out, loaded)
    for item in loaded:
        if args.json:
            print(json.dumps(blocks_json(item), ensure_ascii=False))
        else:
            if len(loaded) > 1:
                print(f"==> {item.relpath} <==")
            print(clean_output(item.article))
    return 0


def _write_out(out_dir: Path, loaded: list[LoadedArticle]) -> int:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for item in loaded:
            target = (out_dir / item.relpath).with_suffix(".txt")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(clean_output(item.article), encoding="utf-8")
    except OSError as error:
        warn(f"cannot write to {out_dir}: {error.strerror}; choose another --out folder")
        return 1
    return 0


def run_entities(args: argparse.Namespace) -> int:
    loaded = load_or_warn(args.paths)
    if loaded is None:
        return 1
    from reader.entities import group_entities

    for item, entities in article_entities(loaded):
        records = [
            {"text": e.text, "label": e.label, "start": e.start, "end": e.end} for e in entities
        ]
        lines = (
            f"  {group.label:<4} {group.count:>3}  {group.name}"
            for group in group_entities(entities)
        )
        print_file_result(item, args.json, "entities", records, lines)
    return 0


def print_file_result(
    item: LoadedArticle, as_json: bool, key: str, records: list[dict], lines: Iterable[str]
) -> None:
    """One JSON object ``{"path", "lang", key: records}``, or a header and readable lines."""
    if as_json:
        record = {"path": str(item.path), "lang": item.article.lang, key: records}
        print(json.dumps(record, ensure_ascii=False))
        return
    print(strip_controls(f"==> {item.relpath} ({item.article.lang}) <=="))
    for line in lines:
        print(line)


def article_entities(loaded: list[LoadedArticle]) -> list[tuple[LoadedArticle, list[Entity]]]:
    """Each article with its entities (title line included), offsets into its text, each
    entity with the type the files given together vote for (``entities.vote``)."""
    from reader.entities import EntityExtractor
    from reader.entities.vote import settle_types

    extractor = EntityExtractor()
    items = [(item.article.lang, item.article.entity_text) for item in loaded]
    found = [
        [item.article.entity_from_source(entity) for entity in entities]
        for item, entities in zip(loaded, extractor.extract_many(items), strict=True)
    ]
    return list(zip(loaded, settle_types(found), strict=True))


def clean_entities(loaded: list[LoadedArticle]) -> Iterator[tuple[LoadedArticle, list[Entity]]]:
    """Each article with its entities, offsets into its clean text (as the extractor gives them)."""
    from reader.entities import EntityExtractor

    extractor = EntityExtractor()
    items = [(item.article.lang, item.article.clean_text) for item in loaded]
    yield from zip(loaded, extractor.extract_many(items), strict=True)
