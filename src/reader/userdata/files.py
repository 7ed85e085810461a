"""Small JSON files of the user's state (history, session): read tolerantly, set aside when broken.

A file that cannot be read or parsed never blocks reader: it is renamed
aside (``name.corrupt``, then ``name.corrupt.1``…, never overwriting an
earlier one) so nothing is silently lost, and one line says what happened.
Files are written with ``reader.userdata.config.write_atomically``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def load_json(path: Path, fresh: str) -> tuple[Any, str | None]:
    """The parsed content of ``path`` and a problem line (None when all went well).

    A missing file gives ``(None, None)``; one that cannot be read or is not
    JSON is set aside and gives ``(None, problem)``. ``fresh`` says what starts
    instead, for the problem line (``"history starts empty"``).
    """
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as error:
        return None, set_aside(path, f"cannot read it ({error})", fresh)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        return None, set_aside(path, f"not valid JSON ({error})", fresh)
    if data is None:  # "null": nothing reader writes
        return None, set_aside(path, "nothing but null in it", fresh)
    return data, None


def set_aside(path: Path, reason: str, fresh: str) -> str:
    """Rename the unusable file ``path`` to a free ``.corrupt`` name; the problem line."""
    aside = free_name(path.with_name(path.name + ".corrupt"))
    try:
        path.replace(aside)
    except OSError as error:
        return f"{path}: {reason}; could not set it aside ({error})"
    return f"{path}: {reason}; moved to {aside.name}, {fresh}"


def free_name(path: Path) -> Path:
    """``path`` itself, or ``path.1``, ``path.2``... when taken."""
    candidate, number = path, 0
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.name}.{number}")
    return candidate
