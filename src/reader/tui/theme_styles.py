"""The colours reader draws with, taken from the active theme's variables.

Theme variables are Textual colour strings. Part of reader's drawing goes
through Rich (the article's highlights), which does not read all of them:
Textual's ANSI themes give ``ansi_yellow``, which Rich refuses at render time
(the app froze, then crashed); Textual, for its part, refuses Rich's
``color(3)``. So a colour for Rich passes through ``rich_colour`` and one for
Textual's ``Content`` through ``textual_colour``; ``theme_problem`` builds
every style once, strictly, so that a theme that cannot be drawn is caught
when it is chosen, not when it is drawn.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from textual.color import Color, ColorParseError
from textual.style import Style as ContentStyle

#: Highlight layers of the article body and, for each, the theme variable and fallback colour.
LAYER_COLOURS = {
    "reason": ("reader-reason", "#c08040"),
    "boilerplate": ("reader-boilerplate", "#808080"),
    "damage": ("reader-damage", "#d04040"),
    "entity-PER": ("reader-person", "#4ea1ff"),
    "entity-ORG": ("reader-org", "#c678dd"),
    "entity-LOC": ("reader-place", "#3fb950"),
    "hit": ("reader-hit", "#8a6d00"),
    "hit-current": ("reader-hit-current", "#d08700"),
    "passage": ("reader-bookmark", "#2f5f8f"),
}
ENTITY_VARIABLES = {"PER": "reader-person", "ORG": "reader-org", "LOC": "reader-place"}


class ThemeColourError(ValueError):
    """A theme variable is not a colour reader can draw with."""


def _parse(value: str) -> Color:
    try:
        return Color.parse(value)
    except ColorParseError as error:
        raise ThemeColourError(f"{value!r} is not a colour") from error


def rich_colour(value: str) -> str:
    """A Textual colour string as Rich writes it (``ansi_yellow`` -> ``color(3)``)."""
    colour = _parse(value)
    if colour.ansi is None:
        return colour.hex
    return "default" if colour.ansi < 0 else f"color({colour.ansi})"


def textual_colour(value: str) -> str:
    """A Textual colour string, checked (``ansi_yellow`` stays; ``#abc`` -> ``#AABBCC``)."""
    return _parse(value).hex


def _colour(
    variables: dict[str, str],
    name: str,
    fallback: str,
    strict: bool,
    convert: Callable[[str], str] = rich_colour,
) -> str:
    value = variables.get(name, fallback)
    try:
        return convert(value)
    except ThemeColourError as error:
        if strict:
            raise ThemeColourError(f"{name} = {value!r} is not a colour") from error
        return convert(fallback)


def layer_styles(variables: dict[str, str], *, strict: bool = False) -> dict[str, Style]:
    """Rich styles of the article's highlight layers; a bad colour falls back unless ``strict``."""

    def colour(layer: str) -> str:
        name, fallback = LAYER_COLOURS[layer]
        return _colour(variables, name, fallback, strict)

    return {
        "reason": Style(color=colour("reason"), italic=True),
        "boilerplate": Style(color=colour("boilerplate"), dim=True),
        "damage": Style(underline=True, color=colour("damage")),
        "entity-PER": Style(color=colour("entity-PER"), bold=True),
        "entity-ORG": Style(color=colour("entity-ORG"), bold=True),
        "entity-LOC": Style(color=colour("entity-LOC"), bold=True),
        "hit": Style(bgcolor=colour("hit")),
        "hit-current": Style(bgcolor=colour("hit-current"), bold=True),
        "passage": Style(bgcolor=colour("passage"), underline=True),
    }


def hit_style(variables: dict[str, str], *, strict: bool = False) -> str:
    """The style of matched words in snippets (a Content style string)."""
    name, fallback = LAYER_COLOURS["hit"]
    return f"on {_colour(variables, name, fallback, strict, textual_colour)}"


def entity_colours(variables: dict[str, str], *, strict: bool = False) -> dict[str, str]:
    """Entity label (PER, ORG, LOC) -> the colour of its names in the sidebar (Content style)."""
    return {
        label: _colour(variables, name, LAYER_COLOURS[f"entity-{label}"][1], strict, textual_colour)
        for label, name in ENTITY_VARIABLES.items()
    }


def theme_problem(variables: dict[str, str]) -> str | None:
    """Why reader cannot draw with these theme variables, or None when it can."""
    try:
        for style in layer_styles(variables, strict=True).values():
            Style.parse(str(style))
        content_styles = [hit_style(variables, strict=True)]
        content_styles += entity_colours(variables, strict=True).values()
        for content_style in content_styles:
            _ = ContentStyle.parse(content_style).rich_style
    except Exception as error:  # Rich and Textual raise assorted errors for odd values
        return str(error)
    return None
