"""Reading a Kanboard 1.2.x database: a SQLite one (its data directory holding db.sqlite
and files/, or the database file alone) or a PostgreSQL one (kanboard_import/pg_source.py).
Opened read-only; every table and column the import reads is checked before a row is
read, so an unknown schema is refused naming what is missing."""
from __future__ import annotations

import os
import sqlite3
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

# The tables the import reads and the columns it needs of each (Kanboard 1.2.x, SQLite
# schema versions up to 128, app/Schema/Sqlite.php; PostgreSQL up to 117, Postgres.php).
NEEDED: dict[str, tuple[str, ...]] = {
    "settings": ("option", "value"),
    "users": ("id", "username", "password", "is_ldap_user", "name", "email",
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
NEWEST_SCHEMA = 128  # Kanboard 1.2.53's SQLite schema; older 1.2.x schemas have fewer columns, checked below


class SourceError(Exception):
    """The source cannot be imported; the message names the file, table or row."""


class KanboardSource(ABC):
    """An open Kanboard database, read in one consistent moment; `files` is the directory
    of its files/ (Kanboard's local object storage; None: none known). One implementation
    per Kanboard backend; the conversion sees only this interface."""

    name: str
    files: Path | None
    # Where the content of files is found when `files` is None (said in the error).
    files_hint = "the source (no files/ directory)"

    @abstractmethod
    def _select(self, table: str, columns: tuple[str, ...],
                order: str) -> Iterable[Sequence[Any]]:
        """The rows of `table`'s `columns` in `order`, as the backend stores them."""

    @abstractmethod
    def count(self, table: str) -> int: ...

    @abstractmethod
    def close(self) -> None: ...

    def rows(self, table: str, order: str = "id") -> Iterator[dict[str, Any]]:
        names = NEEDED[table]
        for values in self._select(table, names, order):
            yield dict(zip(names, values))

    def settings(self) -> dict[str, str]:
        return {row["option"]: row["value"] for row in self.rows("settings", order="option")}

    def content(self, table: str, row_id: int, path: str) -> bytes:
        """A file's content from files/ (Kanboard's local object storage); a path that
        leads out of files/ (absolute, `..`, a link elsewhere) is not read."""
        where = (self.files / path).resolve() if self.files else None
        if (where is None or not where.is_relative_to(self.files.resolve())  # type: ignore[union-attr]
                or not where.is_file()):
            raise SourceError(f"{table} row {row_id}: its content {path!r} is not in "
                              f"{self.files or self.files_hint}")
        return where.read_bytes()


class SqliteSource(KanboardSource):
    """A Kanboard SQLite database, opened read-only."""

    def __init__(self, name: str, conn: sqlite3.Connection, files: Path | None) -> None:
        self.name, self.conn, self.files = name, conn, files

    def _select(self, table: str, columns: tuple[str, ...],
                order: str) -> Iterable[Sequence[Any]]:
        quoted = ", ".join(f'"{c}"' for c in columns)
        return self.conn.execute(f'SELECT {quoted} FROM "{table}" ORDER BY {order}')

    def count(self, table: str) -> int:
        return self.conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]

    def close(self) -> None:
        self.conn.close()


def is_postgres_source(source: str) -> bool:
    return source.startswith(("postgresql://", "postgres://"))


def open_source(source: str, files: str | None = None) -> KanboardSource:
    """The Kanboard at `source`, checked: a data directory (db.sqlite, files/), a
    Kanboard SQLite file (files/ beside it) or a PostgreSQL URL; `files` names its
    files/ directory instead (required to import file contents from PostgreSQL)."""
    if is_postgres_source(source):
        from kanboard_import.pg_source import open_pg_source  # psycopg only when asked

        return open_pg_source(source, _files_dir(files))
    path = Path(source)
    if path.is_dir():
        database, found = path / "db.sqlite", path / "files"
    else:
        database, found = path, path.parent / "files"
    if not database.is_file():
        raise SourceError(f"{source}: no Kanboard database there (expected a data directory "
                          "holding db.sqlite, a Kanboard SQLite file or a postgresql:// URL)")
    try:
        conn = sqlite3.connect(f"file:{os.path.abspath(database)}?mode=ro", uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise SourceError(f"{database}: not an SQLite database ({exc})") from exc
    opened = SqliteSource(str(source), conn,
                          _files_dir(files) if files else (found if found.is_dir() else None))
    try:
        check_schema(conn, str(database))
    except SourceError:
        conn.close()
        raise
    return opened


def _files_dir(files: str | None) -> Path | None:
    if files is None:
        return None
    if not Path(files).is_dir():
        raise SourceError(f"--files {files}: not a directory (give Kanboard's data/files)")
    return Path(files)


def check_version(version: int, newest: int, name: str) -> None:
    if not 0 < version <= newest:
        raise SourceError(f"{name}: schema version {version} is not a Kanboard 1.2.x schema "
                          f"(this import reads versions up to {newest}, Kanboard 1.2.53)")


def check_columns(columns_of: Callable[[str], set[str]], name: str) -> None:
    """Every table and column the import reads is there (`columns_of(table)`: the
    table's columns, empty when it is missing), or the first missing one is named."""
    for table, columns in NEEDED.items():
        present = columns_of(table)
        if not present:
            raise SourceError(f"{name}: table {table} is missing; not a Kanboard 1.2.x database")
        missing = [c for c in columns if c not in present]
        if missing:
            raise SourceError(f"{name}: table {table} lacks column(s) {', '.join(missing)}")


def check_schema(conn: sqlite3.Connection, name: str) -> None:
    check_version(conn.execute("PRAGMA user_version").fetchone()[0], NEWEST_SCHEMA, name)
    check_columns(lambda table: {row[1] for row in
                                 conn.execute(f'PRAGMA table_info("{table}")')}, name)
