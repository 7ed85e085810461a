"""Let the interface's threads reuse the memory that others have freed (glibc's malloc).

glibc gives each thread that allocates its own arena, up to eight per core,
and memory freed in one arena serves only that arena. The interface runs
the text phase, the entity phase and each search in threads of their own:
on a first launch at 100,000 articles the text phase freed a hundred
megabytes in its arena, and the searches typed afterwards grew new ones
beside it. Two arenas let them share what is free. Elsewhere (another C
library, another system) this does nothing.
"""

from __future__ import annotations

import ctypes
import sys

#: glibc's ``M_ARENA_MAX`` (malloc.h) and the limit set.
M_ARENA_MAX = -8
ARENAS = 2


def share_freed_memory_between_threads() -> bool:
    """Limit glibc's malloc to ``ARENAS`` arenas; True if it took the setting.

    Call before threads start allocating (arenas already made stay).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no C library to ask, or one without mallopt
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return mallopt(M_ARENA_MAX, ARENAS) == 1
