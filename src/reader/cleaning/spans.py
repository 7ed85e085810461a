"""In-line boilerplate: reporting credits and agency tags at the end of a kept block."""

from __future__ import annotations

import re

from reader.corpus.models import Block, StrippedSpan

#: A trailing parenthesis that credits reporters and editors, or names the agency.
_TRAILING_CREDIT = re.compile(
    r"\(\s*(?:reportage|reporting|r[ée]daction|writing|editing|édité|edited|compiled|"
    r"additional reporting|avec|with)\b[^()]{0,600}\)\s*$",
    re.IGNORECASE,
)
#: Credits name people or agencies: the parenthesis must hold a capitalised word.
_NAME = re.compile(r"\b[A-ZÀ-Ý][\w'-]+")


def trailing_spans(block: Block) -> list[StrippedSpan]:
    """Spans of ``block`` that are attribution, as offsets into the article text."""
    match = _TRAILING_CREDIT.search(block.text)
    if match is None or match.start() == 0 or not _NAME.search(match.group(0)[1:]):
        return []
    end = len(block.text.rstrip())
    return [StrippedSpan(block.start + match.start(), block.start + end, "attribution")]
