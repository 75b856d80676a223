"""An undo log for the world, so a command that fails after it was folded can be taken
back alone, at a cost in proportion to what its fold touched (never a reload of the log).

While the journal records, the world's top-level tables (and any extra dicts given, e.g.
the writer's stream versions) are switched, by class, to tracking twins: the first time
since the last `mark()` that an entry is reached (read or written: evolve mutates rows it
reached by lookup) its value is copied into the log. `undo(mark)` puts those copies back,
newest first. Outside `recording()` the tables are plain dict/set subclasses with no
overrides, so reads elsewhere (decide, render, queries) run at C speed.

Assumptions, which every evolve handler keeps: the world's nested objects are reached only
through its top-level tables; no object is shared by two entries; a list or set holds
values of one type (its first element says whether they need copying).
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from typing import Any, Iterator

_MISSING = object()
_IMMUTABLE = (int, str, float, bool, bytes, type(None), tuple, frozenset)


def _clone(value: Any) -> Any:
    """A copy deep enough that mutating the original leaves it unchanged."""
    kind = type(value)
    if kind in _IMMUTABLE:
        return value
    if kind is dict:
        return {k: v if type(v) in _IMMUTABLE else _clone(v) for k, v in value.items()}
    if kind is list or kind is set:
        if not value or type(next(iter(value))) in _IMMUTABLE:
            return kind(value)
        return kind(_clone(v) for v in value)
    if is_dataclass(value):
        copy = object.__new__(kind)
        for f in _fields(kind):
            object.__setattr__(copy, f, _clone(getattr(value, f)))
        return copy
    raise TypeError(f"the journal cannot copy a {kind.__name__}")


_FIELDS: dict[type, tuple[str, ...]] = {}


def _fields(kind: type) -> tuple[str, ...]:
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in fields(kind))
    return _FIELDS[kind]


class Table(dict):
    """A world table: a plain dict while the journal is not recording."""


class TableSet(set):
    """A world set (keyed cells that are dense, ...): a plain set while not recording."""


class _TrackedTable(Table):
    def _seen(self, key: Any) -> None:
        _ACTIVE[-1].saw(self, key)

    def __getitem__(self, key):
        self._seen(key)
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        self._seen(key)
        return dict.get(self, key, default)

    def __setitem__(self, key, value):
        self._seen(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        self._seen(key)
        dict.__delitem__(self, key)

    def pop(self, key, *default):
        self._seen(key)
        return dict.pop(self, key, *default)

    def setdefault(self, key, default=None):
        self._seen(key)
        return dict.setdefault(self, key, default)

    def popitem(self):
        key = next(reversed(self))
        return key, self.pop(key)

    def update(self, *args, **kwargs):
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __ior__(self, other):
        self.update(other)
        return self

    def clear(self):
        for key in list(self):
            del self[key]

    def values(self):
        return [self[key] for key in list(self)]

    def items(self):
        return [(key, self[key]) for key in list(self)]


def _set_mutator(name: str):
    def mutate(self, *args):
        _ACTIVE[-1].saw_set(self)
        return getattr(set, name)(self, *args)
    return mutate


class _TrackedSet(TableSet):
    pass


for _name in ("add", "discard", "remove", "pop", "clear", "update", "difference_update",
              "intersection_update", "symmetric_difference_update", "__ior__", "__isub__",
              "__iand__", "__ixor__"):
    setattr(_TrackedSet, _name, _set_mutator(_name))

_ACTIVE: list["Journal"] = []  # the journal recording now (one thread owns a world)


class Journal:
    """The undo log of `world` (and of `extra` tables) from its creation on."""

    def __init__(self, world: Any, *extra: Table) -> None:
        self._world = world
        self._extra = list(extra)
        self._log: list[tuple[Any, Any, Any]] = []  # (table, key or None for a set, old)
        self._seen: set[tuple[int, Any]] = set()
        self._marks: list[tuple[int, dict[str, Any]]] = []  # (log length, scalar fields)
        self.mark()

    def _tables(self) -> list[Any]:
        tables = []
        for name in _fields(type(self._world)):
            value = getattr(self._world, name)
            if type(value) in (dict, set):  # first use: make it a table (copies once)
                value = Table(value) if type(value) is dict else TableSet(value)
                setattr(self._world, name, value)
            if isinstance(value, (Table, TableSet)):
                tables.append(value)
        return tables + self._extra

    def mark(self) -> int:
        """A point to undo to; entries reached after it are copied again when reached."""
        self._seen.clear()
        scalars = {name: value for name in _fields(type(self._world))
                   if type(value := getattr(self._world, name)) in _IMMUTABLE}
        self._marks.append((len(self._log), scalars))
        return len(self._marks) - 1

    def saw(self, table: dict, key: Any) -> None:
        token = (id(table), key)
        if token not in self._seen:
            self._seen.add(token)
            old = dict.get(table, key, _MISSING)
            self._log.append((table, key, old if old is _MISSING else _clone(old)))

    def saw_set(self, table: set) -> None:
        token = (id(table), None)
        if token not in self._seen:
            self._seen.add(token)
            self._log.append((table, None, set(table)))

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Track every access to the tables while the block runs."""
        tables = self._tables()
        for table in tables:
            table.__class__ = _TrackedTable if isinstance(table, dict) else _TrackedSet
        _ACTIVE.append(self)
        try:
            yield
        finally:
            _ACTIVE.pop()
            for table in tables:
                table.__class__ = Table if isinstance(table, dict) else TableSet

    def undo(self, mark: int) -> None:
        """Put back every entry reached since `mark` as it was then, and the scalar fields."""
        length, scalars = self._marks[mark]
        for table, key, old in reversed(self._log[length:]):
            if key is None and isinstance(table, set):
                set.clear(table)
                set.update(table, old)
            elif old is _MISSING:
                dict.pop(table, key, None)
            else:
                dict.__setitem__(table, key, old)
        del self._log[length:]
        del self._marks[mark + 1:]
        for name, value in scalars.items():
            setattr(self._world, name, value)
        self._seen.clear()
