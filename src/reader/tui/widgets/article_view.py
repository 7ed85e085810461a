"""The article pane: title, metadata line, hit counter, and the body (``ArticleText``).

Everything here is addressed in ``Article.text`` offsets; ``ArticleDocument``
turns them into displayed positions and back, so hits, entities, damage,
stripped blocks and bookmarked passages line up with what the core computed.
"""

from __future__ import annotations

from pathlib import PurePath

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from reader.corpus.models import Article, Entity, Quote
from reader.tui.article_document import ArticleDocument, build_document
from reader.tui.text import display_date, join, safe_line, same_length_clean
from reader.tui.theme_styles import entity_colours
from reader.tui.widgets.article_text import ArticleText

PLACEHOLDER = "Choose an article in the search pane (Enter), or type a query."


class ArticleView(Vertical, can_focus=False):
    """Shows one article; knows nothing of the search or the sidebar."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.article: Article | None = None
        self.document = ArticleDocument()
        self.show_boilerplate = False
        self.hits: list[tuple[int, int]] = []
        self.current_hit = -1
        self.entity_key: str | None = None
        self.passage: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(PLACEHOLDER), id="article-title")
        yield Static(Content(""), id="article-meta")
        yield Static(Content(""), id="article-status")
        yield ArticleText(id="article-body")

    @property
    def body(self) -> ArticleText:
        return self.query_one(ArticleText)

    # showing -------------------------------------------------------------------
    def show_article(
        self, article: Article, hits: list[tuple[int, int]], position: int | None = None
    ) -> None:
        """Display ``article`` with ``hits`` highlighted; put the cursor at ``position``."""
        self.article = article
        self.hits = sorted(hits)
        self.current_hit = -1
        self.entity_key = None
        self.passage = None
        self._paint_title()
        self.query_one("#article-meta", Static).update(metadata_line(article))
        self._relayout(position)

    def _relayout(self, position: int | None) -> None:
        assert self.article is not None
        self.document = build_document(self.article, show_boilerplate=self.show_boilerplate)
        self.body.load_document(self.document.text)
        for styled_name in ("reason", "boilerplate"):
            ranges = [(s.start, s.end) for s in self.document.styles if s.name == styled_name]
            self.body.set_ranges(styled_name, ranges)
        self.body.set_ranges("damage", self._shown([(d.start, d.end) for d in self.article.damage]))
        self._paint_hits()
        self._paint_entity()
        self._paint_quotes()
        self._paint_passage()
        if position is not None:
            self._move_to_text(position)
        self._update_status()

    def _shown(self, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [piece for start, end in ranges for piece in self.document.to_display(start, end)]

    def _paint_hits(self) -> None:
        self.body.set_ranges("hit", self._shown(self.hits))
        current = [self.hits[self.current_hit]] if 0 <= self.current_hit < len(self.hits) else []
        self.body.set_ranges("hit-current", self._shown(current))

    def _entity_mentions(self) -> list[tuple[str, int, int]]:
        entities = (self.article.entities or []) if self.article else []
        return [(e.label, e.start, e.end) for e in entities if e.key == self.entity_key]

    def _paint_entity(self) -> None:
        mentions = self._entity_mentions()
        for label in ("PER", "ORG", "LOC"):
            ranges = [(start, end) for kind, start, end in mentions if kind == label]
            self.body.set_ranges(f"entity-{label}", self._shown(ranges))
        self._paint_title()

    def _paint_title(self) -> None:
        """The title line, with the highlighted entity's mentions in it (the title is
        not part of the body, but entities are found there too)."""
        if self.article is None:
            return
        title = self.article.title.replace("\n", " ")
        if not title or same_length_clean(title) != title:  # none, or control characters
            self.query_one("#article-title", Static).update(safe_line(title or "(untitled)"))
            return
        content = Content(title)  # as written: offsets into it stay right
        start = title_offset(self.article)
        if start is not None and self.entity_key is not None:
            colours = entity_colours(self.app.theme_variables)
            for label, mention_start, mention_end in self._entity_mentions():
                first, last = mention_start - start, mention_end - start
                if 0 <= first < last <= len(title):
                    content = content.stylize(f"{colours[label]} underline", first, last)
        self.query_one("#article-title", Static).update(content)

    def _paint_quotes(self) -> None:
        quotes = (self.article.quotes or []) if self.article else []
        self.body.set_ranges("quote", self._shown([(q.start, q.end) for q in quotes]))

    def _paint_passage(self) -> None:
        self.body.set_ranges("passage", self._shown([self.passage] if self.passage else []))

    def _move_to_text(self, offset: int) -> None:
        display = self.document.display_of(offset)
        if display is not None:
            self.body.move_to_index(display)

    def _update_status(self) -> None:
        parts: list[str] = []
        if self.hits:
            if self.current_hit >= 0:
                parts.append(f"hit {self.current_hit + 1}/{len(self.hits)}")
            else:  # none stepped to yet: say how many there are and how to reach them
                parts.append(f"{len(self.hits)} hit{'s' if len(self.hits) > 1 else ''} (n next)")
        stripped = len(self.article.stripped_blocks) if self.article else 0
        state = "shown" if self.show_boilerplate else "hidden"
        parts.append(f"{stripped} stripped ({state})")
        if self.article and self.article.damage:
            parts.append(f"{len(self.article.damage)} damaged")
        self.query_one("#article-status", Static).update(Content(" · ".join(parts)))

    # actions --------------------------------------------------------------------
    def action_next_hit(self) -> None:
        self._step_hit(+1)

    def action_prev_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, step: int) -> None:
        if not self.hits:
            self.notify("No hits of the current query in this article.", timeout=2)
            return
        if self.current_hit < 0:
            self.current_hit = 0 if step > 0 else len(self.hits) - 1
        else:
            self.current_hit = (self.current_hit + step) % len(self.hits)
        self._paint_hits()
        self._move_to_text(self.hits[self.current_hit][0])
        self._update_status()

    def action_toggle_boilerplate(self) -> None:
        self.set_boilerplate(not self.show_boilerplate)

    def set_boilerplate(self, shown: bool, position: int | None = None) -> None:
        if self.article is None:
            return
        keep = self.reading_position() if position is None else position
        self.show_boilerplate = shown
        self._relayout(keep)

    def show_stripped(self, start: int) -> None:
        """Show boilerplate and bring the stripped text at ``start`` into view."""
        self.set_boilerplate(True, position=start)
        self.body.focus()

    def highlight_entity(self, key: str | None) -> None:
        """Highlight the mentions of one entity (the same key again turns it off)."""
        self.entity_key = None if key == self.entity_key else key
        self._paint_entity()
        mentions = self._entity_mentions()
        if mentions:
            self._move_to_text(min(start for _, start, _ in mentions))

    def show_passage(self, start: int, end: int) -> None:
        """Highlight a bookmarked passage and scroll to it."""
        if self.article is None:
            return
        if not self.show_boilerplate and not self.document.to_display(start, end):
            self.show_boilerplate = True
            self._relayout(None)
        self.passage = (start, end)
        self._paint_passage()
        self._move_to_text(start)

    def select_passage(self, start: int, end: int) -> None:
        """Select ``Article.text[start:end]`` (a quotation) and focus it: ``m`` and ``c``
        then act on it."""
        shown = self.document.to_display(start, end)
        if self.article is None or not shown:
            return
        first, last = shown[0][0], shown[-1][1]
        self.body.move_to_index(first, select_to=last)
        self.body.focus()

    def update_entities(self, entities: list[Entity] | None, quotes: list[Quote] | None) -> None:
        """The entity phase reached this article: keep the view, refresh highlights."""
        if self.article is not None:
            self.article.entities = entities
            self.article.quotes = quotes
            self._paint_entity()
            self._paint_quotes()

    # reading ----------------------------------------------------------------------
    def reading_position(self) -> int | None:
        """The ``Article.text`` offset under the cursor."""
        if self.article is None:
            return None
        index = self.body.index_at_cursor()
        return self.document.to_text(index) or self.document.to_text(max(index - 1, 0))

    def selected_range(self) -> tuple[int, int] | None:
        """The selection in ``Article.text`` offsets; else the paragraph under the cursor."""
        if self.article is None:
            return None
        selected = self.body.selected_indexes()
        if selected is not None:
            mapped = self.document.range_to_text(*selected)
            if mapped is not None:
                return mapped
        shown = self.document.block_at(self.body.index_at_cursor())
        if shown is None:
            return None
        return self.document.range_to_text(shown.display_start, shown.display_end)


def title_offset(article: Article) -> int | None:
    """Where ``article.title`` stands in ``Article.text`` (after a stripped
    ``UPDATE 1-`` prefix, say); None when the title is not written as such."""
    for block in article.blocks:
        if block.kind == "title":
            found = block.text.find(article.title) if article.title else -1
            return block.start + found if found >= 0 else None
    return None


def metadata_line(article: Article) -> Content:
    """Date · agency · author · language · file name, each from untrusted text."""
    meta = article.meta
    name = PurePath(article.path).name
    fields = [display_date(meta.date), meta.agency, meta.author, article.lang, name]
    pieces = [safe_line(value, 60) for value in fields if value]
    return join(*pieces, separator=" · ")
