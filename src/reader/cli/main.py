"""Argument parsing and dispatch for ``reader``.

``reader`` and ``reader PATH...`` open the interface; the subcommands work
without it. Exit codes: 0 ok, 1 error, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader import __version__
from reader.cli.bookmarks_cmd import add_bookmarks_parser
from reader.indexing.procs import ENTITY_WORKERS

#: Each command and its one-line help (``reader --help`` lists them).
COMMANDS = {
    "index": "index a folder or files of articles",
    "search": "search an indexed corpus",
    "clean": "print articles without their boilerplate",
    "entities": "people, organisations and places",
    "quotes": "direct quotations with their speakers",
    "bookmarks": "list or export bookmarked passages",
}
SUBCOMMANDS = tuple(COMMANDS)
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
#: Quotations ``reader quotes --speaker`` lists without ``--limit``.
SPEAKER_LIMIT = 100


def _add_corpus_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--index-dir",
        type=Path,
        metavar="DIR",
        help="where to keep the index (default: a folder per corpus in the user cache;"
        " also READER_INDEX_DIR)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader",
        description="A terminal research reader for corpora of scraped news articles.",
        epilog="Run 'reader COMMAND --help' for a command. With no command, reader opens the"
        " interface on PATH (default: the bundled seed corpus).",
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    index = commands.add_parser("index", help=COMMANDS["index"])
    index.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    index.add_argument("--no-entities", action="store_true", help="text phase only")
    index.add_argument(
        "--jobs",
        type=int,
        default=ENTITY_WORKERS,
        metavar="N",
        help=f"processes for entities (default {ENTITY_WORKERS})",
    )
    _add_corpus_options(index)

    search = commands.add_parser("search", help=COMMANDS["search"])
    asked = search.add_mutually_exclusive_group(required=True)
    asked.add_argument("query", nargs="?", help="the query; '-' reads one query a line from stdin")
    asked.add_argument(
        "--like",
        type=Path,
        metavar="FILE",
        help="instead of a query: the articles most like this article or text file",
    )
    search.add_argument(
        "--corpus", type=Path, action="append", metavar="PATH", help="corpus (default: seeds)"
    )
    search.add_argument("--json", action="store_true", help="one JSON object per query")
    search.add_argument("--limit", type=_positive, default=10, metavar="N")
    search.add_argument("--sort", choices=("rank", "date"), default="rank")
    _add_corpus_options(search)

    clean = commands.add_parser("clean", help=COMMANDS["clean"])
    clean.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    clean.add_argument("--out", type=Path, metavar="DIR", help="write one .txt per input here")
    clean.add_argument("--json", action="store_true", help="blocks with kind, reason, offsets")

    entities = commands.add_parser("entities", help=COMMANDS["entities"])
    entities.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    entities.add_argument("--json", action="store_true", help="one JSON object per file")

    quotes = commands.add_parser(
        "quotes",
        help=COMMANDS["quotes"],
        description="The direct quotations of files (PATH...), or a person's quotations"
        " across an indexed corpus (--speaker NAME), newest first.",
    )
    asked = quotes.add_mutually_exclusive_group(required=True)
    asked.add_argument(
        "paths", nargs="*", type=Path, default=[], metavar="PATH", help="article files or folders"
    )
    asked.add_argument(
        "--speaker",
        metavar="NAME",
        help="instead of files: what NAME said across the corpus (a surname will do)",
    )
    quotes.add_argument(
        "--corpus",
        type=Path,
        action="append",
        metavar="PATH",
        help="with --speaker: the corpus (default: seeds)",
    )
    quotes.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per file (per quotation with --speaker)",
    )
    quotes.add_argument(
        "--limit",
        type=_positive,
        metavar="N",
        help=f"with --speaker: at most N quotations (default {SPEAKER_LIMIT})",
    )
    _add_corpus_options(quotes)

    add_bookmarks_parser(commands, COMMANDS["bookmarks"])
    return parser


def build_open_parser() -> argparse.ArgumentParser:
    """``reader [PATH...]``; its help, which lists the commands too, is ``reader --help``."""
    parser = argparse.ArgumentParser(
        prog="reader",
        usage="reader [PATH ...] [--index-dir DIR]\n       reader COMMAND ...",
        description="A terminal research reader for corpora of scraped news articles.\n"
        "With no command, reader opens its interface on PATH.",
        epilog=_commands_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="folders or .txt/.md files of articles (default: the bundled seed corpus)",
    )
    _add_corpus_options(parser)
    return parser


def _commands_help() -> str:
    """The commands, one line each."""
    lines = ["commands:", *(f"  {name:<12}{line}" for name, line in COMMANDS.items())]
    lines.append("\nRun 'reader COMMAND --help' for the options of a command.")
    return "\n".join(lines)


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return number


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("-h", "--help"):
        build_open_parser().print_help()
        return EXIT_OK
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = build_parser().parse_args(argv)
            return _run_command(args)
        args = build_open_parser().parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    from reader.cli.open_cmd import run_open

    return run_open(args)


#: command -> (module of reader.cli, function); a command imports only its own module.
COMMAND_HANDLERS = {
    "index": ("index_cmd", "run_index"),
    "search": ("search_cmd", "run_search"),
    "clean": ("clean_cmd", "run_clean"),
    "entities": ("clean_cmd", "run_entities"),
    "quotes": ("quotes_cmd", "run_quotes"),
    "bookmarks": ("bookmarks_cmd", "run_bookmarks"),
}


def _run_command(args: argparse.Namespace) -> int:
    import importlib

    module, function = COMMAND_HANDLERS[args.command]
    handler = getattr(importlib.import_module(f"reader.cli.{module}"), function)
    from reader.indexing.library import LibraryError

    try:
        return handler(args)
    except (LibraryError, TimeoutError) as error:
        from reader.cli.output import warn

        warn(str(error))
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK
