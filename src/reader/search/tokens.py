"""What counts as one word of text or query, and how written numbers become one term.

Engine-neutral: the query language and the engine's analysis share it, so
a query cuts text exactly where the index did.

Numbers are written differently in English and French: "27,595" and
"628.6" in English are "27 595" (often with a no-break or thin space) and
"628,6" in French. A grouped or decimal number is one token, whatever its
separators, and its term is the number in one canonical spelling (no
grouping, "." before the decimals, no trailing zeros: "27595", "628.6",
"3.5"), so the same number matches however it was written. The one
ambiguous shape, a single "," or "." followed by exactly three digits
("27,595", "1.500"), is read by the language's convention: grouping for
"," in English and for "." in French, the decimal mark otherwise.
"""

from __future__ import annotations

import re

#: Characters that group digits by thousands when written between them:
#: space, no-break space, narrow no-break space, thin space.
GROUPING_SPACES = " \u00a0\u202f\u2009"

_NUMBER_SHAPES = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?",  # 27,595   1,234.5
    r"\d{1,3}(?:\.\d{3})+(?:,\d+)?",  # 27.595   1.234,5
    rf"\d{{1,3}}(?:[{GROUPING_SPACES}]\d{{3}})+(?:[.,]\d+)?",  # 27 595   27 595,5
    r"\d+[.,]\d+",  # 628.6   3,5
)
#: A grouped or decimal number, standing alone or with a unit glued after it
#: ("628.6m", "1.5bn": the letters are the next token). Plain integers are words.
NUMBER_PATTERN = r"(?<!\d[.,])(?:" + "|".join(_NUMBER_SHAPES) + r")(?![.,]\d)(?=[^\W\d_]*(?!\w))"
#: One token of text or query: a number as above, else a run of word
#: characters, dots allowed inside ("U.S" stays one token).
WORD_PATTERN = NUMBER_PATTERN + r"|\w+(?:\.?\w+)*"
WORD_RE = re.compile(WORD_PATTERN)
NUMBER_RE = re.compile(NUMBER_PATTERN)
_SPACES_RE = re.compile(f"[{GROUPING_SPACES}]")


def is_number(token: str) -> bool:
    """Whether a token (as WORD_RE cuts it) is a grouped or decimal number."""
    return bool(token[:1].isdigit() and NUMBER_RE.fullmatch(token))


def canonical_number(token: str, lang: str) -> str:
    """The one spelling of a number token in a language group ("en", "fr" or other)."""
    digits = _SPACES_RE.sub("", token)
    marks = [i for i, char in enumerate(digits) if char in ".,"]
    if not marks:
        return digits
    last = digits[marks[-1]]
    if "," in digits and "." in digits:
        decimal = marks[-1]  # 1,234.5 or 1.234,5: the last mark is the decimal one
    elif digits.count(last) > 1:
        decimal = None  # 1,234,567: grouping only
    elif len(digits) - marks[-1] - 1 == 3 and marks[-1] <= 3:
        grouping = "." if lang == "fr" else ","
        decimal = None if last == grouping else marks[-1]
    else:
        decimal = marks[-1]
    if decimal is None:
        return digits.replace(",", "").replace(".", "")
    whole = digits[:decimal].replace(",", "").replace(".", "")
    fraction = digits[decimal + 1 :].rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole
