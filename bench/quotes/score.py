"""Score quotation extraction on the hand-annotated development set (devset.json).

python bench/quotes/score.py [--corpus DIR] [--baseline] [--errors N]

Reads the annotated articles from an extracted news-dev folder (--corpus) or
from ../shared/corpus/news-dev.tar.gz, cleans them as one corpus, runs the
entity model and the quotation rules (or, with --baseline, the trivial
"text between quote marks, nearest capitalised name before it"), and prints:

- quotation precision, recall and F1: a found quotation matches a gold one
  when their spans overlap by at least half of the longer of the two (one to
  one, largest overlap first);
- speaker accuracy over matched quotations: the speakers agree after folding
  case, accents, punctuation, a leading determiner and an honorific, or one
  is a run of two or more whole words of the other;
- partial accuracy over matched quotations; each figure per language too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tarfile
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEVSET = HERE / "devset.json"
ARCHIVE = HERE.parents[2] / "shared" / "corpus" / "news-dev.tar.gz"
_MARKS = re.compile(r"«([^»\n]+)»|“([^”\n]+)”|\"([^\"\n]+)\"")
_NAME = re.compile(r"[A-ZÀ-Ý][\w’'-]+(?:\s+[A-ZÀ-Ý][\w’'-]+)*")
_LEADING = re.compile(r"^(?:(?:the|a|an|le|la|les|l|un|une|son|sa|ses|mr|mrs|ms|m|mme|dr)\s+)+")


@dataclass
class Found:
    start: int
    end: int
    speaker: str | None
    partial: bool


def fold_speaker(name: str | None) -> str:
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = " ".join(re.findall(r"\w+", text))
    return _LEADING.sub("", text)


def same_speaker(gold: str, found: str | None) -> bool:
    a, b = fold_speaker(gold), fold_speaker(found)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short.split()) >= 2 and f" {short} " in f" {long} "


def corpus_files(names: list[str], corpus: Path | None, scratch: Path) -> list[Path]:
    if corpus is not None:
        missing = [name for name in names if not (corpus / name).exists()]
        if missing:
            raise SystemExit(f"{corpus} lacks {missing[0]} (and {len(missing) - 1} more)")
        return [corpus / name for name in names]
    if not ARCHIVE.exists():
        raise SystemExit(f"no corpus archive at {ARCHIVE}; pass --corpus DIR")
    with tarfile.open(ARCHIVE) as archive:
        members = {Path(m.name).name: m for m in archive.getmembers() if m.isfile()}
        for name in names:
            if name not in members:
                raise SystemExit(f"{ARCHIVE} lacks {name}")
            member = members[name]
            member.name = name
            archive.extract(member, scratch, filter="data")
    return [scratch / name for name in names]


def reader_quotes(paths: list[Path]) -> dict[str, list[Found]]:
    from reader.corpus.batch import load_articles
    from reader.entities import EntityExtractor
    from reader.quotes import article_quotes

    loaded, _ = load_articles(paths)
    extractor = EntityExtractor()
    items = [(item.article.lang, item.article.clean_text) for item in loaded]
    found: dict[str, list[Found]] = {}
    for item, entities in zip(loaded, extractor.extract_many(items), strict=True):
        quotes = article_quotes(item.article, entities)
        found[item.path.name] = [Found(q.start, q.end, q.speaker, q.partial) for q in quotes]
    return found


def baseline_quotes(paths: list[Path]) -> dict[str, list[Found]]:
    """Text between quote marks; the nearest capitalised words before it speak."""
    from reader.corpus.batch import load_articles

    loaded, _ = load_articles(paths)
    found: dict[str, list[Found]] = {}
    for item in loaded:
        article = item.article
        text = article.clean_text
        quotes = []
        for match in _MARKS.finditer(text):
            group = next(g for g in range(1, 4) if match.group(g) is not None)
            start, end = match.span(group)
            names = _NAME.findall(text[:start])
            start, end = article.clean_range_to_text(start, end)
            quotes.append(Found(start, end, names[-1] if names else None, False))
        found[item.path.name] = quotes
    return found


def match(gold: list[dict], found: list[Found]) -> list[tuple[dict, Found]]:
    pairs = []
    for g in gold:
        for f in found:
            overlap = min(g["end"], f.end) - max(g["start"], f.start)
            longer = max(g["end"] - g["start"], f.end - f.start)
            if overlap > 0 and overlap >= longer / 2:
                pairs.append((overlap, id(g), id(f), g, f))
    pairs.sort(key=lambda p: -p[0])
    used_g, used_f, matched = set(), set(), []
    for _, gid, fid, g, f in pairs:
        if gid not in used_g and fid not in used_f:
            used_g.add(gid)
            used_f.add(fid)
            matched.append((g, f))
    return matched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, help="an extracted news-dev folder")
    parser.add_argument("--baseline", action="store_true", help="score the trivial baseline")
    parser.add_argument(
        "--errors", type=int, default=0, metavar="N", help="list N errors of each kind"
    )
    args = parser.parse_args()
    devset = json.loads(DEVSET.read_text(encoding="utf-8"))["articles"]
    with tempfile.TemporaryDirectory() as scratch:
        paths = corpus_files(sorted(devset), args.corpus, Path(scratch))
        texts = {path.name: path.read_text(encoding="utf-8") for path in paths}
        found = (baseline_quotes if args.baseline else reader_quotes)(paths)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    misses, extras, wrong = [], [], []
    from reader.corpus.textnorm import normalise

    for name, entry in devset.items():
        text = normalise(texts[name])
        gold = entry["quotes"]
        for quote in gold:
            if not text[quote["start"] : quote["end"]].startswith(quote["starts"].split()[0]):
                raise SystemExit(
                    f"{name}: gold offset {quote['start']} no longer points at {quote['starts']!r}"
                )
        got = found.get(name, [])
        pairs = match(gold, got)
        for key in ("all", entry["lang"]):
            row = totals[key]
            row[0] += len(gold)
            row[1] += len(got)
            row[2] += len(pairs)
            row[3] += sum(same_speaker(g["speaker"], f.speaker) for g, f in pairs)
            row[4] += sum(g["partial"] == f.partial for g, f in pairs)
        matched_g = {id(g) for g, _ in pairs}
        matched_f = {id(f) for _, f in pairs}
        misses += [(name, g["starts"], g["speaker"]) for g in gold if id(g) not in matched_g]
        extras += [
            (name, text[f.start : f.end][:60], f.speaker) for f in got if id(f) not in matched_f
        ]
        wrong += [
            (name, g["starts"], g["speaker"], f.speaker)
            for g, f in pairs
            if not same_speaker(g["speaker"], f.speaker)
        ]
    for key in ("all", "en", "fr"):
        gold_n, found_n, matched, speakers, partial = totals[key]
        precision = matched / found_n if found_n else 0.0
        recall = matched / gold_n if gold_n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if matched else 0.0
        speaker_acc = speakers / matched if matched else 0.0
        partial_acc = partial / matched if matched else 0.0
        print(
            f"{key:>3}: F1={f1:.3f} P={precision:.3f} R={recall:.3f} speaker={speaker_acc:.3f}"
            f" partial={partial_acc:.3f} gold={gold_n} found={found_n} matched={matched}"
        )
    if args.errors:
        for title, rows in (("missed", misses), ("extra", extras), ("wrong speaker", wrong)):
            print(f"\n{title} ({len(rows)}):")
            for row in rows[: args.errors]:
                print("  " + " | ".join(str(part) for part in row))


if __name__ == "__main__":
    sys.exit(main())
