"""Decide, block by block, what is article text and why the rest is not.

Three layers, strongest first: cue phrases on short blocks (which also name
the reason), repetition of an earlier block or of the title, and the learned
block model (shape, cross-document frequency, position, neighbours). Two
context rules then complete what single blocks cannot show: a caption
repeated with its photo credit, and an author box after a "Written by" label.
"""

from __future__ import annotations

import itertools
import re

from reader.cleaning.cues import CUE_DECIDES_BELOW, is_sign_off
from reader.cleaning.furniture import furniture_signs, keep_when_no_furniture
from reader.cleaning.matrix import build_features
from reader.cleaning.model import load_model
from reader.cleaning.runs import repair_body
from reader.cleaning.spans import trailing_spans
from reader.cleaning.stats import LineStats
from reader.corpus.models import REASONS, Block

#: Reasons a cue may give to a long block: the whole block is that note or caption.
_WHOLE_BLOCK_CUES = frozenset({"caption", "update-note", "attribution"})
#: A bare author-box label; the short blocks after it belong to the author box.
_BYLINE_LABEL = re.compile(
    r"^(?:written by|about the author|à propos de l'auteur|l'auteur|the author|auteur|author)"
    r"\s*:?$",
    re.IGNORECASE,
)
_AUTHOR_BOX_BLOCKS = 3
#: Repeated blocks shorter than this are left to the model (a repeated "|" is not a duplicate).
_DUPLICATE_MIN_CHARS = 20
#: The reason given to blocks the model strips without a cue naming them.
_MODEL_REASON = "site-chrome"


def classify_blocks(
    text: str,
    blocks: list[Block],
    *,
    lang: str,
    stats: LineStats | None = None,
    line_hashes: list[int] | None = None,
    source: str | None = None,
) -> None:
    """Set ``kept``, ``reason`` and ``spans`` on every block (the title stays kept).

    ``line_hashes`` are the body blocks' ``line_hash`` values when already known;
    ``stats`` are read for the article's ``source`` only.
    """
    del text  # blocks carry their own text; offsets already point into it
    has_title = bool(blocks) and blocks[0].kind == "title"
    body = blocks[1:] if has_title else blocks
    for block in blocks:
        block.kept, block.reason, block.spans = True, None, []
    if not body:
        return
    title = blocks[0].text if has_title else ""
    texts = [b.text for b in body]
    features = build_features(title, texts, _feature_lang(lang), stats, line_hashes, source)
    model = load_model()
    probabilities = model.predict(features.matrix)
    title_line = _spaced(title) if has_title else None
    first_reason: dict[str, str | None] = {}
    model_only = [False] * len(body)
    for index, block in enumerate(body):
        line = _spaced(block.text)
        reason = _block_reason(
            block,
            features.cue_reasons[index],
            probabilities[index] < model.threshold,
            line,
            title_line,
            first_reason,
        )
        first_reason.setdefault(line, reason)
        model_only[index] = reason == _MODEL_REASON and features.cue_reasons[index] is None
        _mark(block, reason)
    repair_body(body, model_only)
    _sign_off(body, model_only)
    signs = furniture_signs(body, features.cue_reasons, features.frequencies)
    keep_when_no_furniture(body, model_only, signs)
    _caption_pairs(body)
    _author_box(body)
    for block in body:
        if block.kept:
            block.spans = trailing_spans(block)


def _feature_lang(lang: str) -> str:
    return lang if lang in ("fr", "en") else "unknown"


def _block_reason(
    block: Block,
    cue: str | None,
    model_strips: bool,
    line: str,
    title_line: str | None,
    first_reason: dict[str, str | None],
) -> str | None:
    """The reason ``block`` is not article text, or None.

    A repeat is a line equal to the title or to an earlier block, figures
    included ("Net 65.0 mln vs 57.4 mln" and "Net 12.1 mln vs 10.3 mln" are two facts).
    """
    stripped = block.text.strip()
    if cue is not None and (len(stripped) < CUE_DECIDES_BELOW or cue in _WHOLE_BLOCK_CUES):
        return cue
    if len(stripped) >= _DUPLICATE_MIN_CHARS:
        if line == title_line:
            return "duplicate"
        if line in first_reason:
            earlier = first_reason[line]
            return "duplicate" if earlier is None else earlier
    if block.kind == "heading":
        return None
    return _MODEL_REASON if model_strips else None


def _mark(block: Block, reason: str | None) -> None:
    if reason is not None and reason not in REASONS:
        raise ValueError(f"unknown boilerplate reason: {reason}")
    block.kept = reason is None
    block.reason = reason


def _sign_off(body: list[Block], model_only: list[bool]) -> None:
    """The last block, when it signs a wire story off ("Reuter"), is its attribution."""
    last = body[-1]
    if (last.kept or model_only[-1]) and is_sign_off(last.text):
        _mark(last, "attribution")
        model_only[-1] = False


def _caption_pairs(body: list[Block]) -> None:
    """A block that a following caption repeats with a credit added is that caption too."""
    for previous, block in itertools.pairwise(body):
        if block.reason != "caption" or not previous.kept:
            continue
        head = _spaced(previous.text)
        if len(head) >= _DUPLICATE_MIN_CHARS and _spaced(block.text).startswith(head):
            _mark(previous, "caption")


def _spaced(text: str) -> str:
    return " ".join(text.casefold().split())


def _author_box(body: list[Block]) -> None:
    """The author's name and biography that follow a bare "Written by" label near the end."""
    for index, block in enumerate(body):
        if index < len(body) // 2 or block.reason != "byline":
            continue
        if _BYLINE_LABEL.match(block.text.strip()):
            for follower in body[index + 1 : index + 1 + _AUTHOR_BOX_BLOCKS]:
                if follower.reason in (None, _MODEL_REASON):
                    _mark(follower, "byline")
