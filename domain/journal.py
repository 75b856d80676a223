"""An undo log for the world, so a command that fails after it was folded can be taken
back alone, at a cost in proportion to what its fold touched (never a reload of the log).

While the journal records, the world's top-level tables (and any extra dicts given, e.g.
the writer's stream versions) are switched, by class, to tracking twins: the first time
since the last `mark()` that an entry is reached (read or written: evolve mutates rows it
reached by lookup) its value is copied into the log (except DERIVED values, computed
again instead). `undo(mark)` puts those copies back, newest first. Outside `recording()`
the tables are plain dict/set subclasses with no overrides, so reads elsewhere (decide,
render, queries) run at C speed.

Assumptions, which every evolve handler keeps: the world's nested objects are reached only
through its top-level tables (a loop may read through `dict.__getitem__` to skip the
copy, as long as it changes only what it then reaches through the table), and no
object is shared by two entries.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from typing import Any, Iterator

_MISSING = object()
_IMMUTABLE = (int, str, float, bool, bytes, type(None), tuple, frozenset)
# Values `_clone` hands back as they are (tuples too: no handler mutates what a tuple
# holds), so a container of nothing else is copied at C speed. Every hashable value the
# world holds is one of these (its dataclasses compare by value, so are unhashable): a
# set is copied without looking at its members.
_SHARED = frozenset(_IMMUTABLE)
# A World field, or an aggregate's field, declared with this metadata holds only what the
# world's tasks determine (World.derived says how: a cell's open tasks, a project's
# tasks). The journal never copies it: an undo computes each such value it reached
# again, once everything else is back. A task created in a cell of 15,000 copied three
# containers of 15,000 before (and freed them at the next commit); an undo is rare.
DERIVED = {"journal": "derived"}
_DERIVED = object()  # logged for a derived table's entry: computed again on undo


def _clone(value: Any) -> Any:
    """A copy deep enough that mutating the original leaves it unchanged."""
    kind = type(value)
    if kind in _IMMUTABLE:
        return value
    if kind is dict:
        if _SHARED.issuperset(map(type, value.values())):  # the usual row: a C-speed copy
            return value.copy()
        return {k: _clone(v) for k, v in value.items()}
    if kind is set:  # its members are hashable, so immutable here (see _SHARED)
        return value.copy()
    if kind is list:
        if _SHARED.issuperset(map(type, value)):
            return value.copy()
        return [_clone(v) for v in value]
    if is_dataclass(value):
        copy = object.__new__(kind)
        derived = _derived_fields(kind)
        for f in _fields(kind):  # a derived field is shared: an undo computes it again
            field_value = getattr(value, f)
            object.__setattr__(copy, f, field_value if f in derived else _clone(field_value))
        return copy
    raise TypeError(f"the journal cannot copy a {kind.__name__}")


_FIELDS: dict[type, tuple[str, ...]] = {}
_DERIVED_FIELDS: dict[type, frozenset[str]] = {}


def _fields(kind: type) -> tuple[str, ...]:
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in fields(kind))
    return _FIELDS[kind]


def _derived_fields(kind: type) -> frozenset[str]:
    if kind not in _DERIVED_FIELDS:
        _DERIVED_FIELDS[kind] = frozenset(f.name for f in fields(kind)
                                          if f.metadata.get("journal") == DERIVED["journal"])
    return _DERIVED_FIELDS[kind]


class Table(dict):
    """A world table: a plain dict while the journal is not recording."""


class DerivedTable(Table):
    """A world table whose values are derived (DERIVED)."""


class TableSet(set):
    """A world set (keyed cells that are dense, ...): a plain set while not recording."""


class _TrackedTable(Table):
    """A Table while recording: `_seen` holds the keys copied since the last mark."""

    _copy = staticmethod(_clone)

    def __getitem__(self, key):
        if key not in self._seen:
            self._journal.saw(self, key)
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        if key not in self._seen:
            self._journal.saw(self, key)
        return dict.get(self, key, default)

    def __setitem__(self, key, value):
        if key not in self._seen:
            self._journal.saw(self, key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        if key not in self._seen:
            self._journal.saw(self, key)
        dict.__delitem__(self, key)

    def pop(self, key, *default):
        if key not in self._seen:
            self._journal.saw(self, key)
        return dict.pop(self, key, *default)

    def setdefault(self, key, default=None):
        if key not in self._seen:
            self._journal.saw(self, key)
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


class _TrackedDerivedTable(_TrackedTable, DerivedTable):
    """A DerivedTable while recording: its values never copied."""

    @staticmethod
    def _copy(value: Any) -> Any:
        return _DERIVED


def _set_mutator(name: str):
    def mutate(self, *args):
        if not self._seen:
            self._journal.saw_set(self)
        return getattr(set, name)(self, *args)
    return mutate


class _TrackedSet(TableSet):
    """A TableSet while recording: copied whole at its first change since the last mark."""


for _name in ("add", "discard", "remove", "pop", "clear", "update", "difference_update",
              "intersection_update", "symmetric_difference_update", "__ior__", "__isub__",
              "__iand__", "__ixor__"):
    setattr(_TrackedSet, _name, _set_mutator(_name))


def adopt(world: Any) -> list[Any]:
    """The world's tables; plain dicts and sets are made tables first (copied once), and
    the fields declared DERIVED derived tables."""
    tables = []
    for name in _fields(type(world)):
        value = getattr(world, name)
        if name in _derived_fields(type(world)):
            if type(value) is not DerivedTable:
                value = DerivedTable(value)
                setattr(world, name, value)
        elif type(value) is dict or type(value) is set:
            value = Table(value) if type(value) is dict else TableSet(value)
            setattr(world, name, value)
        if isinstance(value, (Table, TableSet)):
            tables.append(value)
    return tables


def _twins(table: Any) -> tuple[type, type]:
    """(its class while recording, its class otherwise)."""
    if isinstance(table, DerivedTable):
        return _TrackedDerivedTable, DerivedTable
    if isinstance(table, dict):
        return _TrackedTable, Table
    return _TrackedSet, TableSet


class Journal:
    """The undo log of `world` (and of `extra` tables) from its creation, or its last
    restart, on."""

    def __init__(self, world: Any, *extra: Table) -> None:
        self._world = world
        self._tables = adopt(world) + list(extra)
        self._seen = [set() for _ in self._tables]  # per table: keys copied since the mark
        # per table: its set of seen keys, its tracking twin and its plain class, found
        # once here rather than at every recording (two per command)
        self._switch = [(table, seen, *_twins(table))
                        for table, seen in zip(self._tables, self._seen)]
        self._log: list[tuple[Any, Any, Any]] = []  # (table, key or None for a set, old)
        self._table_names = {id(getattr(world, name)): name for name in _fields(type(world))
                             if isinstance(getattr(world, name), (Table, TableSet))}
        self._marks: list[tuple[int, dict[str, Any]]] = []  # (log length, scalar fields)
        self.mark()

    def restart(self) -> None:
        """Forget what was logged: undo from here on only (its tables kept, so a writer
        keeps one journal for its world, not one adopted again at every commit). The
        world's top-level tables must not have been replaced meanwhile."""
        self._log.clear()
        self._marks.clear()
        self.mark()

    def mark(self) -> int:
        """A point to undo to; entries reached after it are copied again when reached."""
        for seen in self._seen:
            seen.clear()
        scalars = {name: value for name in _fields(type(self._world))
                   if type(value := getattr(self._world, name)) in _IMMUTABLE}
        self._marks.append((len(self._log), scalars))
        return len(self._marks) - 1

    def saw(self, table: dict, key: Any) -> None:
        table._seen.add(key)
        old = dict.get(table, key, _MISSING)
        self._log.append((table, key, old if old is _MISSING else table._copy(old)))

    def saw_set(self, table: set) -> None:
        table._seen.add(None)
        self._log.append((table, None, set(table)))

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Track every access to the tables while the block runs."""
        for table, seen, tracked, _ in self._switch:
            table._seen, table._journal = seen, self
            table.__class__ = tracked
        try:
            yield
        finally:  # nothing of the journal stays on a table (a pickle would carry it)
            for table, _, _, plain in self._switch:
                table.__class__ = plain
                del table._seen, table._journal

    def undo(self, mark: int) -> None:
        """Put back every entry reached since `mark` as it was then, and the scalar fields."""
        length, scalars = self._marks[mark]
        derive: dict[tuple[int, Any], tuple[Any, Any]] = {}  # entries computed again after
        for table, key, old in reversed(self._log[length:]):  # the oldest entry decides
            if key is None and isinstance(table, set):
                set.clear(table)
                set.update(table, old)
                continue
            derive.pop((id(table), key), None)
            if old is _MISSING:
                dict.pop(table, key, None)
            elif old is _DERIVED:
                derive[(id(table), key)] = (table, key)
            else:
                dict.__setitem__(table, key, old)
                if is_dataclass(old) and _derived_fields(type(old)):
                    derive[(id(table), key)] = (table, key)
        del self._log[length:]
        del self._marks[mark + 1:]
        for name, value in scalars.items():
            setattr(self._world, name, value)
        for seen in self._seen:
            seen.clear()
        if derive:
            self._derive(list(derive.values()))

    def _derive(self, entries: list[tuple[Any, Any]]) -> None:
        """Compute the derived entries, and the derived fields of restored aggregates,
        again: all in one call, so the world reads its tasks once."""
        wanted: list[tuple[str, Any, str | None]] = []
        targets: list[tuple[Any, Any, str | None]] = []
        for table, key in entries:
            name = self._table_names[id(table)]
            if isinstance(table, DerivedTable):
                wanted.append((name, key, None))
                targets.append((table, key, None))
                continue
            value = dict.__getitem__(table, key)
            for field_name in _derived_fields(type(value)):
                wanted.append((name, key, field_name))
                targets.append((value, key, field_name))
        for (target, key, field_name), computed in zip(targets, self._world.derived(wanted),
                                                       strict=True):
            if field_name is None:
                dict.__setitem__(target, key, computed)
            else:
                object.__setattr__(target, field_name, computed)
