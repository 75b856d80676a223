"""Giving the C allocator's free memory back to the system after a start.

Loading a world snapshot allocates temporaries as large as a good part of the world (the
snapshot's bytes, the tuples marshal decodes them into) and frees them once the world
is built; glibc's malloc keeps much of that freed memory resident (in its free lists,
below the top of its heap). malloc_trim hands the whole free pages back, at no cost to
what stays allocated.
"""
from __future__ import annotations

import ctypes
import functools
from typing import Callable


@functools.cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return ctypes.CDLL(None).malloc_trim  # glibc's, among the process's own symbols
    except (OSError, AttributeError):  # another C library, or no dynamic loading
        return None


def release_free_memory() -> bool:
    """Return the allocator's free pages to the system (glibc; elsewhere a no-op). True
    if some memory was given back."""
    trim = _malloc_trim()
    return bool(trim(0)) if trim is not None else False
