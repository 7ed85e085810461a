"""The sections of the entity sidebar, as option lists built from untrusted text.

Entities (people, organisations, places: mentions here and articles of the
corpus naming each), quotations grouped by speaker, stripped blocks with
their reason, related articles. Option ids say what each row is
(``entity:KEY``, ``quote:START``, ``stripped:START``, ``related:ID``).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets.option_list import Option

from reader.corpus.models import Article, Quote
from reader.tui.text import safe_line

SECTIONS = (("PER", "People"), ("ORG", "Organisations"), ("LOC", "Places"))
#: Under the first list of entities: what the two numbers after each name are.
LEGEND = Content("numbers: mentions here · articles naming it").stylize("dim italic")
#: A speaker nobody can tell.
UNKNOWN_SPEAKER = "speaker unknown"


@dataclass(frozen=True)
class EntityRow:
    """One entity of the article: its mentions here and articles naming it in the corpus."""

    key: str
    label: str
    name: str
    count: int
    corpus_count: int | None


def heading(text: str) -> Option:
    return Option(Content(text).stylize("bold underline"), disabled=True)


def _note(text: str) -> Option:
    return Option(Content(text).stylize("dim italic"), disabled=True)


def entity_options(
    article: Article | None, entities: list[EntityRow] | None, colours: dict[str, str]
) -> list[Option]:
    if article is None:
        return [heading("Entities"), Option(Content("(open an article)"), disabled=True)]
    if entities is None:
        return [heading("Entities"), Option(Content("(being extracted…)"), disabled=True)]
    options: list[Option] = []
    legend_shown = False
    for label, title in SECTIONS:
        rows = [row for row in entities if row.label == label]
        options.append(heading(f"{title} ({len(rows)})"))
        if rows and not legend_shown:
            options.append(Option(LEGEND, disabled=True))
            legend_shown = True
        if not rows:
            options.append(Option(Content("  none").stylize("dim"), disabled=True))
        colour = colours.get(label, "")
        for row in rows:
            options.append(Option(_entity_prompt(row, colour), id=f"entity:{row.key}"))
    return options


def _entity_prompt(row: EntityRow, colour: str) -> Content:
    corpus = "?" if row.corpus_count is None else str(row.corpus_count)
    name = safe_line(row.name, 22)
    if colour:
        name = name.stylize(colour)
    return Content.assemble(name, (f"  {row.count} · {corpus}", "dim"))


def quote_options(article: Article | None) -> list[Option]:
    """``Quotes (n)``, grouped by speaker (most quoted first), each quotation a row."""
    if article is None or article.quotes is None:
        return []
    quotes = article.quotes
    options = [heading(f"Quotes ({len(quotes)})")]
    if not quotes:
        return [*options, _note("  no direct quotation")]
    for speaker, said in _by_speaker(quotes):
        options.append(
            Option(safe_line(f"{speaker} ({len(said)})", 40).stylize("bold"), disabled=True)
        )
        for quote in said:
            options.append(Option(_quote_prompt(quote), id=f"quote:{quote.start}"))
    return options


def _by_speaker(quotes: list[Quote]) -> list[tuple[str, list[Quote]]]:
    groups: dict[str, list[Quote]] = {}
    for quote in quotes:
        groups.setdefault(quote.speaker or UNKNOWN_SPEAKER, []).append(quote)
    return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0] == UNKNOWN_SPEAKER))


def _quote_prompt(quote: Quote) -> Content:
    words = Content.assemble("  «", safe_line(quote.text, 56), "»")
    if quote.partial:
        return Content.assemble(words, (" fragment", "dim"))
    return words


def stripped_options(article: Article | None) -> list[Option]:
    blocks = article.stripped_blocks if article else []
    options = [heading(f"Stripped ({len(blocks)})")]
    for block in blocks:
        reason = block.reason or "?"
        prompt = Content.assemble(
            (reason, "italic"), ": ", safe_line(block.text, 60).stylize("dim")
        )
        options.append(Option(prompt, id=f"stripped:{block.start}"))
    return options


def related_options(related: list[tuple[str, str, int]]) -> list[Option]:
    options = [heading(f"Related ({len(related)})")]
    if related:
        options.append(_note("articles naming the same people, organisations, places"))
    for article_id, title, shared in related:
        names = "name" if shared == 1 else "names"
        prompt = Content.assemble(safe_line(title, 60), (f"  {shared} {names} shared", "dim"))
        options.append(Option(prompt, id=f"related:{article_id}"))
    return options
