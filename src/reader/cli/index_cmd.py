"""``reader index PATH...``: the text phase, then the entity phase."""

from __future__ import annotations

import argparse
import sys

from reader.cli.corpus import check_paths, open_synced
from reader.cli.output import ProgressBar, warn


def run_index(args: argparse.Namespace) -> int:
    error = check_paths(args.paths)
    if error:
        warn(error)
        return 1
    library, report = open_synced(args.paths, args.index_dir)
    with library:
        empty = library.empty_message(report)
        if empty:
            warn(empty)
            return 1
        interactive = sys.stderr.isatty()
        if interactive:
            print(
                f"{library.name}: {report.added} added, {report.changed} changed,"
                f" {report.removed} removed, {report.unchanged} unchanged,"
                f" {len(report.skipped)} skipped ({report.seconds:.1f} s)",
                file=sys.stderr,
            )
        if not args.no_entities and library.pending_entities():
            bar = ProgressBar()
            library.index_entities(progress=bar, n_process=max(1, args.jobs))
            bar.finish()
    return 0
