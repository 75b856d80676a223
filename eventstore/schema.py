"""The log's table, and the connection settings every boardlog connection uses.

`connect(location)` is where every connection is made: a SQLite file (or `:memory:`)
gives a `SqliteConnection`, a `postgresql://` (or `postgres://`) URL a
`eventstore.pg_connection.PgConnection` with the same surface. Both carry `dialect`
("sqlite" | "postgresql"), so SQL that differs between them chooses in one place.
"""
from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    from eventstore.pg_connection import PgConnection

POSTGRES_PREFIXES = ("postgresql://", "postgres://")


def is_postgres(location: str) -> bool:
    """Whether a database location names PostgreSQL (else it is a SQLite file)."""
    return location.startswith(POSTGRES_PREFIXES)


class SqliteConnection(sqlite3.Connection):
    """sqlite3's connection, marked with its SQL dialect."""

    dialect = "sqlite"


Connection = Union[SqliteConnection, "PgConnection"]  # what `connect` returns


def dialect_of(conn: object) -> str:
    """"sqlite" or "postgresql" (a plain sqlite3 connection, as tests open, is SQLite)."""
    return getattr(conn, "dialect", "sqlite")


def table_exists(conn, name: str) -> bool:
    """Whether the database (on PostgreSQL: the search path) has table `name`."""
    if dialect_of(conn) == "postgresql":
        return bool(conn.execute("SELECT to_regclass(?) IS NOT NULL", (name,)).fetchone()[0])
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                        (name,)).fetchone() is not None

LOG_DDL = """
CREATE TABLE IF NOT EXISTS events (
    position        INTEGER PRIMARY KEY,
    stream_id       TEXT    NOT NULL,
    stream_version  INTEGER NOT NULL,
    type            TEXT    NOT NULL,
    schema_version  INTEGER NOT NULL,
    data            TEXT    NOT NULL,
    metadata        TEXT    NOT NULL,
    recorded_at     TEXT    NOT NULL,
    hash            TEXT    NOT NULL,
    UNIQUE (stream_id, stream_version)
);
CREATE INDEX IF NOT EXISTS events_recorded_at ON events (recorded_at);
CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END;
"""


BUSY_TIMEOUT_MS = 30_000  # how long a statement waits for a lock another connection holds


def connect(path: str, *, writer: bool = False) -> Connection:
    """A connection to a location in autocommit (explicit BEGIN opens a transaction). On
    SQLite in WAL mode, the writer's durable (synchronous=FULL); on PostgreSQL the
    writer's creates the location's `schema=` if it is missing."""
    if is_postgres(path):
        from eventstore.pg_connection import connect as connect_postgres  # psycopg on demand
        return connect_postgres(path, create_schema=writer)
    return connect_sqlite(path, writer=writer)


def connect_sqlite(path: str, *, writer: bool = False) -> SqliteConnection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000, factory=SqliteConnection)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA cache_size=-65536")
    conn.execute("PRAGMA mmap_size=268435456")
    conn.execute("PRAGMA temp_store=MEMORY")
    if writer:
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA wal_autocheckpoint=4000")
    return conn


def create_log(conn: Connection) -> None:
    """Create the log's tables if missing (on PostgreSQL also its snapshots and blobs)."""
    if dialect_of(conn) == "postgresql":
        from eventstore.pg_schema import create_log as create_postgres_log
        create_postgres_log(conn)
        return
    conn.executescript(LOG_DDL)
    conn.execute(TASK_PROJECT_INDEX)


# Finds a project's task streams without scanning every event (time travel, activity).
TASK_PROJECT_INDEX = """CREATE INDEX IF NOT EXISTS events_task_project_v2
ON events (json_extract(data, '$.project_id')) WHERE type IN ('TaskCreated', 'TaskMovedToProject')"""
