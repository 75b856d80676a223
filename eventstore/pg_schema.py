"""boardlog's tables in PostgreSQL: the log (append-only, enforced by triggers), the row
whose lock serialises appends, snapshots and blobs. The same columns as in SQLite
(eventstore/schema.py), with PostgreSQL's types: BIGINT positions, BYTEA for bytes, and
byte-order ("C") collation on the texts compared by range, as SQLite compares them."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventstore.pg_connection import PgConnection

# The events' data and metadata stay TEXT, never json/jsonb: an export must give back
# the exact bytes the hash chain covers.
LOG_DDL = """
CREATE TABLE IF NOT EXISTS events (
    position        BIGINT  PRIMARY KEY,
    stream_id       TEXT    COLLATE "C" NOT NULL,
    stream_version  INTEGER NOT NULL,
    type            TEXT    COLLATE "C" NOT NULL,
    schema_version  INTEGER NOT NULL,
    data            TEXT    NOT NULL,
    metadata        TEXT    NOT NULL,
    recorded_at     TEXT    COLLATE "C" NOT NULL,
    hash            TEXT    NOT NULL,
    UNIQUE (stream_id, stream_version)
);
CREATE INDEX IF NOT EXISTS events_recorded_at ON events (recorded_at);
CREATE INDEX IF NOT EXISTS events_task_project ON events (((data::json ->> 'project_id')))
    WHERE type IN ('TaskCreated', 'TaskMovedToProject');
CREATE OR REPLACE FUNCTION boardlog_append_only() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN RAISE EXCEPTION 'the event log is append-only'; END $$;
CREATE OR REPLACE TRIGGER events_no_update BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION boardlog_append_only();
CREATE OR REPLACE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION boardlog_append_only();
-- One row, locked FOR UPDATE by every appending transaction (eventstore/postgres.py).
CREATE TABLE IF NOT EXISTS log_lock (id INTEGER PRIMARY KEY CHECK (id = 1));
INSERT INTO log_lock VALUES (1) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS snapshots (
    name TEXT NOT NULL, position BIGINT NOT NULL, version INTEGER NOT NULL, data BYTEA NOT NULL,
    PRIMARY KEY (name, position));
CREATE TABLE IF NOT EXISTS world_snapshot (
    position BIGINT PRIMARY KEY, hash TEXT NOT NULL, version TEXT NOT NULL,
    digest TEXT NOT NULL, data BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, data BYTEA NOT NULL);
"""


def create_log(conn: "PgConnection") -> None:
    """Create what is missing, once even when processes start together (the DDL runs
    under a transaction-scoped advisory lock named after the schema)."""
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('boardlog:' || current_schema()))")
        conn.executescript(LOG_DDL)
        conn.execute("COMMIT")
    except BaseException:
        conn.rollback()
        raise
