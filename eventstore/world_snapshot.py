"""A snapshot of the writer's whole world at a log position, so a restart folds only the
events after it instead of the whole log.

A snapshot is a shortcut, never trusted over the log. It is used only when
- its version is this code's: the domain's SNAPSHOT_VERSION (bumped when World or evolve's
  results change), the shape of World and of its aggregates (their field names, so a
  forgotten bump of a new field still misses), this format and this Python's marshal;
- its digest matches its bytes (SHA-256, or HMAC-SHA256 under the log's chain key, so
  whoever can write the file but lacks the key cannot plant a world);
- the log still has, at the snapshot's position, the hash the snapshot was made at (the
  hash chain covers every event before it, so the snapshot folds the same prefix).
Anything else is ignored and the log is folded from the start. `boardlog verify` and
`rebuild --check` never read snapshots.

The world is stored with marshal (plain dicts, lists, sets, tuples, strings and numbers:
about twice as fast to load as pickle, and loading runs no code), its aggregates as tuples
of their fields, its comments and subtasks column by column (a tuple of ids and one tuple
per field: no dict or tuple per row to load and free), loaded as rows that share their
keys (domain.rows).
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import marshal
import os
import sys
import tempfile
from dataclasses import dataclass, fields
from typing import Any

from domain import rows
from domain.journal import Table, TableSet
from domain.snapshot import SNAPSHOT_VERSION
from domain.state import ProjectState, TaskState, World
from eventstore.fold import gc_paused

log = logging.getLogger("boardlog.snapshot")
FORMAT = 2  # 2: comments and subtasks by column
EVERY = 100_000  # events between snapshots while serving (and one at every clean stop)

_AGGREGATES = {"projects": ProjectState, "tasks": TaskState}


@dataclass(frozen=True)
class WorldSnapshot:
    position: int
    hash: str  # the log's hash at `position`
    version: str
    digest: str  # of position, hash, version and data
    data: bytes


def _names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def code_version() -> str:
    """What a snapshot must have been made by to be read by this code."""
    shape = repr([_names(World)] + [_names(kind) for kind in _AGGREGATES.values()] +
                 [shape.names for shape in _SHAPES.values()])
    digest = hashlib.sha256(shape.encode()).hexdigest()[:16]
    return (f"world-{FORMAT}.domain-{SNAPSHOT_VERSION}.shape-{digest}."
            f"py{sys.version_info[0]}.{sys.version_info[1]}.marshal-{marshal.version}")


def _digest(position: int, head_hash: str, version: str, data: bytes,
            key: bytes | None) -> str:
    message = b"\x1f".join((str(position).encode(), head_hash.encode(), version.encode(), data))
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return "hmac:" + hmac.new(key, message, hashlib.sha256).hexdigest()


def _plain(value: Any) -> Any:
    """A top-level table as the builtin marshal stores (the journal's Table is a subclass)."""
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, set):
        return set(value)
    return value


# the tables that grow with the log, beside the tasks, and the shape of their rows
_SHAPES = {"subtasks": rows.SUBTASK, "comments": rows.COMMENT}
_SHARED = (int, str)
_BY_COLUMN = "by column"


def _one(value: Any, shared: dict[Any, Any]) -> Any:
    """Equal numbers and texts made one object each (timestamps, colours, roles, the
    comment pasted twice...): marshal stores an object seen before as a reference, so
    the loaded world holds one copy of each."""
    if type(value) in _SHARED:
        return shared.setdefault(value, value)
    return value


def _shared(row: dict[str, Any], shared: dict[Any, Any] | None) -> dict[str, Any]:
    if shared is None:
        return row
    return {k: _one(v, shared) for k, v in row.items()}


def _field(value: Any, name: str, shared: dict[Any, Any] | None) -> Any:
    """An aggregate's field as stored: its row's values and its order key shared (the
    keys of cells of the same size are the same: spread_keys)."""
    if shared is None:
        return value
    if name == "row":
        return _shared(value, shared)
    return _one(value, shared) if name == "order_key" else value


def _by_column(table: dict[int, dict[str, Any]], shape: rows.RowShape,
               shared: dict[Any, Any] | None) -> tuple | dict[int, dict[str, Any]]:
    """(_BY_COLUMN, ids, one tuple per field) when every row has the shape's keys in its
    order, else the rows as they are (a world folded by older code may differ)."""
    names, width = shape.names, len(shape.names)
    if not all(len(row) == width and tuple(row) == names for row in table.values()):
        return {k: _shared(row, shared) for k, row in table.items()}
    columns = tuple(zip(*(row.values() for row in table.values()))) or ((),) * width
    if shared is not None:
        columns = tuple(tuple(_one(v, shared) for v in column) for column in columns)
    return (_BY_COLUMN, tuple(table), columns)


def _rows(stored: tuple | dict[int, dict[str, Any]], shape: rows.RowShape
          ) -> dict[int, dict[str, Any]]:
    if isinstance(stored, dict):
        return {k: shape.of(row) for k, row in stored.items()}
    _, ids, columns = stored
    return shape.all(ids, columns)


def make(world: World, versions: dict[str, int], position: int, head_hash: str,
         key: bytes | None = None, share: bool = False) -> WorldSnapshot:
    """The snapshot of `world` and the streams' `versions` at `position`; with `share`,
    equal values in rows stored once (a fifth less memory once loaded, for about three
    times the time to make: for a stop, not while serving). Raises ValueError if the
    world holds something marshal cannot store."""
    return seal(dump(world, versions, share), position, head_hash, key)


def dump(world: World, versions: dict[str, int], share: bool = False) -> bytes:
    """The bytes of a snapshot of `world` (see `make`)."""
    state: dict[str, Any] = {}
    shared: dict[Any, Any] | None = {} if share else None
    for name in _names(World):
        value = getattr(world, name)
        if name in _AGGREGATES:
            attributes = _names(_AGGREGATES[name])
            value = {k: tuple(_field(getattr(item, a), a, shared) for a in attributes)
                     for k, item in value.items()}
        elif name in _SHAPES:
            value = _by_column(value, _SHAPES[name], shared)
        elif name == "keyed" and shared is not None:  # the same keys as the tasks'
            value = {cell: [(_one(k, shared), t) for k, t in order]
                     for cell, order in value.items()}
        state[name] = _plain(value)
    return marshal.dumps((state, dict(versions)))


def seal(data: bytes, position: int, head_hash: str, key: bytes | None = None
         ) -> WorldSnapshot:
    """A snapshot's bytes with the version and digest that make them usable."""
    version = code_version()
    return WorldSnapshot(position, head_hash, version,
                         _digest(position, head_hash, version, data, key), data)


class InBackground:
    """A snapshot of the world made by a forked copy of this process, whose memory the
    fork shares copy-on-write: the writer goes on while it is made, held up only by the
    fork and, once it is done, by reading and sealing its bytes. The child runs only
    `dump` and a file write (the fork copies only the forking thread: no logging, no
    locks another thread may have held) and leaves with os._exit. The file has no name
    (tempfile.TemporaryFile): whichever process dies, nothing is left behind."""

    def __init__(self, world: World, versions: dict[str, int], position: int,
                 head_hash: str) -> None:
        self.position, self.hash = position, head_hash
        self._file = tempfile.TemporaryFile(prefix="boardlog-world-")
        self._pid = os.fork()
        if self._pid == 0:
            code = 1
            try:
                self._file.write(dump(world, versions))
                self._file.flush()
                code = 0
            finally:
                os._exit(code)
        self._status: int | None = None

    def done(self) -> bool:
        if self._status is None:
            pid, status = os.waitpid(self._pid, os.WNOHANG)
            if pid:
                self._status = status
        return self._status is not None

    def result(self, key: bytes | None = None) -> WorldSnapshot | None:
        """The sealed snapshot, waiting for the child if need be; None if it failed."""
        if self._status is None:
            self._status = os.waitpid(self._pid, 0)[1]
        with self._file:
            code = os.waitstatus_to_exitcode(self._status)
            if code != 0:
                log.warning("world snapshot at %d not made (its process exited with %d)",
                            self.position, code)
                return None
            self._file.seek(0)  # the child's writes moved the offset both share
            return seal(self._file.read(), self.position, self.hash, key)


def read(snapshot: WorldSnapshot, log_hash: str | None,
         key: bytes | None = None) -> tuple[World, dict[str, int]] | None:
    """The world and stream versions of a usable snapshot, or None (and why, logged).
    `log_hash`: the log's hash at the snapshot's position (None: the log is shorter)."""
    problem = _problem(snapshot, log_hash, key)
    if problem is None:
        try:
            return _restore(snapshot.data)
        except Exception as exc:  # a digest that matches bytes this code cannot read
            problem = f"unreadable ({exc.__class__.__name__})"
    log.warning("world snapshot at %d ignored: %s; folding the log from the start",
                snapshot.position, problem)
    return None


def _problem(snapshot: WorldSnapshot, log_hash: str | None, key: bytes | None) -> str | None:
    if snapshot.version != code_version():
        return f"made by other code ({snapshot.version})"
    if log_hash != snapshot.hash:
        return "the log differs at its position"
    expected = _digest(snapshot.position, snapshot.hash, snapshot.version, snapshot.data, key)
    if not hmac.compare_digest(expected, snapshot.digest):
        return "its digest does not match (corrupt, or made under another chain key)"
    return None


def _restore(data: bytes) -> tuple[World, dict[str, int]]:
    with gc_paused():  # millions of long-lived objects: the cyclic collector only slows it
        return _rebuild(*marshal.loads(data))


def _built(stored: dict[Any, tuple], kind: type) -> None:
    """Each stored tuple of fields replaced, in place, by the aggregate it makes: freed
    as the next one is made, a tuple leaves its memory to that aggregate (the same size
    class), rather than some 2 MiB of holes for 20k tasks once all are freed at the end."""
    for k, item in stored.items():
        stored[k] = kind(*item)


def _rebuild(state: dict[str, Any], versions: dict[str, int]) -> tuple[World, dict[str, int]]:
    world = World()
    for name in _names(World):
        value = state[name]
        if name in _AGGREGATES:
            _built(value, _AGGREGATES[name])
        elif name in _SHAPES:
            value = _rows(value, _SHAPES[name])
        if isinstance(value, dict):
            value = Table(value)
        elif isinstance(value, set):
            value = TableSet(value)
        setattr(world, name, value)
    return world, versions
