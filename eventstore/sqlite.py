"""The log in SQLite: the recorder contract over one connection.

`SqliteLog` reads any connection (a server's read connection, a CLI's); `SqliteRecorder`
also writes, holding SQLite's single write lock (BEGIN IMMEDIATE) for each transaction,
so positions are gapless and never commit out of order.
"""
from __future__ import annotations

import sqlite3
import time
from typing import Iterator, Sequence

from domain.events import Event
from eventstore import reader, snapshots
from eventstore.records import COLUMNS, GENESIS_HASH, Recorded
from eventstore.recorder import ConcurrencyError, Head, LogReader, Recorder, Transaction
from eventstore.schema import BUSY_TIMEOUT_MS, connect, create_log
from eventstore.world_snapshot import WorldSnapshot

WRITE_LOCK_POLL = 0.0005  # seconds between tries of the write lock another process holds
WRITE_LOCK_TIMEOUT = BUSY_TIMEOUT_MS / 1000
_INSERT = f"INSERT INTO events VALUES ({','.join('?' * len(COLUMNS))})"


class SqliteLog(LogReader):
    """The read half of the contract, on a connection the caller owns."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.connection = conn

    def head(self, until: int | None = None) -> Head:
        position, digest = reader.head(self.connection, until)
        return Head(position, digest or GENESIS_HASH)

    def read(self, after: int = 0, until: int | None = None,
             page: int = 5000) -> Iterator[Recorded]:
        return reader.read_all(self.connection, after, until, page)

    def read_events(self, after: int = 0,
                    until: int | None = None) -> Iterator[tuple[int, Event]]:
        return reader.read_events(self.connection, after, until)

    def read_streams(self, stream_ids: Sequence[str], after: int = 0,
                     until: int | None = None) -> list[Recorded]:
        return reader.read_streams(self.connection, list(stream_ids), until, after)

    def stream_versions(self, until: int | None = None, after: int = 0) -> dict[str, int]:
        return reader.stream_versions(self.connection, until, after)

    def latest_snapshot(self) -> WorldSnapshot | None:
        row = snapshots.latest_world(self.connection)
        return WorldSnapshot(*row) if row else None


class SqliteTransaction(Transaction):
    def __init__(self, conn: sqlite3.Connection, head: Head, key: bytes | None) -> None:
        super().__init__(head, key)
        self._conn = conn

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    def keep_snapshot(self, snapshot: WorldSnapshot) -> None:
        snapshots.save_world(self._conn, snapshot.position, snapshot.hash, snapshot.version,
                             snapshot.digest, snapshot.data)

    def _insert(self, rows: list[Recorded]) -> None:
        try:
            self._conn.executemany(_INSERT, [r.as_tuple() for r in rows])
        except sqlite3.IntegrityError as exc:
            # The primary key is the expected-head check, UNIQUE (stream_id, stream_version)
            # the expected-version check.
            if "UNIQUE" in str(exc):
                raise ConcurrencyError(str(exc)) from exc
            raise

    def _begin_savepoint(self, name: str) -> None:
        self._conn.execute(f"SAVEPOINT {name}")

    def _rollback_savepoint(self, name: str) -> None:
        self._conn.execute(f"ROLLBACK TO {name}")
        self._conn.execute(f"RELEASE {name}")

    def _release_savepoint(self, name: str) -> None:
        self._conn.execute(f"RELEASE {name}")


class SqliteRecorder(SqliteLog, Recorder):
    """The log in one SQLite file; owns (and closes) its connection."""

    def __init__(self, conn: sqlite3.Connection, key: bytes | None = None) -> None:
        SqliteLog.__init__(self, conn)
        Recorder.__init__(self, key)

    @classmethod
    def open(cls, path: str, key: bytes | None = None) -> "SqliteRecorder":
        """A durable write connection (WAL, synchronous=FULL) on `path`, the log created;
        its appends are chained with `key` (see recorder.key_problem to check it first)."""
        conn = connect(path, writer=True)
        try:
            create_log(conn)
        except Exception:
            conn.close()
            raise
        return cls(conn, key)

    def _begin(self) -> Transaction:
        self._take_write_lock()
        try:
            return SqliteTransaction(self.connection, self.head(), self.key)
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise

    def _take_write_lock(self) -> None:
        """BEGIN IMMEDIATE, tried again every WRITE_LOCK_POLL seconds while another
        process writes, for at most WRITE_LOCK_TIMEOUT. SQLite's own busy handler sleeps
        up to 100 ms between tries, so a writer that keeps finding the lock taken by a
        busy neighbour (another server process) waited hundreds of ms, once 1.7 s."""
        conn = self.connection
        conn.execute("PRAGMA busy_timeout=0")
        try:
            deadline = time.monotonic() + WRITE_LOCK_TIMEOUT
            while True:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) or time.monotonic() > deadline:
                        raise
                time.sleep(WRITE_LOCK_POLL)
        finally:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    def _commit(self, txn: Transaction) -> None:
        self.connection.execute("COMMIT")

    def _rollback(self, txn: Transaction) -> None:
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")

    def close(self) -> None:
        self.connection.close()


class SqliteChangeProbe:
    """`PRAGMA data_version` on a connection of its own: it changes exactly when another
    connection (another process's writer, or this process's) committed to the file, and
    costs one read of the WAL index, no table read."""

    def __init__(self, path: str) -> None:
        self._conn = connect(path)
        self._version: int | None = None

    def moved(self) -> bool:
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        moved, self._version = version != self._version, version
        return moved

    def close(self) -> None:
        self._conn.close()
