"""The log in SQLite: the recorder contract over one connection.

`SqliteRecorder` holds SQLite's single write lock (BEGIN IMMEDIATE) for each
transaction, so positions are gapless and never commit out of order. Reading any
connection is eventstore.sql_log's `ConnectionLog` (`SqliteLog`, the name its callers
know).
"""
from __future__ import annotations

import sqlite3

from eventstore.records import COLUMNS, Recorded
from eventstore.recorder import ConcurrencyError, Recorder, Transaction
from eventstore.schema import connect_sqlite, create_log
from eventstore.sql_log import ConnectionLog, SqlTransaction

SqliteLog = ConnectionLog

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
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            return SqliteTransaction(self.connection, self.head(), self.key)
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise

    def _commit(self, txn: Transaction) -> None:
        self.connection.execute("COMMIT")

    def _rollback(self, txn: Transaction) -> None:
        if self.connection.in_transaction:
            self.connection.execute("ROLLBACK")

    def close(self) -> None:
        self.connection.close()
