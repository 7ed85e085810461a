"""Theme files: validation, registration, contrast, 256-colour fidelity, persistence."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.app import App, ComposeResult
from textual.color import Color
from textual.theme import BUILTIN_THEMES
from textual.widgets import Label

from reader.tui.themes import (
    BACKGROUND_VARIABLES,
    READER_VARIABLES,
    contrast_ratio,
    load_theme_file,
    load_themes,
    setup_themes,
    variable_defaults,
)
from reader.userdata import locations
from reader.userdata.config import Config, load_config

BUNDLED = {
    "paper.toml": "reader-paper",
    "dark.toml": "reader-dark",
    "high-contrast.toml": "reader-high-contrast",
}

VALID_THEME = """
name = "{name}"
primary = "#336699"
background = "#101010"
foreground = "#f0f0f0"
[variables]
reader-hit = "#444400"
"""


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("READER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    return tmp_path


def user_theme(name: str, text: str) -> Path:
    folder = locations.user_themes_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------ colour maths


def luminance(colour: str) -> float:
    red, green, blue = RichColor.parse(colour).get_truecolor()

    def channel(value: int) -> float:
        value_01 = value / 255
        return value_01 / 12.92 if value_01 <= 0.04045 else ((value_01 + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: str, second: str) -> float:
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def at_256(colour: str) -> str:
    triplet = RichColor.parse(colour).downgrade(ColorSystem.EIGHT_BIT).get_truecolor()
    return "#{:02x}{:02x}{:02x}".format(*triplet)


def test_contrast_helper_matches_known_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


# ------------------------------------------------------------ bundled files


@pytest.mark.parametrize(("file_name", "name"), BUNDLED.items())
def test_bundled_theme_is_valid_and_complete(file_name: str, name: str) -> None:
    theme, problems = load_theme_file(locations.bundled_themes_dir() / file_name)
    assert problems == []
    assert theme is not None and theme.name == name
    assert set(READER_VARIABLES) <= set(theme.variables)


@pytest.mark.parametrize("file_name", BUNDLED)
def test_bundled_theme_contrast(file_name: str) -> None:
    theme, _ = load_theme_file(locations.bundled_themes_dir() / file_name)
    assert theme is not None and theme.foreground and theme.background
    body = 7.0 if file_name == "high-contrast.toml" else 4.5
    assert contrast(theme.foreground, theme.background) >= body
    for variable in BACKGROUND_VARIABLES:  # hits and bookmarks: body text on them
        assert contrast(theme.foreground, theme.variables[variable]) >= body, variable
    for variable in set(READER_VARIABLES) - set(BACKGROUND_VARIABLES):
        assert contrast(theme.variables[variable], theme.background) >= 4.5, variable


@pytest.mark.parametrize("file_name", BUNDLED)
def test_bundled_theme_keeps_contrast_at_256_colours(file_name: str) -> None:
    theme, _ = load_theme_file(locations.bundled_themes_dir() / file_name)
    assert theme is not None and theme.foreground and theme.background
    background = at_256(theme.background)
    assert contrast(at_256(theme.foreground), background) >= 4.5
    for variable in BACKGROUND_VARIABLES:
        assert contrast(at_256(theme.foreground), at_256(theme.variables[variable])) >= 4.5
    for variable in set(READER_VARIABLES) - set(BACKGROUND_VARIABLES):
        assert contrast(at_256(theme.variables[variable]), background) >= 4.5, variable


def test_high_contrast_colours_are_exact_256_palette_entries() -> None:
    path = locations.bundled_themes_dir() / "high-contrast.toml"
    theme, _ = load_theme_file(path)
    assert theme is not None
    colours = [
        value
        for value in (
            theme.primary,
            theme.secondary,
            theme.accent,
            theme.foreground,
            theme.background,
            theme.surface,
            theme.panel,
            theme.warning,
            theme.error,
            theme.success,
            *theme.variables.values(),
        )
        if value
    ]
    assert len(colours) == 19  # ten theme colours, nine reader-* variables
    for colour in colours:
        assert at_256(colour) == colour.lower(), colour


# ------------------------------------------------------------ broken files


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name = [\n", "broken.toml"),
        ('name = "x"\nprimary = "not-a-colour"\n', "not a colour"),
        ('name = "x"\nbackground = "#000"\n', "'primary' is required"),
        ('primary = "#123456"\n', "'name'"),
        ('name = "x"\nprimary = "#123456"\n[variables]\nreader-hit = "blurple"\n', "reader-hit"),
        ('name = "x"\nprimary = "#123456"\n[variables]\nreader-hitt = "red"\n', "'reader-hit'"),
        ('name = "x"\nprimary = "#123456"\ndark = "yes"\n', "'dark'"),
        ('name = "x"\nprimary = "#123456"\ntext_alpha = 3\n', "text_alpha"),
        ('name = "x"\nprimary = 12\n', "not a colour"),
        ('name = "x"\nprimary = "#123456"\nvariables = 3\n', "[variables]"),
    ],
)
def test_broken_theme_file_is_rejected_with_a_reason(
    tmp_path: Path, text: str, expected: str
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    theme, problems = load_theme_file(path)
    assert theme is None
    assert problems and any(expected in problem for problem in problems), problems
    assert all(problem.startswith("broken.toml: ") for problem in problems)


def test_unknown_key_is_reported_but_theme_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "typo.toml"
    path.write_text(VALID_THEME.format(name="typo") + "\n", encoding="utf-8")
    path.write_text('forground = "#ffffff"\n' + path.read_text(encoding="utf-8"), "utf-8")
    theme, problems = load_theme_file(path)
    assert theme is not None and theme.name == "typo"
    assert problems == ["typo.toml: unknown key 'forground' (did you mean 'foreground'?)"]


def test_user_theme_overrides_bundled_theme_of_same_name() -> None:
    user_theme("mine.toml", VALID_THEME.format(name="reader-dark"))
    themes, problems = load_themes([locations.bundled_themes_dir(), locations.user_themes_dir()])
    assert problems == []
    by_name = {theme.name: theme for theme in themes}
    assert set(BUNDLED.values()) <= set(by_name)
    assert by_name["reader-dark"].primary == "#336699"


# ------------------------------------------------------------ in an app


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test with asyncio.run (no async pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


class ThemedApp(App[None]):
    """A tiny app wired like ReaderApp: themes, config theme, persistence."""

    CSS = "Label { background: $reader-hit; color: $reader-person; }"

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.problems: list[str] = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return variable_defaults(self.current_theme)

    def compose(self) -> ComposeResult:
        yield Label("hello")

    def on_mount(self) -> None:
        self.problems = setup_themes(self, self.config)
        if self.problems:
            self.notify("; ".join(self.problems), severity="warning", markup=False)


@sync
async def test_app_registers_bundled_and_user_themes_and_reports_broken_ones_once() -> None:
    user_theme("good.toml", VALID_THEME.format(name="user-good"))
    user_theme("bad.toml", 'name = "user-bad"\nprimary = "#zzzzzz"\n')
    user_theme("worse.toml", "this is not toml")
    config, _ = load_config()
    app = ThemedApp(config)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        names = set(app.available_themes)
        assert {"reader-paper", "reader-dark", "reader-high-contrast", "user-good"} <= names
        assert "user-bad" not in names
        assert app.theme == "reader-paper"
        assert len(app.problems) == 1
        assert "bad.toml" in app.problems[0] and "worse.toml" in app.problems[0]
        assert len(app._notifications) == 1
        label = app.query_one(Label)
        assert label.styles.background.hex == "#F3D36B"


@sync
async def test_switching_theme_restyles_and_persists() -> None:
    config, _ = load_config()
    app = ThemedApp(config)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert not (locations.config_file()).exists()  # applying the saved theme saves nothing
        app.theme = "reader-high-contrast"
        await pilot.pause()
        await pilot.pause()
        assert app.query_one(Label).styles.background.hex == "#5F005F"
        assert app.theme_variables["reader-person"] == "#ff87ff"
    assert load_config()[0].theme == "reader-high-contrast"
    app = ThemedApp(load_config()[0])
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert app.theme == "reader-high-contrast"


@sync
async def test_unknown_configured_theme_falls_back_with_a_suggestion() -> None:
    app = ThemedApp(Config(theme="reader-drak"))
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert app.theme == "reader-paper"
        assert app.problems == [
            "Theme 'reader-drak' not found (did you mean 'reader-dark'?); using 'reader-paper'"
        ]


@sync
async def test_builtin_theme_gets_reader_variable_defaults() -> None:
    config = Config(theme="textual-light")
    app = ThemedApp(config)
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert app.theme == "textual-light"
        variables = app.theme_variables
        assert set(READER_VARIABLES) <= set(variables)
        assert app.query_one(Label).styles.background.hex == variables["reader-hit"]


@pytest.mark.parametrize("name", sorted(BUILTIN_THEMES))
def test_variable_defaults_are_readable_colours_for_every_builtin(name: str) -> None:
    theme = BUILTIN_THEMES[name]
    defaults = variable_defaults(theme)
    assert set(defaults) == set(READER_VARIABLES)
    for value in defaults.values():
        Color.parse(value)
    if theme.ansi:
        return  # the terminal chooses the actual colours
    colours = theme.to_color_system().generate()
    foreground, background = colours["foreground"], colours["background"]
    target = min(4.5, 0.85 * contrast(foreground, background))
    for variable in BACKGROUND_VARIABLES:
        assert contrast(foreground, defaults[variable]) >= target, variable
        assert defaults[variable] != background, variable
    for variable in set(READER_VARIABLES) - set(BACKGROUND_VARIABLES):
        assert contrast(defaults[variable], background) >= 4.5, variable


def test_contrast_ratio_agrees_with_the_test_helper() -> None:
    assert contrast_ratio(Color.parse("#777777"), Color.parse("#ffffff")) == pytest.approx(
        contrast("#777777", "#ffffff")
    )
