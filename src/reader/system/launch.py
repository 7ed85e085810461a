"""The command that opens a file in the user's pager or editor.

The pager is ``$PAGER``, else ``less``; the editor ``$VISUAL``, then
``$EDITOR``, else ``vi``. A variable is split as a shell would split it
(``less -R``, ``code --wait``, a quoted path with spaces); one that is empty,
cannot be split or names a program that is not found is passed over for
the next choice. The interface runs the command with the app suspended.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping
from pathlib import Path


class LaunchError(Exception):
    """No program to open the file with; the message says what was tried and what to do."""


def pager_command(path: Path, environ: Mapping[str, str] | None = None) -> list[str]:
    """The argv that shows ``path`` in the user's pager."""
    return _command(path, ("PAGER",), "less", "pager", environ)


def editor_command(path: Path, environ: Mapping[str, str] | None = None) -> list[str]:
    """The argv that opens ``path`` in the user's editor."""
    return _command(path, ("VISUAL", "EDITOR"), "vi", "editor", environ)


def _command(
    path: Path,
    variables: tuple[str, ...],
    fallback: str,
    what: str,
    environ: Mapping[str, str] | None,
) -> list[str]:
    environ = os.environ if environ is None else environ
    search_path = environ.get("PATH", os.defpath)
    # Absolute, so that a file name starting with "-" is never read as an option.
    target = os.path.abspath(path)
    problems: list[str] = []
    for variable in variables:
        value = environ.get(variable, "")
        try:
            argv = shlex.split(value)
        except ValueError as error:
            problems.append(f"${variable} cannot be split as a shell would ({error})")
            continue
        if not argv:
            continue
        program = shutil.which(argv[0], path=search_path)
        if program is None:
            problems.append(f"${variable} names {argv[0]}, which is not found")
            continue
        return [program, *argv[1:], target]
    program = shutil.which(fallback, path=search_path)
    if program is not None:
        return [program, target]
    problems.append(f"{fallback} is not installed")
    variable_names = " or ".join(variables)
    raise LaunchError(
        f"no {what} found to open {target}: {'; '.join(problems)};"
        f" install {fallback}, or set {variable_names} to the command of the {what} you use"
    )
