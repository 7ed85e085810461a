"""The entity sidebar: people, organisations, places, stripped blocks, related articles.

One ``OptionList`` with disabled section headings, so the whole sidebar is
walked with the arrow keys. Enter on an entity adds it as a search filter;
``h`` highlights it in the article; Enter on a stripped block shows it in
place; Enter on a related article opens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.corpus.models import Article
from reader.tui.keymap import binding, bindings
from reader.tui.text import safe_line

SECTIONS = (("PER", "People"), ("ORG", "Organisations"), ("LOC", "Places"))
#: Under the first list of entities: what the two numbers after each name are.
LEGEND = Content("numbers: mentions here · articles naming it").stylize("dim italic")


@dataclass(frozen=True)
class EntityRow:
    """One entity of the article: its mentions here and articles naming it in the corpus."""

    key: str
    label: str
    name: str
    count: int
    corpus_count: int | None


def _heading(text: str) -> Option:
    return Option(Content(text).stylize("bold underline"), disabled=True)


class EntitySidebar(OptionList):
    """Posts what was chosen; the screen decides what it means."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings("reader.down", "reader.up"),
        binding("reader.filter_entity", description="Filter", show=True),
        binding("reader.highlight_entity", description="Highlight", show=True),
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

    class StrippedBlockChosen(Message):
        def __init__(self, start: int) -> None:
            super().__init__()
            self.start = start

    class RelatedChosen(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._entities: dict[str, EntityRow] = {}

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
        options: list[Option] = []
        options += self._entity_options(article, entities, colours)
        options += self._stripped_options(article)
        options += self._related_options(related)
        highlighted = self.highlighted
        self.set_options(options)
        if highlighted is not None and highlighted < len(options):
            self.highlighted = highlighted

    def _entity_options(
        self, article: Article | None, entities: list[EntityRow] | None, colours
    ) -> list[Option]:
        if article is None:
            return [_heading("Entities"), Option(Content("(open an article)"), disabled=True)]
        if entities is None:
            return [_heading("Entities"), Option(Content("(being extracted…)"), disabled=True)]
        options: list[Option] = []
        legend_shown = False
        for label, title in SECTIONS:
            rows = [row for row in entities if row.label == label]
            options.append(_heading(f"{title} ({len(rows)})"))
            if rows and not legend_shown:
                options.append(Option(LEGEND, disabled=True))
                legend_shown = True
            if not rows:
                options.append(Option(Content("  none").stylize("dim"), disabled=True))
            colour = colours.get(label, "")
            for row in rows:
                options.append(Option(self._entity_prompt(row, colour), id=f"entity:{row.key}"))
        return options

    @staticmethod
    def _entity_prompt(row: EntityRow, colour: str) -> Content:
        corpus = "?" if row.corpus_count is None else str(row.corpus_count)
        name = safe_line(row.name, 22)
        if colour:
            name = name.stylize(colour)
        return Content.assemble(name, (f"  {row.count} · {corpus}", "dim"))

    @staticmethod
    def _stripped_options(article: Article | None) -> list[Option]:
        blocks = article.stripped_blocks if article else []
        options = [_heading(f"Stripped ({len(blocks)})")]
        for block in blocks:
            reason = block.reason or "?"
            prompt = Content.assemble(
                (reason, "italic"), ": ", safe_line(block.text, 60).stylize("dim")
            )
            options.append(Option(prompt, id=f"stripped:{block.start}"))
        return options

    @staticmethod
    def _related_options(related: list[tuple[str, str, int]]) -> list[Option]:
        options = [_heading(f"Related ({len(related)})")]
        if related:
            legend = "articles naming the same people, organisations, places"
            options.append(Option(Content(legend).stylize("dim italic"), disabled=True))
        for article_id, title, shared in related:
            names = "name" if shared == 1 else "names"
            prompt = Content.assemble(safe_line(title, 60), (f"  {shared} {names} shared", "dim"))
            options.append(Option(prompt, id=f"related:{article_id}"))
        return options

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

    def action_highlight_entity(self) -> None:
        row = self._highlighted_entity()
        if row is not None:
            self.post_message(self.EntityHighlighted(row.key))

    def action_filter_entity(self) -> None:
        row = self._highlighted_entity()
        if row is not None:
            self.post_message(self.EntityChosen(row.label, row.name))
