"""Page furniture: whether a file shows any sign of a web page's layout at all.

The block model judges blocks by their shape, and the shape of an article's
own lists and tables (short lines, figures, names: a line-up, the results of
a round, the nominees of an award, the figures of an earnings report) is the
shape of a menu. What tells them apart is the page around them: a scraped
web page carries furniture (widget cue phrases, lines that other files of
the same site repeat, separators and links), a wire story or a clean article
carries none. In a file without any furniture, the model alone strips nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from reader.cleaning.cues import WIDGET_CUES
from reader.cleaning.runs import keep
from reader.corpus.models import Block
from reader.metadata.datelines import parse_dateline

#: A line that files of the same source repeat this often (this file included) is a template.
MIN_SITE_REPEATS = 3
#: Signs of furniture a file shows before it is taken for a web page.
MIN_SIGNS = 1
#: Longest label of a table (a line over figures) in words.
MAX_LABEL_WORDS = 3
#: Links, file names and markup left in the text.
_LINK_OR_MARKUP = re.compile(
    r"(?i:https?://|www\.|\.(?:html?|php|aspx?)\b)|</?[a-z][a-z0-9]*(?:\s[^<>]{0,60})?>"
)
#: Menu separators and breadcrumb arrows.
_MENU_MARKS = re.compile(r"\s\|\s|^\||\|$|>>|<<|[»›«‹]")


def looks_like_furniture(text: str) -> bool:
    """Links, markup, menu separators or breadcrumb arrows: what page layouts leave in text."""
    return bool(_LINK_OR_MARKUP.search(text) or _MENU_MARKS.search(text))


def furniture_signs(
    body: Sequence[Block], cue_reasons: Sequence[str | None], frequencies: Iterable[float]
) -> list[bool]:
    """For each block, whether it shows page furniture.

    A widget cue, or a block stripped as site chrome that is a line with no
    figure that ``MIN_SITE_REPEATS`` files of the source share (a figure
    makes a repeat a coincidence: "1500 GMT", "27,595") or bears the marks of
    links and menus. Kept blocks show none (a paragraph that names a website
    is article text), nor do the article's own notes (a sign-off, a credit,
    a byline), which wire copy repeats in every file.
    """
    signs = []
    for index, (block, cue, frequency) in enumerate(
        zip(body, cue_reasons, frequencies, strict=True)
    ):
        site_line = (
            frequency >= MIN_SITE_REPEATS
            and not _has_digit(block.text)
            and not _labels_figures(body, index)
            and parse_dateline(block.text) is None  # "Paris (AFP) -", moved to the end
        )
        signs.append(
            block.reason in WIDGET_CUES
            and (cue in WIDGET_CUES or site_line or looks_like_furniture(block.text))
        )
    return signs


def keep_when_no_furniture(body: list[Block], model_only: list[bool], signs: list[bool]) -> None:
    """Give back every block that only the model stripped when the file shows (almost) no
    furniture: a web page shows plenty, one stray sign is a coincidence."""
    if sum(signs) >= MIN_SIGNS:
        return
    for block, only_model in zip(body, model_only, strict=True):
        if only_model:
            keep(block)


def _labels_figures(body: Sequence[Block], index: int) -> bool:
    """A short label over figures: a table's "Year", "Nine mths", "Premier division"."""
    following = body[index + 1].text if index + 1 < len(body) else ""
    return len(body[index].text.split()) <= MAX_LABEL_WORDS and _has_digit(following)


def _has_digit(text: str) -> bool:
    return any(character.isdigit() for character in text)
