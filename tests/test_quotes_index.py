"""The seeds' quotations in the index, in ``Library.quotes_by`` and ``reader quotes --speaker``.

Expected articles and speakers come from the seeds' hand annotations.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from reader.cli import main
from reader.corpus.pipeline import article_id
from reader.indexing.library import Library
from seed_annotations import seed_articles

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
QUOTE_KEYS = {"path", "title", "date", "start", "end", "text", "speaker", "cue", "partial"}


def _quoting(speaker_has) -> set[str]:
    """The seeds with an annotated quotation whose speaker passes ``speaker_has``."""
    return {
        name
        for name, annotation in seed_articles().items()
        if any(speaker_has(quote["speaker"]) for quote in annotation["quotes"])
    }


def _surname(word: str):
    return lambda speaker: word in speaker.lower().split()


ZUCKERBERG = _quoting(_surname("zuckerberg"))
SUNG = _quoting(lambda speaker: speaker == "Sung Tae-yoon")


def _annotated(names: set[str], speaker: str) -> list[tuple[str, str]]:
    """(seed, first words) of the annotated quotations of ``speaker`` in those seeds."""
    return [
        (name, quote["starts"])
        for name in sorted(names)
        for quote in seed_articles()[name]["quotes"]
        if quote["speaker"] == speaker
    ]


def _open(base: Path) -> Library:
    return Library([base / "corpus"], index_dir=base / "index").open()


@pytest.fixture(scope="module")
def quoted_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a copy of the seeds (``corpus``) and its index, entities done, closed."""
    base = tmp_path_factory.mktemp("quoted")
    shutil.copytree(SEEDS, base / "corpus")
    with _open(base) as library:
        library.sync()
        library.index_entities()
    return base


@pytest.fixture
def quoted(quoted_base: Path, tmp_path: Path) -> Path:
    """A copy of ``quoted_base`` of the test's own."""
    shutil.copytree(quoted_base, tmp_path / "base")
    return tmp_path / "base"


def _paths(library: Library, query: str) -> set[str]:
    results = library.search(query, limit=50)
    assert results.error is None, results.error
    return {hit.path for hit in results.hits}


def _lang_and_date(library: Library) -> dict[str, tuple[str, str | None]]:
    return {a.path: (a.lang, a.meta.date) for a in library.store.iter_articles()}


@pytest.mark.slow
def test_said_finds_exactly_the_seeds_quoting_the_person(quoted_base: Path):
    assert ZUCKERBERG and SUNG  # the annotations have them
    with _open(quoted_base) as library:
        assert _paths(library, "said:zuckerberg") == ZUCKERBERG
        assert _paths(library, 'said:"Mark Zuckerberg"') == ZUCKERBERG
        assert _paths(library, 'said:"Sung Tae-yoon"') == SUNG
        assert _paths(library, "said:sung") == SUNG
        assert _paths(library, "said:SUNG") == SUNG
        assert library.search("said:zuckerberg").order == "date"
        mentioned = _paths(library, "person:zuckerberg")
        assert mentioned > ZUCKERBERG  # named in more articles than he is quoted in


@pytest.mark.slow
def test_quote_searches_inside_the_seeds_quotations_only(quoted_base: Path):
    with _open(quoted_base) as library:
        assert _paths(library, '"digital ecosystem"') == {
            "001_4ffac713153011ae.txt",
            "003_95beb55b3faa9a87.txt",
        }
        assert _paths(library, 'quote:"digital ecosystem"') == set()  # never inside quotes
        assert _paths(library, 'quote:"écosystème numérique"') == {"000_b88bfa2582803da5.txt"}
        assert _paths(library, 'quote:"excellent platform"') == {"003_95beb55b3faa9a87.txt"}
        assert "003_95beb55b3faa9a87.txt" in _paths(library, "quote:samsung")
        assert len(_paths(library, "samsung")) > len(_paths(library, "quote:samsung"))


@pytest.mark.slow
def test_said_combines_with_language_and_dates(quoted_base: Path):
    with _open(quoted_base) as library:
        known = _lang_and_date(library)
        english = {name for name in SUNG if known[name][0] == "en"}
        of_2024 = {name for name in SUNG if (known[name][1] or "").startswith("2024")}
        assert english and of_2024 and english != SUNG
        assert _paths(library, "said:sung lang:en") == english
        assert _paths(library, "said:sung -lang:en") == SUNG - english
        assert _paths(library, "said:sung date:2024") == of_2024
        french = {name for name in ZUCKERBERG if known[name][0] == "fr"}
        assert _paths(library, "said:zuckerberg lang:fr") == french


@pytest.mark.slow
def test_the_speaker_facet_counts_the_articles_quoting_each_speaker(quoted_base: Path):
    expected = Counter(
        speaker
        for annotation in seed_articles().values()
        for speaker in {quote["speaker"] for quote in annotation["quotes"]}
    )
    with _open(quoted_base) as library:
        assert dict(library.search("").facets["speaker"]) == dict(expected)
        assert dict(library.search("said:sung").facets["speaker"])["Sung Tae-yoon"] == len(SUNG)


@pytest.mark.slow
def test_quotes_by_lists_the_persons_quotations_newest_first(quoted_base: Path):
    wanted = _annotated(set(seed_articles()), "Mark Zuckerberg")
    with _open(quoted_base) as library:
        found = library.quotes_by("Zuckerberg")
        assert library.quotes_by("mark zuckerberg") == found  # the entity key
        assert library.quotes_by("Zuckerberg", limit=2) == found[:2]
        assert library.quotes_by("Nobody Atall") == []
        assert library.quotes_by('"') == []
    assert len(found) == len(wanted)
    for name, starts in wanted:
        assert any(s.path == name and q.text.startswith(starts) for s, q in found), starts
    dates = [source.date or "" for source, _quote in found]
    assert dates == sorted(dates, reverse=True)
    for source, quote in found:
        assert quote.speaker == "Mark Zuckerberg"
        assert source.id == article_id(source.path)


@pytest.mark.slow
def test_a_lost_entities_index_is_refilled_with_the_quotations(quoted: Path):
    from reader.search.whoosh_backend.entindex import ENTITY_DIR

    shutil.rmtree(quoted / "index" / "whoosh" / ENTITY_DIR)
    with _open(quoted) as library:
        assert _paths(library, "said:zuckerberg") == set()
        library.sync()
        assert _paths(library, "said:zuckerberg") == ZUCKERBERG
        assert _paths(library, 'quote:"écosystème numérique"') == {"000_b88bfa2582803da5.txt"}
        assert library.search("").facets["speaker"]


@pytest.mark.slow
def test_a_rebuilt_index_is_refilled_with_the_quotations(quoted: Path):
    (quoted / "index" / "whoosh" / "reader-search.json").unlink()  # the main index: rebuilt
    with _open(quoted) as library:
        assert library.search("").total == 0
        library.sync()
        assert library.pending_entities() == 0
        assert _paths(library, 'said:"Sung Tae-yoon"') == SUNG
        assert _paths(library, "quote:samsung") == {"003_95beb55b3faa9a87.txt"}


# the command line ------------------------------------------------------------------


def _quotes_cli(capsys, base: Path, *argv: str) -> tuple[int, str, str]:
    corpus_options = ["--corpus", str(base / "corpus"), "--index-dir", str(base / "index")]
    code = main(["quotes", *argv, *corpus_options])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow
def test_speaker_json_is_one_object_per_quotation(capsys, quoted: Path):
    code, out, err = _quotes_cli(capsys, quoted, "--speaker", "Sung", "--json")
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and err == ""
    assert len(records) == len(_annotated(SUNG, "Sung Tae-yoon"))
    for record in records:
        assert set(record) == QUOTE_KEYS
        assert record["speaker"] == "Sung Tae-yoon" and record["path"] in SUNG
        text = (quoted / "corpus" / record["path"]).read_text(encoding="utf-8")
        assert record["text"] == text[record["start"] : record["end"]]
    code, out, _ = _quotes_cli(capsys, quoted, "--speaker", "Sung", "--json", "--limit", "2")
    assert [json.loads(line) for line in out.splitlines()] == records[:2]


@pytest.mark.slow
def test_speaker_lines_give_each_article_then_its_quotations(capsys, quoted: Path):
    code, out, _ = _quotes_cli(capsys, quoted, "--speaker", "zuckerberg")
    lines = out.splitlines()
    wanted = len(_annotated(ZUCKERBERG, "Mark Zuckerberg"))
    assert code == 0
    assert lines[0] == f"{wanted} quotations by 'zuckerberg' in {len(ZUCKERBERG)} articles"
    assert sum(line.startswith("  Mark Zuckerberg: «") for line in lines) == wanted
    for name in ZUCKERBERG:
        assert f"  {name}" in lines


@pytest.mark.slow
def test_no_such_speaker_is_one_line_and_success(capsys, quoted: Path):
    code, out, err = _quotes_cli(capsys, quoted, "--speaker", "Nobody\x1b[31m")
    assert code == 0 and err == ""
    assert out.splitlines() == ["no quotation by 'Nobody\\x1b[31m' in the corpus"]
    code, out, _ = _quotes_cli(capsys, quoted, "--speaker", "Nobody", "--json")
    assert (code, out) == (0, "")


def test_speaker_of_a_missing_corpus_is_one_line_and_an_error(capsys, tmp_path: Path):
    code = main(["quotes", "--speaker", "x", "--corpus", str(tmp_path / "nope")])
    err = capsys.readouterr().err
    assert code == 1 and len(err.splitlines()) == 1 and "nope" in err


def test_speaker_before_the_entity_phase_says_what_to_run(capsys, seeds_copy: Path, tmp_path):
    index = str(tmp_path / "index")
    assert main(["index", "--no-entities", str(seeds_copy), "--index-dir", index]) == 0
    capsys.readouterr()
    argv = ["quotes", "--speaker", "zuckerberg", "--corpus", str(seeds_copy), "--index-dir", index]
    assert main(argv) == 0
    out, err = capsys.readouterr()
    assert "5 articles have no quotations yet; run 'reader index" in err
    assert out.startswith("no quotation by 'zuckerberg'")


def test_files_and_speaker_options_do_not_mix(capsys):
    assert main(["quotes", str(SEEDS / "000_b88bfa2582803da5.txt"), "--speaker", "x"]) == 2
    assert main(["quotes"]) == 2
    assert main(["quotes", "--limit", "3", str(SEEDS / "000_b88bfa2582803da5.txt")]) == 2
    assert "--limit goes with --speaker NAME" in capsys.readouterr().err
