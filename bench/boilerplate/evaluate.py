"""Clean every waddle page with reader.cleaning and score the result.

    python bench/boilerplate/evaluate.py [--out DIR]

Blocks come from reader.corpus.blocks, as in ``reader clean``; all pages form one
corpus for LineStats, as there.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from reader.cleaning import LineStats, classify_blocks
from reader.corpus.blocks import split_blocks
from reader.corpus.models import Block

WADDLE = Path("/tmp/waddle")
SCORER = Path("/work/shared/eval/boilerplate/score.py")


def line_blocks(text: str) -> list[Block]:
    """The splitter's blocks (kept under this name for the other bench scripts)."""
    return split_blocks(text)


def cleaned(text: str, blocks: list[Block]) -> str:
    lines = []
    for block in blocks:
        pieces = block.kept_pieces()
        if pieces:
            lines.append("".join(text[s:e] for s, e in pieces))
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/tmp/waddle_out")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    metas = [json.loads(row) for row in (WADDLE / "meta.jsonl").read_text().splitlines()]
    docs = []
    for meta in metas:
        name = meta["id"] + ".txt"
        text = (WADDLE / "input" / name).read_text(encoding="utf-8")
        docs.append((name, meta["lang"], text, line_blocks(text)))
    start = time.perf_counter()
    stats = LineStats()
    for name, _, _, blocks in docs:
        stats.add_document(name, [b.text for b in blocks])
    indexed = time.perf_counter()
    for name, lang, text, blocks in docs:
        classify_blocks(text, blocks, lang=lang, stats=stats)
        (out / name).write_text(cleaned(text, blocks), encoding="utf-8")
    done = time.perf_counter()
    print(
        f"stats {indexed - start:.2f}s, classify {done - indexed:.2f}s "
        f"({(done - indexed) / len(docs) * 1000:.2f} ms/page)",
        file=sys.stderr,
    )
    subprocess.run([sys.executable, str(SCORER), "--data", str(WADDLE), str(out)], check=True)


if __name__ == "__main__":
    main()
