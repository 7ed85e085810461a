"""``reader quotes``: the direct quotations of files (no index), or a person's quotations
across an indexed corpus (``--speaker``)."""

from __future__ import annotations

import argparse
import json

from reader.cli.clean_cmd import clean_entities, load_or_warn, print_file_result
from reader.cli.corpus import check_paths, corpus_paths, open_synced, ready_or_warn
from reader.cli.main import EXIT_USAGE, SPEAKER_LIMIT
from reader.cli.output import warn
from reader.corpus.textnorm import strip_controls
from reader.metadata.dates import human_date
from reader.quotes import Quote, article_quotes


def quote_json(quote: Quote) -> dict:
    return {
        "start": quote.start,
        "end": quote.end,
        "text": quote.text,
        "speaker": quote.speaker,
        "cue": quote.cue,
        "partial": quote.partial,
    }


def quote_line(quote: Quote) -> str:
    """``speaker: «text» (cue)``, on one line, without control characters."""
    speaker = quote.speaker or "?"
    text = " ".join(quote.text.split())
    cue = f" ({quote.cue})" if quote.cue else ""
    kind = " [fragment]" if quote.partial else ""
    return strip_controls(f"  {speaker}: «{text}»{cue}{kind}")


def run_quotes(args: argparse.Namespace) -> int:
    if args.speaker is not None:
        return _run_speaker(args)
    misplaced = _speaker_only_options(args)
    if misplaced:
        warn(f"{misplaced} goes with --speaker NAME")
        return EXIT_USAGE
    loaded = load_or_warn(args.paths)
    if loaded is None:
        return 1
    for item, entities in clean_entities(loaded):
        quotes = article_quotes(item.article, entities)
        lines = (quote_line(quote) for quote in quotes)
        print_file_result(item, args.json, "quotes", [quote_json(q) for q in quotes], lines)
    return 0


def _speaker_only_options(args: argparse.Namespace) -> str | None:
    """The first option given that only ``--speaker`` uses, if any."""
    given = {
        "--corpus": args.corpus is not None,
        "--index-dir": args.index_dir is not None,
        "--limit": args.limit is not None,
    }
    return next((option for option, present in given.items() if present), None)


def _run_speaker(args: argparse.Namespace) -> int:
    """What ``args.speaker`` said across the corpus, newest article first."""
    paths = corpus_paths(args.corpus)
    error = check_paths(paths)
    if error:
        warn(error)
        return 1
    library, report = open_synced(paths, args.index_dir, quiet=True, quick=True)
    with library:
        if not ready_or_warn(
            library, report, paths, lacking="quotations", needed_for="to find them"
        ):
            return 1
        found = library.quotes_by(args.speaker, args.limit or SPEAKER_LIMIT)
    if args.json:
        for source, quote in found:
            record = {"path": source.path, "title": source.title, "date": source.date}
            print(json.dumps({**record, **quote_json(quote)}, ensure_ascii=False))
        return 0
    _print_speaker_quotes(args.speaker, found)
    return 0


def _print_speaker_quotes(name: str, found: list) -> None:
    """A count line, then each article's title, date and file, and its quotations."""
    articles = len({source.id for source, _quote in found})
    if not found:
        print(strip_controls(f"no quotation by {name!r} in the corpus"))
        return
    quotations = "quotation" if len(found) == 1 else "quotations"
    in_articles = "article" if articles == 1 else "articles"
    print(strip_controls(f"{len(found)} {quotations} by {name!r} in {articles} {in_articles}"))
    shown = None
    for source, quote in found:
        if source.id != shown:
            shown = source.id
            date = human_date(source.date) or "no date"
            print(strip_controls(f"\n{source.title}  ({date})"))
            print(strip_controls(f"  {source.path}"))
        print(quote_line(quote))
