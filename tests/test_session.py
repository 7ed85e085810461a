"""A session that resumes: per corpus, saved atomically, bounded, tolerant of a broken file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.userdata import session as session_module
from reader.userdata.session import MAX_CORPORA, Session, load_session, save_session

NEWS = "/home/me/news"
SEEDS = "/home/me/seeds"


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("READER_DATA_DIR", str(folder))
    return folder


def test_nothing_saved_is_no_session(data_dir: Path) -> None:
    problems: list[str] = []
    assert load_session(NEWS, problems) is None
    assert problems == []
    assert not (data_dir / "session.json").exists()


def test_each_corpus_resumes_its_own_session(data_dir: Path) -> None:
    news = Session(query="budget lang:fr", article_id="3c4018b4", position=1200, sort="date")
    seeds = Session(query="Zuckerberg", article_id=None, position=0)
    assert save_session(NEWS, news) is None
    assert save_session(SEEDS, seeds) is None
    assert load_session(NEWS) == news
    assert load_session(SEEDS) == seeds
    assert load_session("/elsewhere") is None
    later = Session(query="budget", article_id="aa", position=5)
    save_session(NEWS, later)
    assert load_session(NEWS) == later
    saved = json.loads((data_dir / "session.json").read_text(encoding="utf-8"))
    assert saved["version"] == 1
    assert [entry["corpus"] for entry in saved["corpora"]] == [NEWS, SEEDS]  # most recent first


def test_only_the_most_recent_corpora_are_kept(data_dir: Path) -> None:
    for number in range(MAX_CORPORA + 5):
        save_session(f"/corpora/{number}", Session(query=f"q{number}"))
    assert load_session("/corpora/4") is None
    assert load_session("/corpora/5") == Session(query="q5")
    assert load_session(f"/corpora/{MAX_CORPORA + 4}") == Session(query=f"q{MAX_CORPORA + 4}")
    saved = json.loads((data_dir / "session.json").read_text(encoding="utf-8"))
    assert len(saved["corpora"]) == MAX_CORPORA
    save_session("/corpora/5", Session(query="again"), limit=2)
    saved = json.loads((data_dir / "session.json").read_text(encoding="utf-8"))
    assert [entry["corpus"] for entry in saved["corpora"]] == ["/corpora/5", "/corpora/54"]


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"null",
        b'["a", "list"]',
        b'{"version": 1, "corpora": {"a": 1}}',
        b'{"version": 2, "corpora": []}',
        b'{"queries": ["a history file"]}',
    ],
)
def test_a_broken_or_foreign_file_is_set_aside_and_reported(data_dir: Path, content: bytes):
    data_dir.mkdir(parents=True)
    (data_dir / "session.json").write_bytes(content)
    problems: list[str] = []
    assert load_session(NEWS, problems) is None
    assert len(problems) == 1
    assert problems[0].startswith(f"{data_dir / 'session.json'}: ")
    assert problems[0].endswith("moved to session.json.corrupt, the session starts afresh")
    assert (data_dir / "session.json.corrupt").read_bytes() == content
    assert save_session(NEWS, Session(query="fresh")) is None
    assert load_session(NEWS) == Session(query="fresh")


def test_saving_over_a_broken_file_reports_it_once(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "session.json").write_text("{broken", encoding="utf-8")
    problem = save_session(NEWS, Session(query="q"))
    assert problem is not None and "not valid JSON" in problem
    assert save_session(NEWS, Session(query="q")) is None
    assert (data_dir / "session.json.corrupt").read_text(encoding="utf-8") == "{broken"


def test_an_entry_with_a_wrong_value_is_dropped_alone(data_dir: Path) -> None:
    entries = [
        {"corpus": "/bad/position", "query": "x", "article_id": None, "position": -3},
        {"corpus": "/bad/bool", "query": "x", "position": True},
        {"corpus": "/bad/sort", "query": "x", "sort": "random"},
        {"corpus": "/bad/query", "query": 42},
        {"corpus": "/bad/article", "article_id": 7},
        {"query": "no corpus"},
        "not an entry",
        {"corpus": NEWS, "query": "ok", "article_id": "a1", "position": 9, "sort": "date"},
        {"corpus": SEEDS},
    ]
    data_dir.mkdir(parents=True)
    text = json.dumps({"version": 1, "corpora": entries})
    (data_dir / "session.json").write_text(text, encoding="utf-8")
    problems: list[str] = []
    for corpus in ("/bad/position", "/bad/bool", "/bad/sort", "/bad/query", "/bad/article"):
        assert load_session(corpus, problems) is None
    assert load_session(NEWS, problems) == Session("ok", "a1", 9, "date")
    assert load_session(SEEDS, problems) == Session()  # missing values take their defaults
    assert problems == []
    save_session("/new", Session())
    saved = json.loads((data_dir / "session.json").read_text(encoding="utf-8"))
    assert [entry["corpus"] for entry in saved["corpora"]] == ["/new", NEWS, SEEDS]


def test_a_failed_write_keeps_the_last_session_and_says_why(data_dir: Path, monkeypatch) -> None:
    save_session(NEWS, Session(query="kept"))

    def fail(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(session_module, "write_atomically", fail)
    problem = save_session(NEWS, Session(query="lost"))
    assert problem == f"{data_dir / 'session.json'}: session not saved (No space left on device)"
    assert load_session(NEWS) == Session(query="kept")
    assert [p.name for p in data_dir.iterdir()] == ["session.json"]


def test_queries_and_paths_of_any_text_round_trip(data_dir: Path) -> None:
    corpus = '/home/me/revue de presse/été "2024" \\ \u2028'
    session = Session(query='title:"Brésil" OR 東京 \x1b[2J', article_id="é", position=10**9)
    save_session(corpus, session)
    assert load_session(corpus) == session
