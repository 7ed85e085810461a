"""A bookmark to build tests on: every field filled, any of them changed by keyword."""

from __future__ import annotations

from typing import Any

from reader.bookmarks import Bookmark


def sample_bookmark(**changes: Any) -> Bookmark:
    values: dict[str, Any] = dict(
        id=1,
        article_id="a1",
        article_title="Sommet de Bruxelles",
        path="fr/sommet.txt",
        start=10,
        end=40,
        quote="Les dirigeants se sont retrouvés jeudi.",
        prefix="",
        suffix="",
        note="",
        tags=["EU", "énergie"],
        created="2024-03-01T10:00:00+00:00",
        updated="2024-03-01T10:00:00+00:00",
    )
    values.update(changes)
    return Bookmark(**values)
