"""The log in PostgreSQL: the recorder contract over one connection.

**Why positions are gapless and never become visible out of order.** Every appending
transaction first locks the one row of `log_lock` (`SELECT ... FOR UPDATE`), and only
then reads the head and numbers its rows from it. A second appender (another server
process, a CLI) waits on that row lock until the first commits or rolls back. Under
READ COMMITTED each statement sees everything committed before it began, so the head it
reads after the wait includes the first transaction's rows: positions continue without
a gap (a rollback frees its numbers for the next), and since a transaction numbered n+1
cannot even start numbering before n is committed, no reader can ever see n+1 while n is
still in flight. (A sequence would leave gaps on rollback and commit out of order; an
advisory lock is database-wide, so two boardlog schemas of one database would share it;
LOCK TABLE in EXCLUSIVE mode would do as well, but also blocks readers' SELECT ... FOR
SHARE and is coarser than one row.)

Each transaction that appended ends with `pg_notify('boardlog_log', head position)`,
delivered to listeners only at COMMIT: how other processes learn of new events.
"""
from __future__ import annotations

import psycopg
from psycopg.pq import TransactionStatus

from eventstore.pg_connection import PgConnection, connect
from eventstore.records import COLUMNS, Recorded
from eventstore.recorder import ConcurrencyError, Recorder, Transaction
from eventstore.schema import create_log
from eventstore.sql_log import ConnectionLog, SqlTransaction

CHANNEL = "boardlog_log"  # NOTIFY channel; the payload is the head position after a commit
_INSERT = f"INSERT INTO events VALUES ({','.join('?' * len(COLUMNS))})"


class PostgresTransaction(SqlTransaction):
    def _insert(self, rows: list[Recorded]) -> None:
        try:
            self._conn.executemany(_INSERT, [r.as_tuple() for r in rows])
        except psycopg.errors.UniqueViolation as exc:
            # The primary key is the expected-head check, UNIQUE (stream_id, stream_version)
            # the expected-version check.
            raise ConcurrencyError(str(exc).strip()) from exc


class PostgresRecorder(ConnectionLog, Recorder):
    """The log in one PostgreSQL schema; owns (and closes) its connection."""

    connection: PgConnection

    def __init__(self, conn: PgConnection, key: bytes | None = None) -> None:
        ConnectionLog.__init__(self, conn)
        Recorder.__init__(self, key)

    @classmethod
    def open(cls, location: str, key: bytes | None = None) -> "PostgresRecorder":
        """A connection to `location` (its `schema=` created if missing), the log's tables
        created; appends are chained with `key` (see recorder.key_problem to check it)."""
        conn = connect(location, create_schema=True)
        try:
            create_log(conn)
        except Exception:
            conn.close()
            raise
        return cls(conn, key)

    def _begin(self) -> Transaction:
        self.connection.execute("BEGIN ISOLATION LEVEL READ COMMITTED")
        try:
            self.connection.execute("SELECT id FROM log_lock WHERE id = 1 FOR UPDATE")
            return PostgresTransaction(self.connection, self.head(), self.key)
        except BaseException:
            self.connection.rollback()
            raise

    def _commit(self, txn: Transaction) -> None:
        # PostgreSQL answers COMMIT in a failed transaction by rolling it back, without an
        # error: refuse it here, or subscribers would hear of rows that were never stored.
        if self.connection.raw.info.transaction_status == TransactionStatus.INERROR:
            raise psycopg.errors.InFailedSqlTransaction(
                "a statement of this transaction failed; it was rolled back")
        if txn.appended:
            self.connection.execute("SELECT pg_notify(?, ?)", (CHANNEL, str(txn.head.position)))
        self.connection.execute("COMMIT")

    def _rollback(self, txn: Transaction) -> None:
        self.connection.rollback()

    def close(self) -> None:
        self.connection.close()
