"""Terminal output helpers: progress on a terminal, silence elsewhere."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from reader.corpus.ingest import safe_name


def warn(message: str) -> None:
    """One line on standard error, with control characters escaped."""
    print(f"reader: {safe_name(message)}", file=sys.stderr)


class ProgressBar:
    """A one-line progress bar on standard error, drawn only when it is a terminal."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._last_draw = 0.0
        self._open_line = False
        self._phase = ""

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if phase != self._phase:
            self.finish()
            self._phase = phase
        now = time.monotonic()
        if done < total and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r{phase:<16} [{bar}] {done}/{total}")
        self.stream.flush()
        self._open_line = True

    def finish(self) -> None:
        if self.enabled and self._open_line:
            self.stream.write("\n")
            self.stream.flush()
            self._open_line = False
