"""Worker process pools shared by the text phase and the entity phase.

Workers are started with ``spawn``: the interface runs both phases from a
thread, and forking a multi-threaded process is unsafe. Each worker keeps
numpy's BLAS to one thread: OpenBLAS otherwise starts a thread per core in
every worker, and on two cores two workers plus the parent already fill the
machine. (In paired runs of the 1k entity phase the difference was within
this machine's run-to-run noise; one thread per process is the safe default.)
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # multiprocessing loads only when a pool starts (not on every reopening)
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

Tag = TypeVar("Tag")
Arg = TypeVar("Arg")

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def _one_thread_each() -> None:
    """Runs in each worker before it imports numpy; a user's explicit setting wins."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")


def spawn_pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=max(1, workers),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_one_thread_each,
    )


def submit_ahead(
    executor: Executor, function: Callable[[Arg], Any], tasks: Iterable[tuple[Tag, Arg]], ahead: int
) -> Iterator[tuple[Tag, Any]]:
    """``(tag, function(arg))`` for each ``(tag, arg)`` task, in input order.

    Tasks are read lazily and at most ``ahead`` are queued or running at once,
    so a long stream never sits in memory and stopping early leaves little
    work behind. Tags stay in this process (they need not be picklable).
    """
    pending: deque[tuple[Tag, Future]] = deque()
    iterator = iter(tasks)
    while True:
        while len(pending) < ahead and (task := next(iterator, None)) is not None:
            tag, arg = task
            pending.append((tag, executor.submit(function, arg)))
        if not pending:
            return
        tag, future = pending.popleft()
        yield tag, future.result()
