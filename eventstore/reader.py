"""Readers of the log: by stream, from a global position, and the head. Each takes a
connection of either backend (eventstore/schema.py connect); where the SQL differs, it
chooses by the connection's dialect."""
from __future__ import annotations

from typing import Iterator

from domain.events import BLOB_EVENTS, Event
from eventstore.records import COLUMNS, Recorded, decode
from eventstore.schema import Connection, dialect_of

_SELECT = f"SELECT {', '.join(COLUMNS)} FROM events"


def _upto(until: int | None) -> int:
    """The last position a read may return: `until` (0 is before the first event), or
    every position when None."""
    return 2**62 if until is None else until


def head(conn: Connection, until: int | None = None) -> tuple[int, str | None]:
    """The last position (at or before `until`) and its hash; (0, None) for an empty log."""
    row = conn.execute("SELECT position, hash FROM events WHERE position <= ? "
                       "ORDER BY position DESC LIMIT 1", (_upto(until),)).fetchone()
    return (row[0], row[1]) if row else (0, None)


def read_all(conn: Connection, after: int = 0, until: int | None = None,
             batch: int = 5000) -> Iterator[Recorded]:
    """Every event after `after` (and up to `until`), oldest first, read in pages."""
    limit = until if until is not None else 2**62
    while True:
        rows = conn.execute(f"{_SELECT} WHERE position > ? AND position <= ? ORDER BY position "
                            "LIMIT ?", (after, limit, batch)).fetchall()
        for row in rows:
            yield Recorded(*row)
        if len(rows) < batch:
            return
        after = rows[-1][0]


def read_events(conn: Connection, after: int = 0, until: int | None = None,
                batch: int = 20000) -> Iterator[tuple[int, Event]]:
    """(position, event) after `after`, oldest first: the lean path for folding, which
    needs neither metadata nor hashes."""
    limit = until if until is not None else 2**62
    while True:
        rows = conn.execute("SELECT position, type, schema_version, data FROM events "
                            "WHERE position > ? AND position <= ? ORDER BY position LIMIT ?",
                            (after, limit, batch)).fetchall()
        for position, type_, version, data in rows:
            yield position, decode(type_, version, data)
        if len(rows) < batch:
            return
        after = rows[-1][0]


def read_page(conn: Connection, after: int, limit: int) -> list[Recorded]:
    rows = conn.execute(f"{_SELECT} WHERE position > ? ORDER BY position LIMIT ?",
                        (after, limit)).fetchall()
    return [Recorded(*row) for row in rows]


def read_streams(conn: Connection, stream_ids: list[str], until: int | None = None,
                 after: int = 0) -> list[Recorded]:
    """The events of the given streams, in log order, after one position up to another."""
    marks, upto = ",".join("?" * len(stream_ids)), _upto(until)
    # A short position range past a snapshot is scanned (the unary + keeps SQLite off the
    # stream index); a long one, or from the start, is read through each stream's index
    # (the unary + keeps SQLite off the position range, which it would rather scan: for
    # one project of twenty that reads twenty events for each one it keeps).
    # PostgreSQL has no unary + on text and plans by its own statistics: plain columns.
    plus = "+" if dialect_of(conn) == "sqlite" else ""
    if after and upto - after <= _SCANNED_PER_STREAM * len(stream_ids):
        where = f"{plus}stream_id IN ({marks}) AND position > ? AND position <= ?"
    else:
        where = f"stream_id IN ({marks}) AND {plus}position > ? AND {plus}position <= ?"
    rows = conn.execute(f"{_SELECT} WHERE {where} ORDER BY position",
                        (*stream_ids, after, upto)).fetchall()
    return [Recorded(*row) for row in rows]


_SCANNED_PER_STREAM = 8  # positions a range may hold per stream read and still be scanned


def position_at(conn: Connection, recorded_at: str) -> int:
    """The last position recorded at or before an ISO 8601 UTC time."""
    row = conn.execute("SELECT MAX(position) FROM events WHERE recorded_at <= ?",
                       (recorded_at,)).fetchone()
    return row[0] or 0


def stream_versions(conn: Connection, until: int | None = None,
                    after: int = 0) -> dict[str, int]:
    """Each stream's last version up to `until`, of the streams with events after `after`."""
    if after:  # a short range past a snapshot: scan it, not the stream index
        return dict(conn.execute("SELECT stream_id, MAX(stream_version) FROM events "
                                 "WHERE position > ? AND position <= ? GROUP BY stream_id",
                                 (after, _upto(until))))
    return dict(conn.execute("SELECT stream_id, MAX(stream_version) FROM events "
                             "WHERE position <= ? GROUP BY stream_id", (_upto(until),)))


def task_streams_of_project(conn: Connection, project_id: int,
                            until: int | None = None) -> list[str]:
    """Streams of the tasks created in or moved into a project (up to a position)."""
    if dialect_of(conn) == "postgresql":  # on the expression index events_task_project
        project, value = "(data::json ->> 'project_id')", str(project_id)
    else:
        project, value = "json_extract(data, '$.project_id')", project_id
    rows = conn.execute("SELECT DISTINCT stream_id FROM events WHERE type IN ('TaskCreated', "
                        f"'TaskMovedToProject') AND {project} = ? AND position <= ?",
                        (value, _upto(until)))
    return [r[0] for r in rows]


def streams_of_kind(conn: Connection, kind: str) -> list[str]:
    """Every stream `kind-N`, found on the stream index (no scan of the log)."""
    rows = conn.execute("SELECT DISTINCT stream_id FROM events WHERE stream_id >= ? AND "
                        "stream_id < ?", (f"{kind}-", f"{kind}."))
    return [r[0] for r in rows]


def blob_references(conn: Connection, until: int | None = None) -> list[tuple[int, str]]:
    """(position, SHA-256) of every event that references a blob, in log order."""
    marks = ",".join("?" * len(BLOB_EVENTS))
    digest = ("data::json ->> 'sha256'" if dialect_of(conn) == "postgresql"
              else "json_extract(data, '$.sha256')")
    rows = conn.execute(f"SELECT position, {digest} FROM events "
                        f"WHERE type IN ({marks}) AND position <= ? ORDER BY position",
                        (*BLOB_EVENTS, until or 2**62))
    return [(position, digest) for position, digest in rows]
