"""Read whoosh's compound segment files in place instead of copying them.

whoosh-reloaded 2.7.5 memory-maps a segment's compound file, then opens each
file inside it as ``BufferFile(memoryview)``, whose ``BytesIO(buffer)`` copies
the whole sub-file into the heap. At 10,000 articles that is about 130 MB
copied (and time spent copying) every time a searcher opens, on top of the
mapped pages. ``ViewFile`` reads through the memoryview instead: the bytes
stay in the page cache, shared and reclaimable, and only the pages a query
touches are read.
"""

from __future__ import annotations

import io

from whoosh.filedb.structfile import BufferFile

_installed = False


class _ViewReader(io.RawIOBase):
    """A read-only, seekable file over a memoryview, without copying it."""

    def __init__(self, view: memoryview) -> None:
        super().__init__()
        self._view = view
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        end = (
            len(self._view) if size is None or size < 0 else min(self._pos + size, len(self._view))
        )
        data = bytes(self._view[self._pos : end])
        self._pos = max(self._pos, end)
        return data

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        view, start = self._view, self._pos
        limit = len(view) if size is None or size < 0 else min(start + size, len(view))
        end = start
        while end < limit:
            end += 1
            if view[end - 1] == 0x0A:
                break
        return self.read(end - start)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: len(self._view)}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view = memoryview(b"")
        super().close()


class ViewFile(BufferFile):
    """whoosh's ``BufferFile`` reading through its buffer rather than a copy of it."""

    def __init__(self, buf, name=None, onclose=None) -> None:
        super().__init__(b"", name=name, onclose=onclose)
        self._buf = buf
        self.file = _ViewReader(memoryview(buf))


def install() -> None:
    """Make whoosh's compound storage open its files as ``ViewFile`` (once per process)."""
    global _installed
    if _installed:
        return
    from whoosh.filedb import compound

    def open_file(self, name, *args, **kwargs):
        if self._source and not self.is_closed:
            offset, length = self.range(name)
            return ViewFile(compound.memoryview_(self._source, offset, length), name=name)
        return original(self, name, *args, **kwargs)

    original = compound.CompoundStorage.open_file
    compound.CompoundStorage.open_file = open_file
    _installed = True
