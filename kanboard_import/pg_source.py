"""Reading a Kanboard 1.2.x PostgreSQL database (app/Schema/Postgres.php): the same
tables and columns as its SQLite schema, read inside one READ ONLY REPEATABLE READ
transaction, so the import sees one moment of a Kanboard that keeps running, and writes
nothing there. Its booleans come as the integers SQLite stores; its files are in the
Kanboard data directory's files/, which `--files` names."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import psycopg
from psycopg import sql

from eventstore.backends import shown
from eventstore.pg_connection import connect, split_schema
from kanboard_import.source import (KanboardSource, SourceError, check_columns,
                                    check_version)

NEWEST_PG_SCHEMA = 117  # Kanboard 1.2.53's PostgreSQL schema (app/Schema/Postgres.php)
FETCH_ROWS = 5_000  # rows per round trip of a server-side cursor: memory stays flat
# SQLite's implicit rowid (the order rows were inserted in) is the heap order here,
# which a table without an id (group_has_users) is answered in by Kanboard too.
ORDERS = {"rowid": "ctid"}


class PgSource(KanboardSource):
    files_hint = "a files/ directory: give Kanboard's data/files as --files"

    def __init__(self, name: str, conn: psycopg.Connection, files: Path | None) -> None:
        self.name, self.conn, self.files = name, conn, files
        self._cursors = 0

    def _select(self, table: str, columns: tuple[str, ...],
                order: str) -> Iterable[Sequence[Any]]:
        self._cursors += 1
        cursor = self.conn.cursor(name=f"kanboard_import_{self._cursors}")
        cursor.itersize = FETCH_ROWS
        query = sql.SQL("SELECT {} FROM {} ORDER BY {}").format(
            sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(table),
            sql.SQL(ORDERS.get(order, order)))
        return _as_sqlite_values(cursor, query, f"{self.name}: reading {table}")

    def count(self, table: str) -> int:
        try:
            row = self.conn.execute(sql.SQL("SELECT count(*) FROM {}")
                                    .format(sql.Identifier(table))).fetchone()
        except psycopg.Error as exc:
            raise SourceError(f"{self.name}: counting {table} failed ({exc})") from exc
        return row[0] if row else 0

    def close(self) -> None:
        self.conn.close()


def _as_sqlite_values(cursor: psycopg.ServerCursor, query: sql.Composed,
                      what: str) -> Iterator[tuple]:
    """The rows with booleans as 0 and 1 (Kanboard's SQLite schema stores INTEGER); a
    failure on the way (the server gone, say) is the source's, named."""
    try:
        with cursor:
            cursor.execute(query)
            for values in cursor:
                yield tuple(int(v) if isinstance(v, bool) else v for v in values)
    except psycopg.Error as exc:
        raise SourceError(f"{what} failed ({str(exc).strip()})") from exc


def open_pg_source(url: str, files: Path | None) -> PgSource:
    """The Kanboard database at `url` (its `schema=` parameter, else the search path),
    checked, in a READ ONLY REPEATABLE READ transaction held until `close`."""
    name = shown(url)
    try:
        conn = connect(url).raw
    except psycopg.Error as exc:
        raise SourceError(f"{name}: cannot connect ({str(exc).strip()})") from exc
    try:
        conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        check_pg_schema(conn, name, split_schema(url)[1])
    except psycopg.Error as exc:
        conn.close()
        raise SourceError(f"{name}: cannot read it ({str(exc).strip()})") from exc
    except SourceError:
        conn.close()
        raise
    return PgSource(name, conn, files)


def check_pg_schema(conn: psycopg.Connection, name: str, schema: str | None) -> None:
    where = f"{name} (schema {schema or 'of its search path'})"
    found = conn.execute("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
    if not (found and found[0]):
        raise SourceError(f"{where}: no table schema_version; not a Kanboard database")
    versions = [row[0] for row in conn.execute("SELECT version FROM schema_version")]
    check_version(versions[0] if len(versions) == 1 else 0, NEWEST_PG_SCHEMA, where)
    columns: dict[str, set[str]] = {}
    for table, column in conn.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema()"):
        columns.setdefault(table, set()).add(column)
    check_columns(lambda table: columns.get(table, set()), where)
