"""Small hand-built articles for the interface tests (no index needed)."""

from __future__ import annotations

from pathlib import Path

from reader.corpus.models import Article, Block, Damage, Entity, Metadata, StrippedSpan


def _block(text: str, needle: str, **fields) -> Block:
    start = text.index(needle)
    return Block(start=start, end=start + len(needle), text=needle, **fields)


def sample_article(article_id: str = "a1") -> Article:
    """Title, two kept paragraphs (one with an in-line credit), a stripped caption."""
    text = (
        "Ministers meet in Paris\n"
        "Photo: AFP / Jane Doe\n"
        "The ministers met in Paris on Monday (Reuters) to talk about trade.\n"
        "Emmanuel Macron said the talks\nwent well.\n"
    )
    title = _block(text, "Ministers meet in Paris", kind="title")
    caption = _block(text, "Photo: AFP / Jane Doe", kept=False, reason="caption")
    first = _block(text, "The ministers met in Paris on Monday (Reuters) to talk about trade.")
    credit = text.index("(Reuters)")
    first.spans = [StrippedSpan(credit, credit + len("(Reuters)"), "attribution")]
    second = _block(text, "Emmanuel Macron said the talks\nwent well.")
    macron = text.index("Emmanuel Macron")
    paris = text.index("Paris on")
    damage_at = text.index("said the talks")
    return Article(
        id=article_id,
        path=f"/corpus/{article_id}.txt",
        text=text,
        title="Ministers meet in Paris",
        lang="en",
        blocks=[title, caption, first, second],
        meta=Metadata(date="2024-03-04", agency="Reuters", author="Jane Roe"),
        damage=[Damage(damage_at, damage_at + len("said the talks"), "said the talks")],
        entities=[
            Entity("Emmanuel Macron", "PER", macron, macron + 15, "emmanuel macron"),
            Entity("Paris", "LOC", paris, paris + 5, "paris"),
        ],
        source="test",
    )


def hostile_article() -> Article:
    """Markup and escape sequences that must show literally and do nothing."""
    text = (
        "[@click=app.quit]x[/] title\n"
        "Click [@click=app.quit]here[/] or [link=file:///etc/passwd]there[/].\n"
    )
    title = _block(text, "[@click=app.quit]x[/] title", kind="title")
    body = _block(text, text.splitlines()[1])
    return Article(
        id="evil",
        path="/corpus/[b]evil[i]\x1b]2;PWNED\x07.txt",
        text=text,
        title="[@click=app.quit]x[/] title\x1b[2J",
        lang="en",
        blocks=[title, body],
        meta=Metadata(author="[link=file:///etc/passwd]me[/]\x1b]52;c;aGk=\x07"),
    )


class MemoryLibrary:
    """A test double honouring the ``reader.indexing.library.Library`` contract over a few articles.

    Search is a plain case-insensitive substring match; enough to drive the
    interface's flows without an index. Tests of the real core use the seeds.
    """

    name = "memory"
    root = Path("/corpus/memory")

    def __init__(self, articles: list[Article]) -> None:
        self.articles = {article.id: article for article in articles}
        self.queries: list[str] = []

    def open(self):
        return self

    def close(self) -> None:
        pass

    def sync(self, progress=None, cancelled=lambda: False, *, quick=False):
        from reader.indexing.sync import SyncReport

        if progress:
            progress("text", len(self.articles), len(self.articles))
        return SyncReport(added=len(self.articles))

    def stats(self) -> dict[str, int]:
        return {"articles": len(self.articles), "pending_entities": 0}

    def pending_entities(self) -> int:
        return 0

    def empty_message(self, report) -> str | None:
        if self.articles:
            return None
        return f"no articles in {self.root}: looked for .txt, .md and .markdown files"

    def article(self, article_id: str):
        return self.articles.get(article_id)

    def quotes_by(self, name: str, limit: int = 100):
        """Quotations whose speaker is ``name`` exactly (the real one also takes surnames)."""
        from reader.indexing.quoted import QuoteSource

        found = [
            (QuoteSource.of(article), quote)
            for article in self.articles.values()
            for quote in article.quotes or []
            if quote.speaker == name
        ]
        return found[:limit]

    def search(self, query: str, filters=None, sort="rank", limit=20, offset=0, dates=False):
        from reader.search import Hit, SearchResults
        from reader.search.dates import date_sort_key

        self.queries.append(query)
        if query.startswith("("):
            return SearchResults(query, [], 0, {}, error="unbalanced parenthesis")
        if query.startswith("date:"):
            error = f"bad date {query[5:]!r} (use 2024, 2024-03, 2024-03-18 or a range a..b)"
            return SearchResults(query, [], 0, {}, error=error)
        found = [a for a in self.articles.values() if query.lower() in a.text.lower()]
        if filters is not None and filters.entities:
            wanted = set(filters.entities)
            found = [a for a in found if wanted <= {(e.label, e.text) for e in a.entities or []}]
        hits = [
            Hit(
                a.id,
                a.path,
                a.title,
                a.meta.date,
                a.lang,
                a.source,
                a.meta.agency,
                a.meta.author,
                1.0,
                [(a.title[:10], False), (query, True)] if query else [],
            )
            for a in found[offset : offset + limit]
        ]
        suggestion = "paris" if not hits and query == "pariss" else None
        order = "date" if sort == "date" or not query else "rank"
        dates: dict[int, int] = {}
        for article in found:
            month = date_sort_key(article.meta.date) // 100
            dates[month] = dates.get(month, 0) + 1
        return SearchResults(
            query, hits, len(found), {}, suggestion=suggestion, order=order, dates=dates
        )

    def more_like(self, text, *, lang=None, exclude_id=None, filters=None, limit=20, offset=0):
        """The other articles, as if "paris" were the telling word of the text."""
        from reader.search import SearchResults

        others = [a for a in self.articles.values() if a.id != exclude_id]
        found = self.search("paris", limit=limit, offset=offset)
        hits = [hit for hit in found.hits if hit.id in {a.id for a in others}]
        return SearchResults("paris", hits, len(others), {}, passage=True)

    def highlight_ranges(self, query: str, article: Article) -> list[tuple[int, int]]:
        ranges, lowered, start = [], article.text.lower(), 0
        while query and (start := lowered.find(query.lower(), start)) >= 0:
            ranges.append((start, start + len(query)))
            start += len(query)
        return ranges

    def entity_article_counts(self, keys):
        return {key: 1 for key in keys}

    def related(self, article_id: str, limit: int = 5):
        return [(a.id, a.title, 1) for a in self.articles.values() if a.id != article_id][:limit]


def run_async(test):
    """Run an ``async def`` test with asyncio (the project uses no pytest async plugin)."""
    import asyncio
    import functools

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return wrapper


async def settle_workers(app, pilot, rounds: int = 3) -> None:
    """Let the real core's chained workers (sync, entities, search) all finish."""
    for _ in range(rounds):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()
