"""Theme files: load, validate, register; and keep the user's choice.

Themes are TOML files (``themes/*.toml`` in the project, plus the user's
``locations.user_themes_dir()``; a user theme with the same name wins)::

    name = "reader-paper"
    dark = false
    primary = "#7a4e2d"          # also secondary, accent, foreground, background,
    background = "#f7f3e8"       # surface, panel, boost, warning, error, success
    [variables]
    reader-hit = "#f3d36b"       # any of READER_VARIABLES, and Textual's own

A theme is registered only after ``Theme.to_color_system().generate()`` ran
and every colour parsed: Textual accepts a bad colour at registration and
crashes when it draws. Problems never stop start-up; ``register_themes``
returns them as one message for one notification.

Wiring in the app (UI-MAIN), once mounted::

    config, problems = load_config()
    problems += setup_themes(app, config)      # register, apply, persist
    ...
    def get_theme_variable_defaults(self):     # on ReaderApp
        return variable_defaults(self.current_theme)

``setup_themes`` subscribes to ``app.theme_changed_signal`` and calls
``reader.userdata.config.save_theme(theme.name, config.path)`` whenever the theme changes
(from the command palette's theme picker or anywhere else), so the choice
persists across runs.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.color import Color, ColorParseError
from textual.theme import Theme

from reader.tui.theme_styles import theme_problem
from reader.userdata import locations
from reader.userdata.config import DEFAULT_THEME, Config, save_theme, suggestion

#: Custom variables every reader theme defines. Backgrounds (under the theme's
#: foreground): reader-hit, reader-hit-current, reader-bookmark. Text colours
#: (on the background): the others.
READER_VARIABLES = (
    "reader-hit",
    "reader-hit-current",
    "reader-boilerplate",
    "reader-reason",
    "reader-damage",
    "reader-person",
    "reader-org",
    "reader-place",
    "reader-bookmark",
)
BACKGROUND_VARIABLES = ("reader-hit", "reader-hit-current", "reader-bookmark")

_COLOUR_KEYS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "warning",
    "error",
    "success",
)
_OTHER_KEYS = ("name", "dark", "luminosity_spread", "text_alpha", "variables")
THEME_KEYS = _COLOUR_KEYS + _OTHER_KEYS


def load_theme_file(path: Path) -> tuple[Theme | None, list[str]]:
    """Read and validate one theme file: the theme (or None) and its problems.

    Unknown keys are reported but do not reject the theme; anything that would
    crash Textual when drawing (a colour that does not parse) does.
    """
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return None, [f"{path.name}: {error}"]
    problems = [
        f"{path.name}: unknown key {key!r}{suggestion(key, THEME_KEYS)}"
        for key in data
        if key not in THEME_KEYS
    ]
    fields = {key: value for key, value in data.items() if key in THEME_KEYS}
    errors = _field_errors(fields)
    if errors:
        return None, problems + [f"{path.name}: {error}" for error in errors]
    theme = Theme(**fields)
    try:
        theme.to_color_system().generate()
    except Exception as error:  # Textual raises assorted errors for odd values
        return None, [*problems, f"{path.name}: {error}"]
    return theme, problems


def _field_errors(fields: dict[str, Any]) -> list[str]:
    errors = []
    name = fields.get("name")
    if not isinstance(name, str) or not name.strip():
        errors.append("'name' must be a non-empty string")
    if "primary" not in fields:
        errors.append("'primary' is required")
    for key in _COLOUR_KEYS:
        if key in fields and not _is_colour(fields[key]):
            errors.append(f"{key} = {fields[key]!r} is not a colour")
    if "dark" in fields and not isinstance(fields["dark"], bool):
        errors.append("'dark' must be true or false")
    for key in ("luminosity_spread", "text_alpha"):
        value = fields.get(key, 0.5)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
            errors.append(f"{key!r} must be a number between 0 and 1")
    variables = fields.get("variables", {})
    if not isinstance(variables, dict) or not all(isinstance(v, str) for v in variables.values()):
        errors.append('[variables] must be a table of name = "value" strings')
        return errors
    for key, value in variables.items():
        if key.startswith("reader-") and key not in READER_VARIABLES:
            errors.append(f"unknown variable {key!r}{suggestion(key, READER_VARIABLES)}")
        elif key.startswith("reader-") and not _is_colour(value):
            errors.append(f"{key} = {value!r} is not a colour")
    return errors


def _is_colour(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        Color.parse(value)
    except ColorParseError:
        return False
    return True


def theme_files(folders: Iterable[Path]) -> list[Path]:
    """The ``*.toml`` files of each existing folder, sorted by name within a folder."""
    files: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.toml")))
    return files


def load_themes(folders: Iterable[Path]) -> tuple[list[Theme], list[str]]:
    """Every valid theme of the folders (later folders override by name) and all problems."""
    themes: dict[str, Theme] = {}
    problems: list[str] = []
    for path in theme_files(folders):
        theme, file_problems = load_theme_file(path)
        problems.extend(file_problems)
        if theme is not None:
            themes[theme.name] = theme
    return list(themes.values()), problems


def register_themes(app: App[Any], folders: Iterable[Path] | None = None) -> str | None:
    """Register the bundled and user themes; one message for all problems, or None."""
    if folders is None:
        folders = (locations.bundled_themes_dir(), locations.user_themes_dir())
    themes, problems = load_themes(folders)
    for theme in themes:
        app.register_theme(theme)
    if not problems:
        return None
    return "Theme problems: " + "; ".join(problems)


def apply_theme(app: App[Any], name: str) -> str | None:
    """Switch to the theme ``name`` if registered; otherwise keep the current one and say so."""
    if name in app.available_themes:
        app.theme = name
        return None
    fallback = DEFAULT_THEME if DEFAULT_THEME in app.available_themes else app.theme
    app.theme = fallback
    hint = suggestion(name, tuple(app.available_themes))
    return f"Theme {name!r} not found{hint}; using {fallback!r}"


def fall_back_if_undrawable(app: App[Any]) -> str | None:
    """If reader cannot draw with the current theme, switch to the default; say why."""
    problem = theme_problem(app.theme_variables)
    if problem is None or app.theme == DEFAULT_THEME:
        return None
    name = app.theme
    app.theme = DEFAULT_THEME
    return f"Theme {name!r} cannot be drawn ({problem}); using {DEFAULT_THEME!r}"


def persist_theme_changes(app: App[Any], config_path: Path | None = None) -> None:
    """Save each theme chosen that reader can draw; one it cannot is replaced by the
    default (not saved) and said in a notification. A failed save is a warning too."""
    last_saved = {"name": app.theme}

    def on_theme_changed(theme: Theme) -> None:
        problem = fall_back_if_undrawable(app)
        if problem:
            app.notify(problem, severity="warning", markup=False, timeout=8)
            return
        if theme.name == last_saved["name"]:
            return
        last_saved["name"] = theme.name
        saving = save_theme(theme.name, config_path)
        if saving:
            app.notify(saving, severity="warning", markup=False)

    app.theme_changed_signal.subscribe(app, on_theme_changed)


def setup_themes(app: App[Any], config: Config) -> list[str]:
    """Register themes, apply ``config.theme``, persist later changes; return problems.

    Call from ``App.on_mount`` (signals need a running app).
    """
    problems = [register_themes(app), apply_theme(app, config.theme)]
    problems.append(fall_back_if_undrawable(app))
    persist_theme_changes(app, config.path)
    return [problem for problem in problems if problem]


ANSI_VARIABLE_DEFAULTS = {
    "reader-hit": "ansi_yellow",
    "reader-hit-current": "ansi_magenta",
    "reader-boilerplate": "ansi_bright_black",
    "reader-reason": "ansi_yellow",
    "reader-damage": "ansi_red",
    "reader-person": "ansi_magenta",
    "reader-org": "ansi_blue",
    "reader-place": "ansi_green",
    "reader-bookmark": "ansi_green",
}
MINIMUM_CONTRAST = 4.5  # WCAG AA for body text


def variable_defaults(theme: Theme) -> dict[str, str]:
    """Reader variables derived from any theme, for ``App.get_theme_variable_defaults``.

    Built-in Textual themes lack the reader-* variables; these give them
    values from the theme's own palette, each pushed towards the background
    (for backgrounds) or the foreground (for text) until it reaches
    ``MINIMUM_CONTRAST`` (backgrounds: or 85% of the theme's own contrast).
    ANSI themes get ANSI colours: the terminal decides.
    """
    if theme.ansi:
        return dict(ANSI_VARIABLE_DEFAULTS)
    colours = theme.to_color_system().generate()
    background = Color.parse(colours["background"])
    foreground = Color.parse(colours["foreground"])

    # A tint always costs some contrast; low-contrast themes keep 85% of their own.
    tint_target = min(MINIMUM_CONTRAST, 0.85 * contrast_ratio(foreground, background))

    def tint(name: str, amount: float) -> str:
        """A background: ``name`` over the background, light enough for the foreground."""
        colour = Color.parse(colours[name])
        while (
            amount > 0
            and contrast_ratio(foreground, background.blend(colour, amount)) < tint_target
        ):
            amount -= 0.05
        return background.blend(colour, max(amount, 0)).hex

    def ink(name: str, amount: float = 0.6) -> str:
        """A text colour: ``name`` mixed into the foreground, readable on the background."""
        colour = Color.parse(colours[name])
        while (
            amount > 0
            and contrast_ratio(foreground.blend(colour, amount), background) < MINIMUM_CONTRAST
        ):
            amount -= 0.05
        return foreground.blend(colour, max(amount, 0)).hex

    return {
        "reader-hit": tint("warning", 0.35),
        "reader-hit-current": tint("accent", 0.55),
        "reader-boilerplate": ink("background", 0.45),
        "reader-reason": ink("warning"),
        "reader-damage": ink("error"),
        "reader-person": ink("secondary"),
        "reader-org": ink("primary"),
        "reader-place": ink("success"),
        "reader-bookmark": tint("success", 0.3),
    }


def contrast_ratio(first: Color, second: Color) -> float:
    """The WCAG 2 contrast ratio of two opaque colours (1 to 21)."""

    def luminance(colour: Color) -> float:
        def channel(value: int) -> float:
            value_01 = value / 255
            if value_01 <= 0.04045:
                return value_01 / 12.92
            return ((value_01 + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + 0.0722 * channel(colour.b)

    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)
