"""Versioned snapshots of a stream group's folded state, kept beside the log.

A snapshot is only a shortcut: it is read only when its version is the current code's,
and anything it lacks is folded from the log. Deleting them all is always safe.
"""
from __future__ import annotations

import sqlite3

SNAPSHOTS_DDL = """CREATE TABLE IF NOT EXISTS snapshots (
    name TEXT NOT NULL, position INTEGER NOT NULL, version INTEGER NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (name, position))"""


def save(conn: sqlite3.Connection, name: str, position: int, version: int, data: bytes) -> None:
    conn.execute("INSERT OR REPLACE INTO snapshots VALUES (?, ?, ?, ?)",
                 (name, position, version, data))


def latest(conn: sqlite3.Connection, name: str, until: int,
           version: int) -> tuple[int, bytes] | None:
    """The newest snapshot of `name` at or before `until` made by this version of the code."""
    try:
        row = conn.execute("SELECT position, data FROM snapshots WHERE name = ? AND "
                           "position <= ? AND version = ? ORDER BY position DESC LIMIT 1",
                           (name, until, version)).fetchone()
    except sqlite3.OperationalError:  # a database from before snapshots existed
        return None
    return (row[0], row[1]) if row else None
