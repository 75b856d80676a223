"""Which recorder and which blob store a database location names: a `postgresql://` (or
`postgres://`) URL is PostgreSQL, its blobs in the schema's `blobs` table; anything else
is a SQLite file, its blobs in the directory `<file>.blobs` beside it."""
from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

from eventstore.blobs import BlobStore, FileBlobStore, MemoryBlobStore
from eventstore.change_probe import ChangeProbe, DataVersionChangeProbe, HeadChangeProbe
from eventstore.recorder import ChainKeyError, Recorder, key_problem
from eventstore.schema import is_postgres
from eventstore.sqlite import SqliteRecorder


def open_recorder(location: str, key: bytes | None = None) -> Recorder:
    """The recorder for `location`, its appends chained with `key`; raises ChainKeyError
    when the key does not fit the log (missing, unexpected, or wrong)."""
    recorder = open_log_recorder(location, key)
    problem = key_problem(recorder, key)
    if problem:
        recorder.close()
        raise ChainKeyError(problem)
    return recorder


def open_log_recorder(location: str, key: bytes | None = None) -> Recorder:
    """The recorder for `location` without checking the key against the log: for copying
    rows recorded elsewhere (import, replay), which keep their own hashes."""
    if is_postgres(location):
        from eventstore.postgres import PostgresRecorder  # psycopg only when asked for
        return PostgresRecorder.open(location, key)
    return SqliteRecorder.open(location, key)


def open_blobs(location: str) -> BlobStore:
    if is_postgres(location):
        from eventstore.pg_blobs import PostgresBlobStore
        return PostgresBlobStore(location)
    if location == ":memory:" or location.startswith("file::memory:"):
        return MemoryBlobStore()
    return FileBlobStore(f"{location}.blobs")


def log_exists(location: str) -> bool:
    """Whether `location` holds a boardlog log (perhaps empty): the SQLite file exists, or
    the PostgreSQL schema has the events table. Raises OSError naming the location
    (its password hidden) when the PostgreSQL server cannot be reached."""
    if not is_postgres(location):
        return os.path.exists(location)
    from eventstore.pg_connection import connect
    import psycopg

    try:
        conn = connect(location)
    except psycopg.OperationalError as exc:
        raise OSError(f"cannot connect to {shown(location)}: {str(exc).strip()}") from exc
    try:
        return conn.execute("SELECT to_regclass('events') IS NOT NULL").fetchone()[0]
    finally:
        conn.close()


def shown(location: str) -> str:
    """The location as messages may print it: a PostgreSQL URL's password masked."""
    if not is_postgres(location):
        return location
    parts = urlsplit(location)
    if parts.password is None:
        return location
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def open_change_probe(location: str) -> ChangeProbe:
    """The change probe for `location`, on a connection of its own."""
    return HeadChangeProbe(location) if is_postgres(location) else DataVersionChangeProbe(location)
