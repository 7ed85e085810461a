"""Finding and decoding article files; bad files are skipped with a reason."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest

from reader.corpus.ingest import Skipped, SourceFile, decode, discover, read_article_file, safe_name

FRENCH = "Le régulateur a déclaré à l’AFP que « cœur » coûte 5 € ; où ça ?\nÉté."


@pytest.mark.parametrize(
    "data",
    [
        FRENCH.encode("utf-8"),
        codecs.BOM_UTF8 + FRENCH.encode("utf-8"),
        FRENCH.encode("utf-16"),
        FRENCH.encode("utf-16-le"),
        FRENCH.encode("utf-16-be"),
        FRENCH.encode("cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "utf-16-le", "utf-16-be", "cp1252"],
)
def test_decodes_common_encodings(data: bytes):
    assert decode(data) == FRENCH


def test_decodes_latin1_and_short_text():
    assert decode("Les élèves de l'école".encode("latin-1")) == "Les élèves de l'école"
    assert decode("Short é".encode("cp1252")) == "Short é"


def test_binary_is_not_text():
    assert decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))) is None


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_read_normalises_text(tmp_path: Path):
    raw = "Titre\r\n\r\nCafe\u0301 \x1b]2;PWNED\x07ici\x1b[2J.\r\n".encode()
    source = read_article_file(_write(tmp_path / "a.txt", raw))
    assert isinstance(source, SourceFile)
    assert source.text == "Titre\n\nCafé ici.\n"
    assert "\x1b" not in source.text


def test_skips_empty_binary_and_oversized_files(tmp_path: Path):
    empty = read_article_file(_write(tmp_path / "empty.txt", b"  \n\n "))
    binary = read_article_file(_write(tmp_path / "bin.txt", b"\x00\x01\x02" * 100))
    big = read_article_file(_write(tmp_path / "big.txt", b"a" * 2000), max_bytes=1000)
    assert isinstance(empty, Skipped) and "empty" in empty.reason
    assert isinstance(binary, Skipped) and "binary" in binary.reason
    assert isinstance(big, Skipped) and "larger than" in big.reason


def test_skips_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = _write(tmp_path / "secret.txt", b"text")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = read_article_file(path)
    assert isinstance(result, Skipped) and "permissions" in result.reason


def test_discover_recurses_and_keeps_only_articles(tmp_path: Path):
    _write(tmp_path / "a.txt", b"A")
    _write(tmp_path / "sub" / "deeper" / "b.md", b"B")
    _write(tmp_path / "sub" / "notes.pdf", b"C")
    _write(tmp_path / ".git" / "c.txt", b"C")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    found = list(discover([tmp_path]))
    paths = sorted(p.relative_to(tmp_path).as_posix() for p in found if isinstance(p, Path))
    skipped = [s for s in found if isinstance(s, Skipped)]
    assert paths == ["a.txt", "sub/deeper/b.md"]
    assert [s.path.name for s in skipped] == ["dangling.txt"]


def test_discover_reports_missing_paths(tmp_path: Path):
    (result,) = discover([tmp_path / "missing"])
    assert isinstance(result, Skipped) and "no such file" in result.reason


def test_safe_name_escapes_control_characters():
    assert safe_name("bad\x1b]2;x\x07\nname.txt") == "bad\\x1b]2;x\\x07\\x0aname.txt"
    assert safe_name(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
