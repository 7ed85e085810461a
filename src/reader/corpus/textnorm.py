"""Text normalisation shared by ingest and display.

Untrusted text reaches the terminal only after ``strip_controls``: an ESC
byte in an article could otherwise set the window title, clear the screen or
write the clipboard (see TEXTUAL_NOTES.md).
"""

from __future__ import annotations

import re
import unicodedata

#: C0 controls except TAB and LF, DEL, and the C1 range.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Bidi overrides and isolates can reorder what the terminal shows.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b(?:"
    r"\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, clear screen, colours
    r"|\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"  # OSC: window title, clipboard, hyperlinks
    r"|[@-Z\\-_])"  # other two-byte escapes
)


def strip_controls(text: str) -> str:
    """Drop terminal escape sequences and control characters, keeping ``\\n`` and ``\\t``.

    Whole escape sequences go first so that their printable tails
    (``]2;PWNED``) do not remain as stray text.
    """
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = CONTROL_CHARS.sub("", text)
    return BIDI_CONTROLS.sub("", text)


def normalise(text: str) -> str:
    """NFC, ``\\n`` line ends, no control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return strip_controls(unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """Case- and accent-folded form used for keys and comparisons."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
