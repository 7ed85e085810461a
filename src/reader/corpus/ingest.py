"""Find article files and decode them into normalised text.

Nothing here raises for a bad file: each problem becomes a ``Skipped`` with a
one-line reason naming the file, and the rest of the corpus goes on.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.corpus.textnorm import normalise

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
MAX_FILE_BYTES = 10 * 1024 * 1024
#: Far above any article (a long one has a few thousand lines); a log or a data
#: dump this long would cost seconds and hundreds of MB in block cleaning.
MAX_LINES = 50_000
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file that was not read, and why."""

    path: Path
    reason: str

    def message(self) -> str:
        return f"skipped {safe_name(self.path)}: {self.reason}"


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A decoded article file."""

    path: Path
    text: str
    content_hash: str
    is_markdown: bool


def safe_name(path: Path | str) -> str:
    """A file name fit for one line of a terminal: controls and bad bytes escaped."""
    name = os.fsdecode(path) if isinstance(path, bytes) else str(path)
    out = []
    for char in name:
        code = ord(char)
        if code < 0x20 or 0x7F <= code <= 0x9F or 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code & 0xFF:02x}")
        else:
            out.append(char)
    return "".join(out)


def discover(paths: Iterable[Path]) -> Iterator[Path | Skipped]:
    """Article files under ``paths`` (files or folders, recursively), sorted per folder.

    Symbolic links to folders are not followed (no loops); links to files are
    read when their target exists.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path
        elif path.is_symlink():
            yield Skipped(path, "dangling symbolic link; fix or remove the link")
        else:
            yield Skipped(path, "no such file or folder; check the path")


def _walk(root: Path) -> Iterator[Path | Skipped]:
    """Files of ``root`` and its sub-folders, depth first, names sorted.

    ``os.scandir`` entries know from the directory listing whether they are
    links or folders, so a folder of 10,000 files costs no system call per
    file (reopening an unchanged corpus walks it every time).
    """
    try:
        entries = sorted(os.scandir(root), key=lambda entry: entry.name)
    except OSError as error:
        yield Skipped(Path(error.filename or root), f"cannot read folder ({error.strerror})")
        return
    folders: list[Path] = []
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            folders.append(Path(entry.path))
        elif name.lower().endswith(ARTICLE_SUFFIXES) and not _is_folder_link(entry):
            if entry.is_symlink() and not os.path.exists(entry.path):
                yield Skipped(Path(entry.path), "dangling symbolic link; fix or remove the link")
            else:
                yield Path(entry.path)
    for folder in folders:
        yield from _walk(folder)


def _is_folder_link(entry: os.DirEntry) -> bool:
    """A link to a folder: not followed (no loops), and not an article either."""
    try:
        return entry.is_symlink() and entry.is_dir()
    except OSError:  # a link loop: reported as a dangling link by the caller
        return False


def no_articles_message(paths: Sequence[Path], found: int) -> str:
    """Why a corpus has no article, in one line naming where and what was looked for.

    ``found`` is how many article files ``discover`` found there (all of them
    unreadable when not 0).
    """
    where = ", ".join(safe_name(os.path.abspath(path)) for path in paths) or "."
    if found:
        files = "1 file was" if found == 1 else f"{found:,} files were"
        return f"no readable articles in {where}: {files} found but none could be read"
    *others, last = ARTICLE_SUFFIXES
    return (
        f"no articles in {where}: looked for {', '.join(others)} and {last} files"
        " (hidden files and folders are skipped, links to folders not followed)"
    )


def read_article_file(
    path: Path, *, max_bytes: int = MAX_FILE_BYTES, max_lines: int = MAX_LINES
) -> SourceFile | Skipped:
    """Read and decode one file, or say why it cannot be used."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            limit = max_bytes // (1024 * 1024)
            return Skipped(path, f"larger than {limit} MB; split it or raise the limit")
        data = path.read_bytes()
    except OSError as error:
        return Skipped(path, unreadable_reason(error))
    text = decode(data)
    if text is None:
        return Skipped(path, "binary data, not text; remove it from the corpus folder")
    text = normalise(text)
    if not text.strip():
        return Skipped(path, "empty file")
    lines = text.count("\n")
    if lines > max_lines:
        return Skipped(path, f"{lines:,} lines, more than {max_lines:,}: not one article; split it")
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    markdown = path.suffix.lower() in (".md", ".markdown")
    return SourceFile(path=path, text=text, content_hash=digest, is_markdown=markdown)


def unreadable_reason(error: OSError) -> str:
    """Why a file found by the scan could not be read, in words for the user."""
    if isinstance(error, FileNotFoundError):
        return "no longer exists (removed while indexing)"
    return f"cannot read ({error.strerror or error}); check its permissions"


def decode(data: bytes) -> str | None:
    """Decode bytes of unknown encoding; None when they are not text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    utf16 = _bomless_utf16(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    if _looks_binary(data):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _mostly_utf8(data) or _decode_legacy(data)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken bytes (a cut or spliced scrape), bad bytes as U+FFFD.

    Read as cp1252 instead, every accented letter would turn into mojibake.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for char in text if ord(char) > 0x7F) - bad
    return text if good >= 2 * bad else None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a byte order mark: NULs in every other byte of ASCII-heavy text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


#: Control bytes that plain text does not contain (tab, newlines, form feed and CR excepted).
_CONTROL_BYTES = bytes(range(0x09)) + bytes(range(0x0E, 0x20))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C
    return controls > max(8, len(sample) // 20)


_WESTERN = set(
    "àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæøßÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆØ"
    "«»‘’‚“”„–—…€°£¥§©®±²³µ·¹º¼½¾¿¡×÷•™\xa0"
)


def _decode_legacy(data: bytes) -> str:
    """Single-byte legacy text: cp1252 when it reads as Western text, else the detector's guess.

    Detectors are unreliable on short French or English text (a lone ``é``
    is read as UTF-16 or Hebrew), so the Western reading is tried first.
    """
    western = data.decode("cp1252", errors="replace")
    if _reads_as_western(western):
        # Bytes cp1252 leaves undefined are C1 controls in latin-1, dropped later.
        return data.decode("latin-1") if "\ufffd" in western else western
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    if best is not None:
        try:
            return data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return data.decode("latin-1")


def _reads_as_western(text: str) -> bool:
    """Accented letters sprinkled in ASCII words, not words made only of them (Cyrillic)."""
    high = [index for index, char in enumerate(text) if ord(char) > 0x7F]
    if not high:
        return True
    western = sum(text[index] in _WESTERN for index in high)
    letters = {index for index in high if text[index].isalpha()}
    runs = sum(1 for index in letters if index + 1 in letters and index + 2 in letters)
    return western >= 0.8 * len(high) and runs <= 0.1 * len(high)
