"""The log's table, and the connection settings every boardlog connection uses."""
from __future__ import annotations

import sqlite3

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


def connect(path: str, *, writer: bool = False) -> sqlite3.Connection:
    """A connection in WAL mode; the writer's is durable (synchronous=FULL) and owns commits."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                           timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA cache_size=-65536")
    conn.execute("PRAGMA mmap_size=268435456")
    conn.execute("PRAGMA temp_store=MEMORY")
    if writer:
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA wal_autocheckpoint=4000")
    return conn


def create_log(conn: sqlite3.Connection) -> None:
    conn.executescript(LOG_DDL)
    conn.execute(TASK_PROJECT_INDEX)


# Finds a project's task streams without scanning every event (time travel, activity).
TASK_PROJECT_INDEX = """CREATE INDEX IF NOT EXISTS events_task_project_v2
ON events (json_extract(data, '$.project_id')) WHERE type IN ('TaskCreated', 'TaskMovedToProject')"""
