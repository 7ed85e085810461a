"""Datelines: the place, date and agency that open a wire story.

``BEIJING, 18 mars (Reuters) – Les régulateurs ...`` gives the dateline
``BEIJING, 18 mars``, the date ``--03-18`` and the agency Reuters. Without an
agency or a date, only an upper-case place or a place before an em dash or
a bar counts (``PARIS | ...``, ``Québec — ...``): "LE SCAN POLITIQUE - ..." and
"Lire aussi Coignard - ..." are rubrics, not places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.metadata.agencies import AGENCY, canonical_agencies
from reader.metadata.dates import find_date

_UPPER = "A-ZÀ-ÖØ-Þ"
_CAPS_WORD = rf"[{_UPPER}][{_UPPER}'’.\-]*"
_TITLE_WORD = rf"[{_UPPER}][\w'’.\-]*"
_PARTICLE = r"(?:de|du|des|la|le|les|sur|en|am|im|upon|on|of|del|do|da)"
_TITLE_PLACE = rf"{_TITLE_WORD}(?:\s+(?:{_PARTICLE}\s+)?{_TITLE_WORD}){{0,2}}"
_CAPS_PLACE = rf"{_CAPS_WORD}(?:\s+{_CAPS_WORD}){{0,3}}"
_REGION = rf"(?:,\s*{_TITLE_PLACE})?"

_DATELINE = re.compile(
    rf"(?P<place>(?P<caps>{_CAPS_PLACE}(?![\w]))?(?(caps)|{_TITLE_PLACE}){_REGION})"
    rf"(?:,\s*(?:le\s+)?(?P<date>[^()|\-–—,\n]{{3,32}}?(?:,\s*\d{{4}})?))?"
    rf"\s*(?:\(\s*(?P<agency>{AGENCY}(?:\s*[/,-]\s*{AGENCY})*)(?:\s*/\s*[\w .]+)?\s*\))?"
    rf"\s*(?P<sep>[-–—|])(?:\s+|$)"
)
#: Upper-case rubric labels that look like places before a dash.
_RUBRIC_WORDS = frozenset(
    """VIDEO VIDÉO VIDÉOS VIDEOS PHOTOS PHOTO REPORTAGE INTERVIEW FOCUS TRIBUNE ANALYSE
    INFOGRAPHIE REPLAY EXCLUSIF EXCLUSIVE UPDATE DIRECT LIVE SCAN INFO ÉDITO EDITO
    CHRONIQUE ENQUÊTE PORTRAIT AVIS OPINION BREAKING URGENT ALERTE FLASH CORRECTED
    REFILE MOT JOUR NEWS HOME MENU ACCUEIL""".split()  # noqa: SIM905
)
#: Without an agency or a date, a dateline must open a real sentence this long.
MIN_WORDS_AFTER = 6


@dataclass(frozen=True, slots=True)
class Dateline:
    """What the dateline at the start of a block told."""

    text: str  # place and date as written, e.g. "BEIJING, 18 mars"
    date: str | None  # ISO 8601, possibly partial
    agencies: tuple[str, ...]
    alone: bool  # nothing follows it in the block ("Paris (AFP) -" moved to the end)


def _plausible(match: re.Match[str], date_iso: str | None, rest: str) -> bool:
    place = match.group("place")
    words = set(place.replace("-", " ").upper().split())
    if words & _RUBRIC_WORDS or canonical_agencies(place):
        return False
    if match.group("agency") or date_iso:
        return True
    if len(rest.split()) < MIN_WORDS_AFTER or "|" in rest:
        return False  # a menu: "HOME | News | Sport", "Shopping |"
    return match.group("sep") in "—|" or (
        match.group("caps") is not None and match.group("sep") == "–"
    )


def parse_dateline(block_text: str) -> Dateline | None:
    """The dateline opening ``block_text``, if it has one."""
    match = _DATELINE.match(block_text)
    if match is None:
        return None
    date_text = match.group("date")
    date_iso = None
    if date_text:
        found = find_date(date_text.strip(), at_start=True)
        if found is None or found.end != len(date_text.strip()):
            return None
        date_iso = found.iso
    rest = block_text[match.end() :]
    if not _plausible(match, date_iso, rest):
        return None
    end = match.end("date") if date_text else match.end("place")
    agencies = canonical_agencies(match.group("agency") or "")
    alone = not rest.strip()
    return Dateline(block_text[match.start() : end].strip(), date_iso, tuple(agencies), alone)
