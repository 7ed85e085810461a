"""The source type-checks (mypy, configured in pyproject.toml) and lints clean (ruff)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=PROJECT, capture_output=True, text=True
    )


def test_mypy_passes_over_src_reader():
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing():
    result = _run("ruff", "check", "src", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr
