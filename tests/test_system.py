"""The system clipboard and the user's pager and editor, with fake programs on a temporary PATH."""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.system import clipboard
from reader.system.clipboard import clipboard_commands, copy_to_system_clipboard
from reader.system.launch import LaunchError, editor_command, pager_command

pytestmark = pytest.mark.skipif(os.name != "posix", reason="fake programs are shell scripts")

TEXT = "“Le conseil a voté”\n— Budget, lemonde, 18 Mar 2024 (lemonde/budget.txt)"


def fake_program(folder: Path, name: str, body: str) -> Path:
    """An executable shell script ``name`` in ``folder``."""
    folder.mkdir(exist_ok=True)
    program = folder / name
    # The script's own PATH: the test's PATH holds only the fake programs.
    program.write_text(f"#!/bin/sh\nPATH=/usr/bin:/bin\n{body}\n", encoding="utf-8")
    program.chmod(0o755)
    return program


def recorder(folder: Path, name: str) -> Path:
    """A program that saves its arguments and its input beside itself, then succeeds."""
    return fake_program(
        folder, name, f'echo "$@" > "{folder}/{name}.args"\ncat > "{folder}/{name}.input"'
    )


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH holding only the fake programs, and no display of any kind."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    for variable in ("WAYLAND_DISPLAY", "DISPLAY", "WSL_DISTRO_NAME", "WSL_INTEROP"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(clipboard, "_is_wsl", lambda environ: "WSL_DISTRO_NAME" in environ)
    return folder


# --- clipboard ---------------------------------------------------------------------------


def test_which_programs_fit_the_session() -> None:
    assert clipboard_commands({}, "linux") == []
    assert clipboard_commands({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux") == [
        ["wl-copy"],
        ["xclip", "-selection", "clipboard"],
        ["xsel", "--clipboard", "--input"],
    ]
    assert clipboard_commands({}, "darwin") == [["pbcopy"]]
    assert clipboard_commands({}, "win32") == [["clip.exe"]]
    assert clipboard_commands({"WSL_DISTRO_NAME": "Ubuntu"}, "linux")[-1] == ["clip.exe"]


def test_xclip_takes_the_text(bin_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    recorder(bin_dir, "xclip")
    assert copy_to_system_clipboard(TEXT) == "xclip"
    assert (bin_dir / "xclip.input").read_text(encoding="utf-8") == TEXT
    assert (bin_dir / "xclip.args").read_text().split() == ["-selection", "clipboard"]


def test_a_failing_program_is_passed_over(bin_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.setenv("DISPLAY", ":0")
    fake_program(bin_dir, "wl-copy", "cat > /dev/null\necho 'no compositor' >&2\nexit 1")
    recorder(bin_dir, "xsel")  # xclip is missing: xsel comes next
    assert copy_to_system_clipboard(TEXT) == "xsel"
    assert (bin_dir / "xsel.input").read_text(encoding="utf-8") == TEXT


def test_a_program_that_hangs_is_given_up_on(
    bin_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    fake_program(bin_dir, "xclip", "exec sleep 30")
    recorder(bin_dir, "xsel")
    started = time.monotonic()
    assert copy_to_system_clipboard(TEXT, timeout=0.5) == "xsel"
    assert time.monotonic() - started < 10


def test_no_reachable_clipboard_gives_none(bin_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    recorder(bin_dir, "xclip")
    assert copy_to_system_clipboard(TEXT) is None  # no DISPLAY: xclip cannot reach one
    monkeypatch.setenv("DISPLAY", ":0")
    (bin_dir / "xclip").unlink()
    assert copy_to_system_clipboard(TEXT) is None  # a display, but no program


def test_clip_exe_gets_utf16(bin_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WSL_DISTRO_NAME", "Ubuntu")
    recorder(bin_dir, "clip.exe")
    assert copy_to_system_clipboard(TEXT) == "clip.exe"
    data = (bin_dir / "clip.exe.input").read_bytes()
    assert data.startswith(codecs.BOM_UTF16_LE) and data[2:].decode("utf-16-le") == TEXT


# --- pager and editor --------------------------------------------------------------------


def test_the_pager_variable_is_split_as_a_shell_would(tmp_path: Path, bin_dir: Path) -> None:
    pager = recorder(bin_dir, "my pager")
    environ = {"PATH": str(bin_dir), "PAGER": f"'{pager}' -R --prompt 'a b'"}
    article = tmp_path / "article.txt"
    assert pager_command(article, environ) == [str(pager), "-R", "--prompt", "a b", str(article)]


def test_the_pager_falls_back_to_less(tmp_path: Path, bin_dir: Path) -> None:
    less = recorder(bin_dir, "less")
    for pager in (None, "", "   ", "missing-pager", "less 'unclosed"):
        environ = {"PATH": str(bin_dir)} | ({"PAGER": pager} if pager is not None else {})
        assert pager_command(tmp_path / "a.txt", environ) == [str(less), str(tmp_path / "a.txt")]


def test_visual_then_editor_then_vi(tmp_path: Path, bin_dir: Path) -> None:
    for name in ("code", "nano", "vi"):
        recorder(bin_dir, name)
    path = tmp_path / "a.txt"
    base = {"PATH": str(bin_dir)}
    command = editor_command(path, base | {"VISUAL": "code --wait", "EDITOR": "nano"})
    assert command == [str(bin_dir / "code"), "--wait", str(path)]
    assert editor_command(path, base | {"EDITOR": "nano"}) == [str(bin_dir / "nano"), str(path)]
    assert editor_command(path, base | {"VISUAL": "gone", "EDITOR": "nano -w"})[1] == "-w"
    assert editor_command(path, base) == [str(bin_dir / "vi"), str(path)]


def test_the_file_is_absolute_so_it_is_never_an_option(tmp_path: Path, bin_dir: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    less = recorder(bin_dir, "less")
    command = pager_command(Path("-rf.txt"), {"PATH": str(bin_dir)})
    assert command == [str(less), str(tmp_path / "-rf.txt")]


def test_the_command_really_opens_the_file(tmp_path: Path, bin_dir: Path) -> None:
    recorder(bin_dir, "vi")
    path = tmp_path / "folder with spaces" / "a.txt"
    subprocess.run(
        editor_command(path, {"PATH": str(bin_dir)}), stdin=subprocess.DEVNULL, check=True
    )
    assert (bin_dir / "vi.args").read_text().strip() == str(path)


def test_nothing_found_is_a_clear_error(tmp_path: Path, bin_dir: Path) -> None:
    environ = {"PATH": str(bin_dir), "VISUAL": "'unclosed", "EDITOR": "emacs -nw"}
    with pytest.raises(LaunchError) as raised:
        editor_command(tmp_path / "a.txt", environ)
    message = str(raised.value)
    assert message.startswith(f"no editor found to open {tmp_path / 'a.txt'}: ")
    assert "$VISUAL cannot be split as a shell would (No closing quotation)" in message
    assert "$EDITOR names emacs, which is not found" in message
    assert message.endswith(
        "vi is not installed; install vi, or set VISUAL or EDITOR to the command of the editor"
        " you use"
    )
    with pytest.raises(
        LaunchError, match=r"no pager found .*set PAGER to the command of the pager you use$"
    ):
        pager_command(tmp_path / "a.txt", {"PATH": str(bin_dir)})


def test_no_variable_reads_the_real_environment_by_default(bin_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("PAGER", "most")
    most = recorder(bin_dir, "most")
    assert pager_command(Path(sys.executable))[0] == str(most)


def test_the_interface_shares_freed_memory_between_threads_where_glibc_allows(monkeypatch):
    """glibc takes the arena limit; any other system is left as it is, without error."""
    import platform
    import sys

    from reader.system import allocator

    took = allocator.share_freed_memory_between_threads()
    assert took == (sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc")
    monkeypatch.setattr(allocator.sys, "platform", "darwin")
    assert allocator.share_freed_memory_between_threads() is False


def test_opening_the_interface_limits_the_arenas_first(monkeypatch, tmp_path):
    import argparse

    from reader.cli import open_cmd
    from reader.system import allocator
    from reader.tui import app

    calls: list[str] = []
    monkeypatch.setattr(
        allocator, "share_freed_memory_between_threads", lambda: calls.append("arenas")
    )
    monkeypatch.setattr(app, "run_app", lambda paths, index_dir=None: calls.append("app") or 0)
    assert open_cmd.run_open(argparse.Namespace(paths=[tmp_path], index_dir=None)) == 0
    assert calls == ["arenas", "app"]
