"""Command palette provider: every keymap action bound on the current screen.

Add it to the app: ``COMMANDS = App.COMMANDS | {ReaderCommands}``. The
palette (ctrl+p) then lists each action of ``reader.tui.keymap.ACTIONS`` that a
node of the screen under the palette binds, with its description and the keys
in effect (user keymap applied), and runs it on that node. Actions bound on a
widget that is not focused are found too, so ``n`` (next hit on the article
view) is in the palette while the search input has focus.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode

from reader.tui.keymap import ACTIONS, ACTIONS_BY_ID, current_keys, display_keys


class ReaderCommands(Provider):
    """Offers each reader action available on the screen, by its description."""

    def _available(self) -> Iterator[tuple[str, str, Binding, DOMNode]]:
        """``(title, help, binding, node)`` for each registry action bound and enabled here."""
        found: dict[str, tuple[Binding, DOMNode]] = {}
        for node in self._nodes():
            for bound in _bindings_of(node):
                if bound.id in ACTIONS_BY_ID and bound.id not in found:
                    found[bound.id] = (bound, node)
        for action in ACTIONS:
            if action.id not in found:
                continue
            bound, node = found[action.id]
            if node.check_action(bound.action, ()) is False:
                continue
            keys = display_keys(current_keys(action.id, self.app))
            yield action.description, f"Keys: {keys}", bound, node

    def _nodes(self) -> Iterator[DOMNode]:
        """The focus chain first (its bindings win), then the app, then the rest of the screen."""
        focused = self.focused
        chain = list(focused.ancestors_with_self) if focused is not None else [self.screen]
        yield from chain
        yield self.app
        yield from self.screen.walk_children()

    def _command(self, bound: Binding, node: DOMNode) -> partial[Any]:
        return partial(self.app.run_action, bound.action, node)

    async def discover(self) -> Hits:
        for title, help_text, bound, node in self._available():
            yield DiscoveryHit(title, self._command(bound, node), text=title, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, bound, node in self._available():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    self._command(bound, node),
                    text=title,
                    help=help_text,
                )


def _bindings_of(node: DOMNode) -> Iterator[Binding]:
    """The bindings a node declares in ``BINDINGS`` (its own class first, then its bases)."""
    for cls in type(node).__mro__:
        declared = cls.__dict__.get("BINDINGS")
        if declared:
            yield from Binding.make_bindings(declared)
