"""Load the waddle boilerplate dev set as lines with per-line gold labels.

Pages are split into blocks by reader.corpus.blocks (as ``reader clean`` does: one
block per line, hard-wrapped prose joined). The gold files hold the article
body re-flowed into paragraphs, so a block is labelled article text when most
of its word tokens are matched by an alignment of the page's token stream
against the gold token stream.
Used only by the evaluation and training scripts, never at run time.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from reader.corpus.blocks import split_blocks

WADDLE = Path("/tmp/waddle")
WORD = re.compile(r"\w+")
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def tokens(text: str) -> list[str]:
    out: list[str] = []
    for tok in WORD.findall(text.lower()):
        if CJK.search(tok):
            out.extend(
                re.findall(
                    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+",
                    tok,
                )
            )
        else:
            out.append(tok)
    return out


@dataclass
class Page:
    name: str
    site: str
    lang: str
    text: str
    lines: list[str]  # block texts from reader.corpus.blocks; lines[0] is the title
    labels: list[int]  # 1 = article text


def label_lines(lines: list[str], gold: str) -> list[int]:
    line_of: list[int] = []
    toks: list[str] = []
    for index, line in enumerate(lines):
        for tok in tokens(line):
            toks.append(tok)
            line_of.append(index)
    matched = [0] * len(lines)
    sm = SequenceMatcher(None, toks, tokens(gold), autojunk=False)
    for block in sm.get_matching_blocks():
        if block.size < 3:
            continue
        for k in range(block.a, block.a + block.size):
            matched[line_of[k]] += 1
    totals = [len(tokens(line)) for line in lines]
    return [int(t > 0 and m / t >= 0.5) for m, t in zip(matched, totals, strict=True)]


def load(limit: int | None = None) -> list[Page]:
    pages = []
    for row in (WADDLE / "meta.jsonl").read_text().splitlines()[:limit]:
        meta = json.loads(row)
        name = meta["id"] + ".txt"
        text = (WADDLE / "input" / name).read_text(encoding="utf-8")
        gold = (WADDLE / "gold" / name).read_text(encoding="utf-8")
        lines = [block.text for block in split_blocks(text)]
        pages.append(Page(name, meta["site"], meta["lang"], text, lines, label_lines(lines, gold)))
    return pages


if __name__ == "__main__":
    import pickle
    import sys
    import time

    t = time.time()
    pages = load()
    print(len(pages), "pages", time.time() - t, "s", file=sys.stderr)
    with open("/tmp/waddle_pages.pkl", "wb") as fh:
        pickle.dump(pages, fh)
