"""The read-model tables: one per entity kind, each row rendered from the world.

Every table is keyed by the id an event touches (`key`), so applying a touched key is
always the same two statements: delete the key's rows, insert its fresh rendering.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

import orjson

from domain.state import World
from projections import render
from projections.dialect import SQLITE, Dialect

RowsOf = Callable[[World, int], list[tuple]]
IdsOf = Callable[[World], Iterable[int]]


def _json(value) -> str:
    return orjson.dumps(value).decode()


@dataclass(frozen=True)
class Table:
    name: str
    kind: str
    projection: str
    columns: str  # column definitions after the leading `key INTEGER NOT NULL`
    indexes: tuple[str, ...]
    rows: RowsOf
    ids: IdsOf

    def create_table(self, name: str | None = None, dialect: Dialect = SQLITE) -> str:
        columns = dialect.column_types(f"key INTEGER NOT NULL, {self.columns}")
        return f"CREATE TABLE IF NOT EXISTS {name or self.name} ({columns})"

    def create_indexes(self) -> list[str]:
        """Index statements for the live table name (built tables get them after the swap)."""
        return [f"CREATE INDEX IF NOT EXISTS {self.name}_{i} ON {self.name} ({cols})"
                for i, cols in enumerate(("key",) + self.indexes)]

    @property
    def width(self) -> int:
        """Values an INSERT gives: the key and every column SQLite does not generate."""
        return 1 + sum("GENERATED" not in c for c in self.columns.split(","))


@dataclass(frozen=True)
class Patch:
    """A touched kind that changes one column of a table's row in place: a move renumbers
    hundreds of siblings, and re-rendering each would cost ~75 us a row."""

    kind: str
    of: str  # the kind of the table it patches
    column: str
    value: Callable[[World, int], Any]


def split_at(doc: dict[str, Any], field: str) -> tuple[str, str]:
    """A document's JSON before and after `field`'s value, so a table can keep that value
    in a column of its own and join the parts back in SQL (a generated column). `doc` is
    the caller's fresh rendering: its `field` is overwritten, not copied around."""
    doc[field] = _MARK
    text = _json(doc)
    head, tail = text.split(f'"{field}":{_MARK}', 1)
    return f'{head}"{field}":', tail


_MARK = -7_355_608_123_457  # stands in for the value while splitting; no real value


def _user(world: World, user_id: int) -> list[tuple]:
    row = world.users.get(user_id)
    if not row:
        return []
    return [(user_id, user_id, row["username"], row["role"], row["is_active"],
             _json(render.user_doc(row)))]


def _project(world: World, project_id: int) -> list[tuple]:
    project = world.projects.get(project_id)
    if not project:
        return []
    row = project.row
    return [(project_id, project_id, row["name"], row["identifier"], row["email"],
             row["is_active"], row["owner_id"], _json(render.project_doc(row)))]


def _members(world: World, project_id: int) -> list[tuple]:
    project = world.projects.get(project_id)
    return [(project_id, uid, role) for uid, role in project.members.items()] if project else []


def _metadata_table(owner: str, projection: str) -> "Table":
    """A project's or a task's metadata: one row per name, keyed by the owner's id."""

    def rows(world: World, owner_id: int) -> list[tuple]:
        found = getattr(world, f"{owner}s").get(owner_id)
        return [(owner_id, k, v) for k, v in found.metadata.items()] if found else []

    name = f"{owner}_metadata"
    return Table(name, name, projection, "name TEXT, value TEXT", (), rows,
                 lambda w: getattr(w, f"{owner}s"))


def _settings(world: World, key: int) -> list[tuple]:
    """The application settings: one row per option, all under key 0."""
    return [(key, name, value) for name, value in sorted(world.settings.items())]


def _project_groups(world: World, project_id: int) -> list[tuple]:
    project = world.projects.get(project_id)
    return [(project_id, g, role) for g, role in project.group_roles.items()] if project else []


def _group_members(world: World, group_id: int) -> list[tuple]:
    """Each member with its place in the group, since Kanboard lists them as added."""
    return [(group_id, user_id, seq)
            for seq, user_id in enumerate(world.group_members.get(group_id, ()))]


def _subtask_timers(world: World, subtask_id: int) -> list[tuple]:
    return [(subtask_id, user_id, start) for (timed, user_id), start in world.timers.items()
            if timed == subtask_id]


def _simple(table: str, *fields: str):
    def rows(world: World, item_id: int) -> list[tuple]:
        row = getattr(world, table).get(item_id)
        if not row:
            return []
        return [(item_id, *(row[f] for f in fields), _json(row))]

    return rows


def _task(world: World, task_id: int) -> list[tuple]:
    task = world.tasks.get(task_id)
    if not task:
        return []
    row = task.row
    return [(task_id, task_id, row["project_id"], row["column_id"], row["swimlane_id"],
             row["position"], row["is_active"], row["owner_id"], row["reference"],
             row["date_due"], row["score"], _json(task.tag_ids), (row["title"] or "").lower(),
             *split_at(render.task_doc(task), "position"),
             *split_at(render.board_task_doc(world, task), "position"),
             _json(render.plan_doc(task)))]


def _task_position(world: World, task_id: int) -> int | None:
    task = world.tasks.get(task_id)
    return task.row["position"] if task else None


def _files(table: str, owner: str, fields: tuple[str, ...]) -> RowsOf:
    def rows(world: World, file_id: int) -> list[tuple]:
        row = getattr(world, table).get(file_id)
        if not row:
            return []
        return [(file_id, row[owner], row["user_id"], row["name"], row["sha256"],
                 _json(render.file_doc(row, fields)))]

    return rows


def _action(world: World, action_id: int) -> list[tuple]:
    """Kanboard answers an action without parameters with `params: []` (a PHP array)."""
    row = world.actions.get(action_id)
    if not row:
        return []
    return [(action_id, row["project_id"], _json({**row, "params": row["params"] or []}))]


def _api_key(world: World, key_id: int) -> list[tuple]:
    key = world.api_keys.get(key_id)
    return [(key_id, key["active"], _json(render.api_key_doc(key)))] if key else []


TABLES: tuple[Table, ...] = (
    Table("users", "user", "users", "id INTEGER, username TEXT, role TEXT, is_active INTEGER, doc TEXT",
          ("username",), _user, lambda w: w.users),
    Table("projects", "project", "projects",
          "id INTEGER, name TEXT, identifier TEXT, email TEXT, is_active INTEGER, "
          "owner_id INTEGER, doc TEXT", ("name",), _project, lambda w: w.projects),
    Table("project_users", "project_users", "projects", "user_id INTEGER, role TEXT",
          ("user_id",), _members, lambda w: w.projects),
    Table("project_groups", "project_groups", "projects", "group_id INTEGER, role TEXT",
          ("group_id",), _project_groups, lambda w: w.projects),
    _metadata_table("project", "projects"),
    Table("columns", "column", "projects", "project_id INTEGER, position INTEGER, title TEXT, doc TEXT",
          ("project_id, position",), _simple("columns", "project_id", "position", "title"),
          lambda w: w.columns),
    Table("swimlanes", "swimlane", "projects",
          "project_id INTEGER, position INTEGER, is_active INTEGER, name TEXT, doc TEXT",
          ("project_id, position",),
          _simple("swimlanes", "project_id", "position", "is_active", "name"),
          lambda w: w.swimlanes),
    Table("categories", "category", "projects", "project_id INTEGER, name TEXT, doc TEXT",
          ("project_id, name",), _simple("categories", "project_id", "name"),
          lambda w: w.categories),
    Table("tags", "tag", "projects", "project_id INTEGER, name TEXT, doc TEXT",
          ("project_id, name",), _simple("tags", "project_id", "name"), lambda w: w.tags),
    Table("sprints", "sprint", "projects", "project_id INTEGER, doc TEXT", ("project_id",),
          _simple("sprints", "project_id"), lambda w: w.sprints),
    Table("project_files", "project_file", "projects",
          "project_id INTEGER, user_id INTEGER, name TEXT, sha256 TEXT, doc TEXT", ("project_id",),
          _files("project_files", "project_id", render.PROJECT_FILE_FIELDS),
          lambda w: w.project_files),
    Table("groups", "group", "groups", "name TEXT, doc TEXT", ("name",),
          _simple("groups", "name"), lambda w: w.groups),
    Table("group_members", "group_members", "groups", "user_id INTEGER, seq INTEGER",
          ("user_id",), _group_members, lambda w: w.groups),
    Table("settings", "settings", "settings", "name TEXT, value TEXT", (), _settings,
          lambda w: (0,)),
    Table("links", "link", "links", "label TEXT, doc TEXT", ("label",),
          _simple("links", "label"), lambda w: w.links),
    Table("actions", "action", "actions", "project_id INTEGER, doc TEXT", ("project_id",),
          _action, lambda w: w.actions),
    Table("api_keys", "apikey", "keys", "active INTEGER, doc TEXT", (), _api_key,
          lambda w: w.api_keys),
    Table("tasks", "task", "tasks",
          "id INTEGER, project_id INTEGER, column_id INTEGER, swimlane_id INTEGER, "
          "position INTEGER, is_active INTEGER, owner_id INTEGER, reference TEXT, "
          "date_due INTEGER, score INTEGER, tag_ids TEXT, title_folded TEXT, doc_head TEXT, "
          "doc_tail TEXT, "
          "board_head TEXT, board_tail TEXT, plan TEXT, "
          # the documents as read, with the position column in its place
          "doc TEXT GENERATED ALWAYS AS (doc_head || position || doc_tail) VIRTUAL, "
          "board_doc TEXT GENERATED ALWAYS AS (board_head || position || board_tail) VIRTUAL",
          ("project_id, is_active, id", "project_id, is_active, position, key",
           "project_id, position, key", "column_id, is_active", "project_id, reference",
           "owner_id", "is_active, date_due"), _task,  # the last: overdue tasks
          lambda w: w.tasks),
    _metadata_table("task", "tasks"),
    Table("subtasks", "subtask", "tasks", "task_id INTEGER, position INTEGER, user_id INTEGER, doc TEXT",
          ("task_id, position",), _simple("subtasks", "task_id", "position", "user_id"),
          lambda w: w.subtasks),
    Table("subtask_timers", "subtask_timers", "tasks", "user_id INTEGER, start INTEGER",
          ("user_id",), _subtask_timers, lambda w: w.subtasks),
    Table("task_links", "task_link", "tasks",
          "task_id INTEGER, opposite_task_id INTEGER, link_id INTEGER, doc TEXT",
          ("task_id",), _simple("task_links", "task_id", "opposite_task_id", "link_id"),
          lambda w: w.task_links),
    Table("external_links", "external_link", "tasks", "task_id INTEGER, title TEXT, doc TEXT",
          ("task_id, title",), _simple("external_links", "task_id", "title"),
          lambda w: w.external_links),
    Table("task_files", "task_file", "tasks",
          "task_id INTEGER, user_id INTEGER, name TEXT, sha256 TEXT, doc TEXT", ("task_id",),
          _files("task_files", "task_id", render.TASK_FILE_FIELDS), lambda w: w.task_files),
    Table("comments", "comment", "tasks",
          "task_id INTEGER, user_id INTEGER, date_creation INTEGER, doc TEXT",
          ("task_id, date_creation",), _simple("comments", "task_id", "user_id", "date_creation"),
          lambda w: w.comments),
)
TABLE_BY_KIND = {t.kind: t for t in TABLES}
PATCHES: tuple[Patch, ...] = (Patch("task_position", "task", "position", _task_position),)
PATCH_BY_KIND = {p.kind: p for p in PATCHES}
PROJECTIONS = tuple(dict.fromkeys(t.projection for t in TABLES))
