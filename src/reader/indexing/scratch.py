"""A scratch folder for one run of the text phase, that a killed run never leaves for good.

The workers of the text phase write their index batches (for Whoosh, whole
segments) and read the run's corpus statistics there. It sits inside the
corpus's index folder, so that a batch moves into the index by a rename.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

#: Scratch folders start with this, then the id of the process that owns them.
SCRATCH_PREFIX = ".incoming-"


@contextmanager
def scratch_folder(index_dir: Path) -> Iterator[Path]:
    """A scratch folder inside ``index_dir``, removed afterwards.

    Scratch folders left by a killed process (its id is in the name) are removed first.
    """
    _remove_abandoned(index_dir)
    with tempfile.TemporaryDirectory(
        prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=index_dir, ignore_cleanup_errors=True
    ) as folder:
        yield Path(folder)


def _remove_abandoned(index_dir: Path) -> None:
    for path in index_dir.glob(f"{SCRATCH_PREFIX}*"):
        owner = path.name[len(SCRATCH_PREFIX) :].partition("-")[0]
        if owner.isdigit() and not _alive(int(owner)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but not ours to signal
        return True
    return True
