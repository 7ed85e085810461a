"""The command line: output shapes, exit codes, help."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader import __version__
from reader.cli import main

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SEED_004 = SEEDS / "004_3c4018b47ec1ff69.txt"


def _run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    code, out, _ = _run(capsys, "--version")
    assert (code, out.strip()) == (0, f"reader {__version__}")


@pytest.mark.parametrize("command", ["index", "search", "clean", "entities", "quotes"])
def test_every_command_has_help(capsys, command: str):
    code, out, _ = _run(capsys, command, "--help")
    assert code == 0 and out.startswith(f"usage: reader {command}")


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_main_help_shows_the_interface_and_every_command(capsys, flag: str):
    from reader.cli.main import COMMANDS

    code, out, _ = _run(capsys, flag)
    assert code == 0 and out.startswith("usage: reader [PATH ...] [--index-dir DIR]")
    words = " ".join(out.split())  # argparse wraps to the terminal's width
    assert "PATH" in out and "--index-dir DIR" in out and "bundled seed corpus" in words
    for command, line in COMMANDS.items():
        assert f"  {command}" in out and line in out


def test_usage_error_exits_2(capsys):
    code, _, err = _run(capsys, "search")
    assert code == 2 and "required" in err
    assert _run(capsys, "search", "x", "--limit", "0")[0] == 2


def test_missing_path_exits_1_with_one_line(capsys, tmp_path: Path):
    code, _, err = _run(capsys, "clean", str(tmp_path / "nope.txt"))
    assert code == 1
    assert len(err.strip().splitlines()) == 2  # the skip line and the summary line
    assert "nope.txt" in err


def test_clean_prints_kept_text(capsys):
    code, out, _ = _run(capsys, "clean", str(SEED_004))
    assert code == 0
    assert out.startswith("Les régulateurs chinois ont eu des entretiens")
    assert "Laisser un commentaire" not in out
    assert "Reportage supplémentaire" not in out
    assert "BEIJING, 18 mars (Reuters)" in out


def test_clean_json_shape(capsys):
    code, out, _ = _run(capsys, "clean", "--json", str(SEED_004))
    record = json.loads(out)
    assert code == 0 and record["path"] == str(SEED_004) and record["lang"] == "fr"
    text = SEED_004.read_text(encoding="utf-8")
    for block in record["blocks"]:
        assert set(block) == {"kind", "kept", "reason", "start", "end", "line", "spans"}
        assert text[block["start"] : block["end"]].strip()
        assert block["kept"] == (block["reason"] is None)
    assert any(span["reason"] == "attribution" for b in record["blocks"] for span in b["spans"])


def test_clean_out_writes_one_file_per_input(capsys, tmp_path: Path):
    code, out, _ = _run(capsys, "clean", "--out", str(tmp_path / "out"), str(SEEDS))
    assert code == 0 and out == ""
    written = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert written == sorted(path.name for path in SEEDS.glob("*.txt"))


@pytest.mark.slow
def test_entities_json_shape(capsys):
    code, out, _ = _run(capsys, "entities", "--json", str(SEED_004))
    record = json.loads(out)
    assert code == 0 and set(record) == {"path", "lang", "entities"}
    text = SEED_004.read_text(encoding="utf-8")
    assert record["entities"]
    for entity in record["entities"]:
        assert set(entity) == {"text", "label", "start", "end"}
        assert entity["label"] in {"PER", "ORG", "LOC"}
        assert text[entity["start"] : entity["end"]] == entity["text"]


def test_search_json_and_stdin_queries(capsys, monkeypatch, tmp_path: Path):
    monkeypatch.setattr(sys, "stdin", io.StringIO('Zuckerberg\n\ndésinformation\n"phrase\n'))
    code, out, _ = _run(capsys, "search", "-", "--json", "--index-dir", str(tmp_path / "i"))
    lines = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [line["query"] for line in lines] == [
        "Zuckerberg",
        "désinformation",
        '"phrase',
    ]
    first = lines[0]
    assert set(first) == {"query", "total", "hits", "facets", "suggestion", "error", "passage"}
    assert first["passage"] is False
    assert first["total"] >= 3
    hit = first["hits"][0]
    assert {"id", "path", "title", "date", "lang", "source", "score", "snippet"} <= set(hit)
    for start, end in hit["snippet"]["highlights"]:
        assert "zuckerberg" in hit["snippet"]["text"][start:end].lower()


def test_search_text_output(capsys, tmp_path: Path):
    code, out, _ = _run(capsys, "search", "Samsung", "--index-dir", str(tmp_path / "i"))
    assert code == 0 and "hits for 'Samsung'" in out


def test_search_shows_dates_for_people_and_json_keeps_iso(capsys, tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dated.txt").write_text(
        "Le conseil vote le budget\n\nPublié le 3 mars 2024 à 10h05\n\n"
        "Le conseil municipal a voté le budget jeudi soir après un long débat.\n",
        encoding="utf-8",
    )
    (corpus / "yearless.txt").write_text(
        "Le budget adopté\n\nPublié le 18 mars\n\nLe budget a été adopté par le conseil.\n",
        encoding="utf-8",
    )
    argv = ("search", "budget", "--corpus", str(corpus), "--index-dir", str(tmp_path / "i"))
    code, out, _ = _run(capsys, *argv)
    assert code == 0
    assert "(3 Mar 2024 · fr · corpus)" in out
    assert "(18 Mar (year unknown) · fr · corpus)" in out
    code, out, _ = _run(capsys, *argv, "--json")
    assert {hit["date"] for hit in json.loads(out)["hits"]} == {"2024-03-03", "--03-18"}


def test_search_of_a_pasted_paragraph_says_it_is_one(capsys, tmp_path: Path):
    paragraph = " ".join(SEED_004.read_text(encoding="utf-8").split()[20:80])
    code, out, _ = _run(capsys, "search", paragraph, "--index-dir", str(tmp_path / "i"))
    assert code == 0 and "share words with the passage" in out
    assert "004_3c4018b47ec1ff69.txt" in out.split("\n  1. ", 1)[1].splitlines()[1]


def test_search_like_an_article_of_the_corpus_leaves_it_out(capsys, tmp_path: Path):
    code, out, _ = _run(
        capsys, "search", "--like", str(SEED_004), "--json", "--index-dir", str(tmp_path / "i")
    )
    record = json.loads(out)
    assert code == 0 and record["like"] == str(SEED_004) and record["error"] is None
    assert record["hits"] and all(hit["path"] != str(SEED_004) for hit in record["hits"])
    assert len(record["query"].split()) > 5  # the most telling words, for the reader to see


def test_search_like_any_text_file(capsys, tmp_path: Path):
    passage = tmp_path / "passage.txt"
    passage.write_text(SEED_004.read_text(encoding="utf-8")[:400], encoding="utf-8")
    index = str(tmp_path / "i")
    code, out, _ = _run(capsys, "search", "--like", str(passage), "--index-dir", index)
    assert code == 0 and "articles share words with" in out and "most telling words:" in out
    assert "004_3c4018b47ec1ff69.txt" in out.split("\n  1. ", 1)[1].splitlines()[1]


def test_search_like_problems_are_one_line_errors(capsys, tmp_path: Path):
    code, _, err = _run(capsys, "search", "--like", str(tmp_path / "none.txt"))
    assert code == 1 and "--like: no such file" in err and len(err.strip().splitlines()) == 1
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    code, _, err = _run(capsys, "search", "--like", str(empty), "--index-dir", str(tmp_path / "i"))
    assert code == 1 and "empty file" in err
    assert _run(capsys, "search", "x", "--like", str(empty))[0] == 2  # a query or --like


def test_index_is_quiet_without_a_terminal(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "reader", "index", "--no-entities", str(SEEDS)],
        capture_output=True,
        text=True,
        env={"READER_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout == "" and result.stderr == ""
