"""Benchmark corpora of a given size, built from the news-dev archive.

The first articles are the real ones, in MANIFEST order (already a shuffled
mix of sources and languages). Above the 6,755 real articles, the corpus is
filled deterministically with synthetic articles: each takes the title of a
real article and a body of real paragraphs drawn (seeded random) from other
articles of the same language, so every synthetic article is in one language
and its text is real news prose.
"""

from __future__ import annotations

import csv
import random
import shutil
import tarfile
from pathlib import Path

ARCHIVE = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news-dev.tar.gz"
SEED = 20_261_121


def real_corpus(cache: Path, source: Path | None = None) -> Path:
    """The extracted news-dev folder (``source`` if given, else extracted once into ``cache``)."""
    if source is not None:
        return source
    target = cache / "news-dev-src"
    if (target / "MANIFEST.tsv").exists():
        return target
    if not ARCHIVE.exists():
        raise SystemExit(f"no corpus archive at {ARCHIVE}; pass --corpus DIR")
    with tarfile.open(ARCHIVE) as archive:
        archive.extractall(target, filter="data")
    found = next(target.rglob("MANIFEST.tsv"))
    return found.parent


def _manifest(folder: Path) -> list[dict[str, str]]:
    with (folder / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _paragraph_pools(folder: Path, rows: list[dict[str, str]]) -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {}
    for row in rows:
        text = (folder / row["file"]).read_text(encoding="utf-8", errors="replace")
        body = text.partition("\n")[2]
        paragraphs = [p.strip() for p in body.split("\n\n") if len(p.strip()) > 40]
        pools.setdefault(row["lang"], []).extend(paragraphs)
    return pools


def _synthetic(number: int, rows, pools, folder: Path) -> tuple[str, dict[str, str]]:
    rng = random.Random(SEED + number)
    template = rng.choice(rows)
    title = (folder / template["file"]).read_text(encoding="utf-8", errors="replace")
    title = title.partition("\n")[0].strip()
    pool = pools[template["lang"]]
    body = "\n\n".join(rng.choice(pool) for _ in range(rng.randint(5, 14)))
    name = f"synth-{template['lang']}-{number:05d}.txt"
    row = {"file": name, "source": "synthetic", "lang": template["lang"]}
    return f"{title}\n\n{body}\n", row


def build(size: int, dest: Path, source: Path) -> tuple[Path, int]:
    """A folder of ``size`` articles under ``dest`` (reused when already built).

    Returns (folder, number of synthetic articles).
    """
    rows = _manifest(source)
    synthetic = max(0, size - len(rows))
    folder = dest / f"news-{size}"
    if (folder / "MANIFEST.tsv").exists():
        return folder, synthetic
    partial = dest / f".news-{size}.partial"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    chosen = rows[:size]
    for row in chosen:
        shutil.copyfile(source / row["file"], partial / row["file"])
    written = [{"file": r["file"], "source": r["source"], "lang": r["lang"]} for r in chosen]
    if synthetic:
        pools = _paragraph_pools(source, rows)
        for number in range(synthetic):
            text, row = _synthetic(number, rows, pools, source)
            (partial / row["file"]).write_text(text, encoding="utf-8")
            written.append(row)
    with (partial / "MANIFEST.tsv").open("w", encoding="utf-8", newline="") as handle:
        out = csv.DictWriter(handle, fieldnames=["file", "source", "lang"], delimiter="\t")
        out.writeheader()
        out.writerows(written)
    partial.rename(folder)
    return folder, synthetic


def touch_fraction(folder: Path, fraction: float, round_number: int) -> dict[Path, bytes]:
    """Append a sentence to one article in 1/fraction; returns their original bytes."""
    files = sorted(p for p in folder.glob("*.txt"))
    step = max(1, round(1 / fraction))
    originals = {path: path.read_bytes() for path in files[round_number % step :: step]}
    for path in originals:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nCorrection {round_number}: this paragraph was added later.\n")
    return originals


def restore(originals: dict[Path, bytes]) -> None:
    """Put back the bytes ``touch_fraction`` changed (later runs see the same corpus)."""
    for path, data in originals.items():
        path.write_bytes(data)
