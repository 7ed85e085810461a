"""Plain data types of the search API (no whoosh here: importing them is cheap)."""

from __future__ import annotations

from dataclasses import dataclass, field

ENTITY_LABELS = ("PER", "ORG", "LOC")
#: The facet of the people (and bodies) quoted: ``IndexQuote.speaker`` names.
SPEAKER_FACET = "speaker"
FACET_KEYS = ("PER", "ORG", "LOC", SPEAKER_FACET, "lang", "source")


class IndexRebuilt(Exception):
    """The stored index could not be used and is being wiped and recreated.

    Raised inside the index layer; ``SearchIndex.open`` catches it and records
    its message in ``SearchIndex.rebuilt``, so callers never see a traceback.
    """


@dataclass(frozen=True, slots=True)
class IndexQuote:
    """One direct quotation of an article, as the engine indexes it.

    ``said:`` searches ``speaker`` and ``speaker_key``, ``quote:`` searches
    ``text`` (analysed in the article's language), and the speaker facet
    counts ``speaker``.
    """

    text: str
    #: The fullest name the article gives, or the words it uses ("le communiqué").
    speaker: str | None = None
    #: The speaker's entity key, when the speaker is a tagged entity.
    speaker_key: str | None = None


@dataclass
class IndexDoc:
    """What the indexer gives the search engine for one article."""

    id: str
    path: str
    title: str
    lang: str
    body: str
    date: str | None
    agency: str | None
    author: str | None
    source: str | None
    entities: dict[str, list[str]]
    content_hash: str
    entity_state: str = "pending"
    #: Found with the entities (empty while they are pending).
    quotes: list[IndexQuote] = field(default_factory=list)


@dataclass
class Filters:
    """Restrictions applied on top of the query (facet selections in the UI)."""

    entities: list[tuple[str, str]] = field(default_factory=list)
    lang: str | None = None
    source: str | None = None
    date_from: str | None = None
    date_to: str | None = None


@dataclass
class Hit:
    id: str
    path: str
    title: str
    date: str | None
    lang: str
    source: str | None
    agency: str | None
    author: str | None
    score: float
    snippet: list[tuple[str, bool]]


@dataclass
class SearchResults:
    query: str
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    suggestion: str | None = None
    error: str | None = None
    elapsed_ms: float = 0.0
    #: "rank" (best first) or "date" (newest first: asked for, an empty query, or
    #: a query of entity clauses only, whose hits would all score the same).
    order: str = "rank"
    #: How many matches carry each date, at the date's own precision: ``YYYYMM`` for a
    #: date with its month (days are not told apart), ``YYYY00`` for a year alone,
    #: ``0`` for no date or no year. Every match counts, not only the hits returned.
    #: Empty unless the request asked for it (``SearchRequest.dates``).
    dates: dict[int, int] = field(default_factory=dict)
    #: The query was a passage (a long run of plain words): its words were OR-ed
    #: and the hits are the articles sharing the most telling of them, best first.
    passage: bool = False
