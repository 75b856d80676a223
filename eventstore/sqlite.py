"""The log in SQLite: the recorder contract over one connection.

`SqliteRecorder` holds SQLite's single write lock (BEGIN IMMEDIATE) for each
transaction, so positions are gapless and never commit out of order. Reading any
connection is eventstore.sql_log's `ConnectionLog` (`SqliteLog`, the name its callers
know).
"""
from __future__ import annotations

import sqlite3
import time

from eventstore.records import COLUMNS, Recorded
from eventstore.recorder import ConcurrencyError, Recorder, Transaction
from eventstore.schema import BUSY_TIMEOUT_MS, connect_sqlite, create_log
from eventstore.sql_log import ConnectionLog, SqlTransaction

SqliteLog = ConnectionLog

WRITE_LOCK_POLL = 0.0005  # seconds between tries of the write lock another process holds
WRITE_LOCK_TIMEOUT = BUSY_TIMEOUT_MS / 1000
_INSERT = f"INSERT INTO events VALUES ({','.join('?' * len(COLUMNS))})"


class SqliteTransaction(SqlTransaction):
    def _insert(self, rows: list[Recorded]) -> None:
        try:
            self._conn.executemany(_INSERT, [r.as_tuple() for r in rows])
        except sqlite3.IntegrityError as exc:
            # The primary key is the expected-head check, UNIQUE (stream_id, stream_version)
            # the expected-version check.
            if "UNIQUE" in str(exc):
                raise ConcurrencyError(str(exc)) from exc
            raise


class SqliteRecorder(ConnectionLog, Recorder):
    """The log in one SQLite file; owns (and closes) its connection."""

    def __init__(self, conn: sqlite3.Connection, key: bytes | None = None) -> None:
        ConnectionLog.__init__(self, conn)
        Recorder.__init__(self, key)

    @classmethod
    def open(cls, path: str, key: bytes | None = None) -> "SqliteRecorder":
        """A durable write connection (WAL, synchronous=FULL) on `path`, the log created;
        its appends are chained with `key` (see recorder.key_problem to check it first)."""
        conn = connect_sqlite(path, writer=True)
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

