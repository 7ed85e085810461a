"""Worker pools start clean processes with one BLAS thread each."""

from __future__ import annotations

import os

import pytest

from reader.indexing.procs import THREAD_VARIABLES, WORKER_NICENESS, spawn_pool


def _worker_view() -> tuple[dict[str, str | None], bool]:
    import sys

    return {name: os.environ.get(name) for name in THREAD_VARIABLES}, "numpy" in sys.modules


def _niceness() -> int:
    return os.nice(0)


def test_workers_limit_blas_threads_before_numpy_loads(monkeypatch: pytest.MonkeyPatch):
    for name in THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "3")  # a user's own choice is kept
    with spawn_pool(1) as pool:
        threads, numpy_loaded = pool.submit(_worker_view).result()
    assert threads == {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "3"}
    assert not numpy_loaded
    assert "OPENBLAS_NUM_THREADS" not in os.environ  # the parent is left alone


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_workers_run_at_a_lower_priority_than_the_parent():
    with spawn_pool(1) as pool:
        assert pool.submit(_niceness).result() == min(19, os.nice(0) + WORKER_NICENESS)


_UNDER_THE_INTERFACE = """
import sys
from reader.indexing.procs import spawn_pool


class Captured:  # what Textual puts in sys.stderr while the interface runs
    def write(self, text):
        return len(text)

    def flush(self):
        pass

    def fileno(self):
        return -1


sys.stderr = Captured()
try:
    with spawn_pool(1) as pool:
        assert pool.submit(abs, -3).result() == 3
except Exception as error:
    print(repr(error))
else:
    print("ok" if isinstance(sys.stderr, Captured) else "stderr not restored")
"""


def test_a_pool_starts_while_stderr_is_captured():
    """The interface captures stderr (fileno -1), which multiprocessing's resource
    tracker passed on to its process: the interface crashed on a large new corpus."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", _UNDER_THE_INTERFACE], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "ok", done.stdout + done.stderr


def test_terminating_a_pool_kills_the_task_its_worker_holds():
    import time
    from concurrent.futures import CancelledError
    from concurrent.futures.process import BrokenProcessPool

    from reader.indexing.procs import terminate_pool

    pool = spawn_pool(1)
    pid = pool.submit(os.getpid).result()
    running = pool.submit(time.sleep, 600)  # a task that would outlive the test run
    queued = pool.submit(time.sleep, 600)
    time.sleep(0.5)  # let the worker take the first
    terminate_pool(pool)
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    for future in (running, queued):
        with pytest.raises((BrokenProcessPool, CancelledError)):
            future.result(timeout=60)
    pool.shutdown(wait=True)  # what the pool's context manager does afterwards: no hang


def test_a_cancelled_stream_ends_without_waiting_for_its_task():
    import time

    from reader.indexing.procs import submit_ahead, terminate_pool

    pool = spawn_pool(1)
    quitting = []

    tasks = [("first", 0), ("long", 600), ("never", 600)]
    stream = submit_ahead(pool, time.sleep, tasks, ahead=2, cancelled=lambda: bool(quitting))
    assert next(stream) == ("first", None)
    quitting.append(True)  # the user quits while "long" runs
    assert list(stream) == []
    terminate_pool(pool)
