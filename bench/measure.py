"""Single measurements for bench/run.py: processes, phases, queries, interface.

Whole-process figures (indexing, reopening) time ``reader`` itself from
launch to exit and read its peak resident memory from ``wait4``. Query
latency is measured with ``time.perf_counter`` inside one process, through
``Library.search`` with the interface's arguments (snippets included).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ENV_NAMES = ("READER_CACHE_DIR", "READER_DATA_DIR", "READER_CONFIG_DIR")


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str


def scratch_env(scratch: Path) -> dict[str, str]:
    """An environment whose reader cache, data and config live under ``scratch``."""
    env = dict(os.environ)
    for name in ENV_NAMES:
        env[name] = str(scratch / name.lower())
    return env


def fresh(scratch: Path) -> Path:
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    return scratch


def run_process(args: list[str], env: dict[str, str]) -> Run:
    """Wall time and peak RSS (the process and the children it waited for) of one command."""
    started = time.perf_counter()
    child = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert child.stdout is not None
    output = child.stdout.read().decode("utf-8", errors="replace")
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({child.returncode}):\n{output[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, output)


def reader_index(corpus: Path, env: dict[str, str], *, entities: bool, jobs: int = 2) -> Run:
    args = [sys.executable, "-m", "reader", "index", str(corpus), "--jobs", str(jobs)]
    if not entities:
        args.append("--no-entities")
    return run_process(args, env)


def reader_search(corpus: Path, env: dict[str, str], query: str) -> Run:
    """One ``reader search`` process (what a script that searches runs each time)."""
    args = [sys.executable, "-m", "reader", "search", "--corpus", str(corpus)]
    return run_process([*args, "--json", "--limit", "10", query], env)


def index_while_searching(
    corpus: Path, env: dict[str, str], query: str
) -> tuple[Run, float | None]:
    """A first ``reader index --no-entities`` of ``corpus``, and meanwhile ``reader search
    QUERY`` run again and again until it finds something.

    Returns the indexing run and the seconds from its launch to the first
    search process that found hits (None if none did before the end). The
    searches start once the indexing process holds the text phase's lock
    (before that, a search would index the corpus itself) and stop at the
    first hit: the text phase shares the machine with them only until then
    (how many ran, and for how long in all, is told on stderr).
    """
    from reader.indexing.locks import TEXT_LOCK, held_elsewhere

    cache = Path(env["READER_CACHE_DIR"])
    args = [sys.executable, "-m", "reader", "index", str(corpus), "--no-entities"]
    with tempfile.TemporaryFile() as log:
        started = time.perf_counter()
        child = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT)
        searchable, searches, searching = None, 0, 0.0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG if searchable is None else 0)
            if pid:
                break
            locks = cache.glob(f"indexes/*/{TEXT_LOCK}")
            if not any(held_elsewhere(lock) for lock in locks):
                time.sleep(0.2)
                continue
            before = time.perf_counter()
            found = _finds(corpus, env, query)
            searches, searching = searches + 1, searching + time.perf_counter() - before
            if found:
                searchable = time.perf_counter() - started
            else:
                time.sleep(0.2)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", errors="replace")
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({child.returncode}):\n{output[-2000:]}")
    print(f"  meanwhile {searches} reader search processes, {searching:.1f} s", file=sys.stderr)
    return Run(seconds, usage.ru_maxrss / 1024, output), searchable


def _finds(corpus: Path, env: dict[str, str], query: str) -> bool:
    try:
        answer = reader_search(corpus, env, query)
    except RuntimeError:
        return False
    return json.loads(answer.output.strip().splitlines()[-1])["total"] > 0


def bare_whoosh(corpus: Path, index_dir: Path) -> tuple[float, float, float]:
    """Bare Whoosh over the same files (bare_whoosh.py): seconds to index them (its own
    process, timed from outside), then its queries' mean and p95 in milliseconds."""
    shutil.rmtree(index_dir, ignore_errors=True)
    script = str(BENCH / "bare_whoosh.py")
    env = dict(os.environ)
    build = run_process([sys.executable, script, "index", str(corpus), str(index_dir)], env)
    queries = run_process([sys.executable, script, "query", str(index_dir)], env)
    numbers = re.findall(r"([0-9.]+) ms", queries.output)
    shutil.rmtree(index_dir, ignore_errors=True)
    return build.seconds, float(numbers[0]), float(numbers[1])


def in_process(script: str, *script_args: str, env: dict[str, str]) -> dict:
    """Run a bench helper script in a fresh interpreter and parse its last line as JSON."""
    run = run_process([sys.executable, str(BENCH / script), *script_args], env)
    return json.loads(run.output.strip().splitlines()[-1])


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{model}, {os.cpu_count()} cores{memory}, Python {sys.version.split()[0]}"


def load() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"
