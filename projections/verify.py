"""Compare the live read-model tables with a fresh fold of the log."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from domain.state import World
from eventstore.schema import table_exists
from projections.tables import TABLES, Table


@dataclass(frozen=True)
class Difference:
    table: str
    key: int
    live: tuple | None
    expected: tuple | None

    def describe(self) -> str:
        if self.live is None:
            return f"{self.table}: row {self.key} is missing"
        if self.expected is None:
            return f"{self.table}: row {self.key} should not exist"
        return f"{self.table}: row {self.key} differs from the log"


def _live_rows(conn: sqlite3.Connection, table: Table, name: str) -> dict[int, list[tuple]]:
    """The table's rows by key; none when the table is not there yet (a projection newer
    than the server that last served the database: its rows, if any, count as missing)."""
    rows: dict[int, list[tuple]] = {}
    if not table_exists(conn, name):
        return rows
    for row in conn.execute(f"SELECT * FROM {name}"):  # generated columns come last
        rows.setdefault(row[0], []).append(tuple(row)[:table.width])
    return rows


def diff_table(conn: sqlite3.Connection, world: World, table: Table,
               name: str | None = None) -> list[Difference]:
    live = _live_rows(conn, table, name or table.name)
    differences = []
    expected_keys = set(table.ids(world))
    for key in sorted(expected_keys | set(live)):
        expected = sorted(table.rows(world, key)) if key in expected_keys else []
        actual = sorted(live.get(key, []))
        if expected != actual:
            differences.append(Difference(table.name, key, tuple(actual) or None,
                                          tuple(expected) or None))
    return differences


def diff_projections(conn: sqlite3.Connection, world: World,
                     tables: tuple[Table, ...] = TABLES) -> list[Difference]:
    return [d for table in tables for d in diff_table(conn, world, table)]
