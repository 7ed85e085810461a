"""The user's query language, parsed into a small engine-neutral tree.

Grammar (never raises; problems become ``ParsedQuery.errors``)::

    query   := or_expr
    or_expr := and_expr ("OR" and_expr)*
    and_expr:= unary ("AND"? unary)*          # juxtaposition means AND
    unary   := ("NOT" | "-") unary | primary
    primary := "(" or_expr ")" | term
    term    := word | word* | word~[N] | "phrase" | field:value | field:"phrase"
               | date:[a to b] | date:a..b

Operators are upper case only, so ``or`` and ``not`` stay ordinary words.
An operator with nothing to join or negate is reported with its position
and ignored; a query left with nothing to search matches nothing (only a
blank query lists everything).

A query of more than ``PASSAGE_WORDS`` words without an operator (typically
a pasted paragraph) is a *passage*: all its words OR-ed, each as often as it
occurs, so the best matches are the articles that share most of its telling
words; quotes, parentheses, dashes, colons and asterisks in it are
punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import date_range
from .tokens import GROUPING_SPACES, WORD_RE

#: Fields of the query language. "title", "quote" and the text default are
#: per-language; "said" is a quotation's speaker (matched like "person"),
#: "quote" the words inside quotations.
FIELDS = (
    "title",
    "person",
    "org",
    "place",
    "entity",
    "said",
    "quote",
    "lang",
    "source",
    "author",
    "agency",
    "date",
)
FIELD_ALIASES = {
    "per": "person",
    "loc": "place",
    "location": "place",
    "language": "lang",
    "speaker": "said",
    "quotes": "quote",
}
OPERATORS = ("AND", "OR", "NOT")
MAX_DEPTH = 32
#: Terms of a boolean query (a passage has no limit: see PASSAGE_WORDS).
MAX_TERMS = 1000
MIN_PREFIX = 2
#: A query of more plain words than this, and nothing else, is a passage.
PASSAGE_WORDS = 12
NOTHING_TO_SEARCH = "nothing to search for"

_FIELD_RE = re.compile(r"^([A-Za-z_]+):(.*)$", re.S)
_FUZZY_RE = re.compile(r"^(.*?)~(\d?)$", re.S)
_RANGE_RE = re.compile(r"^\s*(\S*)\s+to\s+(\S*)\s*$", re.I)
#: A number grouped by spaces ("27 595") is one term, not two words.
_SPACED_NUMBER_RE = re.compile(rf"\d{{1,3}}(?:[{GROUPING_SPACES}]\d{{3}})+(?:[.,]\d+)?(?![\w.,])")


@dataclass(frozen=True)
class Word:
    text: str
    field: str | None = None
    prefix: bool = False
    fuzzy: int = 0


@dataclass(frozen=True)
class Phrase:
    text: str
    field: str | None = None


@dataclass(frozen=True)
class DateRange:
    low: int | None
    high: int | None


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


Node = Word | Phrase | DateRange | And | Or | Not


@dataclass
class ParsedQuery:
    """A parsed query: ``root`` None lists everything when ``blank``, else matches nothing."""

    root: Node | None
    errors: list[str] = field(default_factory=list)
    #: The query was only spaces: every article matches.
    blank: bool = False
    #: The query is a passage: its words OR-ed, as often as they occur.
    passage: bool = False

    @property
    def error(self) -> str | None:
        return "; ".join(dict.fromkeys(self.errors)) if self.errors else None


# ---------------------------------------------------------------- lexing


@dataclass(frozen=True)
class _Tok:
    kind: str  # "(" ")" "OP" "NEG" "TERM"
    value: str = ""
    quoted: bool = False
    field: str | None = None  # for field:"phrase"
    start: int = 0  # where it starts in the query text

    def at(self, start: int) -> _Tok:
        return _Tok(self.kind, self.value, self.quoted, self.field, start)


def _read_quoted(text: str, start: int, errors: list[str]) -> tuple[str, int]:
    """Text between the quote at ``start`` and its mate (or the end)."""
    end = text.find('"', start + 1)
    if end < 0:
        errors.append("unbalanced quote")
        return text[start + 1 :], len(text)
    return text[start + 1 : end], end + 1


def _read_chunk(text: str, i: int, errors: list[str]) -> tuple[_Tok, int]:
    """A bare word, possibly ``field:value``, ``field:"phrase"`` or ``field:[a to b]``."""
    j = i
    while j < len(text) and not text[j].isspace() and text[j] not in '()"[':
        j += 1
    chunk = text[i:j]
    if chunk.endswith(":") and j < len(text) and text[j] == '"':
        phrase, end = _read_quoted(text, j, errors)
        return _Tok("TERM", phrase, quoted=True, field=chunk[:-1]), end
    if j < len(text) and text[j] == "[":
        close = text.find("]", j)
        if close < 0:
            errors.append("unbalanced bracket")
            return _Tok("TERM", chunk + text[j:]), len(text)
        return _Tok("TERM", chunk + text[j : close + 1]), close + 1
    return _Tok("TERM", chunk), j


def _lex(text: str, errors: list[str]) -> list[_Tok]:
    tokens: list[_Tok] = []
    i = 0
    while i < len(text):
        ch = text[i]
        start = i
        number = _SPACED_NUMBER_RE.match(text, i) if ch.isdigit() else None
        if number:
            tokens.append(_Tok("TERM", number.group(), start=start))
            i = number.end()
        elif ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(_Tok(ch, start=start))
            i += 1
        elif ch == '"':
            phrase, i = _read_quoted(text, i, errors)
            tokens.append(_Tok("TERM", phrase, quoted=True, start=start))
        elif ch in "-+" and i + 1 < len(text) and not text[i + 1].isspace():
            if ch == "-":
                tokens.append(_Tok("NEG", start=start))
            i += 1
        elif ch in "-+" and (i + 1 == len(text) or text[i + 1].isspace()):
            i += 1  # a dash standing alone is punctuation, not NOT
        elif ch == "]":
            errors.append("unbalanced bracket")
            i += 1
        else:
            tok, i = _read_chunk(text, i, errors)
            if tok.value in OPERATORS and not tok.quoted:
                tok = _Tok("OP", tok.value)
            if tok.value:
                tokens.append(tok.at(start))
    return tokens


# ---------------------------------------------------------------- terms


def _word(text: str, field_name: str | None, errors: list[str]) -> Node | None:
    fuzzy = 0
    fuzzy_match = _FUZZY_RE.match(text)
    if fuzzy_match:
        text = fuzzy_match.group(1)
        fuzzy = min(max(int(fuzzy_match.group(2) or 1), 1), 2)
    prefix = text.endswith("*")
    if not re.search(r"\w", text):
        if prefix or fuzzy or "*" in text:
            errors.append("a wildcard or symbol alone matches nothing; ignored")
        return None  # punctuation ("%", "&") is no word
    text = text.replace("*", "").replace("~", "")
    if prefix and fuzzy:
        fuzzy = 0
    if prefix and len(re.findall(r"\w", text)) < MIN_PREFIX:
        errors.append(f"a prefix needs at least {MIN_PREFIX} letters before *; ignored")
        return None
    return Word(text, field_name, prefix=prefix, fuzzy=fuzzy)


def _date_term(value: str, errors: list[str]) -> Node | None:
    value = value.strip()
    if value.startswith("[") or value.endswith("]"):
        match = _RANGE_RE.match(value.strip("[]"))
        low, high = (match.group(1), match.group(2)) if match else ("?", "?")
    elif ".." in value:
        low, _, high = value.partition("..")
    else:
        low = high = value
    low = None if low in ("", "*") else low
    high = None if high in ("", "*") else high
    bounds = date_range(low, high)
    if bounds is None or bounds == (None, None):
        errors.append(f"bad date {value!r} (use 2024, 2024-03, 2024-03-01 or a..b)")
        return None
    return DateRange(*bounds)


def _split_field(tok: _Tok) -> tuple[str, str] | None:
    """(raw field name, value) of a field term, or None for a plain term."""
    if tok.field is not None:
        return tok.field, tok.value
    if tok.quoted:
        return None
    match = _FIELD_RE.match(tok.value)
    return (match.group(1), match.group(2)) if match else None


def _term(tok: _Tok, errors: list[str]) -> Node | None:
    value = tok.value
    split = _split_field(tok)
    if split is not None:
        raw_name, rest = split
        name = FIELD_ALIASES.get(raw_name.lower(), raw_name.lower())
        if name in FIELDS:
            if not rest.strip():
                errors.append(f"nothing after {name}:")
                return None
            if name == "date":
                return _date_term(rest, errors)
            return Phrase(rest, name) if tok.quoted else _word(rest, name, errors)
        if not rest.startswith("//"):  # a URL is not a field query
            errors.append(f"unknown field {raw_name!r}; searched as words")
        if tok.field is not None:
            value = f"{raw_name} {rest}"
    if tok.quoted:
        return Phrase(value) if re.search(r"\w", value) else None
    return _word(value, None, errors)


# ---------------------------------------------------------------- parsing


class _Parser:
    def __init__(self, tokens: list[_Tok], errors: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.errors = errors
        self.depth = 0
        self.terms = 0

    def peek(self) -> _Tok | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def parse(self) -> Node | None:
        node = self.or_expr()
        while self.peek() is not None:  # stray ")" at top level
            self.errors.append("unbalanced parenthesis")
            self.pos += 1
            more = self.or_expr()
            node = _combine(And, [node, more])
        return node

    def stray(self, tok: _Tok, *, before: bool, after: bool) -> None:
        """Report an operator missing what it joins (``before``/``after`` say what is there)."""
        if before and after:
            return
        what = (
            "nothing to join"
            if not (before or after)
            else "nothing " + ("after it" if before else "before it")
        )
        self.errors.append(f"{tok.value or 'NOT'} at position {tok.start + 1} has {what}; ignored")

    def starts_operand(self) -> bool:
        """Whether the next token can begin something for an operator to join."""
        tok = self.peek()
        return (tok is not None and tok.kind in ("TERM", "(", "NEG")) or _is_op(tok, "NOT")

    def or_expr(self) -> Node | None:
        parts = [self.and_expr()]
        while (tok := self.peek()) is not None and _is_op(tok, "OR"):
            self.pos += 1
            before = any(part is not None for part in parts)
            self.stray(tok, before=before, after=self.starts_operand())
            parts.append(self.and_expr())
        return _combine(Or, parts)

    def and_expr(self) -> Node | None:
        parts: list[Node | None] = []
        while (tok := self.peek()) is not None and tok.kind != ")":
            if _is_op(tok, "OR"):
                break
            if _is_op(tok, "AND"):
                self.pos += 1
                self.stray(tok, before=bool(parts), after=self.starts_operand())
                continue
            parts.append(self.unary())
        return _combine(And, parts)

    def unary(self) -> Node | None:
        tok = self.peek()
        if tok is not None and (tok.kind == "NEG" or _is_op(tok, "NOT")):
            self.pos += 1
            if not self.starts_operand():
                self.stray(tok, before=True, after=False)
                return None
            child = self.unary()
            return Not(child) if child is not None else None
        return self.primary()

    def primary(self) -> Node | None:
        tok = self.peek()
        assert tok is not None
        self.pos += 1
        if tok.kind == "(":
            self.depth += 1
            node = None
            if self.depth <= MAX_DEPTH:
                node = self.or_expr()
            else:
                self.skip_group()
            self.depth -= 1
            if (close := self.peek()) is not None and close.kind == ")":
                self.pos += 1
            else:
                self.errors.append("unbalanced parenthesis")
            return node
        if tok.kind != "TERM":
            return None
        self.terms += 1
        if self.terms > MAX_TERMS:
            self.errors.append(f"query too long; only the first {MAX_TERMS} terms are used")
            return None
        return _term(tok, self.errors)

    def skip_group(self) -> None:
        self.errors.append("too deeply nested")
        while (tok := self.peek()) is not None and tok.kind != ")":
            self.pos += 1


def _is_op(tok: _Tok | None, name: str) -> bool:
    return tok is not None and tok.kind == "OP" and tok.value == name


def _combine(kind: type[And] | type[Or], parts: list[Node | None]) -> Node | None:
    """``kind`` of the parts; "a a a" is "a", but "a OR a" keeps both (a heavier "a")."""
    present = [p for p in parts if p is not None]
    kept = tuple(present) if kind is Or else tuple(dict.fromkeys(present))
    if not kept:
        return None
    return kept[0] if len(kept) == 1 else kind(kept)


def _passage_words(text: str, tokens: list[_Tok]) -> list[str] | None:
    """The words of a passage query, or None if ``text`` is a query in the language."""
    if any(tok.kind == "OP" for tok in tokens):
        return None  # AND, OR or NOT: a query, however long
    words = WORD_RE.findall(text)
    return words if len(words) > PASSAGE_WORDS else None


def parse_query(text: str) -> ParsedQuery:
    """Parse a user query; never raises. An empty tree (None) means "everything"."""
    text = text or ""
    errors: list[str] = []
    tokens = _lex(text, errors)
    words = _passage_words(text, tokens)
    if words is not None:
        return ParsedQuery(Or(tuple(Word(w) for w in words)), passage=True)
    root = _Parser(tokens, errors).parse()
    blank = not text.strip()
    if root is None and not blank and not errors:
        errors.append(NOTHING_TO_SEARCH)
    return ParsedQuery(root, errors, blank=blank)


def positive_leaves(node: Node | None) -> list[Word | Phrase]:
    """Text leaves not under a NOT: what highlighting and did-you-mean look at."""
    if node is None or isinstance(node, Not | DateRange):
        return []
    if isinstance(node, Word | Phrase):
        return [node]
    return [leaf for child in node.children for leaf in positive_leaves(child)]
