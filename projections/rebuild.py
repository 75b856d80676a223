"""Rebuild read models from the log without downtime, and check them without writing.

Rebuild: fold the log in memory (garbage collection paused), write the projection into
fresh `*__new` tables in short transactions while the server keeps serving the live
ones, catch up with what was appended meanwhile, then, inside one write transaction,
catch up the last events and swap the tables in. Interrupted, it leaves the live tables
untouched; run it again.
"""
from __future__ import annotations

import gc
import sqlite3
from contextlib import contextmanager
from typing import Iterator

from domain.evolve import apply
from domain.evolve.ordering import defer_renumbering, settle_all
from domain.state import Key, World
from eventstore import reader
from eventstore.schema import connect, create_log
from eventstore.writer import fold_log
from projections.progress import Progress
from projections.projector import (CHECKPOINTS_DDL, Projector, build_tables, swap_in,
                                   write_rows)
from projections.tables import PATCHES, PROJECTIONS, TABLES, Table
from projections.verify import Difference, diff_table

SUFFIX = "__new"
CHUNK = 20_000
PROGRESS_STEP = 4096


@contextmanager
def gc_paused() -> Iterator[None]:
    """Folding allocates many long-lived objects; the cyclic collector only slows it."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def fold_with_progress(conn: sqlite3.Connection, progress: Progress | None,
                       world: World | None = None, after: int = 0,
                       until: int | None = None,
                       render_all: bool = False) -> tuple[World, int, set[Key]]:
    """Fold events after `after` into `world`; the last position and what they touched.
    With `render_all` (the caller renders every row afterwards, so what was touched does
    not matter) moves are folded with their renumbering deferred, which is faster."""
    world = world or World()
    touched: set[Key] = set()
    position = after
    if render_all:
        defer_renumbering(world)
    with gc_paused():
        for position, event in reader.read_events(conn, after=after, until=until):
            touched |= apply(world, event)
            if progress and position % PROGRESS_STEP == 0:
                progress.advance(PROGRESS_STEP)
    if render_all:
        settle_all(world)
    return world, position, touched


def _apply_to_new(conn: sqlite3.Connection, world: World, touched: set[Key],
                  names: list[str]) -> None:
    kinds = {t.kind for t in TABLES if t.projection in names}
    kinds |= {p.kind for p in PATCHES if p.of in kinds}
    write_rows(conn, world, {k for k in touched if k[0] in kinds}, suffix=SUFFIX)


def rebuild(path: str, names: list[str] | None = None, show: bool = True) -> int:
    """Rebuild the named projections (all by default); returns the position swapped at."""
    names = list(names or PROJECTIONS)
    conn = connect(path, writer=True)
    create_log(conn)
    conn.execute(CHECKPOINTS_DDL)
    try:
        head = reader.head(conn)[0]
        progress = Progress("rebuild", head) if show else None
        world, position, _ = fold_with_progress(conn, progress, render_all=True)
        if progress:
            progress.finish()
        conn.execute("PRAGMA synchronous=NORMAL")  # scratch tables: only the swap must be durable
        for name in names:
            build_tables(conn, world, name, SUFFIX, chunk=CHUNK)
        conn.execute("PRAGMA synchronous=FULL")
        world, position, touched = fold_with_progress(conn, None, world, position)
        _apply_to_new(conn, world, touched, names)
        conn.execute("BEGIN IMMEDIATE")  # from here the server's writer waits for us
        world, position, touched = fold_with_progress(conn, None, world, position)
        _apply_to_new(conn, world, touched, names)
        for name in names:
            swap_in(conn, name, SUFFIX, position)
        conn.execute("COMMIT")
        return position
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


def check(path: str, names: list[str] | None = None) -> tuple[int, list[Difference]]:
    """Fold the log and compare with the live tables, in one read snapshot; writes nothing."""
    names = list(names or PROJECTIONS)
    conn = connect(path)
    try:
        conn.execute("BEGIN")  # one snapshot: the head and the tables agree
        world, tip = fold_log(conn)
        tables: list[Table] = [t for t in TABLES if t.projection in names]
        differences = [d for t in tables for d in diff_table(conn, world, t)]
        conn.execute("COMMIT")
        return tip.position, differences
    finally:
        conn.close()


def materialize(path: str) -> int:
    """Build every projection of a database whose log was just written (import, replay)."""
    conn = connect(path, writer=True)
    try:
        create_log(conn)
        with gc_paused():
            world, tip = fold_log(conn)
        Projector().setup(conn, world, tip.position)
        return tip.position
    finally:
        conn.close()


