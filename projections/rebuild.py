"""Rebuild read models from the log without downtime, and check them without writing.

Rebuild: fold the log in memory (garbage collection paused), write the projection into
fresh `*__new` tables in short transactions while the server keeps serving the live
ones, catch up with what was appended meanwhile, then, inside one write transaction,
catch up the last events and swap the tables in. Interrupted, it leaves the live tables
untouched; run it again.
"""
from __future__ import annotations

import sqlite3

from domain.state import Key, World
from eventstore.backends import open_log_recorder
from eventstore.fold import Folded, fold
from eventstore.schema import connect, create_log
from eventstore.sqlite import SqliteLog
from projections.progress import Progress
from projections import activity, dialect
from projections.projector import (EVENT_PROJECTIONS, Projector, build_tables,
                                   create_checkpoints, set_checkpoint, swap_in,
                                   write_rows)
from projections.tables import PATCHES, PROJECTIONS, TABLES, Table
from projections.verify import Difference, diff_table

SUFFIX = "__new"
CHUNK = 20_000


def _apply_to_new(conn: sqlite3.Connection, world: World, touched: set[Key],
                  names: list[str]) -> None:
    kinds = {t.kind for t in TABLES if t.projection in names}
    kinds |= {p.kind for p in PATCHES if p.of in kinds}
    write_rows(conn, world, {k for k in touched if k[0] in kinds}, suffix=SUFFIX)


def _catch_up_new(conn: sqlite3.Connection, folded: Folded, names: list[str]) -> Folded:
    """Fold what was appended since `folded` and render it into the new tables."""
    folded = fold(SqliteLog(conn), world=folded.world, after=folded.position, touched=True)
    _apply_to_new(conn, folded.world, folded.touched, names)
    return folded


def rebuild(path: str, names: list[str] | None = None, show: bool = True) -> int:
    """Rebuild the named projections (all by default); returns the position swapped at.

    The activity stream is filled per event by a fold of its own, inside the final
    transaction (it needs the world before and after each event, not only at the end)."""
    names = list(names or PROJECTIONS + EVENT_PROJECTIONS)
    per_event = [n for n in names if n in EVENT_PROJECTIONS]
    names = [n for n in names if n not in EVENT_PROJECTIONS]
    conn = connect(path, writer=True)
    create_log(conn)
    create_checkpoints(conn)
    sql = dialect.of(conn)
    try:
        log = SqliteLog(conn)
        progress = Progress("rebuild", log.head().position) if show else None
        folded = fold(log, progress=progress.advance if progress else None)
        if progress:
            progress.finish()
        conn.execute(sql.durable_commits(False))  # scratch tables: only the swap must be durable
        for name in names:
            build_tables(conn, folded.world, name, SUFFIX, chunk=CHUNK)
        conn.execute(sql.durable_commits(True))
        folded = _catch_up_new(conn, folded, names)
        conn.execute(sql.begin_write)  # from here the servers' writers wait for us
        for statement in sql.hold_appends:
            conn.execute(statement)
        folded = _catch_up_new(conn, folded, names)
        if "activity" in per_event:  # built before any swap: PostgreSQL's readers of a
            # swapped table wait for the COMMIT, so the swaps come last and quick
            activity.build(conn, log, until=folded.position, table="activities" + SUFFIX)
        for name in names:
            swap_in(conn, name, SUFFIX, folded.position)
        if "activity" in per_event:
            activity.swap_in(conn, "activities" + SUFFIX)
            set_checkpoint(conn, "activity", folded.position)
        conn.execute("COMMIT")
        return folded.position
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


def check(path: str, names: list[str] | None = None) -> tuple[int, list[Difference]]:
    """Fold the log and compare with the live tables, in one read snapshot; writes nothing."""
    names = list(names or PROJECTIONS)
    conn = connect(path)
    try:
        conn.execute(dialect.of(conn).begin_snapshot)  # the head and the tables agree
        folded = fold(SqliteLog(conn))
        tables: list[Table] = [t for t in TABLES if t.projection in names]
        differences = [d for t in tables for d in diff_table(conn, folded.world, t)]
        conn.execute("COMMIT")
        return folded.position, differences
    finally:
        conn.close()


def materialize(path: str) -> int:
    """Build every projection of a database whose log was just written (import, replay)."""
    recorder = open_log_recorder(path)
    try:
        folded = fold(recorder)
        with recorder.transaction() as txn:
            Projector().setup(txn.connection, folded.world, folded.position)
        return folded.position
    finally:
        recorder.close()
