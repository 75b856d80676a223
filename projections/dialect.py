"""Where the read models' SQL differs between SQLite and PostgreSQL: said here, once.

Every other statement in projections/ is written once, in SQL both accept. A connection
names its kind by a `dialect` attribute ("sqlite" or "postgresql"); a plain
sqlite3.Connection has none and is SQLite.

SQLite's answers are the reference (they are what the fidelity recordings check), so
the PostgreSQL forms are chosen to answer byte for byte the same: text columns compare
and sort by their bytes (SQLite's BINARY collation is PostgreSQL's "C"), NOCASE folds
ASCII letters only, integers are 64-bit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from eventstore.schema import dialect_of

_ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class Dialect:
    name: str

    def column_types(self, columns: str) -> str:
        """Column definitions written for SQLite, in this dialect's types."""
        return columns

    def ascii_nocase(self, expr: str) -> str:
        """`expr` for ordering as SQLite's NOCASE does (ASCII letters only fold)."""
        return f"{expr} COLLATE NOCASE"

    def holds(self, expr: str) -> str:
        """True where the text `expr` holds the next parameter (a byte-wise substring)."""
        return f"instr({expr}, ?) > 0"

    def json_number(self, expr: str, field: str) -> str:
        """The number at the top-level `field` of the JSON text `expr` (NULL if it is no
        number), comparable with an integer parameter or column."""
        return f"json_extract({expr}, '$.{field}')"

    @property
    def begin_write(self) -> str:
        """The statement that opens a transaction which writes (SQLite takes its one
        write lock at once, so the transaction never fails half-way to get it)."""
        return "BEGIN IMMEDIATE"

    @property
    def hold_appends(self) -> tuple[str, ...]:
        """What, after `begin_write`, makes every other appender wait for this
        transaction (a rebuild's swap): SQLite's write lock already does."""
        return ()

    @property
    def begin_snapshot(self) -> str:
        """A transaction whose every read sees the same moment (SQLite's read
        transactions do)."""
        return "BEGIN"

    @property
    def read_only(self) -> str:
        """The statement after which this connection refuses to write."""
        return "PRAGMA query_only = 1"

    def durable_commits(self, durable: bool) -> str:
        """The statement making this connection's next commits durable or not (scratch
        tables of a rebuild need not be: only its swap must)."""
        return f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}"


_GENERATED = re.compile(r"GENERATED ALWAYS AS \((?P<expr>[^)]*)\) VIRTUAL")
_TYPE = re.compile(r"\b(?P<type>INTEGER|TEXT)\b")


class PostgresDialect(Dialect):
    def column_types(self, columns: str) -> str:
        # PostgreSQL 15 stores generated columns (no VIRTUAL ones); their expression must
        # be immutable, so each joined part is cast to text explicitly (a bare
        # `text || bigint` goes through a stable operator).
        def stored(match: re.Match) -> str:
            parts = " || ".join(f"CAST({p.strip()} AS TEXT)" for p in match["expr"].split("||"))
            return f"GENERATED ALWAYS AS ({parts}) STORED"

        typed = _TYPE.sub(lambda m: 'BIGINT' if m["type"] == "INTEGER" else 'TEXT COLLATE "C"',
                          columns)
        return _GENERATED.sub(stored, typed)

    def ascii_nocase(self, expr: str) -> str:
        return f"translate({expr}, '{_ASCII_UPPER}', '{_ASCII_UPPER.lower()}')"

    def holds(self, expr: str) -> str:
        return f"strpos({expr}, ?) > 0"

    def json_number(self, expr: str, field: str) -> str:
        value = f"(CAST({expr} AS jsonb) -> '{field}')"
        return (f"(CASE WHEN jsonb_typeof({value}) = 'number' "
                f"THEN CAST({value} #>> '{{}}' AS NUMERIC) END)")

    @property
    def begin_write(self) -> str:
        return "BEGIN"

    @property
    def hold_appends(self) -> tuple[str, ...]:
        # the row every appending transaction locks first (eventstore/postgres.py)
        return ("SELECT id FROM log_lock WHERE id = 1 FOR UPDATE",)

    @property
    def begin_snapshot(self) -> str:
        return "BEGIN ISOLATION LEVEL REPEATABLE READ"

    @property
    def read_only(self) -> str:
        return "SET default_transaction_read_only = on"

    def durable_commits(self, durable: bool) -> str:
        return f"SET synchronous_commit = {'on' if durable else 'off'}"


SQLITE = Dialect("sqlite")
POSTGRESQL = PostgresDialect("postgresql")
_BY_NAME = {d.name: d for d in (SQLITE, POSTGRESQL)}


def of(conn: Any) -> Dialect:
    """The dialect of a connection (SQLite unless it says otherwise)."""
    return _BY_NAME[dialect_of(conn)]
