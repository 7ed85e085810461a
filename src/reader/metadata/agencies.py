"""News agencies credited for an article, by canonical name.

An agency counts only where the page credits it: a dateline ``(Reuters)``,
an attribution line (``(Avec AFP)``, ``Source : AFP``, ``avec Reuters``,
``AFP/Relaxnews``, ``© 2018 AFP``) or a credit closing a paragraph. A mere
mention ("l'Agence France-Presse (AFP) a appris") credits nothing, nor do
reporting credits without the agency's name. A bare "© AFP" is a photo
credit: on news-dev, DH and La Libre put "© AFP", "© AP" and "© Belga" lines
between paragraphs, under pictures, while the copyright of wire copy has a
year ("© 2018 AFP").
"""

from __future__ import annotations

import re

#: Canonical name -> the ways pages write it (regular expressions, case-sensitive).
AGENCY_FORMS: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", r"Agence France[- ]Presse", r"France[- ]Presse"),
    "Reuters": ("Reuters", "REUTERS"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Belga": ("Belga", "BELGA"),
    "ATS": ("Keystone-ATS", "ATS"),
    "PC": (
        "La Presse Canadienne",
        "Presse Canadienne",
        "The Canadian Press",
        "Canadian Press",
        "PC",
    ),
    "Bloomberg": ("Bloomberg",),
    "DPA": ("DPA", "dpa"),
    "ANSA": ("ANSA",),
    "EFE": ("EFE",),
    "Xinhua": ("Xinhua",),
    "Yonhap": ("Yonhap",),
    "Kyodo": ("Kyodo",),
    "PA": ("PA Media", "Press Association", "PA"),
    "Agence QMI": ("Agence QMI", "QMI"),
    "Relaxnews": ("Relaxnews", "ETX Studio"),
    "ANP": ("ANP",),
    "APA": ("APA",),
}

_FORM_TO_NAME = {form: name for name, forms in AGENCY_FORMS.items() for form in forms}
_ANY_FORM = "|".join(sorted(_FORM_TO_NAME, key=len, reverse=True))
#: One agency name as written, not part of a longer word ("APVF", "AP-HP"),
#: though "AFP-Relaxnews" is two agencies.
AGENCY = rf"(?:{_ANY_FORM})(?!\w)(?!-(?!(?:{_ANY_FORM})(?!\w))\w)"
_AGENCY = re.compile(AGENCY)
#: Several agencies credited together: "AFP/Relaxnews", "AFP et Reuters".
_JOIN = r"\s*(?:/|,|-|\bet\b|\band\b|&)\s*"
_AGENCIES = rf"{AGENCY}(?:{_JOIN}{AGENCY})*"
_WITH = r"(?:[Aa]vec|[Ww]ith|[Ss]ources?\s*:|[Dd]'après|[Dd]’après|[Ss]elon)"
_THE = r"(?:l'|l’|the\s+)?"

#: A whole short block that is a credit.
_CREDIT_LINE = re.compile(
    rf"^[(\[]\s*(?:{_WITH}\s*)?{_THE}(?P<paren>{_AGENCIES})(?:\s*/\s*[\w .]+)?\s*[)\]]\.?$"
    rf"|^{_WITH}\s*{_THE}(?P<with>{_AGENCIES})\.?$"
    rf"|^(?:©|\([cC]\)|[Cc]opyright)\s*(?:19|20)\d\d\s+(?P<copy>{_AGENCIES})\.?$"
    rf"|^(?P<joint>{AGENCY}\s*[/-]\s*{AGENCY})$"
)
#: A credit closing a paragraph: "... a-t-il dit. (AFP)", "... (Avec AFP)".
_CLOSING_CREDIT = re.compile(
    rf"[.!?»”\"]\s*[(\[]\s*(?:{_WITH}\s*)?{_THE}(?P<names>{_AGENCIES})"
    r"(?:\s*/\s*[\w .]+)?\s*[)\]]\s*$"
)
#: "Jean Dupont, with Reuters", "Par Jean Dupont avec AFP" in a byline.
_WITH_AGENCY = re.compile(rf"(?:,\s*|\s)(?:avec|with)\s+{_THE}(?P<names>{_AGENCIES})\.?\s*$")
#: Longest block that can be a credit line on its own.
MAX_CREDIT_CHARS = 80


def canonical_agencies(written: str) -> list[str]:
    """Canonical names of the agencies written in ``written``, in order, once each."""
    names: list[str] = []
    for match in _AGENCY.finditer(written):
        name = _FORM_TO_NAME.get(match.group(0))
        if name and name not in names:
            names.append(name)
    return names


def credited_agencies(block_text: str) -> list[str]:
    """Agencies that ``block_text`` credits as the article's source."""
    text = block_text.strip()
    if len(text) <= MAX_CREDIT_CHARS:
        line = _CREDIT_LINE.match(text)
        if line:
            return canonical_agencies(next(group for group in line.groups() if group))
        with_agency = _WITH_AGENCY.search(text)
        if with_agency:
            return canonical_agencies(with_agency.group("names"))
    closing = _CLOSING_CREDIT.search(text)
    if closing:
        return canonical_agencies(closing.group("names"))
    return []
