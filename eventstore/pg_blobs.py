"""File contents in PostgreSQL: the `blobs` table of the log's schema (sha256 primary
key, bytea), behind eventstore/blobs.py's BlobStore contract. A put commits at once
(autocommit), so a blob is durable before the event that references it commits."""
from __future__ import annotations

from typing import Iterator

from eventstore.blobs import digest_of, is_digest
from eventstore.pg_connection import PgConnection, connect
from eventstore.schema import create_log


class PostgresBlobStore:
    """Opens its connection at first use (a server that never sees a file needs none)."""

    def __init__(self, location: str) -> None:
        self.location = location
        self._conn: PgConnection | None = None

    def _connection(self) -> PgConnection:
        if self._conn is None or self._conn.closed:
            conn = connect(self.location, create_schema=True)
            create_log(conn)  # the table may not exist yet: a store opened before any log
            self._conn = conn
        return self._conn

    def put(self, data: bytes) -> str:
        digest = digest_of(data)
        self._connection().execute("INSERT INTO blobs VALUES (?, ?) ON CONFLICT DO NOTHING",
                                   (digest, bytes(data)))
        return digest

    def get(self, digest: str) -> bytes | None:
        if not is_digest(digest):
            return None
        row = self._connection().execute("SELECT data FROM blobs WHERE sha256 = ?",
                                         (digest,)).fetchone()
        return row[0] if row else None

    def has(self, digest: str) -> bool:
        return is_digest(digest) and self._connection().execute(
            "SELECT 1 FROM blobs WHERE sha256 = ?", (digest,)).fetchone() is not None

    def digests(self) -> Iterator[str]:
        for (digest,) in self._connection().execute("SELECT sha256 FROM blobs"):
            yield digest

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
