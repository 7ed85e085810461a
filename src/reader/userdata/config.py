"""The user's TOML configuration file (``locations.config_file()``).

Example::

    theme = "reader-dark"

    [keys]                       # binding id -> comma-separated keys
    "reader.next_hit" = "n,f9"

    [search]
    debounce_ms = 150           # the longest a query typed during a search waits for it

    [history]
    size = 200

A broken file never prevents start-up: ``load_config()`` returns the defaults
for whatever it could not use plus one line per problem, each naming the file,
the key and, for a misspelt key, the closest known one.

Binding ids are checked against the keymap registry by the interface
(``reader.tui.keymap.apply_user_keymap``); this module stays free of Textual
and only checks the shape of ``[keys]`` and the keys that terminals never
deliver or multiplexers swallow (``FORBIDDEN_KEYS``).

The theme choice is saved with ``save_theme(name)``: it changes only the
``theme`` line when it can, so the user's comments and other settings stay.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.userdata import locations

DEFAULT_THEME = "reader-paper"
DEFAULT_DEBOUNCE_MS = 150
DEFAULT_HISTORY_SIZE = 200

#: Keys a terminal never delivers distinctly (ctrl+enter, ctrl+j/m/i are
#: Enter/Tab) or that tmux and screen take as their prefix (ctrl+b, ctrl+a).
FORBIDDEN_KEYS = frozenset({"ctrl+enter", "ctrl+j", "ctrl+m", "ctrl+i", "ctrl+b", "ctrl+a"})

_TOP_LEVEL = ("theme", "keys", "search", "history")
_SEARCH_KEYS = {"debounce_ms": (0, 2000)}
_HISTORY_KEYS = {"size": (0, 10_000)}


@dataclass(frozen=True)
class Config:
    """Settings read from the config file; every field has a working default."""

    theme: str = DEFAULT_THEME
    keys: dict[str, str] = field(default_factory=dict)
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    history_size: int = DEFAULT_HISTORY_SIZE
    path: Path | None = None


def suggestion(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """Read the config file; return the settings and a list of one-line problems."""
    path = path or locations.config_file()
    data, problem = _read_toml(path)
    if problem:
        return Config(path=path), [problem]
    problems: list[str] = []
    settings: dict[str, Any] = {}
    for key, value in data.items():
        if key not in _TOP_LEVEL:
            problems.append(f"{path}: unknown setting {key!r}{suggestion(key, _TOP_LEVEL)}")
        elif key == "theme":
            _read_theme(path, value, settings, problems)
        elif key == "keys":
            settings["keys"] = _read_keys(path, value, problems)
        elif key == "search":
            settings.update(_read_numbers(path, "search", value, _SEARCH_KEYS, problems))
        elif key == "history":
            numbers = _read_numbers(path, "history", value, _HISTORY_KEYS, problems)
            if "size" in numbers:
                settings["history_size"] = numbers["size"]
    return Config(path=path, **settings), problems


def _read_toml(path: Path) -> tuple[dict[str, Any], str | None]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, None
    except OSError as error:
        return {}, f"{path}: cannot read ({error.strerror or error}); using defaults"
    try:
        return tomllib.loads(raw.decode("utf-8")), None
    except UnicodeDecodeError:
        return {}, f"{path}: not UTF-8 text; using defaults"
    except tomllib.TOMLDecodeError as error:
        return {}, f"{path}: {error}; using defaults"


def _read_theme(path: Path, value: Any, settings: dict[str, Any], problems: list[str]) -> None:
    if isinstance(value, str) and value.strip():
        settings["theme"] = value.strip()
    else:
        problems.append(f"{path}: 'theme' must be a theme name (a string)")


def _read_keys(path: Path, table: Any, problems: list[str]) -> dict[str, str]:
    if not isinstance(table, dict):
        problems.append(f'{path}: [keys] must be a table of binding id = "keys"')
        return {}
    keys: dict[str, str] = {}
    for binding_id, value in table.items():
        parsed = _parse_key_list(value)
        if parsed is None:
            problems.append(
                f'{path}: [keys] {binding_id!r} must be keys such as "n,f9" or ["n", "f9"]'
            )
            continue
        forbidden = [key for key in parsed if key.lower() in FORBIDDEN_KEYS]
        if forbidden:
            problems.append(
                f"{path}: [keys] {binding_id!r} uses {', '.join(forbidden)}, which terminals "
                "or multiplexers swallow; choose a plain key or an F-key"
            )
            continue
        keys[binding_id] = ",".join(parsed)
    return keys


def _parse_key_list(value: Any) -> list[str] | None:
    """``"n, f9"`` or ``["n", "f9"]`` -> ``["n", "f9"]``; None when malformed."""
    if isinstance(value, str):
        parts = value.split(",")
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        parts = value
    else:
        return None
    keys = [part.strip() for part in parts]
    if not keys or any(not key or " " in key for key in keys):
        return None
    return keys


def _read_numbers(
    path: Path,
    section: str,
    table: Any,
    allowed: dict[str, tuple[int, int]],
    problems: list[str],
) -> dict[str, int]:
    if not isinstance(table, dict):
        problems.append(f"{path}: [{section}] must be a table")
        return {}
    numbers: dict[str, int] = {}
    for key, value in table.items():
        if key not in allowed:
            hint = suggestion(key, tuple(allowed))
            problems.append(f"{path}: unknown setting [{section}] {key!r}{hint}")
            continue
        low, high = allowed[key]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            problems.append(f"{path}: [{section}] {key} must be a whole number {low}-{high}")
            continue
        numbers[key] = value
    return numbers


# ---------------------------------------------------------------- saving


_THEME_LINE = re.compile(r"^[ \t]*theme[ \t]*=.*$", re.MULTILINE)
_TABLE_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)


def save_theme(name: str, path: Path | None = None) -> str | None:
    """Record the theme choice; return a one-line problem, or None when saved.

    Only the top-level ``theme = ...`` line is replaced (or added at the top),
    so comments and other settings survive. A file that does not parse is
    left untouched: overwriting it would lose what the user wrote.
    """
    path = path or locations.config_file()
    try:
        old_text = path.read_text(encoding="utf-8") if path.exists() else ""
        tomllib.loads(old_text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return f"{path}: theme not saved, the file could not be read ({error})"
    new_text = _with_theme_line(old_text, name)
    if _parsed_theme(new_text) != name:
        new_text = dump_toml({**tomllib.loads(old_text), "theme": name})
    try:
        write_atomically(path, new_text)
    except OSError as error:
        return f"{path}: theme not saved ({error.strerror or error})"
    return None


def _with_theme_line(text: str, name: str) -> str:
    line = f"theme = {_toml_string(name)}"
    header = _TABLE_HEADER.search(text)
    top_end = header.start() if header else len(text)
    existing = _THEME_LINE.search(text, 0, top_end)
    if existing:
        return text[: existing.start()] + line + text[existing.end() :]
    return f"{line}\n{text}"


def _parsed_theme(text: str) -> Any:
    try:
        return tomllib.loads(text).get("theme")
    except tomllib.TOMLDecodeError:
        return None


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as temp:
            temp.write(text)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _toml_string(value: str) -> str:
    # A JSON string is a valid TOML basic string (same escapes, \uXXXX included).
    return json.dumps(value, ensure_ascii=False)


def dump_toml(data: dict[str, Any]) -> str:
    """Serialise parsed TOML data (scalars first, then tables) back to TOML text."""
    lines: list[str] = []
    _dump_table(data, [], lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def _dump_table(table: dict[str, Any], prefix: list[str], lines: list[str]) -> None:
    tables = {key: value for key, value in table.items() if isinstance(value, dict)}
    if prefix and (len(tables) < len(table) or not tables):
        lines.append("")
        lines.append("[" + ".".join(_toml_key(part) for part in prefix) + "]")
    for key, value in table.items():
        if key not in tables:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in tables.items():
        _dump_table(value, [*prefix, key], lines)


def _toml_key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else _toml_string(key)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + items + " }"
    return value.isoformat()  # dates, times and datetimes
