"""Advisory locks on files of the index folder (``flock``: the OS releases them when the
holder dies, so a killed process never leaves one held).

``open.lock`` is held while a process opens (or creates) the store and the
index; ``text.lock`` for the whole of a text phase, so that a process that
finds another one indexing answers from what is indexed instead of doing the
same work again (``Library.sync(quick=True)``), and a second full text phase
waits for the first (it then finds nothing left to do).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

OPEN_LOCK = "open.lock"
TEXT_LOCK = "text.lock"
#: How often a process waiting for a lock looks again (and whether it was cancelled).
POLL_SECONDS = 0.1


class Cancelled(Exception):
    """Cancelled while waiting for a lock."""


def _try(handle: IO[bytes]) -> bool:
    """Take the exclusive lock on ``handle`` if no other open file holds it."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        return True
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _release(handle: IO[bytes]) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        return
    fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def exclusive(path: Path, cancelled: Callable[[], bool] = lambda: False) -> Iterator[None]:
    """Hold the lock on ``path``, waiting while another process (or open file) holds it;
    ``Cancelled`` when ``cancelled()`` turns true meanwhile."""
    with open(path, "a+b") as handle:
        while not _try(handle):
            if cancelled():
                raise Cancelled
            time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            _release(handle)


def held_elsewhere(path: Path) -> bool:
    """Whether another open file (another process) holds the lock on ``path`` now."""
    if not path.exists():
        return False
    with open(path, "a+b") as handle:
        if not _try(handle):
            return True
        _release(handle)
        return False
