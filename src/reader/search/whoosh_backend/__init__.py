"""The Whoosh engine: every module that knows Whoosh, and every patch of its internals.

The patches (``writing``, ``viewfile``, ``fastformat``, ``ranking``) were
written against one release of whoosh-reloaded; ``check_whoosh`` refuses any
other, with a message that says how to install the right one.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from ..engine import SearchEngineError
from .index import WhooshEngine

#: The distribution and the exact release the patches of whoosh's internals were written for.
WHOOSH_DISTRIBUTION = "whoosh-reloaded"
WHOOSH_VERSION = "2.7.5"
#: The engine's folder inside a corpus's index folder.
FOLDER = "whoosh"


def check_whoosh(found: str | None = None) -> None:
    """Raise SearchEngineError unless the installed whoosh is ``WHOOSH_VERSION``."""
    if found is None:
        try:
            found = metadata.version(WHOOSH_DISTRIBUTION)
        except metadata.PackageNotFoundError:
            found = "none"
    if found != WHOOSH_VERSION:
        raise SearchEngineError(
            f"reader's search needs {WHOOSH_DISTRIBUTION} {WHOOSH_VERSION} exactly (found {found});"
            f" install it with: pip install --no-deps {WHOOSH_DISTRIBUTION}=={WHOOSH_VERSION}"
        )


def open_in(index_dir: Path) -> WhooshEngine:
    """The engine of the corpus whose index folder is ``index_dir`` (created or rebuilt)."""
    check_whoosh()
    return WhooshEngine.open(index_dir / FOLDER)


__all__ = ["FOLDER", "WHOOSH_VERSION", "WhooshEngine", "check_whoosh", "open_in"]
