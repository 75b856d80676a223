"""A PostgreSQL connection with the surface boardlog uses of sqlite3's, so one piece of
SQL code runs on either backend and chooses dialect-specific SQL by `conn.dialect`.

- `execute(sql, params)` returns a cursor to iterate or `fetchone()`/`fetchall()`;
  `executemany(sql, rows)`; `executescript(sql)` (several statements, no parameters).
- `?` placeholders, translated to psycopg's `%s` once per statement text (cached), a
  literal `%` escaped; quoted strings and identifiers are left alone.
- Autocommit, as sqlite3 with `isolation_level=None`: each statement is its own
  transaction unless an explicit `BEGIN` opened one (`in_transaction` tells), so readers
  never hold a snapshot open and the recorder owns its transactions.
- sqlite3's DB-API exception attributes (`conn.IntegrityError`, `conn.OperationalError`,
  ...) name psycopg's, so `except conn.IntegrityError` works on both.
- Python booleans are sent as integers, as SQLite stores them (the schema is shared).

A location is a libpq URL, `postgresql://USER@HOST:PORT/DBNAME` (or `postgres://`). Its
schema is the one libpq's `options=-csearch_path%3Dname` names, or boardlog's own query
parameter `schema=name` (made the search path; created if missing when `create_schema`).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Iterable, Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg.pq import TransactionStatus
from psycopg.types.numeric import IntDumper


def split_schema(location: str) -> tuple[str, str | None]:
    """The libpq URL without boardlog's `schema=` parameter, and that schema (or None)."""
    parts = urlsplit(location)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schemas = [value for key, value in query if key == "schema"]
    rest = [(key, value) for key, value in query if key != "schema"]
    return urlunsplit(parts._replace(query=urlencode(rest))), (schemas[-1] if schemas else None)


@lru_cache(maxsize=4096)
def translate(statement: str) -> str:
    """`statement` with each `?` placeholder as `%s` and each literal `%` as `%%`, outside
    quoted strings and identifiers."""
    out: list[str] = []
    quote: str | None = None
    for char in statement:
        if quote:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "?":
            out.append("%s")
            continue
        if char == "%":
            out.append("%%")
            continue
        out.append(char)
    return "".join(out)


class _BoolAsInt(IntDumper):
    def dump(self, obj: bool) -> bytes:
        return b"1" if obj else b"0"


class PgConnection:
    """One psycopg connection behind sqlite3's API (see the module's docstring)."""

    dialect = "postgresql"
    Error = psycopg.Error
    IntegrityError = psycopg.IntegrityError
    OperationalError = psycopg.OperationalError
    ProgrammingError = psycopg.ProgrammingError
    DatabaseError = psycopg.DatabaseError

    def __init__(self, raw: psycopg.Connection) -> None:
        self.raw = raw
        self.raw.adapters.register_dumper(bool, _BoolAsInt)

    def execute(self, statement: str, params: Sequence[Any] | None = None) -> psycopg.Cursor:
        if not params:  # nothing to bind: psycopg sends the text as it is
            return self.raw.execute(statement)
        return self.raw.execute(translate(statement), params)

    def executemany(self, statement: str, rows: Iterable[Sequence[Any]]) -> psycopg.Cursor:
        cursor = self.raw.cursor()
        cursor.executemany(translate(statement), rows)
        return cursor

    def executescript(self, script: str) -> psycopg.Cursor:
        return self.raw.execute(script)

    @property
    def in_transaction(self) -> bool:
        return self.raw.info.transaction_status != TransactionStatus.IDLE

    def commit(self) -> None:
        if self.in_transaction:
            self.raw.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()

    @property
    def closed(self) -> bool:
        return self.raw.closed


def connect(location: str, *, create_schema: bool = False) -> PgConnection:
    """An autocommit connection to `location`, its search path set to the location's
    `schema=` (created first when `create_schema` and missing)."""
    url, schema = split_schema(location)
    raw = psycopg.connect(url, autocommit=True)
    try:
        if schema is not None:
            if create_schema:
                raw.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(schema)))
            raw.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(schema)))
    except BaseException:
        raw.close()
        raise
    return PgConnection(raw)
