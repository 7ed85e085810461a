"""Where reader keeps its files.

Each folder can be moved with an environment variable, so that tests and
unusual machines never touch the real home folder:

- ``READER_CACHE_DIR``: indexes (safe to delete; rebuilt on demand)
- ``READER_DATA_DIR``: bookmarks, query history and sessions (the user's own work)
- ``READER_CONFIG_DIR``: ``config.toml`` and user themes
- ``READER_SEEDS_DIR``: the bundled corpus opened by ``reader`` with no argument
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

APP_NAME = "reader"
CACHE_ENV = "READER_CACHE_DIR"
DATA_ENV = "READER_DATA_DIR"
CONFIG_ENV = "READER_CONFIG_DIR"
SEEDS_ENV = "READER_SEEDS_DIR"
INDEX_ENV = "READER_INDEX_DIR"


def _from_env(variable: str) -> Path | None:
    value = os.environ.get(variable)
    return Path(value).expanduser() if value else None


def cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return _from_env(CACHE_ENV) or Path(user_cache_dir(APP_NAME))


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return _from_env(DATA_ENV) or Path(user_data_dir(APP_NAME))


def config_dir() -> Path:
    from platformdirs import user_config_dir

    return _from_env(CONFIG_ENV) or Path(user_config_dir(APP_NAME))


def config_file() -> Path:
    return config_dir() / "config.toml"


def bookmarks_db() -> Path:
    return data_dir() / "bookmarks.sqlite3"


def history_file() -> Path:
    return data_dir() / "history.json"


def session_file() -> Path:
    return data_dir() / "session.json"


def user_themes_dir() -> Path:
    return config_dir() / "themes"


def project_root() -> Path:
    """The source checkout holding ``src/reader`` (editable installs and tests)."""
    return Path(__file__).resolve().parents[3]


def _bundled(name: str) -> Path:
    """A folder shipped with reader: inside the installed package (a wheel carries copies
    of the checkout's top-level folders there), else the checkout's own."""
    packaged = Path(__file__).resolve().parents[1] / "bundled" / name
    return packaged if packaged.is_dir() else project_root() / name


def seeds_dir() -> Path:
    """The bundled seed corpus (``READER_SEEDS_DIR`` overrides it)."""
    return _from_env(SEEDS_ENV) or _bundled("seeds")


def bundled_themes_dir() -> Path:
    return _bundled("themes")


def index_dir_for(corpus_root: Path, override: Path | None = None) -> Path:
    """The index folder of one corpus: one per corpus folder, under the cache.

    ``override`` (the ``--index-dir`` option) wins, then ``READER_INDEX_DIR``.
    """
    explicit = override or _from_env(INDEX_ENV)
    if explicit is not None:
        return explicit
    resolved = str(corpus_root.resolve())
    digest = hashlib.sha1(resolved.encode("utf-8", "surrogateescape")).hexdigest()[:12]
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", corpus_root.resolve().name).strip("-") or "corpus"
    return cache_dir() / "indexes" / f"{slug[:40]}-{digest}"
