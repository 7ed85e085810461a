"""A passage with its citation, as plain text ready to paste.

::

    “The council approved the budget on Monday.”
    — Council votes, lemonde, 18 Mar 2024 (lemonde/budget.txt)

The citation names the article's title, source, date (as ``human_date``
shows it) and file (inside the corpus folder); a part that is not known is
left out with its comma. Everything comes from article files, so control
characters are stripped and white space (line breaks too) folded to one space.
"""

from __future__ import annotations

from reader.bookmarks.models import Bookmark
from reader.corpus.models import Article
from reader.corpus.textnorm import strip_controls
from reader.metadata.dates import human_date

OPEN_QUOTE, CLOSE_QUOTE, DASH = "“", "”", "—"


def _clean(text: str | None) -> str:
    return " ".join(strip_controls(text or "").split())


def citation_line(
    title: str | None, source: str | None = None, date: str | None = None, path: str | None = None
) -> str:
    """``Title, Source, 18 Mar 2024 (folder/file.txt)`` without the parts that are missing;
    ``date`` is ISO 8601 (possibly partial). Empty when nothing is known."""
    named = ", ".join(part for part in map(_clean, (title, source, human_date(date))) if part)
    where = _clean(path)
    if named and where:
        return f"{named} ({where})"
    return named or where


def article_citation(article: Article) -> str:
    """The citation line of an article."""
    return citation_line(article.title, article.source, article.meta.date, article.path)


def quotation(passage: str, citation: str) -> str:
    """``“passage”`` on one line, then ``— citation`` (left out when empty)."""
    quoted = f"{OPEN_QUOTE}{_clean(passage)}{CLOSE_QUOTE}"
    citation = _clean(citation)
    return f"{quoted}\n{DASH} {citation}" if citation else quoted


def cite_selection(article: Article, start: int, end: int) -> str:
    """The passage ``article.text[start:end]`` with the article's citation.

    Raises ``ValueError`` when the range is not inside the text or holds only blanks.
    """
    if not 0 <= start < end <= len(article.text):
        raise ValueError(
            f"passage {start}-{end} is not inside a text of {len(article.text)} characters"
        )
    passage = article.text[start:end]
    if not _clean(passage):
        raise ValueError("nothing to quote: the selected passage is blank")
    return quotation(passage, article_citation(article))


def cite_bookmark(bookmark: Bookmark, article: Article | None = None) -> str:
    """A saved passage with its citation.

    The bookmark knows its article's title and file; give the ``article`` (when
    the open library has it) for its source and date, and its current title.
    """
    if article is not None and article.id == bookmark.article_id:
        citation = article_citation(article)
    else:
        citation = citation_line(bookmark.article_title, path=bookmark.path)
    return quotation(bookmark.quote, citation)


def paragraph_at(article: Article, offset: int) -> tuple[int, int] | None:
    """The (start, end) in ``article.text`` of the block (paragraph, heading, list item…)
    holding ``offset``, or of the first one after it; None past the last block."""
    for block in sorted(article.blocks, key=lambda b: b.start):
        if offset < block.end and block.end > block.start:
            return block.start, block.end
    return None
