"""Recasing lines written in capitals before the model reads them.

Wire headlines and datelines come in capitals ("SOCCER - JAPAN GET LUCKY WIN
, CHINA IN SURPRISE DEFEAT .", "LONDON 1996-08-30"), and the models, trained
on ordinary case, find nothing there or tag every word. Such a line is given
the case its words have in the rest of the article ("Japan", "China", "win"),
and any other word the lower case in a headline (its names are the ones the
article repeats) or an initial capital in a short line (a dateline's place). English
headlines in Title Case ("South Korea and Meta Discuss AI and XR
Cooperation") have their words spelled as the article writes them elsewhere
("discuss", "cooperation"), so the model does not read one long name. The recased
text has exactly the length of the original, so offsets are unchanged; the
entities' surfaces are read from the original text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict

#: A line is recased when at least this share of its cased letters are capitals...
CAPITALS_SHARE = 0.8
#: ... and it has this many capital letters or more ("BBC" alone is an acronym, not a headline).
MIN_CAPITALS = 4
#: A Title Case line has this many words of ``TITLE_CASE_MIN_LETTERS`` letters or more.
TITLE_CASE_MIN_WORDS = 4
TITLE_CASE_MIN_LETTERS = 3
TITLE_CASE_MAX_CHARS = 120
#: A line of this many words or more is a headline, shorter ones are datelines.
HEADLINE_WORDS = 3
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)

FUNCTION_WORDS = frozenset(
    """a an the and or but nor of to in on at by for from with as into over after before under
    up down out off vs v is are was were be been has have had will would can could not no its
    his her their our new says say said get gets got win wins beat beats
    le la les un une des de du d l et ou mais à au aux en dans sur pour par avec sans sous
    chez contre vers entre est sont a ont été se sa son ses leur leurs ce cette ces qui que
    qu ne pas plus""".split()  # noqa: SIM905
)


#: A dateline's place in capitals opening a line: "BEIJING, 18 mars (Reuters) -", "AL-AIN ,".
_DATELINE_PLACE = re.compile(
    r"[^\W\d_a-zà-ÿ][^\W\da-zà-ÿ]*(?:[ '’-][^\W\d_a-zà-ÿ]+)*(?=\s*[,(]|\s+[-–—])"
)


def shouting_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text`` written in capitals, and of every dateline
    place in capitals that opens a line."""
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if _is_shouting(line):
            spans.append((start, end))
        else:
            place = _DATELINE_PLACE.match(line)
            if place and _is_shouting(place.group(0)):
                spans.append((start, start + place.end()))
        start = end + 1
    return spans


def _is_shouting(line: str) -> bool:
    upper = lower = 0
    for character in line:
        if character.isupper():
            upper += 1
        elif character.islower():
            lower += 1
    return upper >= MIN_CAPITALS and upper >= CAPITALS_SHARE * (upper + lower)


def title_case_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of the lines of ``text`` in Title Case ("Korea and Meta Discuss AI")."""
    spans = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if _headline_sized(line):
            words = [
                word
                for word in _WORD.findall(line)
                if len(word) >= TITLE_CASE_MIN_LETTERS and word.lower() not in FUNCTION_WORDS
            ]
            capitalised = sum(1 for word in words if word[0].isupper())
            many = len(words) >= TITLE_CASE_MIN_WORDS
            if many and capitalised >= CAPITALS_SHARE * len(words) and not _is_shouting(line):
                spans.append((start, end))
        start = end + 1
    return spans


def _headline_sized(line: str) -> bool:
    """Short, and one sentence at most: a headline or a subheading, not a paragraph."""
    return len(line) <= TITLE_CASE_MAX_CHARS and ". " not in line.rstrip(". ")


def recase(text: str) -> str:
    """``text`` with its lines in capitals recased, and the words of its Title Case lines
    spelled as the article spells them elsewhere (same length, same offsets)."""
    shouting = shouting_lines(text)
    titled = title_case_lines(text)
    if not shouting and not titled:
        return text
    lines = sorted(
        [(start, end, True) for start, end in shouting]
        + [(start, end, False) for start, end in titled]
    )
    known = _known_casings(text, [(start, end) for start, end, _caps in lines])
    pieces: list[str] = []
    cursor = 0
    for start, end, caps in lines:
        pieces.append(text[cursor:start])
        line = text[start:end]
        pieces.append(_recase_line(line, known) if caps else _respell_known(line, known))
        cursor = end
    pieces.append(text[cursor:])
    recased = "".join(pieces)
    return recased if len(recased) == len(text) else text


def _known_casings(text: str, shouting: list[tuple[int, int]]) -> dict[str, str]:
    """The most frequent spelling of each word outside the lines in capitals, by its lower case."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    cursor = 0
    for start, end in [*shouting, (len(text), len(text))]:
        for match in _WORD.finditer(text, cursor, start):
            word = match.group(0)
            if not word.isupper() or len(word) > 1:
                spellings[word.lower()][word] += 1
        cursor = end
    return {lower: counts.most_common(1)[0][0] for lower, counts in spellings.items()}


def _respell_known(line: str, known: dict[str, str]) -> str:
    """A Title Case line's words as the article writes them elsewhere; a word the article
    does not write but that begins one of its words in lower case ("Discuss" before
    "discussed") in lower case; others as they are. The first word keeps its capital."""
    stems = sorted(word for word in known.values() if word.islower())

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        spelled = known.get(lower)
        if spelled is None:
            spelled = lower if _begins_one_of(lower, stems) else word
        if match.start() == 0 or len(spelled) != len(word):
            return word
        return spelled

    return _WORD.sub(replace, line)


def _begins_one_of(prefix: str, sorted_words: list[str]) -> bool:
    index = bisect_left(sorted_words, prefix)
    return (
        len(prefix) >= TITLE_CASE_MIN_LETTERS + 1
        and index < len(sorted_words)
        and sorted_words[index].startswith(prefix)
    )


def _recase_line(line: str, known: dict[str, str]) -> str:
    """Words as the article spells them elsewhere; else, in a headline (three words or
    more) the lower case, and in a short line (a dateline) an initial capital. The
    first word always starts with a capital."""
    headline = len(_WORD.findall(line)) >= HEADLINE_WORDS

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        spelled = known.get(lower)
        if spelled is None:
            first = not line[: match.start()].strip(" \t\"'«“(-–—")
            common = lower in FUNCTION_WORDS or headline
            spelled = lower if common and not first else word[:1] + word[1:].lower()
        return spelled if len(spelled) == len(word) else word

    return _WORD.sub(replace, line)
