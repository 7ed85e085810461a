"""``reader quotes``: the direct quotations of files, with speaker and cue, no index."""

from __future__ import annotations

import argparse
import json

from reader.cli.clean_cmd import clean_entities, load_or_warn
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
        article = item.article
        quotes = article_quotes(article, entities)
        if args.json:
            record = {
                "path": str(item.path),
                "lang": article.lang,
                "quotes": [quote_json(quote) for quote in quotes],
            }
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(strip_controls(f"==> {item.relpath} ({article.lang}) <=="))
            for quote in quotes:
                print(quote_line(quote))
    return 0
