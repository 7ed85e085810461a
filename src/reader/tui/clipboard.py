"""Copy text out of the interface: the system clipboard where a program reaches it, else
the terminal's own (OSC 52, which some terminals ignore: the message says which way)."""

from __future__ import annotations

from typing import Any

from textual.app import App

from reader.system.clipboard import copy_to_system_clipboard


def copy_text(app: App[Any], text: str) -> str:
    """Copy ``text``; returns how it went, for the notification (``with xclip``...)."""
    program = copy_to_system_clipboard(text)
    if program is not None:
        return f"with {program}"
    app.copy_to_clipboard(text)
    return "through the terminal (OSC 52; if pasting gives nothing, your terminal ignores it)"
