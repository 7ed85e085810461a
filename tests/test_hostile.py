"""Hostile and odd corpus folders: ``reader index`` finishes, names what it skipped, shows no
control sequence, and indexes everything else.

The corpus is generated here (nothing large is committed); the 50 MB file is sparse.
"""

from __future__ import annotations

import os
import pathlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.corpus import ingest
from reader.indexing.library import Library

PARA = "Le ministre a annoncé mardi une réforme du budget de l'État, selon l'AFP. "
ARTICLE = "Titre de l'article\n\n" + "\n\n".join(PARA * 3 for _ in range(4)) + "\n"
HOSTILE_TEXT = (
    "Titre \x1b]0;PWNED\x07 piégé\n\n\x1b[2J\x1b[H"
    + PARA
    + "\x1b]52;c;cGF5bG9hZA==\x07 "
    + PARA
    + "\u202eevil\u202c \u200b\u200c\u200d\ufeff"
    + PARA
    + "\n\n<div><script>alert(1)</script><b>gras</b></div> "
    + PARA
    + "\n\x9b31m csi8 \x07\x08\x1bc reset\n"
)
HOSTILE_MD = (
    "# Titre *md* \x1b[31m\n\n"
    + PARA
    + "[lien](javascript:alert(1)) ![img](x.png)\n\n```\n\x1b]52;c;AAAA\x07\n```\n"
)
ESCAPE_NAME = "esc\x1b]0;PWNED\x07.txt"
BAD_BYTES_NAME = os.fsdecode(b"bad-\xff\xfe-bytes.txt")
DEEP = "/".join(f"d{i}" for i in range(40)) + "/deep.txt"
#: name -> the start of the reason it is skipped with.
SKIPPED = {
    "binary.txt": "binary data",
    "big50.txt": "larger than 10 MB",
    "lines200k.txt": "200,000 lines",
    "empty.txt": "empty file",
    "blank.txt": "empty file",
    "dangling.txt": "dangling symbolic link",
    "loop.txt": "dangling symbolic link",
}
INDEXED = [
    "ok.txt",
    "invalid-utf8.txt",
    "utf16-bom.txt",
    "utf16-nobom.txt",
    "oneline5mb.txt",
    "with space.txt",
    "new\nline.txt",
    "quote'\"s.txt",
    ESCAPE_NAME,
    BAD_BYTES_NAME,
    DEEP,
    "copy1.txt",
    "copy2.txt",
    "hostile.txt",
    "hostile.md",
    "unreadable.txt",  # readable for root; see test_unreadable_file_is_skipped
]
TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _write(root: Path, name: str, data: bytes | str) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def make_hostile_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    _write(root, "ok.txt", ARTICLE)
    _write(root, "binary.txt", bytes(range(256)) * 40)
    _write(root, "invalid-utf8.txt", ARTICLE.encode() + b"\xff\xfe\xc3\x28 fin\n")
    _write(root, "utf16-bom.txt", ARTICLE.encode("utf-16"))
    _write(root, "utf16-nobom.txt", ARTICLE.encode("utf-16-le"))
    with open(root / "big50.txt", "wb") as sparse:
        sparse.truncate(50 * 1024 * 1024)
    lines = "".join(f"Ligne {i} du fichier, quelques mots.\n" for i in range(200_000))
    _write(root, "lines200k.txt", lines)
    _write(root, "oneline5mb.txt", "mot " * (5 * 1024 * 1024 // 4))
    _write(root, "empty.txt", b"")
    _write(root, "blank.txt", b"  \n\t\n   \n")
    unreadable = _write(root, "unreadable.txt", ARTICLE.replace("Titre", "Secret"))
    unreadable.chmod(0)
    os.symlink("loop.txt", root / "loop.txt")
    os.symlink("nowhere.txt", root / "dangling.txt")
    (root / "sub").mkdir()
    os.symlink("..", root / "sub" / "up")  # a folder loop
    for name in ("with space.txt", "new\nline.txt", "quote'\"s.txt", ESCAPE_NAME, DEEP):
        _write(root, name, ARTICLE.replace("Titre", f"Article {len(name)}"))
    _write(root, BAD_BYTES_NAME, ARTICLE.replace("Titre", "Octets"))
    _write(root, "copy1.txt", ARTICLE.replace("Titre", "Copie"))
    _write(root, "copy2.txt", ARTICLE.replace("Titre", "Copie"))
    _write(root, "hostile.txt", HOSTILE_TEXT)
    _write(root, "hostile.md", HOSTILE_MD)
    return root


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus")


@pytest.fixture(scope="module")
def indexed(hostile: Path, tmp_path_factory: pytest.TempPathFactory):
    """``reader index --no-entities`` run once on the hostile corpus, as a user would."""
    index_dir = tmp_path_factory.mktemp("hostile-index")
    command = ["index", "--no-entities", "--index-dir", str(index_dir), str(hostile)]
    result = subprocess.run(
        [sys.executable, "-m", "reader", *command],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )
    return result, index_dir


def test_index_exits_0(indexed):
    result, _ = indexed
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert result.stdout == b""


def test_one_warning_line_per_skipped_file(indexed, hostile: Path):
    result, _ = indexed
    lines = result.stderr.decode("utf-8").splitlines()
    assert all(line.startswith("reader: skipped ") for line in lines), lines
    for name, reason in SKIPPED.items():
        matching = [line for line in lines if f"/{name}: " in line]
        assert len(matching) == 1, (name, lines)
        assert reason in matching[0]
    assert len(lines) == len(SKIPPED)


def test_nothing_reaches_the_terminal_as_a_control_sequence(indexed):
    result, _ = indexed
    for stream in (result.stdout, result.stderr):
        assert not TERMINAL_CONTROLS.search(stream.decode("utf-8").replace("\n", "")), stream


def test_every_other_file_is_an_article_with_safe_text(indexed, hostile: Path):
    _, index_dir = indexed
    with Library([hostile], index_dir=index_dir) as library:
        paths = {article.path: article for article in library.store.iter_articles()}
        assert len(paths) == len(INDEXED)
        assert library.engine.doc_count() == len(INDEXED)
        for article in paths.values():
            assert not TERMINAL_CONTROLS.search(article.text.replace("\n", "").replace("\t", ""))
            assert "PWNED" not in article.text and "cGF5bG9hZA" not in article.text
        assert paths["bad-\\xff\\xfe-bytes.txt"].title.startswith("Octets")
        assert paths["new\nline.txt"].title.startswith("Article")
        assert "\ufffd" in paths["invalid-utf8.txt"].text  # decoded, bad bytes marked
        assert paths["utf16-nobom.txt"].text == paths["utf16-bom.txt"].text
        assert library.search("ministre", limit=50).total == len(INDEXED) - 1  # not 5 MB "mot"


def test_file_names_are_escaped_in_warnings():
    line = ingest.Skipped(Path("a\nb\x1b]0;x\x07" + BAD_BYTES_NAME), "empty file").message()
    assert "\n" not in line and "\x1b" not in line and "\x07" not in line
    assert line.encode("utf-8")  # no lone surrogates left
    assert "\\x0a" in line and "\\x1b" in line and "\\xff" in line


def test_file_names_are_shown_safely_in_the_interface(indexed, hostile: Path):
    from reader.bookmarks import BookmarkStore
    from reader.tui.text import one_line
    from reader.tui.widgets.article_view import metadata_line

    _, index_dir = indexed
    with Library([hostile], index_dir=index_dir) as library:
        articles = list(library.store.iter_articles())
        store = BookmarkStore()
        for article in articles:
            shown = metadata_line(article).plain
            assert not TERMINAL_CONTROLS.search(shown), shown
            bookmark = store.add(article, 0, min(10, len(article.text)))
            assert not TERMINAL_CONTROLS.search(one_line(bookmark.path, 60))
        store.close()


def test_second_run_reads_nothing_again(indexed, hostile: Path):
    _, index_dir = indexed
    with Library([hostile], index_dir=index_dir) as library:
        report = library.sync()
    assert (report.added, report.changed, report.removed) == (0, 0, 0)
    assert report.unchanged == len(INDEXED)


def test_unreadable_file_is_skipped(tmp_path: Path, monkeypatch, capsys):
    """chmod 000 when not root; as root (CI), reading it raises PermissionError in-process."""
    root = tmp_path / "corpus"
    _write(root, "ok.txt", ARTICLE)
    secret = _write(root, "secret.txt", ARTICLE)
    secret.chmod(0)
    if os.geteuid() == 0:
        real_read_bytes = pathlib.Path.read_bytes

        def read_bytes(path: pathlib.Path) -> bytes:
            if path.name == "secret.txt":
                raise PermissionError(13, "Permission denied", str(path))
            return real_read_bytes(path)

        monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    code = main(["index", "--no-entities", "--index-dir", str(tmp_path / "i"), str(root)])
    err = capsys.readouterr().err.splitlines()
    assert code == 0
    assert err == [
        f"reader: skipped {root}/secret.txt: cannot read (Permission denied); check its permissions"
    ]


def test_folder_changing_while_indexed(tmp_path: Path, monkeypatch):
    """Files vanish and are truncated between the scan and the read; new ones appear."""
    from reader.indexing import sync

    root = tmp_path / "corpus"
    for index in range(6):
        _write(root, f"a{index}.txt", ARTICLE.replace("Titre", f"Article {index}"))
    real_scan = sync.TextSync._scan

    def scan_then_change(self):
        found = real_scan(self)
        (root / "a0.txt").unlink()
        (root / "a1.txt").write_text("")
        (root / "a2.txt").write_text("Titre court\n\nUne seule phrase du ministre.\n")
        _write(root, "new.txt", ARTICLE)
        return found

    monkeypatch.setattr(sync.TextSync, "_scan", scan_then_change)
    with Library([root], index_dir=tmp_path / "i") as library:
        report = library.sync()
        skipped = {item.path.name: item.reason for item in report.skipped}
        assert set(skipped) == {"a0.txt", "a1.txt"}
        assert "no longer exists" in skipped["a0.txt"]
        assert report.added == 4  # a2 (as read) .. a5
        monkeypatch.setattr(sync.TextSync, "_scan", real_scan)
        report = library.sync()
        assert report.skipped[0].path.name == "a1.txt"
        assert (report.added, report.removed) == (1, 0)  # new.txt; a0 was never stored
        titles = {article.path: article.title for article in library.store.iter_articles()}
        assert titles["a2.txt"] == "Titre court"
        assert set(titles) == {"a2.txt", "a3.txt", "a4.txt", "a5.txt", "new.txt"}
        assert library.engine.doc_count() == 5
