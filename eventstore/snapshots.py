"""Versioned snapshots of a stream group's folded state, kept beside the log.

A snapshot is only a shortcut: it is read only when its version is the current code's,
and anything it lacks is folded from the log. Deleting them all is always safe.

Both backends: on PostgreSQL the tables are made with the log (eventstore/pg_schema.py,
BYTEA for BLOB), so the DDL here finds them and does nothing.
"""
from __future__ import annotations

import sqlite3

from eventstore.schema import Connection, dialect_of

SNAPSHOTS_DDL = """CREATE TABLE IF NOT EXISTS snapshots (
    name TEXT NOT NULL, position INTEGER NOT NULL, version INTEGER NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (name, position))"""


def save(conn: Connection, name: str, position: int, version: int, data: bytes) -> None:
    replace = ("INSERT INTO snapshots VALUES (?, ?, ?, ?) ON CONFLICT (name, position) DO "
               "UPDATE SET version = excluded.version, data = excluded.data"
               if dialect_of(conn) == "postgresql" else
               "INSERT OR REPLACE INTO snapshots VALUES (?, ?, ?, ?)")
    conn.execute(replace, (name, position, version, data))


def latest(conn: Connection, name: str, until: int,
           version: int) -> tuple[int, bytes] | None:
    """The newest snapshot of `name` at or before `until` made by this version of the code."""
    try:
        row = conn.execute("SELECT position, data FROM snapshots WHERE name = ? AND "
                           "position <= ? AND version = ? ORDER BY position DESC LIMIT 1",
                           (name, until, version)).fetchone()
    except sqlite3.OperationalError:  # a database from before snapshots existed
        return None
    return (row[0], row[1]) if row else None


# The writer's whole world at one position (eventstore.world_snapshot); only the newest
# is kept, written in the transaction of the events it follows.
WORLD_SNAPSHOT_DDL = """CREATE TABLE IF NOT EXISTS world_snapshot (
    position INTEGER PRIMARY KEY, hash TEXT NOT NULL, version TEXT NOT NULL,
    digest TEXT NOT NULL, data BLOB NOT NULL)"""


def save_world(conn: Connection, position: int, hash_: str, version: str,
               digest: str, data: bytes) -> None:
    conn.execute(WORLD_SNAPSHOT_DDL)
    conn.execute("DELETE FROM world_snapshot")
    conn.execute("INSERT INTO world_snapshot VALUES (?, ?, ?, ?, ?)",
                 (position, hash_, version, digest, data))


def latest_world(conn: Connection) -> tuple[int, str, str, str, bytes] | None:
    try:
        row = conn.execute("SELECT position, hash, version, digest, data FROM world_snapshot "
                           "ORDER BY position DESC LIMIT 1").fetchone()
    except sqlite3.OperationalError:  # a database from before world snapshots
        return None
    if dialect_of(conn) == "sqlite":
        _let_go(conn)
    return tuple(row) if row else None


def _let_go(conn: sqlite3.Connection) -> None:
    """Let go of the pages the snapshot was read through, mapped or copied into the
    connection's page cache: they would stay resident (and counted) for as long as the
    connection lives, some 19 MiB for a world of 20k tasks."""
    size = conn.execute("PRAGMA mmap_size").fetchone()[0]
    conn.execute("PRAGMA mmap_size=0")
    conn.execute(f"PRAGMA mmap_size={int(size)}")
    conn.execute("PRAGMA shrink_memory")
