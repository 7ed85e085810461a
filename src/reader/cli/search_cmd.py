"""``reader search QUERY``: answer queries from the command line."""

from __future__ import annotations

import argparse
import json
import sys

from reader.cli.corpus import check_paths, corpus_paths, open_synced
from reader.cli.output import warn
from reader.corpus.textnorm import strip_controls
from reader.metadata.dates import human_date

BOLD, RESET = "\x1b[1m", "\x1b[0m"


def run_search(args: argparse.Namespace) -> int:
    paths = corpus_paths(args.corpus)
    error = check_paths(paths)
    if error:
        warn(error)
        return 1
    library, report = open_synced(paths, args.index_dir, quiet=True)
    with library:
        empty = library.empty_message(report)
        if empty:
            warn(empty)
            return 1
        if library.pending_entities():
            warn(
                f"{library.pending_entities()} articles have no entities yet;"
                f" run 'reader index {paths[0]}' for entity fields and facets"
            )
        queries = _stdin_queries() if args.query == "-" else [args.query]
        for query in queries:
            results = library.search(query, sort=args.sort, limit=args.limit)
            if args.json:
                print(json.dumps(results_to_json(results), ensure_ascii=False), flush=True)
            else:
                print_results(results, color=sys.stdout.isatty())
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
    }


def print_results(results, *, color: bool) -> None:
    if results.error:
        print(f"query problem: {strip_controls(results.error)}")
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
