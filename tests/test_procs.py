"""Worker pools start clean processes with one BLAS thread each."""

from __future__ import annotations

import os

import pytest

from reader.procs import THREAD_VARIABLES, spawn_pool


def _worker_view() -> tuple[dict[str, str | None], bool]:
    import sys

    return {name: os.environ.get(name) for name in THREAD_VARIABLES}, "numpy" in sys.modules


def test_workers_limit_blas_threads_before_numpy_loads(monkeypatch: pytest.MonkeyPatch):
    for name in THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MKL_NUM_THREADS", "3")  # a user's own choice is kept
    with spawn_pool(1) as pool:
        threads, numpy_loaded = pool.submit(_worker_view).result()
    assert threads == {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "3"}
    assert not numpy_loaded
    assert "OPENBLAS_NUM_THREADS" not in os.environ  # the parent is left alone
