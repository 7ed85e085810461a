"""``reader [PATH...]``: open the interface."""

from __future__ import annotations

import argparse

from reader.cli.corpus import check_paths, corpus_paths
from reader.cli.output import warn


def run_open(args: argparse.Namespace) -> int:
    paths = corpus_paths(args.paths)
    error = check_paths(paths)
    if error:
        warn(error)
        return 1
    from reader.system.allocator import share_freed_memory_between_threads
    from reader.tui.app import run_app

    share_freed_memory_between_threads()  # before the interface starts its threads
    return run_app(paths, index_dir=args.index_dir)
