"""The keymap registry, user remapping, help rows and the command palette."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.command import CommandList
from textual.widgets import Input, Static

from reader.tui.commands import ReaderCommands
from reader.tui.keymap import (
    ACTIONS,
    ACTIONS_BY_ID,
    _key_name,
    apply_user_keymap,
    binding,
    bindings,
    display_keys,
    help_rows,
    user_keymap,
)
from reader.userdata.config import FORBIDDEN_KEYS, Config

CONFIG = Config(path=Path("/cfg/config.toml"))


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test with asyncio.run (no async pytest plugin needed)."""

    @functools.wraps(test)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return wrapper


# ------------------------------------------------------------ the table


def test_ids_are_unique_and_prefixed() -> None:
    ids = [action.id for action in ACTIONS]
    assert len(ids) == len(set(ids))
    assert all(binding_id.startswith("reader.") for binding_id in ids)


def test_defaults_avoid_forbidden_keys_and_clashes() -> None:
    seen: dict[tuple[str, str], str] = {}
    for action in ACTIONS:
        for key in action.keys.split(","):
            assert key.lower() not in FORBIDDEN_KEYS
            modifiers = key.split("+")[:-1]
            assert modifiers in ([], ["ctrl"]), f"{action.id}: plain, F- or ctrl+ keys only"
            assert (action.scope, _key_name(key)) not in seen, (action.id, key)
            seen[(action.scope, _key_name(key))] = action.id


def test_required_keys_from_the_issue() -> None:
    expected = {
        "reader.focus_search": "slash",
        "reader.quit": "q",
        "reader.down": "j",
        "reader.up": "k",
        "reader.next_hit": "n",
        "reader.prev_hit": "N",
        "reader.toggle_boilerplate": "b",
        "reader.bookmark": "m",
        "reader.bookmarks": "B",
        "reader.help": "question_mark",
        "reader.toggle_sidebar": "e",
        "reader.filter_entity": "f",
        "reader.highlight_entity": "h",
        "reader.export_bookmarks": "x",
    }
    for binding_id, key in expected.items():
        assert key in ACTIONS_BY_ID[binding_id].keys.split(","), binding_id
    assert "f1" in ACTIONS_BY_ID["reader.help"].keys.split(",")
    assert "f3" in ACTIONS_BY_ID["reader.toggle_sidebar"].keys.split(",")


def test_no_letter_changes_the_theme_or_quits_from_a_text_field() -> None:
    """Typing a word where the focus is not a text field must not pick a theme (``t``
    did); quitting works from text fields too (ctrl+q)."""
    assert ACTIONS_BY_ID["reader.change_theme"].keys == "ctrl+t"
    assert "ctrl+q" in ACTIONS_BY_ID["reader.quit"].keys.split(",")


def test_binding_carries_id_keys_action_and_description() -> None:
    bound = binding("reader.help")
    assert (bound.id, bound.key, bound.action, bound.show) == (
        "reader.help",
        "question_mark,f1",
        "help",
        True,
    )
    assert bound.description == "Keys and help"
    assert binding("reader.down").action == "cursor_down"
    assert binding("reader.down", action="scroll_down").action == "scroll_down"
    assert [b.id for b in bindings("reader.quit", "reader.next_hit")] == [
        "reader.quit",
        "reader.next_hit",
    ]
    with pytest.raises(KeyError):
        binding("reader.nope")


def test_display_keys() -> None:
    assert display_keys("question_mark,f1") == "? / F1"
    assert display_keys("slash") == "/"
    assert display_keys("ctrl+x,escape,N") == "Ctrl+x / Esc / N"


def test_help_rows_cover_every_action() -> None:
    rows = help_rows()
    assert [row[2] for row in rows] == [action.id for action in ACTIONS]
    assert ("? / F1", "Keys and help", "reader.help") in rows
    assert {row[2] for row in help_rows(scope="bookmarks")} == {
        action.id for action in ACTIONS if action.scope == "bookmarks"
    }


# ------------------------------------------------------------ user keymap


def test_user_keymap_rejects_unknown_ids_with_a_suggestion() -> None:
    config = Config(keys={"reader.next_hitt": "f9", "reader.quit": "f10"}, path=CONFIG.path)
    keymap, problems = user_keymap(config)
    assert keymap == {"reader.quit": "f10"}
    assert problems == [
        "/cfg/config.toml: [keys] unknown binding id 'reader.next_hitt' "
        "(did you mean 'reader.next_hit'?)"
    ]


def test_user_keymap_rejects_a_clash_but_allows_a_swap_and_other_screens() -> None:
    clash = Config(keys={"reader.quit": "n"}, path=CONFIG.path)
    keymap, problems = user_keymap(clash)
    assert keymap == {}
    assert len(problems) == 1 and "'reader.quit'" in problems[0] and "clashes" in problems[0]
    swap = Config(keys={"reader.quit": "n", "reader.next_hit": "q"})
    assert user_keymap(swap) == ({"reader.quit": "n", "reader.next_hit": "q"}, [])
    other_screen = Config(keys={"reader.bookmark_delete": "n"})
    assert user_keymap(other_screen)[1] == []
    same_key_spelt_differently = Config(keys={"reader.quit": "?"})
    assert len(user_keymap(same_key_spelt_differently)[1]) == 1


# ------------------------------------------------------------ in an app


class HitsView(Static, can_focus=True):
    BINDINGS = bindings("reader.next_hit", "reader.prev_hit")

    def action_next_hit(self) -> None:
        self.app.calls.append("next_hit")  # type: ignore[attr-defined]

    def action_prev_hit(self) -> None:
        self.app.calls.append("prev_hit")  # type: ignore[attr-defined]


class KeysApp(App[None]):
    """Like ReaderApp: registry bindings on the app and on a widget, palette provider."""

    COMMANDS = App.COMMANDS | {ReaderCommands}
    BINDINGS = bindings("reader.focus_search", "reader.help", "reader.toggle_boilerplate")

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config
        self.calls: list[str] = []
        self.problems: list[str] = []

    def compose(self) -> ComposeResult:
        yield Input(id="search")
        yield HitsView("article", id="article")

    def on_mount(self) -> None:
        self.problems = apply_user_keymap(self, self.config)
        self.query_one("#article").focus()

    def action_focus_search(self) -> None:
        self.query_one("#search").focus()

    def action_help(self) -> None:
        self.calls.append("help")

    def action_toggle_boilerplate(self) -> None:
        self.calls.append("toggle_boilerplate")


@sync
async def test_default_keys_run_their_actions() -> None:
    app = KeysApp(Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "N", "question_mark", "f1", "b", "f4")
        assert app.calls == ["next_hit", "prev_hit", "help", "help"] + ["toggle_boilerplate"] * 2
        await pilot.press("slash")
        assert app.focused is app.query_one("#search")


@sync
async def test_user_keymap_replaces_default_keys() -> None:
    config = Config(keys={"reader.next_hit": "f9", "reader.help": "f1"})
    app = KeysApp(config)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.problems == []
        await pilot.press("n", "f9", "question_mark", "f1")
        assert app.calls == ["next_hit", "help"]
        rows = {row[2]: row[0] for row in help_rows(app)}
        assert rows["reader.next_hit"] == "F9"
        assert rows["reader.help"] == "F1"
        assert help_rows()[5][0] == "n"  # without an app: the defaults


async def open_palette_and_type(pilot: Any, text: str) -> list[str]:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause(0.3)
    options = pilot.app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@sync
async def test_palette_lists_actions_with_their_keys_and_runs_them() -> None:
    app = KeysApp(Config(keys={"reader.next_hit": "f9"}))
    async with app.run_test(size=(100, 30)) as pilot:
        prompts = await open_palette_and_type(pilot, "next search")
        assert any("Next search hit in the article" in p and "Keys: F9" in p for p in prompts)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.calls == ["next_hit"]


@sync
async def test_palette_finds_widget_actions_while_another_widget_has_focus() -> None:
    app = KeysApp(Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        assert app.focused is app.query_one("#search")
        prompts = await open_palette_and_type(pilot, "previous search")
        assert any("Previous search hit" in p for p in prompts)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.calls == ["prev_hit"]


@sync
async def test_palette_offers_every_bound_action() -> None:
    app = KeysApp(Config())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        provider = ReaderCommands(app.screen_stack[-2])
        titles = [title for title, *_ in provider._available()]
        bound = ["reader.focus_search", "reader.help", "reader.toggle_boilerplate"]
        bound += ["reader.next_hit", "reader.prev_hit"]
        assert sorted(titles) == sorted(ACTIONS_BY_ID[i].description for i in bound)
