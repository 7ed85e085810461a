"""Worker process pools shared by the text phase and the entity phase.

Workers are started with ``spawn``: the interface runs both phases from a
thread, and forking a multi-threaded process is unsafe. Each worker keeps
numpy's BLAS to one thread: OpenBLAS otherwise starts a thread per core in
every worker, and on two cores two workers plus the parent already fill the
machine. (In paired runs of the 1k entity phase the difference was within
this machine's run-to-run noise; one thread per process is the safe default.)
Workers also run at the lowest priority (``WORKER_NICENESS``, as desktop
indexers do): they are background work, and the interface must stay
responsive while they fill every core. With nothing else running they
are as fast as before. A worker ends itself within ``PARENT_POLL_SECONDS``
once its parent is gone (``kill -9`` of ``reader index`` or of the
interface): nothing else would ever stop it, and spaCy workers hold hundreds
of megabytes.
"""

from __future__ import annotations

import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # multiprocessing loads only when a pool starts (not on every reopening)
    from concurrent.futures import Executor, Future, ProcessPoolExecutor

Tag = TypeVar("Tag")
Arg = TypeVar("Arg")

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
#: How much lower than the parent's a worker's scheduling priority is (``nice``).
WORKER_NICENESS = 19
#: spaCy worker processes of the entity phase, in the interface and by default in ``reader index``.
ENTITY_WORKERS = 2
#: How often a worker looks whether its parent is still alive.
PARENT_POLL_SECONDS = 0.5


def _worker_setup() -> None:
    """Runs in each worker before it imports numpy; a user's explicit setting wins."""
    for name in THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    if hasattr(os, "nice"):  # not on Windows
        os.nice(WORKER_NICENESS)
    exit_with_parent()


def exit_with_parent(poll: float = PARENT_POLL_SECONDS) -> None:
    """End this process soon after its parent dies.

    A thread watches the parent's id: when the parent is gone the process is
    handed to another (init or a subreaper) and the id changes. Polling, not
    ``PR_SET_PDEATHSIG``: that signal fires when the *thread* that started the
    worker ends, and the interface starts pools from short-lived threads.
    """
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        os._exit(1)  # no clean-up: the parent's next run settles what is left

    threading.Thread(target=watch, name="reader-parent-watch", daemon=True).start()


def spawn_pool(workers: int) -> ProcessPoolExecutor:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _start_resource_tracker()

    return ProcessPoolExecutor(
        max_workers=max(1, workers),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_worker_setup,
    )


def terminate_pool(executor: ProcessPoolExecutor) -> None:
    """Shut ``executor`` down without waiting for the tasks its workers hold: they are killed.

    What ``ProcessPoolExecutor.terminate_workers`` does from Python 3.14 on.
    """
    processes = dict(executor._processes or {})  # before shutdown forgets them
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes.values():
        try:
            if process.is_alive():
                process.terminate()
        except (ValueError, ProcessLookupError):  # closed or already gone
            continue
    for process in processes.values():
        process.join(TERMINATE_GRACE_SECONDS)
        if process.exitcode is None:
            process.kill()
            process.join()


#: How long a terminated worker may take to exit before it is killed.
TERMINATE_GRACE_SECONDS = 5


def submit_ahead(
    executor: Executor,
    function: Callable[[Arg], Any],
    tasks: Iterable[tuple[Tag, Arg]],
    ahead: int,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[tuple[Tag, Any]]:
    """``(tag, function(arg))`` for each ``(tag, arg)`` task, in input order.

    Tasks are read lazily and at most ``ahead`` are queued or running at once,
    so a long stream never sits in memory and stopping early leaves little
    work behind. Tags stay in this process (they need not be picklable).
    While it waits for a result, ``cancelled`` is asked every
    ``POLL_SECONDS``; the stream ends when it says yes.
    """
    from concurrent.futures import wait

    pending: deque[tuple[Tag, Future]] = deque()
    iterator = iter(tasks)
    while True:
        while len(pending) < ahead and (task := next(iterator, None)) is not None:
            tag, arg = task
            pending.append((tag, executor.submit(function, arg)))
        if not pending:
            return
        tag, future = pending[0]
        if cancelled is not None:
            while not wait([future], timeout=POLL_SECONDS).done:
                if cancelled():
                    return
        pending.popleft()
        yield tag, future.result()


#: How often ``submit_ahead`` asks whether its stream was cancelled.
POLL_SECONDS = 0.1


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker process, with a stderr it can inherit.

    The tracker passes ``sys.stderr.fileno()`` to its process. While the
    interface runs, ``sys.stderr`` is Textual's capture, whose ``fileno()`` is
    -1, and starting the tracker (so the first pool) failed with "bad
    value(s) in fds_to_keep". The real stderr stands in while it starts.
    """
    import sys
    from multiprocessing import resource_tracker

    stderr = sys.stderr
    if _has_fd(stderr) or sys.__stderr__ is None or not _has_fd(sys.__stderr__):
        resource_tracker.ensure_running()
        return
    sys.stderr = sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = stderr


def _has_fd(stream) -> bool:
    try:
        return stream.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        return False
