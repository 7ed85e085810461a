"""Article metadata from page leftovers: title prefix, date, dateline, agency, author.

Every block is read, kept or not: bylines and credits are usually stripped
as boilerplate, but they still tell the author and the agency. Dates come
only from the head of the article (title prefix, dateline, lone date lines),
from its last blocks (the timestamp and copyright that close wire copy), or
from explicit publication lines anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.corpus.models import Block, Metadata
from reader.metadata.agencies import credited_agencies
from reader.metadata.bylines import byline_author, is_byline_label, name_block_author
from reader.metadata.datelines import Dateline, parse_dateline
from reader.metadata.publication import copyright_year, date_only, publication_date
from reader.metadata.title import derived_title, split_title_prefix

__all__ = ["derived_title", "extract_metadata", "split_title_prefix"]

#: How many body blocks count as the head of the article.
HEAD_BLOCKS = 6
#: How many blocks count as its end.
TAIL_BLOCKS = 5
#: Date sources, most trusted first.
_DATE_RANKS = ("title", "published", "date-line", "updated", "dateline", "copyright")


@dataclass
class _Findings:
    dates: dict[str, str] = field(default_factory=dict)
    agencies: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    dateline: Dateline | None = None

    def add_date(self, rank: str, iso: str | None) -> None:
        if iso and rank not in self.dates:
            self.dates[rank] = iso

    def add_agencies(self, names: list[str] | tuple[str, ...]) -> None:
        self.agencies.extend(name for name in names if name not in self.agencies)

    def add_author(self, author: str | None) -> None:
        """Later bylines are kept for inspection; the first one is the article's."""
        if author and author not in self.authors:
            self.authors.append(author)

    def best_date(self) -> str | None:
        return next((self.dates[rank] for rank in _DATE_RANKS if rank in self.dates), None)


def extract_metadata(text: str, blocks: list[Block], lang: str) -> Metadata:
    """What the title prefix, bylines, datelines and credits of an article tell.

    ``text`` is the article text the blocks point into (the blocks carry their
    own text). French and English patterns are both always tried, since pages
    mix them; ``lang`` only says how to read an ambiguous numeric date: day
    first in French, year only otherwise (see ``dates._numeric_day_month``).
    """
    del text
    meta = Metadata()
    findings = _Findings()
    body = blocks
    if blocks and blocks[0].kind == "title":
        body = blocks[1:]
        prefix, _, told = split_title_prefix(blocks[0].text)
        meta.title_prefix = prefix
        meta.update = told.get("update")
        findings.add_date("title", told.get("date"))
    _read_body(body, findings, day_first=lang == "fr")
    meta.date = findings.best_date()
    meta.agency = ", ".join(findings.agencies) or None
    meta.author = findings.authors[0] if findings.authors else None
    meta.dateline = findings.dateline.text if findings.dateline else None
    return meta


def _read_body(body: list[Block], findings: _Findings, *, day_first: bool) -> None:
    tail_start = max(len(body) - TAIL_BLOCKS, 0)
    for index, block in enumerate(body):
        in_head, in_tail = index < HEAD_BLOCKS, index >= tail_start
        _read_dateline(block, findings, in_head)
        _read_dates(block, findings, in_head or in_tail, in_tail, day_first)
        findings.add_agencies(credited_agencies(block.text))
        findings.add_author(byline_author(block.text))
        if is_byline_label(block.text) and index + 1 < len(body):
            findings.add_author(name_block_author(body[index + 1].text))


def _read_dateline(block: Block, findings: _Findings, in_head: bool) -> None:
    dateline = parse_dateline(block.text)
    if dateline is None:
        return
    if dateline.agencies:
        findings.add_agencies(dateline.agencies)
    lone_credit = dateline.alone and bool(dateline.agencies)
    if (in_head or lone_credit) and findings.dateline is None:
        findings.dateline = dateline
        findings.add_date("dateline", dateline.date)


def _read_dates(
    block: Block, findings: _Findings, in_head_or_tail: bool, in_tail: bool, day_first: bool
) -> None:
    stated = publication_date(block.text, day_first=day_first)
    if stated:
        iso, is_update = stated
        findings.add_date("updated" if is_update else "published", iso)
    if in_head_or_tail:
        findings.add_date("date-line", date_only(block.text, day_first=day_first))
    if in_tail:
        findings.add_date("copyright", copyright_year(block.text))
