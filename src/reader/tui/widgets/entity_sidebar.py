"""The entity sidebar: people, organisations, places, quotations, stripped blocks, related
articles (each section built in ``sidebar_sections``).

One ``OptionList`` with disabled section headings, so the whole sidebar is
walked with the arrow keys. Enter on an entity adds it as a search filter;
``h`` highlights it in the article; ``Q`` lists the quotations of the person
(or of a quotation's speaker) across the corpus; Enter on a quotation or a
stripped block shows it in place; Enter on a related article opens it.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.binding import BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.corpus.models import Article, Quote
from reader.tui.keymap import binding, bindings
from reader.tui.widgets.sidebar_sections import (
    EntityRow,
    entity_options,
    quote_options,
    related_options,
    stripped_options,
)


class EntitySidebar(OptionList):
    """Posts what was chosen; the screen decides what it means."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings("reader.down", "reader.up"),
        binding("reader.filter_entity", description="Filter", show=True),
        binding("reader.highlight_entity", description="Highlight", show=True),
        binding("reader.quotes_by", description="Their quotes", show=True),
    ]

    class EntityChosen(Message):
        def __init__(self, label: str, name: str) -> None:
            super().__init__()
            self.label = label
            self.name = name

    class EntityHighlighted(Message):
        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    class EntityFocused(Message):
        """The highlight moved to an entity (its label and name), or off the entities (None)."""

        def __init__(self, label: str | None, name: str = "") -> None:
            super().__init__()
            self.label = label
            self.name = name

    class QuotesWanted(Message):
        """Every quotation of ``name`` across the corpus is asked for."""

        def __init__(self, name: str) -> None:
            super().__init__()
            self.name = " ".join(name.split())  # an article's no-break spaces too

    class QuoteChosen(Message):
        def __init__(self, quote: Quote) -> None:
            super().__init__()
            self.quote = quote

    class StrippedBlockChosen(Message):
        def __init__(self, start: int) -> None:
            super().__init__()
            self.start = start

    class RelatedChosen(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._entities: dict[str, EntityRow] = {}
        self._quotes: dict[int, Quote] = {}

    def show(
        self,
        article: Article | None,
        entities: list[EntityRow] | None,
        related: list[tuple[str, str, int]],
        colours: dict[str, str] | None = None,
    ) -> None:
        """Fill the sidebar; ``entities`` None means the entity phase has not reached it."""
        colours = colours or {}
        self._entities = {row.key: row for row in entities or []}
        self._quotes = {quote.start: quote for quote in (article.quotes or [])} if article else {}
        options: list[Option] = []
        options += entity_options(article, entities, colours)
        options += quote_options(article)
        options += stripped_options(article)
        options += related_options(related)
        highlighted = self.highlighted
        self.set_options(options)
        if highlighted is not None and highlighted < len(options):
            self.highlighted = highlighted

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        kind, _, key = (event.option.id or "").partition(":")
        row = self._entities.get(key) if kind == "entity" else None
        if row is None:
            self.post_message(self.EntityFocused(None))
        else:
            self.post_message(self.EntityFocused(row.label, row.name))

    # choosing ----------------------------------------------------------------
    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        kind, _, rest = (event.option.id or "").partition(":")
        if kind == "entity" and rest in self._entities:
            row = self._entities[rest]
            self.post_message(self.EntityChosen(row.label, row.name))
        elif kind == "quote" and int(rest) in self._quotes:
            self.post_message(self.QuoteChosen(self._quotes[int(rest)]))
        elif kind == "stripped":
            self.post_message(self.StrippedBlockChosen(int(rest)))
        elif kind == "related":
            self.post_message(self.RelatedChosen(rest))

    def _highlighted_entity(self) -> EntityRow | None:
        option = self.highlighted_option
        kind, _, key = ((option.id if option else None) or "").partition(":")
        row = self._entities.get(key) if kind == "entity" else None
        if row is None:
            self.notify("Move to an entity first.", timeout=2)
        return row

    def highlighted_quote(self) -> Quote | None:
        """The quotation under the highlight, if the highlight is on one."""
        option = self.highlighted_option
        kind, _, start = ((option.id if option else None) or "").partition(":")
        return self._quotes.get(int(start)) if kind == "quote" else None

    def action_highlight_entity(self) -> None:
        row = self._highlighted_entity()
        if row is not None:
            self.post_message(self.EntityHighlighted(row.key))

    def action_quotes_by(self) -> None:
        """The highlighted person's quotations across the corpus (or those of the speaker
        of the highlighted quotation)."""
        quote = self.highlighted_quote()
        if quote is not None and quote.speaker:
            self.post_message(self.QuotesWanted(quote.speaker))
            return
        if quote is not None:
            self.notify("Nobody is named as the speaker of this quotation.", timeout=3)
            return
        row = self._highlighted_entity()
        if row is not None:
            self.post_message(self.QuotesWanted(row.name))

    def action_filter_entity(self) -> None:
        row = self._highlighted_entity()
        if row is not None:
            self.post_message(self.EntityChosen(row.label, row.name))
