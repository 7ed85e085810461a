"""Plain data of bookmarks: what is stored and where a passage is found today."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Bookmark:
    """A bookmarked passage of an article.

    ``start`` and ``end`` are offsets into ``Article.text`` when the bookmark
    was made; ``quote`` is ``text[start:end]`` then, with ``prefix`` and
    ``suffix`` the characters just before and after it (like the W3C Web
    Annotation TextQuoteSelector and TextPositionSelector together). The
    quote and its context let the passage be found again after the file is
    edited or re-indexed. ``created`` and ``updated`` are ISO 8601 UTC.
    ``corpus`` is the root folder of the article's corpus (``str(Library.root)``,
    resolved), or empty when unknown (bookmarks made before reader kept it).
    """

    id: int
    article_id: str
    article_title: str
    path: str
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    tags: list[str] = field(default_factory=list)
    created: str = ""
    updated: str = ""
    corpus: str = ""


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a bookmark's passage is in the current article text.

    ``orphaned`` means the passage could not be found: ``start`` and ``end``
    are then the stored offsets, and only the bookmark's quote is reliable.
    ``exact`` is False when the passage was found by approximate matching.
    """

    start: int
    end: int
    orphaned: bool = False
    exact: bool = True
