"""Every key binding of reader, in one table.

Each action has a binding id (``reader.<name>``), default keys (a plain key
and, for the frequent ones, an F-key alternative for terminals or keyboard
layouts that lose the plain one), a description, whether the footer shows it,
and the screen it belongs to. Screens build their ``BINDINGS`` from it::

    from reader.tui.keymap import bindings, binding
    BINDINGS = bindings("reader.focus_search", "reader.next_hit", ...)
    BINDINGS = [binding("reader.down", action="scroll_down")]   # override

The action of ``reader.<name>`` is ``<name>`` unless the table says otherwise,
so the node holding the binding implements ``action_<name>``.

Users remap keys in the config file's ``[keys]`` table;
``apply_user_keymap(app, config)`` validates the ids (with a suggestion for a
misspelt one), refuses overrides that would clash with another key of the
same screen, and calls ``App.set_keymap``. ``help_rows(app)`` gives the help
screen its rows with the keys in effect.
"""

from __future__ import annotations

import unicodedata
import weakref
from dataclasses import dataclass
from typing import Any

from textual.app import App
from textual.binding import Binding, BindingType
from textual.keys import KEY_NAME_REPLACEMENTS

from reader.userdata.config import Config, suggestion


@dataclass(frozen=True)
class Action:
    """One remappable action of the interface."""

    id: str
    keys: str
    description: str
    show: bool = False
    scope: str = "main"  # "main" (app and main screen) or "bookmarks" (bookmarks screen)
    action_name: str = ""

    @property
    def action(self) -> str:
        return self.action_name or self.id.removeprefix("reader.")


ACTIONS: tuple[Action, ...] = (
    Action("reader.focus_search", "slash", "Search", show=True),
    # ctrl+q too: the footer then shows ^q while a text field has the focus (it takes the q)
    Action("reader.quit", "q,ctrl+q", "Quit", show=True),
    Action("reader.help", "question_mark,f1", "Keys and help", show=True),
    Action("reader.down", "j", "Down (like the down arrow)", action_name="cursor_down"),
    Action("reader.up", "k", "Up (like the up arrow)", action_name="cursor_up"),
    Action("reader.next_hit", "n", "Next search hit in the article", show=True),
    Action("reader.prev_hit", "N", "Previous search hit in the article"),
    Action("reader.toggle_boilerplate", "b,f4", "Show or hide stripped boilerplate", show=True),
    Action("reader.toggle_sidebar", "e,f3", "Show or hide the entity sidebar", show=True),
    Action("reader.filter_entity", "f", "Filter the search by the selected entity"),
    Action("reader.highlight_entity", "h", "Highlight the selected entity in the article"),
    Action("reader.quotes_by", "Q", "Quotations of the selected person across the corpus"),
    Action("reader.filters", "F,f6", "Filter by language, source and date"),
    Action("reader.bookmark", "m,f2", "Bookmark the selected passage", show=True),
    Action("reader.bookmarks", "B,f8", "Bookmarks", show=True),
    Action("reader.export_bookmarks", "x", "Export bookmarks to a Markdown file"),
    Action("reader.toggle_sort", "s", "Sort the results by relevance or newest first"),
    Action("reader.copy_quote", "c", "Copy the selection (or paragraph) with its citation"),
    Action("reader.open_pager", "o", "Read the article's file in your pager ($PAGER)"),
    Action("reader.open_editor", "O", "Open the article's file in your editor ($EDITOR)"),
    Action("reader.more_like", "l", "Articles like this one (or like the selected passage)"),
    Action("reader.change_theme", "ctrl+t", "Change the theme", action_name="change_theme"),
    Action("reader.bookmark_open", "enter,o", "Open the bookmarked passage", True, "bookmarks"),
    Action("reader.bookmark_edit", "e,f2", "Edit the note and tags", True, "bookmarks"),
    Action("reader.bookmark_delete", "d,delete", "Delete the bookmark", True, "bookmarks"),
    Action("reader.bookmark_filter", "slash", "Filter the bookmarks", True, "bookmarks"),
    Action("reader.bookmark_export", "x", "Export bookmarks", True, "bookmarks"),
    Action("reader.bookmark_copy", "c", "Copy the passage with its citation", True, "bookmarks"),
    Action("reader.close", "escape,q", "Back", True, "bookmarks", action_name="close"),
)
ACTIONS_BY_ID: dict[str, Action] = {action.id: action for action in ACTIONS}

_KEY_NAMES = {
    "slash": "/",
    "question_mark": "?",
    "escape": "Esc",
    "enter": "Enter",
    "delete": "Del",
    "space": "Space",
    "tab": "Tab",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}

# Keys applied to each running app (the effective keymap is not public in Textual).
_APPLIED: weakref.WeakKeyDictionary[App[Any], dict[str, str]] = weakref.WeakKeyDictionary()


def binding(binding_id: str, **overrides: Any) -> Binding:
    """The ``Binding`` of a registry action; keyword arguments override its fields."""
    action = ACTIONS_BY_ID[binding_id]
    fields: dict[str, Any] = {
        "key": action.keys,
        "action": action.action,
        "description": action.description,
        "show": action.show,
        "id": action.id,
        "tooltip": action.description,
    }
    fields.update(overrides)
    return Binding(**fields)


def bindings(*binding_ids: str) -> list[BindingType]:
    """The ``Binding`` of each id, in order."""
    return [binding(binding_id) for binding_id in binding_ids]


def user_keymap(config: Config) -> tuple[dict[str, str], list[str]]:
    """The valid overrides of ``config.keys`` and one problem line per rejected one."""
    source = str(config.path) if config.path else "config"
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, keys in config.keys.items():
        if binding_id in ACTIONS_BY_ID:
            keymap[binding_id] = keys
        else:
            hint = suggestion(binding_id, tuple(ACTIONS_BY_ID))
            problems.append(f"{source}: [keys] unknown binding id {binding_id!r}{hint}")
    for binding_id in _clashing_overrides(keymap):
        problems.append(
            f"{source}: [keys] {binding_id!r} = {keymap.pop(binding_id)!r} clashes with "
            "another key of the same screen; keeping its default keys"
        )
    return keymap, problems


def _clashing_overrides(keymap: dict[str, str]) -> list[str]:
    """Overridden ids sharing a key with another action of the same scope."""
    owners: dict[tuple[str, str], list[str]] = {}
    for action in ACTIONS:
        for key in _split(keymap.get(action.id, action.keys)):
            key = _key_name(key)
            owners.setdefault((action.scope, key), []).append(action.id)
    clashing = {
        binding_id
        for ids in owners.values()
        if len(ids) > 1
        for binding_id in ids
        if binding_id in keymap
    }
    return sorted(clashing)


def apply_user_keymap(app: App[Any], config: Config) -> list[str]:
    """Apply the config's ``[keys]`` to ``app`` with ``App.set_keymap``; return problems."""
    keymap, problems = user_keymap(config)
    app.set_keymap(keymap)
    _APPLIED[app] = keymap
    return problems


def current_keys(binding_id: str, app: App[Any] | None = None) -> str:
    """The keys of an action in ``app`` (user keymap applied), comma-separated."""
    applied = _APPLIED.get(app, {}) if app is not None else {}
    return applied.get(binding_id, ACTIONS_BY_ID[binding_id].keys)


def display_keys(keys: str) -> str:
    """``"question_mark,f1"`` -> ``"? / F1"`` for the help screen and the palette."""
    return " / ".join(_display_key(key) for key in _split(keys))


def _display_key(key: str) -> str:
    *modifiers, name = key.split("+")
    if name in _KEY_NAMES:
        name = _KEY_NAMES[name]
    elif len(name) > 1:
        name = name.upper() if name[0] == "f" and name[1:].isdigit() else name.capitalize()
    return "+".join([*(modifier.capitalize() for modifier in modifiers), name])


def help_rows(app: App[Any] | None = None, scope: str | None = None) -> list[tuple[str, str, str]]:
    """``(keys, description, binding id)`` of every action (of one scope if given)."""
    return [
        (display_keys(current_keys(action.id, app)), action.description, action.id)
        for action in ACTIONS
        if scope is None or action.scope == scope
    ]


def _key_name(key: str) -> str:
    """The name Textual uses for a key: ``"?"`` -> ``"question_mark"``, ``"/"`` -> ``"slash"``."""
    if len(key) != 1 or key.isalnum():
        return key
    try:
        name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        return key
    return KEY_NAME_REPLACEMENTS.get(name, name)


def _split(keys: str) -> list[str]:
    return [key.strip() for key in keys.split(",") if key.strip()]
