"""ViewFile reads whoosh's compound files in place, exactly as BufferFile's copy reads them."""

from __future__ import annotations

import io
import random
from array import array

from whoosh.filedb.structfile import BufferFile

from reader.search.whoosh_backend.viewfile import ViewFile, _ViewReader

DATA = bytes(random.Random(7).randrange(256) for _ in range(5000)) + b"line one\nline two\nend"


def test_reader_matches_bytesio_under_random_reads_and_seeks():
    rng = random.Random(3)
    ours, theirs = _ViewReader(memoryview(DATA)), io.BytesIO(DATA)
    for _ in range(2000):
        op = rng.choice(("read", "readline", "seek", "tell"))
        if op == "read":
            size = rng.choice((-1, 0, 1, 7, 300, 6000))
            assert ours.read(size) == theirs.read(size)
        elif op == "readline":
            size = rng.choice((-1, 3, 50))
            assert ours.readline(size) == theirs.readline(size)
        elif op == "seek":
            whence = rng.choice((io.SEEK_SET, io.SEEK_CUR, io.SEEK_END))
            offset = rng.randrange(-40, 40) if whence else rng.randrange(0, len(DATA) + 10)
            if whence != io.SEEK_SET or offset >= 0:
                target = {0: 0, 1: theirs.tell(), 2: len(DATA)}[whence] + offset
                if target >= 0:
                    assert ours.seek(offset, whence) == theirs.seek(offset, whence)
        assert ours.tell() == theirs.tell()


def test_view_file_reads_structures_like_buffer_file():
    view, copy = ViewFile(memoryview(DATA)), BufferFile(memoryview(DATA))
    for position in (0, 13, 999, 4000):
        assert view.get(position, 17) == copy.get(position, 17)
        assert view.get_array(position, "i", 5) == copy.get_array(position, "i", 5)
        view.seek(position)
        copy.seek(position)
        assert view.read_varint() == copy.read_varint()
        assert view.read_int() == copy.read_int()
        assert view.read_array("H", 3) == copy.read_array("H", 3)
    assert isinstance(view.get_array(0, "B", 4), array)
