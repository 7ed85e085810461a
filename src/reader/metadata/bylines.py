"""Authors from bylines: "Par Jean Dupont", "By Jane Smith", "Written By" + name.

"Posted by" is left out: on blogs it signs the comments as often as the post.

A name is two to four capitalised words, with particles (de, van, von, ...)
allowed between them, so that "Par ailleurs, ..." or "By the end of 2004"
are not bylines. A byline inside a long paragraph must end at a full stop or
a bar ("Par Géry De Maet.Alors que ..."): "By Christmas Day, the shops ..."
is a sentence.
"""

from __future__ import annotations

import re

from reader.metadata.agencies import canonical_agencies

_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_WORD = (
    rf"(?:[{_UPPER}]\.(?:-?[{_UPPER}]\.)?|[{_UPPER}][\w'’]*(?:-[{_UPPER}][\w'’]*)*(?![\w'’-]))"
)
_PARTICLE = (
    r"(?:de|du|des|d'|d’|van|von|der|den|da|di|del|della|dos|das|le|la|al|el|bin|ben|ter|ten|zu|y)"
)
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_PARTICLE}\s+|d['’])?{_NAME_WORD}){{1,3}}"
_NAMES = rf"(?P<names>{_NAME}(?:\s*(?:,|\bet\b|\band\b|&)\s*{_NAME})*)"

#: A label whose name follows in the same block or, alone, in the next one.
_LABEL = (
    r"(?:[Ww]ritten\s+[Bb]y|WRITTEN\s+BY|By|BY|Par|PAR|"
    r"(?:Auteur|Auteurs|Author|Authors|Texte|Textes|Signé)\s*:)"
)
_LABEL_ALONE = re.compile(rf"^{_LABEL}\s*:?$")
_LABELLED = re.compile(rf"^{_LABEL}\s*:?\s+{_NAMES}(?P<after>.*)$", re.DOTALL)
_NAME_WITH_AGENCY = re.compile(rf"^{_NAMES}\s*,?\s+(?:with|avec)\s+\S.*$")
_NAME_ALONE = re.compile(rf"^{_NAMES}$")
_NAME_SPLIT = re.compile(r"\s*(?:,|\bet\b|\band\b|&)\s*")
_AND = re.compile(r"\bet\b|\band\b|&")

#: What may follow a name in a short byline: nothing, punctuation, or a role.
_SHORT_AFTER = re.compile(
    r"^(?:$|\s*[,;|•·/(–—-]|\.|\s+(?:avec|with|pour|for|à|au|aux|in|at|from|de|du|"
    r"publié|published|updated|mis|le|on|envoyé|envoyée|correspondant|correspondante|"
    r"special|reporter|journaliste)\b|\s+\d"
    r"|\s+(?i:porte-parole|président|présidente|secrétaire|député|députée|sénateur|sénatrice"
    r"|maire|directeur|directrice|professeur|professeure|avocat|avocate|chercheur|chercheuse"
    r"|correspondent|editor|chief|professor|director|president|senior)\b)"
)
#: What may follow a name inside a long paragraph: a full stop or a bar.
_LONG_AFTER = re.compile(r"^(?:\.|\s*[|•])")
#: Longest block read as a byline on its own.
MAX_BYLINE_CHARS = 120

#: Capitalised words that begin sentences or name things, not people.
_NOT_NAME_WORDS = frozenset(
    """The A An This That These Those It He She We They I Le La Les Un Une Ce Cette Ces
    Il Elle Nous On Mr Mrs Ms Dr Sir M Mme Mlle Me Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday January February March April May June July August September October
    November December Christmas Easter Lundi Mardi Mercredi Jeudi Vendredi Samedi Dimanche
    Noël Pâques News Staff Team Rédaction Redaction Editor Editors Editorial Desk Service
    Online Media Press Presse Agency Agence Reporters Reporter Journaliste Correspondent
    Contributor Contributors Writer Writers Admin Administrator Webmaster Guest Invité
    Times Post Journal Herald Tribune Gazette Daily Telegraph Guardian Mail Chronicle Observer
    Independent Magazine Bureau Radio Television TV Monde Figaro Libération Parisien Soir
    Ouest Matin Temps Devoir Nouvelles Today""".casefold().split()
)


def _is_person_name(name: str) -> bool:
    words = [word.rstrip(".").casefold() for word in name.split() if word[0].isupper()]
    if any(word in _NOT_NAME_WORDS for word in words):
        return False
    return not canonical_agencies(name)


def _names_from(match: re.Match[str]) -> str | None:
    """The leading person names of the match ("Jane Smith, BBC News" -> "Jane Smith").

    Commas join several authors only in a list closed by "and"/"et"/"&"; after
    a lone comma comes an affiliation ("Andrea Woo, Vancouver Sun").
    """
    written = match.group("names")
    if not _AND.search(written):
        written = written.split(",")[0]
    names: list[str] = []
    for name in _NAME_SPLIT.split(written):
        if not _is_person_name(name):
            break
        names.append(name)
    return ", ".join(names) or None


def byline_author(block_text: str) -> str | None:
    """The author(s) that ``block_text`` names as a byline, or None."""
    text = block_text.strip()
    labelled = _LABELLED.match(text)
    if labelled:
        after = labelled.group("after")
        short = len(text) <= MAX_BYLINE_CHARS
        if (_SHORT_AFTER if short else _LONG_AFTER).match(after):
            return _names_from(labelled)
        return None
    if len(text) <= MAX_BYLINE_CHARS:
        with_agency = _NAME_WITH_AGENCY.match(text)
        if with_agency and canonical_agencies(text[with_agency.end("names") :]):
            return _names_from(with_agency)
    return None


def is_byline_label(block_text: str) -> bool:
    """True for a block that is only a byline label ("Written By", "Par", "Auteur :")."""
    return _LABEL_ALONE.match(block_text.strip()) is not None


def name_block_author(block_text: str) -> str | None:
    """The author(s) of a block that holds only names (the block after a lone label)."""
    match = _NAME_ALONE.match(block_text.strip())
    return _names_from(match) if match else None
