"""``reader search QUERY`` and ``reader search --like FILE``: answer from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from reader.cli.corpus import check_paths, corpus_paths, open_synced, ready_or_warn
from reader.cli.output import warn
from reader.corpus.textnorm import strip_controls
from reader.metadata.dates import human_date

BOLD, RESET = "\x1b[1m", "\x1b[0m"


def run_search(args: argparse.Namespace) -> int:
    paths = corpus_paths(args.corpus)
    error = check_paths(paths) or _query_problem(args)
    if error:
        warn(error)
        return 1
    library, report = open_synced(paths, args.index_dir, quiet=True, quick=True)
    if report.busy:
        warn(_incomplete(library))
    if args.like is not None:
        with library:
            return _search_like(library, args)
    with library:
        if not ready_or_warn(
            library, report, paths, lacking="entities", needed_for="for entity fields and facets"
        ):
            return 1
        queries = _stdin_queries() if args.query == "-" else [args.query]
        for query in queries:
            results = library.search(query, sort=args.sort, limit=args.limit)
            if args.json:
                print(json.dumps(results_to_json(results), ensure_ascii=False), flush=True)
            else:
                print_results(results, color=sys.stdout.isatty())
    return 0


def _incomplete(library) -> str:
    """The line said when another process is indexing the corpus (see ``Library.sync``)."""
    indexed, files = library.index_progress()
    of = f" of {files:,}" if files else ""
    return (
        f"results may be incomplete: another process is indexing this corpus"
        f" ({indexed:,}{of} articles indexed so far)"
    )


def _query_problem(args: argparse.Namespace) -> str | None:
    if args.like is not None and not args.like.is_file():
        return f"--like: no such file: {strip_controls(str(args.like))}"
    return None


def _search_like(library, args: argparse.Namespace) -> int:
    """The articles most like a file: the corpus's own article (itself left out), or any text."""
    from reader.corpus.ingest import Skipped, read_article_file

    path: Path = args.like
    article = library.article_at(path)
    if article is not None:
        results = library.more_like_article(article, limit=args.limit)
    else:
        source = read_article_file(path)
        if isinstance(source, Skipped):
            warn(f"--like: {strip_controls(str(path))}: {source.reason}")
            return 1
        results = library.more_like(source.text, limit=args.limit)
    if args.json:
        print(json.dumps({**results_to_json(results), "like": str(path)}, ensure_ascii=False))
    else:
        print_results(results, color=sys.stdout.isatty(), like=path)
    return 0


def _stdin_queries():
    for line in sys.stdin:
        query = line.rstrip("\n")
        if query.strip():
            yield query


def snippet_to_json(fragments: list[tuple[str, bool]]) -> dict:
    text, highlights = "", []
    for piece, matched in fragments:
        if matched:
            highlights.append([len(text), len(text) + len(piece)])
        text += piece
    return {"text": text, "highlights": highlights}


def results_to_json(results) -> dict:
    return {
        "query": results.query,
        "total": results.total,
        "hits": [
            {
                "id": hit.id,
                "path": hit.path,
                "title": hit.title,
                "date": hit.date,
                "lang": hit.lang,
                "source": hit.source,
                "agency": hit.agency,
                "author": hit.author,
                "score": round(hit.score, 4),
                "snippet": snippet_to_json(hit.snippet),
            }
            for hit in results.hits
        ],
        "facets": {
            name: [[value, count] for value, count in values]
            for name, values in results.facets.items()
        },
        "suggestion": results.suggestion,
        "error": results.error,
        "passage": results.passage,
    }


def print_results(results, *, color: bool, like: Path | None = None) -> None:
    if results.error:
        print(f"query problem: {strip_controls(results.error)}")
    if like is not None:
        print(f"{results.total} articles share words with {strip_controls(str(like))!r}")
        print(f"most telling words: {strip_controls(results.query)}")
    elif results.passage:
        print(f"{results.total} articles share words with the passage; the closest first")
    else:
        print(f"{results.total} hits for {strip_controls(results.query)!r}")
    if results.total == 0 and results.suggestion:
        print(f"did you mean: {strip_controls(results.suggestion)}")
    for rank, hit in enumerate(results.hits, start=1):
        parts = (human_date(hit.date), hit.lang, hit.source)
        details = " · ".join(str(part) for part in parts if part)
        print(f"{rank:>3}. {strip_controls(hit.title)}  ({details})")
        print(f"     {strip_controls(hit.path)}")
        snippet = "".join(
            (f"{BOLD}{strip_controls(text)}{RESET}" if matched and color else strip_controls(text))
            for text, matched in hit.snippet
        )
        if snippet:
            print(f"     {' '.join(snippet.split())}")
