"""Publication lines: "Publié le 3 mars 2024", "Updated March 1, 2024", a lone timestamp.

Only lines that state a publication or update date count. A date inside a
sentence ("en novembre 2020", "le rapport publié le 3 mars") is what the
article is about, not when it was written, so the keyword must open the
block or follow a separator ("Par Jean Dupont | Publié le ...").
"""

from __future__ import annotations

import re

from reader.metadata.agencies import credited_agencies
from reader.metadata.dates import DATE_PATTERN, find_date

_PUBLISHED = (
    r"Publié|Publiée|Publication|Date de publication|Première publication|Posted|Published"
    r"|First published|Date"
)
_UPDATED = (
    r"Mis à jour|Mise à jour|Modifié|Modifiée|Actualisé|Actualisée|Dernière mise à jour"
    r"|Updated|Last updated|Last modified|Modified"
)
_KEYWORD_LINE = re.compile(
    rf"(?:^|[|•·–—,;]\s*|\s-\s)(?P<kw>(?:{_PUBLISHED}|{_UPDATED}))\b\s*"
    r"(?:(?:le|on|:|at)\s*)*,?\s*(?P<rest>.*)$",
    re.DOTALL,
)
_UPDATED_KW = re.compile(rf"^(?:{_UPDATED})$")
#: A block that holds only a date, perhaps with a time: "13/12/2018 11:36:55 -".
_DATE_ONLY = re.compile(
    rf"^[\s\W]*(?:le\s+|on\s+)?{DATE_PATTERN}"
    r"(?:\s*(?:à|at|,|-|–)?\s*\d{1,2}\s*[:hH]\s*\d{2}(?::\d{2})?\s*(?:am|pm|GMT|UTC|CET|CEST|HE)?)?"
    r"[\s\W]*$",
    re.IGNORECASE,
)
_COPYRIGHT_YEAR = re.compile(r"^(?:©|\([cC]\)|[Cc]opyright)\s*((?:19|20)\d\d)\b")
#: Longest block read as a publication line.
MAX_LINE_CHARS = 200


def publication_date(block_text: str, *, day_first: bool = True) -> tuple[str, bool] | None:
    """(ISO date, is it an update date) stated by a publication line, or None.

    Keywords are matched as written, capitalised: a lower-case "publié le" is
    part of a sentence.
    """
    text = block_text.strip()
    if len(text) > MAX_LINE_CHARS:
        return None
    for match in _KEYWORD_LINE.finditer(text):
        found = find_date(match.group("rest"), at_start=True, day_first=day_first)
        if found:
            keyword = " ".join(match.group("kw").split())
            return found.iso, bool(_UPDATED_KW.match(keyword))
    return None


def date_only(block_text: str, *, day_first: bool = True) -> str | None:
    """The date of a block that holds nothing but a date with its year (and maybe a time).

    Without a year, a lone date is more often an event than a publication
    ("Saturday, 26 February" above a BBC match preview, "Lundi 3 décembre" in
    a week's schedule).
    """
    text = block_text.strip()
    if len(text) > 60 or not _DATE_ONLY.match(text):
        return None
    found = find_date(text, day_first=day_first)
    return found.iso if found and not found.iso.startswith("--") else None


def copyright_year(block_text: str) -> str | None:
    """The year of an agency's copyright line ("© 2018 AFP").

    A site's own notice ("© 1998-2011 NetEase", "Copyright 2008 Vancouver Sun")
    dates the site, not the article.
    """
    text = block_text.strip()
    match = _COPYRIGHT_YEAR.match(text)
    if match is None or len(text) > 80 or not credited_agencies(text):
        return None
    return match.group(1)
