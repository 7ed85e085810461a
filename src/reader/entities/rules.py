"""Rule-based entity shapes the statistical models miss: place suffixes and country names.

East Asian place names written with their administrative suffix
(``Yongsan-gu``, ``Hannam-dong``, ``Minato-ku``, ``Suwon-si``) are clear
enough to tag by shape: a capitalised word, a hyphen, and one of the
suffixes for district, neighbourhood, county, town or city. The small English
model tags ``Hannam`` alone, or nothing. Both tokenizers split these words at
the hyphen, and a pattern for the unsplit form covers a tokenizer that does not.
"""

from __future__ import annotations

from reader.entities.countries import country_names

#: Korean gu/dong/gun/eup/myeon/si, Japanese ku/shi.
PLACE_SUFFIXES = ("gu", "dong", "gun", "eup", "myeon", "si", "ku", "shi")

_PLACE_WORD = {"IS_TITLE": True, "IS_ALPHA": True}
_JOINED_PLACE = r"^[A-Z][a-z]+-(?:" + "|".join(PLACE_SUFFIXES) + r")$"


def ruler_patterns(lang: str) -> list[dict]:
    """EntityRuler patterns (the same for every language), labelled with the model's label."""
    label = "GPE" if lang == "en" else "LOC"
    return [
        {
            "label": label,
            "pattern": [_PLACE_WORD, {"ORTH": "-"}, {"LOWER": {"IN": list(PLACE_SUFFIXES)}}],
            "id": "east-asian-place",
        },
        {"label": label, "pattern": [{"TEXT": {"REGEX": _JOINED_PLACE}}], "id": "east-asian-place"},
    ]


def country_patterns(lang: str) -> list[dict]:
    """Country names, for a ruler that never overrides the model (``Air France`` stays ORG)."""
    label = "GPE" if lang == "en" else "LOC"
    return [{"label": label, "pattern": name, "id": "country"} for name in country_names(lang)]
