"""Bookmarks as Markdown (for reading and sharing) and as JSON (for other tools).

In the Markdown export every bookmark is a section: the article title as a
heading, a list with file, corpus, date and tags, the quote as a block quote
and the note as the user wrote it (it is their Markdown). Article text is
untrusted: quotes, titles, file names and tags are escaped where Markdown
would misread them (``markdown_text``), and render back to the same text.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from reader.bookmarks.corpora import corpus_label
from reader.bookmarks.markdown_text import escape_heading, escape_inline, escape_paragraph_line
from reader.bookmarks.models import Anchor, Bookmark
from reader.corpus.textnorm import strip_controls

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def one_line(text: str) -> str:
    """Controls stripped, every run of white space (line breaks too) one space."""
    return " ".join(strip_controls(text).split())


def quote_block(quote: str) -> str:
    """The quote as a Markdown block quote whose content reads back as the same words.

    Lines are stripped of leading and trailing blanks (indentation would make a
    code block, two trailing spaces a hard break); blank lines separate paragraphs.
    """
    lines = [line.strip() for line in strip_controls(quote).split("\n")]
    pipes = sum(1 for line in lines if line) > 1  # two lines could make a table
    escaped = [escape_paragraph_line(line, pipes=pipes) for line in lines]
    return "\n".join(f"> {line}" if line else ">" for line in escaped)


def close_fences(note: str) -> str:
    """The note as written, with a fence left open at its end closed, so that it
    cannot swallow the bookmarks that follow it."""
    open_fence: str | None = None
    for line in note.split("\n"):
        match = _FENCE.match(line)
        if not match:
            continue
        fence = match.group(1)
        if open_fence is None:
            open_fence = fence
        elif _closes(line, fence, open_fence):
            open_fence = None
    return note if open_fence is None else f"{note}\n{open_fence}"


def _closes(line: str, fence: str, open_fence: str) -> bool:
    """A closing fence: same character, at least as long, nothing else on the line."""
    same_kind = fence[0] == open_fence[0] and len(fence) >= len(open_fence)
    return same_kind and not line.strip().strip(fence[0])


def bookmark_markdown(bookmark: Bookmark, anchor: Anchor | None = None) -> str:
    title = one_line(bookmark.article_title) or one_line(bookmark.path) or bookmark.article_id
    lines = [f"## {escape_heading(title)}", ""]
    lines.append(f"- File: {escape_inline(one_line(bookmark.path))}")
    lines.append(f"- Corpus: {escape_inline(one_line(corpus_label(bookmark.corpus)))}")
    lines.append(f"- Date: {escape_inline(one_line(bookmark.created))}")
    if bookmark.tags:
        tags = ", ".join(one_line(tag) for tag in bookmark.tags)
        lines.append(f"- Tags: {escape_inline(tags)}")
    if anchor is not None and anchor.orphaned:
        lines.append("- Status: orphaned (the passage is no longer in the article)")
    lines += ["", quote_block(bookmark.quote)]
    note = strip_controls(bookmark.note).strip("\n")
    if note.strip():
        lines += ["", close_fences(note)]
    return "\n".join(lines) + "\n"


def export_markdown(bookmarks: Iterable[Bookmark], anchors: dict[int, Anchor] | None = None) -> str:
    """A Markdown document with one section per bookmark, separated by rules."""
    anchors = anchors or {}
    sections = [bookmark_markdown(b, anchors.get(b.id)) for b in bookmarks]
    header = "# Bookmarks\n"
    if not sections:
        return header + "\nNo bookmarks.\n"
    return header + "\n" + "\n---\n\n".join(sections)


def export_json(bookmarks: Iterable[Bookmark], anchors: dict[int, Anchor] | None = None) -> str:
    """A JSON object ``{"version": 1, "bookmarks": [...]}``, every stored field included."""
    anchors = anchors or {}
    items = []
    for bookmark in bookmarks:
        item = asdict(bookmark)
        anchor = anchors.get(bookmark.id)
        if anchor is not None:
            item["orphaned"] = anchor.orphaned
        items.append(item)
    return json.dumps({"version": 1, "bookmarks": items}, ensure_ascii=False, indent=2) + "\n"


def render(
    bookmarks: Iterable[Bookmark], fmt: str, anchors: dict[int, Anchor] | None = None
) -> str:
    """The export in ``fmt`` (``md`` or ``json``)."""
    if fmt == "json":
        return export_json(bookmarks, anchors)
    if fmt == "md":
        return export_markdown(bookmarks, anchors)
    raise ValueError(f"unknown export format {fmt!r} (use md or json)")


def format_for(path: Path) -> str:
    """``json`` for a ``.json`` file, else ``md``."""
    return "json" if path.suffix.lower() == ".json" else "md"


def default_export_path(fmt: str = "md", now: datetime | None = None) -> Path:
    """A new file in the user data folder: ``exports/bookmarks-YYYYmmdd-HHMMSS.md``."""
    from reader.userdata.locations import data_dir

    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return data_dir() / "exports" / f"bookmarks-{stamp}.{fmt}"


def write_export(path: Path, text: str) -> Path:
    """Write atomically (temporary file, then rename); the folder is created. Returns the
    absolute path. ``OSError`` is left to the caller, who shows it."""
    path = path.expanduser().absolute()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
