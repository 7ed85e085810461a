"""Body-run repairs: an article body is a contiguous run of text-like blocks.

The block model sometimes doubts a subheading between two paragraphs or the
short last paragraph of a clean article. Blocks that only the model stripped
(no cue, no repetition) are given back when they sit in a short gap inside
the body, or when they are plain prose right next to it.
"""

from __future__ import annotations

import itertools
import re

from reader.corpus.models import Block

#: Longest run of model-stripped blocks inside the body that is still taken for a gap.
MAX_GAP = 2
_PROSE_END = re.compile(r"[.!?…»”\"]\s*$")
_PROSE_MIN_CHARS = 30
_PROSE_MIN_WORDS = 5


def is_plain_prose(text: str) -> bool:
    """A full sentence or more: long enough, ends like a sentence, has spaces between words."""
    stripped = text.strip()
    return (
        len(stripped) >= _PROSE_MIN_CHARS
        and len(stripped.split()) >= _PROSE_MIN_WORDS
        and bool(_PROSE_END.search(stripped))
    )


def repair_body(body: list[Block], model_only: list[bool]) -> None:
    """Keep model-only-stripped blocks in short gaps of the body and prose at its edges.

    Blocks stripped by a cue or as repeats are transparent: a "Lire aussi"
    link between two paragraphs does not end the body.
    """
    opaque = [i for i, block in enumerate(body) if block.kept or model_only[i]]
    kept_positions = [k for k, i in enumerate(opaque) if body[i].kept]
    if not kept_positions:
        return
    for left, right in itertools.pairwise(kept_positions):
        if 0 < right - left - 1 <= MAX_GAP:
            for k in range(left + 1, right):
                keep(body[opaque[k]])
    for step, edge in ((-1, kept_positions[0]), (1, kept_positions[-1])):
        k = edge + step
        while 0 <= k < len(opaque) and is_plain_prose(body[opaque[k]].text):
            keep(body[opaque[k]])
            k += step


def keep(block: Block) -> None:
    """Mark ``block`` as article text."""
    block.kept = True
    block.reason = None
