"""Rows that share one table of keys: the comments and subtasks the world holds by the
hundred thousand.

A plain dict carries its own table of keys (272 bytes for eight); the attribute dict of
an instance shares its class's table and holds only its values (136 bytes: CPython's
key-sharing dicts, PEP 412). `RowShape.make` builds such a dict and lets the instance go:
what it returns is an ordinary dict (type dict, same behaviour, same JSON and marshal
output), only smaller. Changing a value keeps it small; a key added or removed is
allowed and may make it an ordinary dict again. CPython shares at most 29 keys, so the
tasks' rows (32 keys) stay ordinary dicts.
"""
from __future__ import annotations

import keyword
from typing import Any, Iterable

from domain.state import Row

_MAX_SHARED = 29  # CPython 3.11's SHARED_KEYS_MAX_SIZE (30) less one


class RowShape:
    """Rows with these keys in this order."""

    def __init__(self, kind: str, names: tuple[str, ...]) -> None:
        if len(names) > _MAX_SHARED or not all(n.isidentifier() and not keyword.iskeyword(n)
                                                for n in names):
            raise ValueError(f"{kind}: a shared row needs at most {_MAX_SHARED} identifiers")
        self.names = names
        self._holder = _holder_class(kind, names)

    def make(self, **values: Any) -> Row:
        """The row of `values` (every name, none other), its keys in the order of `names`."""
        return self._holder(**values).__dict__

    def of(self, row: Row) -> Row:
        """`row` as a shared row if it has exactly these keys in this order, else `row`."""
        if len(row) == len(self.names) and tuple(row) == self.names:
            return self._holder(*row.values()).__dict__
        return row

    def all(self, ids: Iterable[int], columns: Iterable[tuple]) -> dict[int, Row]:
        """{id: row} from the rows' values given column by column (snapshot loading)."""
        holder = self._holder
        return {i: holder(*values).__dict__ for i, values in zip(ids, zip(*columns))}


def _holder_class(kind: str, names: tuple[str, ...]) -> type:
    """A class whose __init__ sets `names` in order: every instance's attribute dict then
    shares the class's keys. Generated, because one STORE_ATTR per name is about twice as
    fast as a setattr loop (it runs once per row when a snapshot is loaded)."""
    source = (f"def __init__(self, {', '.join(names)}):\n" +
              "".join(f"    self.{n} = {n}\n" for n in names))
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<{kind} row>", "exec"), namespace)  # names checked: identifiers
    return type(f"{kind.title()}Row", (), {"__init__": namespace["__init__"],
                                           "__module__": __name__})


COMMENT = RowShape("comment", ("id", "task_id", "user_id", "date_creation",
                               "date_modification", "comment", "reference", "visibility"))
SUBTASK = RowShape("subtask", ("id", "title", "status", "time_estimated", "time_spent",
                               "task_id", "user_id", "position"))
