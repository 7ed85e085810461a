"""A wheel built from the checkout is a complete reader: code, stylesheet, seed corpus, themes."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(PROJECT)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    (built,) = out.glob("*.whl")
    return built


def _bundled(folder: str) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (PROJECT / folder).iterdir()}


def test_the_wheel_holds_the_code_the_seeds_and_the_themes(wheel: Path):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for folder in ("seeds", "themes"):
            for name, content in _bundled(folder).items():
                assert archive.read(f"reader/bundled/{folder}/{name}") == content
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
        entry_points = archive.read(next(n for n in names if n.endswith("entry_points.txt")))
    sources = {
        "reader/" + path.relative_to(PROJECT / "src/reader").as_posix()
        for path in (PROJECT / "src/reader").rglob("*.py")
    }
    assert sources <= names
    assert "reader/tui/reader.tcss" in names
    assert b"\nName: research-reader\n" in metadata
    assert b"reader = reader.cli:main" in entry_points


def test_an_installed_wheel_finds_its_corpus_and_themes_from_any_folder(
    wheel: Path, tmp_path: Path
):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
         str(wheel)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    code = (
        "from reader.userdata.locations import seeds_dir, bundled_themes_dir;"
        " print(seeds_dir()); print(bundled_themes_dir())"
    )
    environment = {**os.environ, "PYTHONPATH": str(site)}  # before the checkout's editable install
    environment.pop("READER_SEEDS_DIR", None)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shown = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    seeds, themes = Path(shown[0]), Path(shown[1])
    assert seeds.is_relative_to(site) and themes.is_relative_to(site)
    assert {path.name for path in seeds.iterdir()} == set(_bundled("seeds"))
    assert {path.name for path in themes.iterdir()} == set(_bundled("themes"))
