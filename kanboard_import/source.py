"""Reading a Kanboard 1.2.x SQLite database: its data directory (db.sqlite and files/) or
the database file alone. Opened read-only; every table and column the import reads is
checked before a row is read, so an unknown schema is refused naming what is missing."""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

# The tables the import reads and the columns it needs of each (Kanboard 1.2.x, SQLite
# schema versions up to 128, app/Schema/Sqlite.php).
NEEDED: dict[str, tuple[str, ...]] = {
    "settings": ("option", "value"),
    "users": ("id", "username", "password", "is_admin", "is_ldap_user", "name", "email",
              "role", "is_active", "nb_failed_login", "lock_expiration_date"),
    "groups": ("id", "external_id", "name"),
    "group_has_users": ("group_id", "user_id"),
    "links": ("id", "label", "opposite_id"),
    "projects": ("id", "name", "is_active", "token", "last_modified", "is_public",
                 "is_private", "description", "identifier", "start_date", "end_date",
                 "owner_id", "priority_default", "priority_start", "priority_end", "email"),
    "columns": ("id", "title", "position", "project_id", "task_limit", "description"),
    "swimlanes": ("id", "name", "position", "is_active", "project_id", "description"),
    "project_has_categories": ("id", "name", "project_id", "description", "color_id"),
    "tags": ("id", "name", "project_id", "color_id"),
    "project_has_users": ("project_id", "user_id", "role"),
    "project_has_groups": ("group_id", "project_id", "role"),
    "project_has_metadata": ("project_id", "name", "value"),
    "project_has_files": ("id", "project_id", "name", "path", "size", "user_id", "date"),
    "actions": ("id", "project_id", "event_name", "action_name"),
    "action_has_params": ("id", "action_id", "name", "value"),
    "tasks": ("id", "title", "description", "date_creation", "color_id", "project_id",
              "column_id", "owner_id", "position", "is_active", "date_completed", "score",
              "date_due", "category_id", "creator_id", "date_modification", "reference",
              "date_started", "time_spent", "time_estimated", "swimlane_id", "date_moved",
              "recurrence_status", "recurrence_trigger", "recurrence_factor",
              "recurrence_timeframe", "recurrence_basedate", "recurrence_parent",
              "recurrence_child", "priority", "external_provider", "external_uri"),
    "task_has_tags": ("task_id", "tag_id"),
    "task_has_metadata": ("task_id", "name", "value"),
    "subtasks": ("id", "title", "status", "time_estimated", "time_spent", "task_id",
                 "user_id", "position"),
    "subtask_time_tracking": ("id", "user_id", "subtask_id", "start", "end", "time_spent"),
    "comments": ("id", "task_id", "user_id", "date_creation", "comment", "reference",
                 "date_modification", "visibility"),
    "task_has_links": ("id", "link_id", "task_id", "opposite_task_id"),
    "task_has_external_links": ("id", "link_type", "dependency", "title", "url",
                                "date_creation", "date_modification", "task_id", "creator_id"),
    "task_has_files": ("id", "name", "path", "task_id", "date", "user_id", "size"),
    "project_activities": ("id", "date_creation", "event_name", "creator_id", "project_id",
                           "task_id", "data"),
}
NEWEST_SCHEMA = 128  # Kanboard 1.2.53; older 1.2.x schemas have fewer columns, checked below


class SourceError(Exception):
    """The source cannot be imported; the message names the file, table or row."""


@dataclass
class KanboardSource:
    """An open Kanboard database; `files` is its data directory's files/ (None: absent)."""

    name: str
    conn: sqlite3.Connection
    files: Path | None

    def rows(self, table: str, order: str = "id") -> Iterator[dict[str, Any]]:
        columns = ", ".join(f'"{c}"' for c in NEEDED[table])
        cursor = self.conn.execute(f'SELECT {columns} FROM "{table}" ORDER BY {order}')
        names = NEEDED[table]
        for values in cursor:
            yield dict(zip(names, values))

    def count(self, table: str) -> int:
        return self.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]

    def settings(self) -> dict[str, str]:
        return {row["option"]: row["value"] for row in self.rows("settings", order="option")}

    def content(self, table: str, row_id: int, path: str) -> bytes:
        """A file's content from files/ (Kanboard's local object storage); a path that
        leads out of files/ (absolute, `..`, a link elsewhere) is not read."""
        where = (self.files / path).resolve() if self.files else None
        if (where is None or not where.is_relative_to(self.files.resolve())  # type: ignore[union-attr]
                or not where.is_file()):
            raise SourceError(f"{table} row {row_id}: its content {path!r} is not in "
                              f"{self.files or 'the source (no files/ directory)'}")
        return where.read_bytes()

    def close(self) -> None:
        self.conn.close()


def open_source(source: str) -> KanboardSource:
    """A Kanboard data directory (db.sqlite, files/) or a Kanboard SQLite file, checked."""
    path = Path(source)
    if path.is_dir():
        database, files = path / "db.sqlite", path / "files"
    else:
        database, files = path, path.parent / "files"
    if not database.is_file():
        raise SourceError(f"{source}: no Kanboard database there (expected a data directory "
                          "holding db.sqlite, or a Kanboard SQLite file)")
    try:
        conn = sqlite3.connect(f"file:{os.path.abspath(database)}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise SourceError(f"{database}: not an SQLite database ({exc})") from exc
    opened = KanboardSource(str(source), conn, files if files.is_dir() else None)
    try:
        check_schema(conn, str(database))
    except SourceError:
        conn.close()
        raise
    return opened


def check_schema(conn: sqlite3.Connection, name: str) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not 0 < version <= NEWEST_SCHEMA:
        raise SourceError(f"{name}: schema version {version} is not a Kanboard 1.2.x schema "
                          f"(this import reads versions up to {NEWEST_SCHEMA}, Kanboard 1.2.53)")
    for table, columns in NEEDED.items():
        present = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        if not present:
            raise SourceError(f"{name}: table {table} is missing; not a Kanboard 1.2.x database")
        missing = [c for c in columns if c not in present]
        if missing:
            raise SourceError(f"{name}: table {table} lacks column(s) {', '.join(missing)}")
