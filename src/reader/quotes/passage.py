"""The writer's text around quotations: quotations masked, sentences, words.

Cues are looked for in the writer's words only, so each quotation's inside
is replaced by a filler of the same length (offsets are unchanged); its last
full stop, question or exclamation mark stays, so that a quotation that
ends a sentence still ends it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from reader.quotes.marks import QuotedSpan

FILLER = "░"
_SPACE = "[ \t\u00a0\u202f]"
_SENTENCE_BREAK = re.compile(
    rf"(?<=[.!?…])(?:{_SPACE}?[\"»”’')\]])*{_SPACE}+(?=[«\"“‘(\[]?{_SPACE}?[\w{FILLER}])|\n+"
)
#: Words before a full stop that do not end a sentence.
_ABBREVIATIONS = frozenset(
    [
        "m",
        "mm",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "mme",
        "mmes",
        "mlle",
        "me",
        "jr",
        "sr",
        "prof",
        "gen",
        "lt",
        "col",
        "sgt",
        "no",
        "nos",
        "vs",
        "etc",
        "cf",
        "av",
        "bd",
        "p",
        "ps",
        "ed",
        "eds",
        "inc",
        "ltd",
        "co",
        "corp",
        "mgr",
    ]
)
_TOKEN = re.compile(
    r"(?:[lLdDjJcCmMnNsStT]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’](?=\w)"
    r"|\w+(?:[-’']\w+)*\.?(?<=\b[A-Z]\.)|\w+(?:-\w+)*(?:['’]s\b)?"
    r"|" + FILLER + r"+|[^\w\s]"
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    lower: str  # lowercased, typographic apostrophe made straight

    @classmethod
    def of(cls, match: re.Match[str]) -> Token:
        text = match.group()
        return cls(text, match.start(), match.end(), text.lower().replace("’", "'"))

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


def _mask(text: str, spans: list[QuotedSpan]) -> str:
    chars = list(text)
    for span in spans:
        keep = span.end - 1 if text[span.end - 1] in ".!?…" else -1
        for position in range(span.start, span.end):
            if position != keep and chars[position] != "\n":
                chars[position] = FILLER
    return "".join(chars)


class Passage:
    """One text with its quotations: masked text, sentences and tokens of the writer's words."""

    def __init__(self, text: str, spans: list[QuotedSpan]) -> None:
        self.text = text
        self.spans = spans
        self.masked = _mask(text, spans)

    @cached_property
    def sentence_starts(self) -> list[int]:
        starts = [0]
        for match in _SENTENCE_BREAK.finditer(self.masked):
            word = re.search(r"(\w+)\W*$", self.masked[max(0, match.start() - 12) : match.start()])
            if "\n" not in match.group() and word and _is_abbreviation(word.group(1)):
                continue
            starts.append(match.end())
        return starts

    def sentence_index(self, offset: int) -> int:
        return bisect_right(self.sentence_starts, offset) - 1

    def sentence_bounds(self, index: int) -> tuple[int, int]:
        starts = self.sentence_starts
        end = starts[index + 1] if index + 1 < len(starts) else len(self.text)
        return starts[index], end

    def sentence_of(self, offset: int) -> tuple[int, int]:
        return self.sentence_bounds(self.sentence_index(offset))

    @cached_property
    def paragraph_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer(r"\n+", self.text)]

    def paragraph_index(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    @cached_property
    def _all_tokens(self) -> tuple[list[Token], list[int]]:
        tokens = [Token.of(match) for match in _TOKEN.finditer(self.masked)]
        return tokens, [token.start for token in tokens]

    def tokens(self, start: int, end: int) -> list[Token]:
        """The writer's words between two offsets; a masked quotation is one filler token."""
        tokens, starts = self._all_tokens
        low = bisect_left(starts, start)
        high = bisect_left(starts, end, low)
        while high > low and tokens[high - 1].end > end:
            high -= 1
        return tokens[low:high]


def _is_abbreviation(word: str) -> bool:
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
