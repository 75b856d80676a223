"""What every read shares: the connection and small helpers over it."""
from __future__ import annotations

import sqlite3
from typing import Any

import orjson
from orjson import Fragment

from projections import dialect


def fragments(rows) -> list[Fragment]:
    """Stored documents as orjson Fragments: answered without decoding them."""
    return [Fragment(r[0]) for r in rows]


class ReadsBase:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.sql = dialect.of(conn)  # where the SQL differs by database

    def head(self) -> int:
        return self._one("SELECT COALESCE(MAX(position), 0) FROM events")

    def _one(self, sql: str, *args: Any) -> Any:
        row = self.conn.execute(sql, args).fetchone()
        return row[0] if row else None

    def _doc(self, sql: str, *args: Any) -> Fragment | None:
        doc = self._one(sql, *args)
        return Fragment(doc) if doc is not None else None

    def _docs(self, sql: str, *args: Any) -> list[Fragment]:
        return fragments(self.conn.execute(sql, args))

    def _dicts(self, sql: str, *args: Any) -> list[dict]:
        return [orjson.loads(r[0]) for r in self.conn.execute(sql, args)]

    def _dicts_of_projects(self, table: str, doc: str, project_ids: list[int],
                           order: str) -> list[dict]:
        marks = ",".join("?" * len(project_ids)) or "NULL"  # `IN ()` is SQLite's alone
        return self._dicts(f"SELECT {doc} FROM {table} WHERE project_id IN ({marks}) "
                           f"ORDER BY {order}", *project_ids)
