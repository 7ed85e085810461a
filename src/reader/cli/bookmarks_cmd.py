"""``reader bookmarks list|export``: the user's bookmarks without the interface."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_bookmarks_parser(commands: argparse._SubParsersAction, help_line: str) -> None:
    """Register ``reader bookmarks`` and its two actions on the main parser."""
    parser = commands.add_parser("bookmarks", help=help_line)
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    listing = actions.add_parser("list", help="print bookmarks, newest first")
    _add_selection(listing)
    listing.add_argument("--json", action="store_true", help="the JSON export instead")

    export = actions.add_parser("export", help="export bookmarks as Markdown or JSON")
    _add_selection(export)
    export.add_argument(
        "--format",
        choices=("md", "json"),
        help="md (default, or from the -o file's extension) or json",
    )
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="default: stdout")


def _add_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--filter", metavar="TEXT", help="words found in quote, note, title, tags")
    parser.add_argument("--tag", metavar="TAG", help="only bookmarks with this tag")


def run_bookmarks(args: argparse.Namespace) -> int:
    from reader.bookmarks import BookmarkStore, BookmarkStoreError

    try:
        with BookmarkStore() as store:
            for message in store.messages:
                warn(message)
            bookmarks = store.list(filter_text=args.filter, tag=args.tag)
    except BookmarkStoreError as error:
        warn(str(error))
        return 1
    if args.action == "export":
        return _export(bookmarks, args)
    if args.json:
        from reader.bookmarks import export_json

        sys.stdout.write(export_json(bookmarks))
        return 0
    _print_list(bookmarks)
    return 0


def _export(bookmarks, args: argparse.Namespace) -> int:
    from reader.bookmarks.export import format_for, render, write_export

    fmt = args.format or (format_for(args.output) if args.output else "md")
    text = render(bookmarks, fmt)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        written = write_export(args.output, text)
    except OSError as error:
        warn(f"could not write {args.output}: {error.strerror or error}")
        return 1
    count = len(bookmarks)
    print(f"{count} bookmark{'s' if count != 1 else ''} written to {written}", file=sys.stderr)
    return 0


def warn(message: str) -> None:
    from reader.cli.output import warn as print_warning

    print_warning(message)


def _print_list(bookmarks) -> None:
    from reader.corpus.textnorm import strip_controls
    from reader.metadata.dates import human_date

    if not bookmarks:
        print("No bookmarks.", file=sys.stderr)
        return
    for bookmark in bookmarks:
        quote = _line(strip_controls(bookmark.quote))
        if len(quote) > 100:
            quote = quote[:99] + "…"
        tags = f"  [{', '.join(bookmark.tags)}]" if bookmark.tags else ""
        title = _line(strip_controls(bookmark.article_title))
        made = human_date(bookmark.created[:10]) or "date unknown"
        print(f"#{bookmark.id}  {made}  {title}{strip_controls(tags)}")
        print(f"    “{quote}”")
        note = _line(strip_controls(bookmark.note))
        if note:
            print(f"    note: {note[:100]}")
        print(f"    corpus: {_corpus_label(bookmark.corpus)}")


def _line(text: str) -> str:
    return " ".join(text.split())


def _corpus_label(corpus: str) -> str:
    from reader.bookmarks.corpora import corpus_label
    from reader.corpus.ingest import safe_name

    return safe_name(corpus_label(corpus))
