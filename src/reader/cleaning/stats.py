"""Cross-document line statistics: in how many documents of a source each block text occurs.

A line that recurs in many files of one site (a menu entry, a footer, a
newsletter prompt) is page furniture. Lines are counted per source (the
site or collection a file comes from, see ``corpus.paths.guess_source``):
how one file is cleaned must not change with unrelated files beside it.
Only 64-bit hashes of the normalised lines are kept, so the statistics stay
small when persisted between runs; a source is mixed into each hash it counts.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache

_COMBINING = re.compile(r"[\u0300-\u036f]")
_DIGITS = re.compile(r"\d+")
_WIDGET_MAX_CHARS = 80
_FORMAT_VERSION = 2


def normalise_line(text: str) -> str:
    """Case- and accent-folded, whitespace-collapsed form; digit runs become ``0``.

    Digits are merged so that counters and dates ("Commentaires (3)") match
    across pages. Long blocks are paragraphs, not widgets: they are only
    case-folded, which is cheaper and enough to find repeats.
    """
    folded = " ".join(text.casefold().split())
    if len(folded) > _WIDGET_MAX_CHARS:
        return folded
    if not folded.isascii():
        folded = _COMBINING.sub("", unicodedata.normalize("NFKD", folded))
    return _DIGITS.sub("0", folded)


def line_hash(text: str) -> int:
    """64-bit hash of the normalised line (stable across runs, unlike ``hash``)."""
    return _hash64(normalise_line(text))


def _hash64(text: str) -> int:
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


@cache
def source_salt(source: str | None) -> int:
    """What is mixed into the line hashes counted for ``source`` (0 when there is none)."""
    return _hash64("source\x00" + source) if source else 0


def counted_hashes(
    block_texts: Sequence[str], hashes: Sequence[int] | None = None, source: str | None = None
) -> array:
    """What the statistics keep of a document: the distinct ``line_hash`` values of its
    block texts that are not blank (``hashes`` when already computed), each mixed with
    its source, sorted."""
    if hashes is None:
        values: Iterable[int] = (line_hash(text) for text in block_texts if text.strip())
    else:
        pairs = zip(block_texts, hashes, strict=True)
        values = (value for text, value in pairs if text.strip())
    salt = source_salt(source)
    return array("Q", sorted({value ^ salt for value in values}))


class LineStats:
    """Document frequency of normalised block texts over a corpus."""

    def __init__(self) -> None:
        self._docs: dict[str, array] = {}
        self._counts: Counter[int] = Counter()

    @property
    def n_docs(self) -> int:
        return len(self._docs)

    def has_document(self, doc_id: str) -> bool:
        return doc_id in self._docs

    def add_document(
        self,
        doc_id: str,
        block_texts: Sequence[str],
        hashes: Sequence[int] | None = None,
        source: str | None = None,
    ) -> None:
        """Count each distinct line of the document once, for its ``source``;
        re-adding a document replaces it.

        ``hashes`` are the texts' ``line_hash`` values when already computed.
        Blank blocks are not lines.
        """
        self.add_counted(doc_id, counted_hashes(block_texts, hashes, source))

    def add_counted(self, doc_id: str, counted: array) -> None:
        """``add_document`` for what ``counted_hashes`` gives of the document, kept as it
        is (the text phase's parent holds it already: not copied)."""
        if doc_id in self._docs:
            self.remove_document(doc_id)
        self._docs[doc_id] = counted
        self._counts.update(counted)

    def remove_document(self, doc_id: str) -> None:
        hashes = self._docs.pop(doc_id, None)
        if hashes is None:
            return
        for value in hashes:
            remaining = self._counts[value] - 1
            if remaining > 0:
                self._counts[value] = remaining
            else:
                del self._counts[value]

    def doc_frequency(self, block_text: str, source: str | None = None) -> int:
        """In how many documents of ``source`` the line occurs."""
        return self.hash_frequency(line_hash(block_text), source)

    def hash_frequency(self, value: int, source: str | None = None) -> int:
        """Frequency for a hash already computed with ``line_hash``."""
        return self._counts.get(value ^ source_salt(source), 0)

    def to_json(self) -> dict:
        """Per document, its line hashes packed as base64 of little-endian uint64s."""
        docs = {}
        for doc_id, hashes in self._docs.items():
            packed = array("Q", hashes)
            if packed.itemsize != 8:  # pragma: no cover - every supported platform has 8
                raise RuntimeError("unsigned long long is not 64 bits")
            docs[doc_id] = base64.b64encode(_little_endian(packed).tobytes()).decode("ascii")
        return {"version": _FORMAT_VERSION, "docs": docs}

    @classmethod
    def from_json(cls, data: dict) -> LineStats:
        if data.get("version") != _FORMAT_VERSION:
            raise ValueError(f"unsupported LineStats format: {data.get('version')!r}")
        stats = cls()
        for doc_id, packed in data["docs"].items():
            hashes = array("Q")
            hashes.frombytes(base64.b64decode(packed))
            hashes = _little_endian(hashes)
            stats._docs[doc_id] = hashes
            stats._counts.update(hashes)
        return stats


def _little_endian(values: array) -> array:
    """The array in little-endian byte order (a no-op on little-endian machines)."""
    import sys

    if sys.byteorder == "little":
        return values
    swapped = array(values.typecode, values)
    swapped.byteswap()
    return swapped
