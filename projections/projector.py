"""Keep the read models in step with the log, and rebuild them from a folded world.

Live: the writer calls `apply` inside the transaction that appends the events, so a
committed write is visible to the next read and a crash loses both or neither.
Rebuild: render every row into fresh `*__new` tables, then swap them in one transaction.
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Iterable

from domain.state import Key, World
from eventstore.records import Recorded
from eventstore.sqlite import SqliteLog
from projections import activity, dialect
from projections.tables import PATCH_BY_KIND, PROJECTIONS, TABLE_BY_KIND, TABLES, Patch, Table

# Bump a projection's version when its tables or renderings change: servers started
# with the new code rebuild it from the log before serving.
# projects 3: sprint rows in the domain's names; 4: groups' roles in projects. tasks 5: a task's documents are joined
# around its position column, which a move's renumbering patches in place; planning
# fields in their own column. users 2: is_admin is Kanboard's legacy column (1 only for the
# bootstrap admin), not the role; 3: failed sign-ins (nb_failed_login, lock).
# tasks 7: Kanboard fidelity (a board task's tags by name,
# closed tasks on the board, index on column_id; times and user ids as Kanboard folds
# them), running subtask timers; 8: links between tasks; 9: external links; 10: task files
# (nb_files); 11: a removed subtask leaves its siblings' positions (Kanboard's gap).
# projects 5: project files. users 3: nb_failed_login and lock_expiration_date. activity 1:
# Kanboard's project_activities, filled per event (projections/activity.py); 2: files.
VERSIONS: dict[str, int] = {"users": 3, "projects": 5, "tasks": 13, "keys": 1, "groups": 1,
                            "links": 1, "actions": 1, "activity": 2, "settings": 1}
# Projections filled per event as the log is folded, not rendered from the world.
EVENT_PROJECTIONS = ("activity",)

_CHECKPOINT_COLUMNS = "name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER NOT NULL"


def create_checkpoints(conn: sqlite3.Connection) -> None:
    columns = dialect.of(conn).column_types(_CHECKPOINT_COLUMNS)
    conn.execute(f"CREATE TABLE IF NOT EXISTS projection_checkpoints ({columns})")


def checkpoints(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    create_checkpoints(conn)
    return {name: (version, position) for name, version, position
            in conn.execute("SELECT name, version, position FROM projection_checkpoints")}


def stale_projections(conn: sqlite3.Connection, head: int) -> list[str]:
    """Projections whose stored version or checkpoint does not match this code and log."""
    stored = checkpoints(conn)
    return [name for name in PROJECTIONS if stored.get(name) != (VERSIONS[name], head)]


def _insert_sql(table: Table, name: str | None = None) -> str:
    return f"INSERT INTO {name or table.name} VALUES ({','.join('?' * table.width)})"


def write_rows(conn: sqlite3.Connection, world: World, touched: Iterable[Key],
               suffix: str = "") -> None:
    """Re-render the touched entities' rows (in `<table><suffix>` while rebuilding)."""
    by_kind: dict[str, list[int]] = defaultdict(list)
    for kind, item_id in touched:
        by_kind[kind].append(item_id)
    for kind, ids in by_kind.items():
        if kind in PATCH_BY_KIND:
            continue
        table = TABLE_BY_KIND[kind]
        name = table.name + suffix
        conn.executemany(f"DELETE FROM {name} WHERE key = ?", [(i,) for i in ids])
        rows = [row for i in ids for row in table.rows(world, i)]
        if rows:
            conn.executemany(_insert_sql(table, name), rows)
    for kind, ids in by_kind.items():
        if kind in PATCH_BY_KIND:
            _patch(conn, world, PATCH_BY_KIND[kind], set(ids) - set(by_kind.get(
                PATCH_BY_KIND[kind].of, ())), suffix)


def _patch(conn: sqlite3.Connection, world: World, patch: Patch, ids: set[int],
           suffix: str) -> None:
    """Rows re-rendered whole in the same batch already hold the new value."""
    name = TABLE_BY_KIND[patch.of].name + suffix
    values = [(patch.value(world, i), i) for i in ids]
    conn.executemany(f"UPDATE {name} SET {patch.column} = ? WHERE key = ?",
                     [v for v in values if v[0] is not None])


def set_checkpoint(conn: sqlite3.Connection, name: str, position: int) -> None:
    set_checkpoints(conn, (name,), position)


def set_checkpoints(conn: sqlite3.Connection, names: Iterable[str], position: int) -> None:
    """Every named projection at `position`, in one statement (a group commit moves nine)."""
    conn.executemany("INSERT INTO projection_checkpoints VALUES (?, ?, ?) ON CONFLICT (name) "
                     "DO UPDATE SET version = excluded.version, position = excluded.position",
                     [(name, VERSIONS[name], position) for name in names])


def tables_of(projection: str) -> list[Table]:
    return [t for t in TABLES if t.projection == projection]


def build_tables(conn: sqlite3.Connection, world: World, projection: str, suffix: str,
                 chunk: int | None = None) -> None:
    """Render a projection's every row into `<table><suffix>` tables, created afresh.

    With `chunk`, rows go in in transactions of that many, so a running server's writer
    is never held up for long; without it the caller owns the transaction."""
    for table in tables_of(projection):
        target = table.name + suffix
        conn.execute(f"DROP TABLE IF EXISTS {target}")
        conn.execute(table.create_table(target, dialect.of(conn)))
        rows = [row for item_id in table.ids(world) for row in table.rows(world, item_id)]
        step = chunk or max(len(rows), 1)
        for start in range(0, len(rows), step):
            if chunk:
                conn.execute(dialect.of(conn).begin_write)
            conn.executemany(_insert_sql(table, target), rows[start:start + step])
            if chunk:
                conn.execute("COMMIT")


def swap_in(conn: sqlite3.Connection, projection: str, suffix: str, position: int) -> None:
    """Replace the live tables by the built ones; the caller owns the transaction."""
    for table in tables_of(projection):
        conn.execute(f"DROP TABLE IF EXISTS {table.name}")
        conn.execute(f"ALTER TABLE {table.name}{suffix} RENAME TO {table.name}")
        for statement in table.create_indexes():
            conn.execute(statement)
    set_checkpoint(conn, projection, position)


class VersionMismatch(Exception):
    """Stored projections were built by code of another version and may not be rebuilt."""


def version_mismatches(conn: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """{projection: (stored version, this code's version)} where they differ."""
    return {name: (stored[0], VERSIONS[name]) for name, stored in checkpoints(conn).items()
            if name in VERSIONS and stored[0] != VERSIONS[name]}


class Projector:
    """The live projector the writer drives."""

    def __init__(self, auto_rebuild: bool = True) -> None:
        self.auto_rebuild = auto_rebuild

    def setup(self, conn: sqlite3.Connection, world: World, position: int) -> None:
        """Before serving, in the caller's transaction: build missing or lagging
        projections, and rebuild those made by another version of the code (or refuse to,
        without auto-rebuild)."""
        mismatches = version_mismatches(conn)
        if mismatches and not self.auto_rebuild:
            detail = ", ".join(f"{n} is version {old}, this code needs {new}"
                               for n, (old, new) in sorted(mismatches.items()))
            raise VersionMismatch(f"projections need a rebuild ({detail}); run "
                                  "`boardlog rebuild` or start without --no-auto-rebuild")
        for name in stale_projections(conn, position):
            build_tables(conn, world, name, "__new")
            swap_in(conn, name, "__new", position)
        if checkpoints(conn).get("activity") != (VERSIONS["activity"], position):
            activity.build(conn, SqliteLog(conn), until=position)
            set_checkpoint(conn, "activity", position)

    def apply(self, conn: sqlite3.Connection, world: World, touched: set[Key],
              position: int) -> None:
        write_rows(conn, world, touched)

    # the activity stream sees each event with the world just before and after it
    def before(self, world: World, event) -> object:
        return activity.before(world, event)

    def after(self, world: World, event, seen: object) -> list:
        return activity.after(world, event, seen)

    def record(self, conn: sqlite3.Connection, rows: list[Recorded], notes: list) -> None:
        for row, note in zip(rows, notes, strict=True):
            activity.record(conn, row, note)

    def finish(self, conn: sqlite3.Connection, position: int) -> None:
        """Checkpoints move once per group commit, in the same transaction as its rows."""
        set_checkpoints(conn, PROJECTIONS + EVENT_PROJECTIONS, position)


class Projectors:
    """Several projectors driven as one, in the order given."""

    def __init__(self, *projectors) -> None:
        self.projectors = projectors

    def setup(self, conn: sqlite3.Connection, world: World, position: int) -> None:
        for projector in self.projectors:
            projector.setup(conn, world, position)

    def apply(self, conn: sqlite3.Connection, world: World, touched: set[Key],
              position: int) -> None:
        for projector in self.projectors:
            projector.apply(conn, world, touched, position)

    def before(self, world: World, event) -> list:
        return [p.before(world, event) if hasattr(p, "record") else None
                for p in self.projectors]

    def after(self, world: World, event, seen: list) -> list:
        return [p.after(world, event, s) if hasattr(p, "record") else None
                for p, s in zip(self.projectors, seen)]

    def record(self, conn: sqlite3.Connection, rows: list[Recorded], notes: list) -> None:
        for i, projector in enumerate(self.projectors):
            if hasattr(projector, "record"):
                projector.record(conn, rows, [n[i] for n in notes])

    def finish(self, conn: sqlite3.Connection, position: int) -> None:
        for projector in self.projectors:
            projector.finish(conn, position)
