"""Pairing quotation marks into quoted spans.

Each mark is read by its shape and its neighbours: ``«`` and ``“`` open,
``»`` and ``”`` close; a straight ``"`` opens when it touches the next word
and not the previous one, closes in the opposite case, and toggles when it
cannot tell; ``’`` and ``'`` close a single quotation only when one is open
and no letter follows (otherwise they are apostrophes). Marks inside a
quotation nest; closing an outer quotation closes what it holds.

A quotation that runs over several paragraphs opens each with a mark and
closes only the last one (English usage); some French writers do not reopen
at all. Both are followed: a quotation still open at the end of a paragraph
goes on when the next paragraph opens with the same mark, or when the next
mark of its kind, a few paragraphs on, closes. Inside one line (scrapers often join paragraphs), an
opening mark after a full stop while the same kind of quotation is open is
such a paragraph break too. Otherwise the quotation ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: Mark -> family. Families pair marks: a ``»`` closes only a ``«``.
_FAMILY = {"«": "guillemet", "»": "guillemet", "“": "curly", "”": "curly", "„": "curly"}
_FAMILY.update({'"': "straight", "‘": "single", "’": "single", "'": "single"})
_MARKS = re.compile(r"[«»“”„\"‘’']")
_SPACES = " \t\u00a0\u202f\u2009\u2007\u200a"
_OPENING_CONTEXT = set(_SPACES) | set("([{«“„‘—–-/\n")
_SENTENCE_END = ".!?…"
#: Paragraphs a quotation may run over before it is taken for a missing mark.
MAX_PARAGRAPHS = 12


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """A top-level quotation: where its marks are and the words between them."""

    open_at: int
    close_at: int | None  # None: the quotation ran to the end of its paragraph unclosed
    start: int
    end: int
    family: str

    @property
    def outer_end(self) -> int:
        """Just after the closing mark (or the last quoted character)."""
        return self.close_at + 1 if self.close_at is not None else self.end


@dataclass(slots=True)
class _Open:
    family: str
    at: int


def _is_word(char: str) -> bool:
    return char.isalnum()


def _straight_role(text: str, at: int) -> str:
    """``open``, ``close`` or ``either`` for a straight double quote, by what touches it."""
    before = text[at - 1] if at else "\n"
    after = text[at + 1] if at + 1 < len(text) else "\n"
    left = before in _OPENING_CONTEXT and not after.isspace()
    right = not before.isspace() and (after.isspace() or not _is_word(after))
    if left and not right:
        return "open"
    if right and not left:
        return "close"
    return "either"


def _single_role(text: str, at: int, single_open: bool) -> str | None:
    """``open``, ``close`` or None (an apostrophe) for ``‘``, ``’`` or ``'``."""
    before = text[at - 1] if at else "\n"
    after = text[at + 1] if at + 1 < len(text) else "\n"
    mark = text[at]
    if mark == "‘":
        return "open" if not after.isspace() else None
    if single_open and not _is_word(after) and not before.isspace():
        return "close"
    if mark == "'" and before in _OPENING_CONTEXT and after.isalpha():
        return "open"
    return None


def _role(text: str, at: int, stack: list[_Open]) -> str | None:
    """``open``, ``close`` or None (not a quotation mark here)."""
    mark = text[at]
    family = _FAMILY[mark]
    if mark in "«„":
        return "open"
    if mark in "»”":
        return "close"
    if mark == "“":
        return "close" if any(o.family == "curly" for o in stack) else "open"
    if family == "single":
        return _single_role(text, at, any(o.family == "single" for o in stack))
    role = _straight_role(text, at)
    if role == "either":
        return "close" if any(o.family == "straight" for o in stack) else "open"
    return role


def _after_sentence_end(text: str, at: int, line_start: int) -> bool:
    """True when only spaces stand between a full stop (or the line start) and ``at``."""
    position = at - 1
    while position >= line_start and text[position] in _SPACES:
        position -= 1
    return position < line_start or text[position] in _SENTENCE_END or text[position] in '»”"'


def _inner(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in _SPACES):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _SPACES):
        end -= 1
    return start, end


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[QuotedSpan] = []
        self.stack: list[_Open] = []
        self.skip: set[int] = set()  # reopening marks of continued quotations
        self.paragraphs_open = 0

    def run(self) -> list[QuotedSpan]:
        line_start = 0
        for line_end in [m.start() for m in re.finditer("\n", self.text)] + [len(self.text)]:
            for match in _MARKS.finditer(self.text, line_start, line_end):
                self._mark(match.start(), line_start)
            if self.stack:
                self._paragraph_end(line_end)
            line_start = line_end + 1
        return self.spans

    def _mark(self, at: int, line_start: int) -> None:
        if at in self.skip:
            return
        role = _role(self.text, at, self.stack)
        if role is None:
            return
        family = _FAMILY[self.text[at]]
        if role == "close":
            self._close(family, at)
        elif (
            self.stack
            and self.stack[0].family == family
            and family != "single"
            and _after_sentence_end(self.text, at, line_start)
        ):
            del self.stack[1:]  # a paragraph break lost by the scraper: the quotation goes on
        else:
            self.stack.append(_Open(family, at))

    def _close(self, family: str, at: int) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].family == family:
                bottom = self.stack[0]
                del self.stack[depth:]
                if depth == 0:
                    self._record(bottom, at, at)
                return

    def _record(self, opened: _Open, close_at: int | None, end: int) -> None:
        start, inner_end = _inner(self.text, opened.at + 1, end)
        if inner_end > start:
            self.spans.append(QuotedSpan(opened.at, close_at, start, inner_end, opened.family))
        self.paragraphs_open = 0

    def _paragraph_end(self, line_end: int) -> None:
        bottom = self.stack[0]
        del self.stack[1:]
        self.paragraphs_open += 1
        if bottom.family != "single" and self.paragraphs_open < MAX_PARAGRAPHS:
            reopening = self._continues(bottom, line_end)
            if reopening is not None:
                if reopening >= 0:
                    self.skip.add(reopening)
                return
        self.stack.clear()
        if bottom.family != "single":
            self._record(bottom, None, line_end)
        self.paragraphs_open = 0

    def _continues(self, bottom: _Open, line_end: int) -> int | None:
        """Whether the open quotation goes on in the next paragraph.

        Returns the offset of the mark that reopens it there, -1 when it goes
        on without one (its closing mark comes first), None when it does not.
        """
        text = self.text
        family = bottom.family
        position = line_end
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            return None
        if _FAMILY.get(text[position]) == family and _role(text, position, []) == "open":
            return position
        limit = position
        for _ in range(MAX_PARAGRAPHS):  # French writers may not reopen: find the next mark
            limit = text.find("\n", limit + 1)
            if limit == -1:
                limit = len(text)
                break
        for match in _MARKS.finditer(text, position, limit):
            if _FAMILY[match.group()] == family:
                role = _role(text, match.start(), [bottom])
                return -1 if role == "close" else None
        return None


def quoted_spans(text: str) -> list[QuotedSpan]:
    """Every top-level quotation of ``text`` in order, nested ones left inside."""
    return _Scanner(text).run()
