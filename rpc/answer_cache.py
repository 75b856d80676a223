"""Encoded answers of the heavy list reads, reused while the log has not moved.

An entry is keyed by what was asked and stamped with the log position committed when
it was computed; any write anywhere moves the position and so retires every entry.
Authorization runs before the cache is consulted, and entries hold no caller data.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable, Hashable

import orjson
from orjson import Fragment


class AnswerCache:
    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, tuple[int, Fragment]] = OrderedDict()

    def get(self, key: Hashable, position: int, compute: Callable[[], Any]) -> Fragment:
        entry = self._entries.get(key)
        if entry is not None and entry[0] == position:
            self._entries.move_to_end(key)
            return entry[1]
        answer = Fragment(orjson.dumps(compute()))
        self._entries[key] = (position, answer)
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return answer
