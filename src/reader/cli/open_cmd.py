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
    try:
        from reader.tui.app import run_app
    except ImportError as missing:  # the interface is not built yet
        warn(f"the interface is not available ({missing}); use 'reader search' or 'reader index'")
        return 1
    return run_app(paths, index_dir=args.index_dir)
