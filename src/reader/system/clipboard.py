"""Copy text to the system clipboard through the platform's own program.

Tried in order, each only where it can reach a clipboard: ``wl-copy`` when
``WAYLAND_DISPLAY`` is set, ``xclip`` then ``xsel`` when ``DISPLAY`` is set,
``pbcopy`` on macOS, ``clip.exe`` on Windows and under WSL. Over SSH or in a
bare console none applies and the interface falls back to OSC 52 (the
terminal's own clipboard escape sequence).

A program that is missing, fails or does not return within the timeout is
passed over; nothing here raises for them, and nothing waits longer than
the timeout for one program.
"""

from __future__ import annotations

import codecs
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

#: Seconds one clipboard program may take (xclip and wl-copy return at once,
#: leaving a background process that serves the clipboard).
TIMEOUT_SECONDS = 2.0


def clipboard_commands(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> list[list[str]]:
    """The clipboard programs (with their arguments) worth trying here, best first."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    commands: list[list[str]] = []
    if environ.get("WAYLAND_DISPLAY"):
        commands.append(["wl-copy"])
    if environ.get("DISPLAY"):
        commands += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    if platform == "darwin":
        commands.append(["pbcopy"])
    if platform == "win32" or _is_wsl(environ):
        commands.append(["clip.exe"])
    return commands


def copy_to_system_clipboard(text: str, *, timeout: float = TIMEOUT_SECONDS) -> str | None:
    """Put ``text`` on the system clipboard; the name of the program that took it, or
    None when no clipboard program is reachable (use OSC 52 then)."""
    for command in clipboard_commands():
        program = shutil.which(command[0])
        if program is not None and _ran(
            [program, *command[1:]], _encoded(command[0], text), timeout
        ):
            return command[0]
    return None


def _ran(argv: list[str], data: bytes, timeout: float) -> bool:
    """Run a clipboard program with ``data`` on its input, away from the terminal."""
    environment = {**os.environ, "LC_CTYPE": "UTF-8"} if argv[0].endswith("pbcopy") else None
    try:
        completed = subprocess.run(
            argv,
            input=data,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=timeout,
            env=environment,
            # Its own session: the background process that serves the clipboard
            # must not get the terminal's signals, nor hold the terminal.
            start_new_session=True,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return completed.returncode == 0


def _encoded(name: str, text: str) -> bytes:
    """``clip.exe`` reads UTF-16 with a byte order mark; the others read UTF-8."""
    if name == "clip.exe":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    return text.encode("utf-8")


def _is_wsl(environ: Mapping[str, str]) -> bool:
    if environ.get("WSL_DISTRO_NAME") or environ.get("WSL_INTEROP"):
        return True
    try:
        release = Path("/proc/sys/kernel/osrelease").read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    return "microsoft" in release.lower()
