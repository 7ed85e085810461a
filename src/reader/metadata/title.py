"""Titles: metadata prefixes at the start of a title line, and titles derived from body text.

Only unmistakable prefixes go: an upper-case wire label followed by a dash or
colon (``UPDATE 2-``, ``MISE À JOUR 2 – ``, ``EXCLUSIF-``, ``VIDÉO - ``), a
numeric date (``2024-03-01 ``, ``01/03/2024 -``) or ``date 2024-03-01``. A
title that merely starts with a capitalised word ("Vidéo de la semaine :
...", "2004: An Irish Athletics Year") keeps it.
"""

from __future__ import annotations

import re

from reader.metadata.dates import find_date

_SEPARATOR = r"\s*[-–—:]\s*"
#: Labels that say which version of a wire story this is.
_UPDATE = re.compile(rf"(?P<label>(?:UPDATE|MISE [ÀA] JOUR|ACTUALISATION)\s+\d{{1,2}}){_SEPARATOR}")
#: Labels that say what kind of piece follows (upper case only).
_LABELS = (
    "CORRECTED",
    "CORRECTION",
    "REFILE",
    "EXCLUSIVE",
    "EXCLUSIF",
    "CORRIGÉ",
    "CORRIGE",
    "RECTIFICATIF",
    "BREAKING",
    "BREAKING NEWS",
    "URGENT",
    "ALERTE",
    "FLASH",
    "EN DIRECT",
    "DIRECT",
    "LIVE",
    "VIDEO",
    "VIDÉO",
    "VIDEOS",
    "VIDÉOS",
    "PHOTO",
    "PHOTOS",
    "EN IMAGES",
    "INFOGRAPHIE",
    "ANALYSIS",
    "ANALYSE",
)
_LABEL = re.compile(
    r"(?P<label>"
    + "|".join(sorted(map(re.escape, _LABELS), key=len, reverse=True))
    + rf")(?![\w']){_SEPARATOR}"
)
#: "date 2024-03-01" (seed 003) or a numeric date followed by a separator or a space.
_DATE_PREFIX = re.compile(
    r"\s*(?:date\s*:?\s*)?(?P<date>\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{4})"
    r"(?:\s*[-–—:|]\s*|\s+)"
)


def _take_prefix(line: str) -> tuple[int, dict[str, str]] | None:
    """Length and meaning of one metadata prefix at the start of ``line``."""
    update = _UPDATE.match(line)
    if update:
        return update.end(), {"update": " ".join(update.group("label").split())}
    label = _LABEL.match(line)
    if label:
        return label.end(), {"label": label.group("label")}
    dated = _DATE_PREFIX.match(line)
    if dated:
        found = find_date(dated.group("date"), at_start=True)
        if found and found.end == len(dated.group("date")):
            return dated.end(), {"date": found.iso}
    return None


def split_title_prefix(first_line: str) -> tuple[str | None, str, dict[str, str]]:
    """Split ``first_line`` into (prefix as written or None, title, what the prefix told).

    Stacked prefixes (``REFILE-UPDATE 1-``) are all removed; several labels are
    joined with ``", "``. Nothing is removed if no title would be left.
    """
    cursor = 0
    told: dict[str, str] = {}
    while (taken := _take_prefix(first_line[cursor:])) is not None:
        length, info = taken
        if not first_line[cursor + length :].strip():
            break
        for key, value in info.items():
            told[key] = f"{told[key]}, {value}" if key in told else value
        cursor += length
    if cursor == 0:
        return None, first_line.strip(), {}
    return first_line[:cursor], first_line[cursor:].strip(), told


#: Longest derived title, in characters (an ellipsis marks a cut).
DERIVED_MAX_CHARS = 110
_FIRST_SENTENCE = re.compile(r"(.+?[.!?…])[»\"”’)]?(?:\s+[«\"“(]?[A-ZÀ-Þ0-9]|\s*$)", re.DOTALL)


def derived_title(text: str) -> str:
    """A title for an article whose first line is body text: its first sentence, cut at a
    word boundary to ``DERIVED_MAX_CHARS`` (with an ellipsis) when longer."""
    text = " ".join(text.split())
    match = _FIRST_SENTENCE.match(text)
    sentence = match.group(1) if match else text
    if len(sentence) <= DERIVED_MAX_CHARS:
        return sentence
    cut = sentence[: DERIVED_MAX_CHARS - 1]
    space = cut.rfind(" ")
    if space > DERIVED_MAX_CHARS // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"
