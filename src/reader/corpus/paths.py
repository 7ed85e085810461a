"""Where articles are: a corpus's root folder, paths inside it, and the source they name."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

_NUMBERED_STEM = re.compile(r"^(?P<prefix>.*?[A-Za-z].*?)[-_]\d+$")


def corpus_root(paths: Sequence[Path]) -> Path:
    """The folder that names a corpus: the folder given, or the common parent of the files."""
    resolved = [path.resolve() for path in paths]
    if len(resolved) == 1 and resolved[0].is_dir():
        return resolved[0]
    parents = [path if path.is_dir() else path.parent for path in resolved]
    common = parents[0]
    for parent in parents[1:]:
        while common not in (parent, *parent.parents):
            common = common.parent
    return common


def relative_path(path: Path | str, root: Path) -> str:
    """The path inside the corpus folder, as text that SQLite and JSON can store.

    Bytes of a file name that are not UTF-8 are shown as ``\\xff`` escapes
    (the same name always gives the same text, so ids stay stable). A path
    already under ``root`` is taken as it stands: resolving each of 10,000
    files costs more than half a second on every reopening.
    """
    text, prefix = str(path), str(root).rstrip(os.sep) + os.sep
    if os.sep == "/" and text.startswith(prefix):  # the common case, without pathlib
        return _storable(text[len(prefix) :])
    path = Path(path)
    try:
        relpath = PurePosixPath(path.relative_to(root)).as_posix()
    except ValueError:
        resolved = path.resolve()
        try:
            relpath = PurePosixPath(resolved.relative_to(root)).as_posix()
        except ValueError:
            relpath = resolved.as_posix()
    return _storable(relpath)


def _storable(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text


def guess_source(relpath: str, root_name: str) -> str:
    """The site or collection an article came from, when a manifest does not say.

    A subfolder names it (``lemonde/…``); else a numbered file name's stem
    (``fr-be-dh-0516.txt`` → ``fr-be-dh``); else the corpus folder's name.
    """
    parts = PurePosixPath(relpath).parts
    if len(parts) > 1:
        return parts[0]
    match = _NUMBERED_STEM.match(PurePosixPath(relpath).stem)
    return match.group("prefix") if match else root_name
