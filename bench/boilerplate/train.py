"""Train the block model on the waddle dev set, with leave-sites-out cross-validation.

    python bench/boilerplate/train.py [--write]

Folds group pages by site (meta.jsonl), so the held-out figure is measured on
sites the model never saw. ``--write`` fits on all pages and stores the
weights in src/reader/cleaning/weights.json. Not needed at run time.
"""

from __future__ import annotations

import argparse
import importlib.util
import pickle
import sys
import textwrap
import time
from functools import cache
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from evaluate import cleaned, line_blocks  # noqa: E402
from waddle import Page, load  # noqa: E402

from reader.cleaning import classifier, classify_blocks  # noqa: E402
from reader.cleaning.features import probability_context  # noqa: E402
from reader.cleaning.matrix import build_features  # noqa: E402
from reader.cleaning.model import WEIGHTS_PATH, BlockModel, TwoStageModel  # noqa: E402
from reader.cleaning.stats import LineStats  # noqa: E402

SCORER = Path("/work/shared/eval/boilerplate/score.py")
CACHE = Path("/tmp/waddle_pages.pkl")


def scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pages() -> list[Page]:
    if CACHE.exists():
        with CACHE.open("rb") as fh:
            return pickle.load(fh)
    return load()


def featurise(all_pages: list[Page]):
    stats = LineStats()
    for page in all_pages:
        stats.add_document(page.name, page.lines)
    data = []
    for page in all_pages:
        lang = page.lang if page.lang in ("fr", "en") else "unknown"
        doc = build_features(page.lines[0], page.lines[1:], lang, stats)
        data.append((doc.matrix, np.array(page.labels[1:], dtype=float), doc.cue_reasons))
    return data


def fit(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, hidden: int = 24, epochs: int = 12, seed: int = 0
) -> dict:
    rng = np.random.default_rng(seed)
    mean, scale = x.mean(0), x.std(0) + 1e-6
    z = (x - mean) / scale
    params = {
        "hw": rng.normal(0, 1 / np.sqrt(z.shape[1]), (z.shape[1], hidden)),
        "hb": np.zeros(hidden),
        "ow": rng.normal(0, 1 / np.sqrt(hidden), hidden),
        "ob": np.zeros(1),
    }
    moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}
    lr, b1, b2, step, l2 = 3e-3, 0.9, 0.999, 0, 1e-4
    w = w / w.mean()
    for _ in range(epochs):
        order = rng.permutation(len(z))
        for start in range(0, len(z), 512):
            idx = order[start : start + 512]
            zb, yb, wb = z[idx], y[idx], w[idx]
            h = np.tanh(zb @ params["hw"] + params["hb"])
            p = 1 / (1 + np.exp(-(h @ params["ow"] + params["ob"])))
            g = (p - yb) * wb / len(idx)
            grads = {
                "ow": h.T @ g + l2 * params["ow"],
                "ob": np.array([g.sum()]),
            }
            gh = np.outer(g, params["ow"]) * (1 - h**2)
            grads["hw"] = zb.T @ gh + l2 * params["hw"]
            grads["hb"] = gh.sum(0)
            step += 1
            for k, grad in grads.items():
                m, v = moments[k]
                m[:] = b1 * m + (1 - b1) * grad
                v[:] = b2 * v + (1 - b2) * grad**2
                params[k] -= lr * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
    return {
        "mean": mean.tolist(),
        "scale": scale.tolist(),
        "hidden_w": params["hw"].tolist(),
        "hidden_b": params["hb"].tolist(),
        "out_w": params["ow"].tolist(),
        "out_b": float(params["ob"][0]),
    }


def site_folds(all_pages, indices, k, seed):
    """Split ``indices`` into k groups of pages, whole sites at a time."""
    sites = sorted({all_pages[i].site for i in indices})
    rng = np.random.default_rng(seed)
    fold_of_site = {s: n % k for n, s in enumerate(rng.permutation(sites))}
    return [[i for i in indices if fold_of_site[all_pages[i].site] == f] for f in range(k)]


def fit_two_stage(all_pages, data, indices, hidden, threshold):
    """Stage 1 on all ``indices``; stage 2 on stage-1 scores predicted out of fold (by site)."""
    first = BlockModel(fit(*stack(data, indices), hidden=hidden))
    out_of_fold = {}
    for inner in site_folds(all_pages, indices, 4, seed=2):
        inner_set = set(inner)
        rest = [i for i in indices if i not in inner_set]
        model = BlockModel(fit(*stack(data, rest), hidden=hidden))
        for i in inner:
            out_of_fold[i] = model.predict(data[i][0])
    second_data = {
        i: (np.hstack([data[i][0], probability_context(out_of_fold[i])]), data[i][1], None)
        for i in indices
    }
    second_params = fit(*stack(second_data, indices), hidden=hidden)
    second_params["threshold"] = threshold
    first.threshold = threshold
    return first, BlockModel(second_params), second_params


def stack(data, indices):
    xs, ys, ws = [], [], []
    for i in indices:
        x, y, _ = data[i]
        xs.append(x)
        ys.append(y)
        ws.append(np.full(len(y), 1.0 / np.sqrt(max(len(y), 1))))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def macro(all_pages, probs, threshold, indices, sc):
    rows = []
    for i in indices:
        page = all_pages[i]
        kept = [line for line, p in zip(page.lines[1:], probs[i], strict=True) if p >= threshold]
        gold = (Path("/tmp/waddle/gold") / page.name).read_text(encoding="utf-8")
        tp, fp, fn = sc.match(sc.tokens_bow(gold), sc.tokens_bow("\n".join(kept)))
        rows.append((page.lang, tp, fp, fn))
    return summarise(rows, sc)


def pipeline_scores(all_pages, indices, model, sc):
    """Per-page counts of the whole classify_blocks pipeline run with ``model``."""
    stats = corpus_stats(all_pages)
    classifier.load_model = lambda: model
    rows = []
    for i in indices:
        page = all_pages[i]
        blocks = line_blocks(page.text)
        classify_blocks(page.text, blocks, lang=page.lang, stats=stats)
        gold = (Path("/tmp/waddle/gold") / page.name).read_text(encoding="utf-8")
        output = cleaned(page.text, blocks[1:])
        rows.append((page.lang, *sc.match(sc.tokens_bow(gold), sc.tokens_bow(output))))
    return rows


@cache
def _stats_cache():
    return {}


def corpus_stats(all_pages) -> LineStats:
    cached = _stats_cache()
    if "stats" not in cached:
        stats = LineStats()
        for page in all_pages:
            stats.add_document(page.name, [b.text for b in line_blocks(page.text)])
        cached["stats"] = stats
    return cached["stats"]


def summarise(rows, sc):
    out = {}
    for lang in [None, "en", "zh", "pl", "el", "ru"]:
        sel = [r for r in rows if lang is None or r[0] == lang]
        if not sel:
            continue
        p = float(np.mean([sc.prec(*r[1:]) for r in sel]))
        r = float(np.mean([sc.rec(*r[1:]) for r in sel]))
        out[lang or "all"] = (round(sc.f1(p, r), 3), round(p, 3), round(r, 3))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--hidden", type=int, default=24)
    ap.add_argument("--threshold", type=float, default=0.4)
    args = ap.parse_args()
    sc = scorer()
    t0 = time.time()
    all_pages = pages()
    data = featurise(all_pages)
    print(f"features: {time.time() - t0:.1f}s, {data[0][0].shape[1]} columns", file=sys.stderr)
    sites = sorted({p.site for p in all_pages})
    rng = np.random.default_rng(1)
    fold_of_site = {s: i % args.folds for i, s in enumerate(rng.permutation(sites))}
    folds = [fold_of_site[p.site] for p in all_pages]
    held_probs = [None] * len(all_pages)
    pipeline_rows = []
    for fold in range(args.folds):
        train = [i for i, f in enumerate(folds) if f != fold]
        test = [i for i, f in enumerate(folds) if f == fold]
        first, second, _ = fit_two_stage(all_pages, data, train, args.hidden, args.threshold)
        model = TwoStageModel(first, second)
        for i in test:
            held_probs[i] = model.predict(data[i][0])
        pipeline_rows += pipeline_scores(all_pages, test, model, sc)
        print(f"fold {fold} done {time.time() - t0:.0f}s", file=sys.stderr)
    print("held-out full pipeline", summarise(pipeline_rows, sc))
    everything = list(range(len(all_pages)))
    for threshold in (0.3, 0.4, 0.5, 0.6):
        print("held-out", threshold, macro(all_pages, held_probs, threshold, everything, sc))
    first, second, second_params = fit_two_stage(
        all_pages, data, everything, args.hidden, args.threshold
    )
    model = TwoStageModel(first, second)
    in_probs = [model.predict(d[0]) for d in data]
    print("in-sample", macro(all_pages, in_probs, args.threshold, everything, sc))
    print(
        "in-sample full pipeline", summarise(pipeline_scores(all_pages, everything, model, sc), sc)
    )
    if args.write:
        first_params = {**first.params, "threshold": args.threshold}
        WEIGHTS_PATH.write_text(weights_module([first_params, second_params]), encoding="utf-8")
        print("wrote", WEIGHTS_PATH, file=sys.stderr)


def weights_module(stages: list[dict]) -> str:
    """The stages' parameters as a Python module: flat number lists, lines under 100 chars."""
    lines = [
        '"""Weights of the block model. Written by bench/boilerplate/train.py: do not edit."""',
        "",
        "# fmt: off",
        "STAGES = [",
    ]
    for params in stages:
        lines.append("    {")
        for key, value in params.items():
            array = np.asarray(value, dtype=float)
            if array.ndim == 0:
                lines.append(f'        "{key}": {float(array):.6g},')
                continue
            lines.append(f'        "{key}_shape": {list(array.shape)},')
            numbers = ", ".join(f"{x:.5g}" for x in array.ravel()) + ","
            lines.append(f'        "{key}": [')
            lines.extend(
                textwrap.wrap(numbers, 96, initial_indent=" " * 12, subsequent_indent=" " * 12)
            )
            lines.append("        ],")
        lines.append("    },")
    lines += ["]", "# fmt: on", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
