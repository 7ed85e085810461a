"""The seeds' hand annotations, kept with the tests (a copy of the project's shared file).

Boilerplate lines with reasons, in-line spans, titles, metadata, entities,
damaged sentences, related articles and quotations of each seed article.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

ANNOTATIONS = Path(__file__).with_name("seeds-annotations.json")


@cache
def _load() -> dict:
    return json.loads(ANNOTATIONS.read_text(encoding="utf-8"))


def annotations() -> dict:
    """The whole file."""
    return _load()


def seed_articles() -> dict[str, dict]:
    """File name -> that seed's annotations."""
    return _load()["articles"]
