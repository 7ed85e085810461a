"""``reader quotes``: the direct quotations of files, with speaker and cue, no index."""

from __future__ import annotations

import argparse

from reader.cli.clean_cmd import clean_entities, load_or_warn, print_file_result
from reader.corpus.textnorm import strip_controls
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
    loaded = load_or_warn(args.paths)
    if loaded is None:
        return 1
    for item, entities in clean_entities(loaded):
        quotes = article_quotes(item.article, entities)
        lines = (quote_line(quote) for quote in quotes)
        print_file_result(item, args.json, "quotes", [quote_json(q) for q in quotes], lines)
    return 0
