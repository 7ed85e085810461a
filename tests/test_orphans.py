"""``kill -9`` of ``reader index`` in either phase leaves none of its worker processes behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.indexing.textwork import MIN_FILES

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")

TEXT = "Article {n}\n\nLe ministre Martin a annoncé mardi une réforme, selon Reuters.\n"


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid:
            found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _corpus(root: Path, count: int) -> Path:
    root.mkdir()
    for number in range(count):
        (root / f"a{number:04}.txt").write_text(TEXT.format(n=number), "utf-8")
    return root


def _kill_when_workers_run(command: list[str], workers: int, timeout: float = 60) -> set[int]:
    """Start ``command``, wait until it has ``workers`` children, kill -9 it; its children."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    children: set[int] = set()
    while time.monotonic() < deadline and process.poll() is None:
        children = _children(process.pid)
        if len(children) >= workers:
            break
        time.sleep(0.05)
    assert len(children) >= workers, "the run never started its workers"
    time.sleep(0.5)  # let them get to work
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    return children


def _assert_gone(pids: set[int], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(pid) for pid in pids):
        time.sleep(0.1)
    assert not [pid for pid in pids if _alive(pid)], "workers outlived their parent"


def _index(corpus: Path, index_dir: Path, *options: str) -> list[str]:
    command = [sys.executable, "-m", "reader", "index", *options]
    return [*command, "--index-dir", str(index_dir), str(corpus)]


def test_text_phase_workers_exit_when_reader_index_is_killed(tmp_path: Path):
    corpus = _corpus(tmp_path / "corpus", MIN_FILES + 200)  # enough for worker processes
    command = _index(corpus, tmp_path / "index", "--no-entities")
    _assert_gone(_kill_when_workers_run(command, workers=2))


@pytest.mark.slow
def test_entity_phase_workers_exit_when_reader_index_is_killed(tmp_path: Path):
    corpus = _corpus(tmp_path / "corpus", 150)
    index_dir = tmp_path / "index"
    subprocess.run(_index(corpus, index_dir, "--no-entities"), check=True, capture_output=True)
    _assert_gone(_kill_when_workers_run(_index(corpus, index_dir, "--jobs", "2"), workers=2))
