"""Opening a corpus from the command line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from reader.cli.output import ProgressBar, warn
from reader.indexing.library import Library
from reader.userdata.locations import seeds_dir

if TYPE_CHECKING:
    from reader.indexing.sync import SyncReport


def corpus_paths(paths: list[Path] | None) -> list[Path]:
    return list(paths) if paths else [seeds_dir()]


def check_paths(paths: list[Path]) -> str | None:
    """A one-line error when no given path exists."""
    missing = [path for path in paths if not path.exists() and not path.is_symlink()]
    if len(missing) == len(paths):
        return f"no such file or folder: {missing[0]}; give a folder or files of articles"
    return None


def open_synced(
    paths: list[Path], index_dir: Path | None, *, quiet: bool = False, quick: bool = False
) -> tuple:
    """Open the library and run the text phase (``quick``: only when its folders
    changed, see ``Library.sync``); report skipped files on stderr."""
    library = Library(paths, index_dir=index_dir).open()
    bar = ProgressBar(enabled=None if not quiet else False)
    try:
        report = library.sync(progress=bar, quick=quick)
    except BaseException:
        library.close()  # leave no file open behind an error (a full disk must be unmountable)
        raise
    finally:
        bar.finish()
    report_problems(report)
    return library, report


def ready_or_warn(
    library: Library, report: SyncReport, paths: list[Path], *, lacking: str, needed_for: str
) -> bool:
    """After ``open_synced``: False, with one line on stderr, when the corpus has no
    article; else True, with a line counting the articles that still lack their
    ``lacking`` (the entity phase's work) and saying what to run ``needed_for``."""
    empty = library.empty_message(report)
    if empty:
        warn(empty)
        return False
    pending = library.pending_entities()
    if pending:
        warn(
            f"{pending} articles have no {lacking} yet; run 'reader index {paths[0]}' {needed_for}"
        )
    return True


def report_problems(report: SyncReport) -> None:
    for message in report.messages:
        warn(message)
    for skipped in report.skipped:
        warn(skipped.message())
