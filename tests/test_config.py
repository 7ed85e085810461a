"""The TOML config: defaults, validation messages, and saving the theme choice."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reader.userdata import config as config_module
from reader.userdata.config import (
    DEFAULT_THEME,
    Config,
    dump_toml,
    load_config,
    save_theme,
)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("READER_CONFIG_DIR", str(folder))
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    return folder


def write_config(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_gives_defaults_and_no_problem(config_dir: Path) -> None:
    config, problems = load_config()
    assert problems == []
    assert config.theme == DEFAULT_THEME
    assert config.keys == {}
    assert config.path == config_dir / "config.toml"


def test_full_file_is_read(config_dir: Path) -> None:
    write_config(
        config_dir,
        'theme = "reader-dark"\n'
        "[keys]\n"
        '"reader.next_hit" = "n, f9"\n'
        '"reader.quit" = ["q", "f10"]\n'
        "[search]\ndebounce_ms = 200\n"
        "[history]\nsize = 50\n",
    )
    config, problems = load_config()
    assert problems == []
    assert config.theme == "reader-dark"
    assert config.keys == {"reader.next_hit": "n,f9", "reader.quit": "q,f10"}
    assert config.debounce_ms == 200
    assert config.history_size == 50


def test_syntax_error_gives_defaults_and_one_line_naming_the_file(config_dir: Path) -> None:
    path = write_config(config_dir, 'theme = "reader-dark"\n[keys\n')
    config, problems = load_config()
    assert config == Config(path=path)
    assert len(problems) == 1
    assert str(path) in problems[0] and "line 2" in problems[0]
    assert "\n" not in problems[0]


def test_unknown_keys_are_rejected_with_a_suggestion(config_dir: Path) -> None:
    path = write_config(
        config_dir, 'them = "reader-dark"\n[search]\ndebounce = 10\ndebounce_ms = 99\n'
    )
    config, problems = load_config()
    assert config.theme == DEFAULT_THEME
    assert config.debounce_ms == 99
    assert len(problems) == 2
    assert all(str(path) in problem for problem in problems)
    assert "'them'" in problems[0] and "did you mean 'theme'" in problems[0]
    assert "'debounce'" in problems[1] and "did you mean 'debounce_ms'" in problems[1]


@pytest.mark.parametrize("key", ["ctrl+enter", "ctrl+j", "ctrl+m", "ctrl+i", "ctrl+b", "CTRL+A"])
def test_forbidden_keys_are_rejected(config_dir: Path, key: str) -> None:
    write_config(config_dir, f'[keys]\n"reader.bookmark" = "m,{key}"\n"reader.quit" = "f10"\n')
    config, problems = load_config()
    assert config.keys == {"reader.quit": "f10"}
    assert len(problems) == 1
    assert "'reader.bookmark'" in problems[0] and key in problems[0]


@pytest.mark.parametrize(
    "text",
    [
        "theme = 3\n",
        '[keys]\n"reader.quit" = 3\n',
        '[keys]\n"reader.quit" = "q,,x"\n',
        '[search]\ndebounce_ms = "fast"\n',
        "[search]\ndebounce_ms = -1\n",
        "[history]\nsize = true\n",
        'keys = "q"\n',
        "search = 1\n",
    ],
)
def test_wrong_types_are_problems_not_crashes(config_dir: Path, text: str) -> None:
    write_config(config_dir, text)
    config, problems = load_config()
    assert len(problems) == 1
    assert config.theme == DEFAULT_THEME
    assert config.keys == {}
    assert config.debounce_ms == config_module.DEFAULT_DEBOUNCE_MS


def test_invalid_utf8_is_a_problem(config_dir: Path) -> None:
    config_dir.mkdir(parents=True)
    (config_dir / "config.toml").write_bytes(b'theme = "\xff"\n')
    config, problems = load_config()
    assert config.theme == DEFAULT_THEME
    assert problems and "UTF-8" in problems[0]


def test_save_theme_creates_the_file(config_dir: Path) -> None:
    assert save_theme("reader-dark") is None
    config, problems = load_config()
    assert problems == []
    assert config.theme == "reader-dark"


def test_save_theme_keeps_comments_and_other_settings(config_dir: Path) -> None:
    text = (
        "# my settings\n"
        'theme = "reader-paper"  # the light one\n'
        "\n[keys]\n"
        '"reader.quit" = "f10"  # keep me\n'
        "[search]\ndebounce_ms = 80\n"
    )
    path = write_config(config_dir, text)
    assert save_theme("reader-high-contrast") is None
    new_text = path.read_text(encoding="utf-8")
    assert "# my settings" in new_text and "# keep me" in new_text
    config, problems = load_config()
    assert problems == []
    assert config.theme == "reader-high-contrast"
    assert config.keys == {"reader.quit": "f10"}
    assert config.debounce_ms == 80
    assert new_text.count("theme =") == 1


def test_save_theme_adds_the_line_above_tables(config_dir: Path) -> None:
    path = write_config(config_dir, '[keys]\n"reader.quit" = "f10"\ntheme = "not-top-level"\n')
    assert save_theme("reader-dark") is None
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["theme"] == "reader-dark"
    assert data["keys"] == {"reader.quit": "f10", "theme": "not-top-level"}


def test_save_theme_with_odd_name_is_escaped(config_dir: Path) -> None:
    name = 'my "quoted" \\ theme'
    assert save_theme(name) is None
    assert load_config()[0].theme == name


def test_save_theme_falls_back_to_rewriting_parsed_data(config_dir: Path) -> None:
    # A multi-line string value defeats the one-line edit; the file is rewritten instead.
    path = write_config(config_dir, 'theme = """reader-\ndark"""\n[history]\nsize = 5\n')
    assert save_theme("reader-paper") is None
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data == {"theme": "reader-paper", "history": {"size": 5}}


def test_save_theme_leaves_a_broken_file_alone(config_dir: Path) -> None:
    path = write_config(config_dir, "theme = [broken\n")
    problem = save_theme("reader-dark")
    assert problem is not None and str(path) in problem
    assert path.read_text(encoding="utf-8") == "theme = [broken\n"


def test_save_theme_leaves_no_temporary_files(config_dir: Path) -> None:
    save_theme("reader-dark")
    save_theme("reader-paper")
    assert sorted(p.name for p in config_dir.iterdir()) == ["config.toml"]


def test_dump_toml_round_trips_nested_data() -> None:
    import datetime

    data = {
        "theme": "x",
        "n": 1.5,
        "flag": True,
        "list": [1, "two", {"a": 1}],
        "when": datetime.date(2024, 1, 2),
        "keys": {"reader.quit": "q", "weird key": "x"},
        "outer": {"inner": {"deep": 1}},
    }
    assert tomllib.loads(dump_toml(data)) == data


def test_config_and_history_do_not_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, reader.userdata.config, reader.userdata.history;"
        " assert 'textual' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
