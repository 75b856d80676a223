"""Kanboard's activity stream (its `project_activities` table) as a read model.

Kanboard records an activity when a logged-in user (not the application token) creates,
updates, closes, opens or moves a task, or creates, updates or removes a subtask, a
comment or a link between tasks: one row per event its NotificationSubscriber hears,
holding a snapshot of the task (and of the subtask, comment or link) as it was then.
Its ids are SQLite's `INTEGER PRIMARY KEY` without AUTOINCREMENT, and the rows go with
their task, project or author (ON DELETE CASCADE), so a new row gets the largest id still
there plus one; the `activities` table here has the same column and the same deletes, so
it hands out the same ids. Kanboard never cleans them up but from a cron command (rows
older than a year, `ProjectActivityArchiveCommand`), which the API does not run.

Filled as the log is folded: the writer (and the rebuild) call `before` with the world
before an event, `after` with the world after it; `record` then writes the outcome with
the event's log row (its author from the metadata, its time from the row). Time travel
never touches it: it is rendered only from folds that end at the head.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any, Iterable, Sequence

import orjson

from domain import events as ev
from domain.events import Event
from domain.roles import APP_ADMIN, APP_MANAGER, APP_USER
from domain.state import World
from eventstore.fold import Folded, fold
from eventstore.records import Recorded
from projections import activity_html, dialect, render
from projections.queries import Reads

_COLUMNS = ("id INTEGER PRIMARY KEY, date_creation INTEGER NOT NULL, event_name TEXT NOT NULL, "
            "creator_id INTEGER NOT NULL, project_id INTEGER NOT NULL, task_id INTEGER NOT NULL, "
            "data TEXT NOT NULL")
INDEXES = ("CREATE INDEX IF NOT EXISTS activities_project ON activities (project_id, id)",
           "CREATE INDEX IF NOT EXISTS activities_task ON activities (task_id)",
           "CREATE INDEX IF NOT EXISTS activities_creator ON activities (creator_id)")

# An activity to add: (event name, project id, task id, data); or rows to drop: (column, id).
Add = tuple[str, int, int, dict]
Drop = tuple[str, int]
# A row brought across from Kanboard as it was: (id, date, event name, author, project, task, data).
Imported = tuple[int, int, str, int, int, int, dict]
_STATUS_NAMES = {0: "Todo", 1: "In progress", 2: "Done"}


def create(conn: sqlite3.Connection, table: str = "activities") -> None:
    conn.execute(f"CREATE TABLE IF NOT EXISTS {table} "
                 f"({dialect.of(conn).column_types(_COLUMNS)})")
    if table == "activities":
        for statement in INDEXES:
            conn.execute(statement)


def swap_in(conn: sqlite3.Connection, table: str) -> None:
    """Replace the live table by a built one; the caller owns the transaction."""
    conn.execute("DROP TABLE IF EXISTS activities")
    conn.execute(f"ALTER TABLE {table} RENAME TO activities")
    for statement in INDEXES:
        conn.execute(statement)


# --- what an event records --------------------------------------------------------------


def before(world: World, event: Event) -> Any:
    """What `after` needs of the world as it was before `event`: the task's row before an
    update or a move; the subtask, comment or link (with its task) before its removal."""
    if isinstance(event, (ev.TaskUpdated, ev.TaskMoved)):
        task = world.tasks.get(event.task_id)
        return dict(task.row) if task else None
    if isinstance(event, ev.SubtaskRemoved) and event.subtask_id in world.subtasks:
        return _with_task(world, event.task_id, subtask=_subtask(world, event.subtask_id))
    if isinstance(event, ev.CommentRemoved) and event.comment_id in world.comments:
        return _with_task(world, event.task_id, comment=_comment(world, event.comment_id))
    if isinstance(event, ev.TaskLinkRemoved):
        row = world.task_links.get(event.task_link_id)
        first = row is not None and any(  # Kanboard tells of the first of the pair only
            r["task_id"] == row["opposite_task_id"] and r["opposite_task_id"] == row["task_id"]
            for r in world.task_links.values())
        return _with_task(world, event.task_id, task_link=_task_link(world, row)) if first else None
    if isinstance(event, ev.TaskFileRemoved) and event.file_id in world.task_files:
        return _with_task(world, event.task_id, file=_file(world, event.file_id))
    return None


def after(world: World, event: Event, seen: Any) -> list[Add | Drop | Imported]:
    """The activities `event` records (or the rows it removes), given `before`'s view."""
    if isinstance(event, ev.ActivityImported):
        return [imported_row(event)]
    if isinstance(event, ev.TaskRemoved):
        return [("task_id", event.task_id)]
    if isinstance(event, ev.ProjectRemoved):
        return [("project_id", event.project_id)]
    if isinstance(event, ev.UserRemoved):
        return [("creator_id", event.user_id)]
    if isinstance(event, (ev.SubtaskRemoved, ev.CommentRemoved, ev.TaskLinkRemoved,
                          ev.TaskFileRemoved)):
        if seen is None:
            return []
        name = {ev.SubtaskRemoved: "subtask.delete", ev.CommentRemoved: "comment.delete",
                ev.TaskLinkRemoved: "task_internal_link.delete",
                ev.TaskFileRemoved: "task.file.destroy"}[type(event)]
        return [(name, seen["task"]["project_id"], event.task_id, seen)]
    if not isinstance(event, _RECORDED) or event.task_id not in world.tasks:
        return []
    return [(name, world.tasks[event.task_id].row["project_id"], event.task_id, data)
            for name, data in _recorded(world, event, seen)]


def imported_row(event: ev.ActivityImported) -> Imported:
    """Kanboard's row as it was (it needs no world: Kanboard stored its snapshot)."""
    return (event.activity_id, event.date_creation, event.event_name, event.creator_id,
            event.project_id, event.task_id, event.data)


def _recorded(world: World, event: Event, seen: Any) -> list[tuple[str, dict]]:
    task_id = event.task_id
    if isinstance(event, ev.TaskCreated):
        return [("task.create", _task_data(world, task_id))]
    if isinstance(event, (ev.TaskClosed, ev.TaskOpened)):
        return [("task.close" if isinstance(event, ev.TaskClosed) else "task.open",
                 _task_data(world, task_id))]
    if isinstance(event, ev.TaskUpdated):
        return _updated(world, event, seen)
    if isinstance(event, ev.TaskMoved):
        return _moved(world, event, seen)
    if isinstance(event, ev.TaskMovedToProject):
        return [("task.move.project", _moved_to_project(world, event))]
    if isinstance(event, (ev.SubtaskCreated, ev.SubtaskUpdated)):
        if event.subtask_id not in world.subtasks:
            return []
        data: dict[str, Any] = {"subtask": _subtask(world, event.subtask_id)}
        if isinstance(event, ev.SubtaskUpdated):
            given = {"id": event.subtask_id, "task_id": task_id, **event.changes}
            data["changes"] = {k: v for k, v in given.items()  # PHP's empty array is []
                               if not _same(v, data["subtask"].get(k, _ABSENT))} or []
            name = "subtask.update"
        else:
            name = "subtask.create"
        data["task"] = _details(world, task_id)
        return [(name, data)]
    if isinstance(event, (ev.CommentCreated, ev.CommentUpdated)):
        if event.comment_id not in world.comments:
            return []
        name = "comment.create" if isinstance(event, ev.CommentCreated) else "comment.update"
        return [(name, _with_task(world, task_id, comment=_comment(world, event.comment_id)))]
    if isinstance(event, ev.TaskFileCreated) and event.file_id in world.task_files:
        return [("task.file.create", _with_task(world, task_id, file=_file(world, event.file_id)))]
    if isinstance(event, (ev.TaskLinkCreated, ev.TaskLinkUpdated)):
        row = world.task_links.get(event.task_link_id)
        return [("task_internal_link.create_update",
                 _with_task(world, task_id, task_link=_task_link(world, row)))]
    return []


_RECORDED = (ev.TaskCreated, ev.TaskClosed, ev.TaskOpened, ev.TaskUpdated, ev.TaskMoved,
             ev.TaskMovedToProject, ev.SubtaskCreated, ev.SubtaskUpdated, ev.CommentCreated,
             ev.CommentUpdated, ev.TaskLinkCreated, ev.TaskLinkUpdated, ev.TaskFileCreated)
_ABSENT = object()
# The order of Kanboard's updateTask values, which its changes (and their HTML) keep.
_UPDATE_ORDER = {name: i for i, name in enumerate((
    "title", "color_id", "owner_id", "date_due", "description", "category_id", "score",
    "recurrence_status", "recurrence_trigger", "recurrence_factor", "recurrence_timeframe",
    "recurrence_basedate", "reference", "priority", "date_started", "time_spent",
    "time_estimated"))}


def _same(new: Any, old: Any) -> bool:
    """PHP's array_diff_assoc: values compared as strings."""
    return old is not _ABSENT and activity_html.php_str(new) == activity_html.php_str(old)


def _updated(world: World, event: ev.TaskUpdated, old: dict | None) -> list[tuple[str, dict]]:
    """Kanboard's TaskModificationModel::fireEvents: an assignee change alone, or an update
    when a value differs; `changes` are the values that differ from the task before."""
    if old is None:
        return []
    given = sorted(event.changes.items(), key=lambda kv: _UPDATE_ORDER.get(kv[0], 99))
    diff = {k: v for k, v in given if not _same(v, old.get(k, _ABSENT))}
    diff.pop("date_modification", None)
    if not diff:
        return []
    data = {"task_id": event.task_id, "task": _details(world, event.task_id), "changes": diff}
    if "owner_id" in event.changes and "owner_id" in diff and len(diff) == 1:
        return [("task.assignee_change", data)]
    return [("task.update", data)]


def _moved(world: World, event: ev.TaskMoved, old: dict | None) -> list[tuple[str, dict]]:
    """Kanboard's TaskPositionModel::fireEvents: a swimlane move (and a column move with
    it), else a column move, else a position move; nothing when the task stayed."""
    if old is None:
        return []
    values = {"project_id": event.project_id, "position": event.position,
              "column_id": event.column_id, "swimlane_id": event.swimlane_id,
              "src_column_id": old["column_id"], "dst_column_id": event.column_id,
              "date_moved": old["date_moved"], "recurrence_status": old["recurrence_status"],
              "recurrence_trigger": old["recurrence_trigger"]}
    names = []
    if old["swimlane_id"] != event.swimlane_id:
        names.append("task.move.swimlane")
        if old["column_id"] != event.column_id:
            names.append("task.move.column")
    elif old["column_id"] != event.column_id:
        names.append("task.move.column")
    elif old["position"] != event.position:
        names.append("task.move.position")
    if not names:
        return []
    task = _details(world, event.task_id)
    # date_moved is listed when the move's new stamp is another second than the old one
    changes = {k: v for k, v in values.items() if not _same(v, task.get(k, _ABSENT))}
    data = {"task_id": event.task_id, "task": task, "changes": changes, **values}
    return [(name, data) for name in names]


def _moved_to_project(world: World, event: ev.TaskMovedToProject) -> dict:
    task = _details(world, event.task_id)
    values = {"is_active": 1, "project_id": event.project_id, "column_id": event.column_id,
              "position": event.position, "swimlane_id": event.swimlane_id,
              "category_id": task["category_id"], "owner_id": task["owner_id"],
              "priority": task["priority"]}
    return {"task_id": event.task_id, "task": task, **values}


def _with_task(world: World, task_id: int, **parts: Any) -> dict:
    return {**parts, "task": _details(world, task_id)}


def _details(world: World, task_id: int) -> dict:
    """Kanboard's TaskFinderModel::getDetails: the task row with its joined names. It
    only reads the world, so it peeks past the writer's undo log (domain.journal): it
    runs for most events, while the world's tables are journaled."""
    peek = dict.get
    row = dict.__getitem__(world.tasks, task_id).row
    doc = render.task_fields(row)
    category = peek(world.categories, row["category_id"]) or {}
    column = peek(world.columns, row["column_id"]) or {}
    owner = peek(world.users, row["owner_id"]) or {}
    creator = peek(world.users, row["creator_id"]) or {}
    project = peek(world.projects, row["project_id"])
    doc.update({
        "category_name": category.get("name"),
        "swimlane_name": (peek(world.swimlanes, row["swimlane_id"]) or {}).get("name"),
        "project_name": project.row["name"] if project else None,
        "column_title": column.get("title"), "assignee_username": owner.get("username"),
        "assignee_name": owner.get("name"), "creator_username": creator.get("username"),
        "creator_name": creator.get("name"), "category_description": category.get("description"),
        "column_position": column.get("position")})
    return doc


def _task_data(world: World, task_id: int) -> dict:
    return {"task_id": task_id, "task": _details(world, task_id)}


def _subtask(world: World, subtask_id: int) -> dict:
    """SubtaskModel::getByIdWithDetails, as the API's caller sees it (no timer running)."""
    subtask = dict(world.subtasks[subtask_id])
    user = world.users.get(subtask["user_id"]) or {}
    subtask.update(username=user.get("username"), name=user.get("name"), timer_start_date=0,
                   status_name=_STATUS_NAMES.get(subtask["status"], ""), is_timer_started=False)
    return subtask


def _comment(world: World, comment_id: int) -> dict:
    comment = world.comments[comment_id]
    user = world.users.get(comment["user_id"]) or {}
    return {**{k: comment[k] for k in ("id", "task_id", "user_id", "date_creation",
                                       "date_modification", "comment", "reference",
                                       "visibility")},
            "username": user.get("username"), "name": user.get("name"),
            "email": user.get("email"), "avatar_path": None}


def _file(world: World, file_id: int) -> dict:
    """TaskFileModel::getById, as the file's event carries it."""
    return render.file_doc(world.task_files[file_id], render.TASK_FILE_FIELDS)


def _task_link(world: World, row: dict | None) -> dict | None:
    if row is None:
        return None
    link = world.links.get(row["link_id"]) or {}
    return {"id": row["id"], "opposite_task_id": row["opposite_task_id"],
            "task_id": row["task_id"], "link_id": row["link_id"], "label": link.get("label"),
            "opposite_link_id": link.get("opposite_id")}


# --- writing and reading the table ------------------------------------------------------


def record(conn: sqlite3.Connection, row: Recorded,
           outcome: Sequence[Add | Drop | Imported] | None, table: str = "activities") -> None:
    """Write what one log row's event recorded, if a user made it (or Kanboard's row it
    brought across)."""
    for item in outcome or ():
        if len(item) == 2:
            column, value = item
            conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (value,))
            continue
        if len(item) == 7:
            *values, data = item
            conn.execute(f"INSERT INTO {table} (id, date_creation, event_name, creator_id, "
                         "project_id, task_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (*values, orjson.dumps(data).decode()))
            continue
        actor = row.meta().get("actor", "")
        if not actor.startswith("user:"):
            continue
        name, project_id, task_id, data = item
        # the id SQLite gives a rowid without AUTOINCREMENT, said so that PostgreSQL
        # gives the same (the writer is the table's only writer)
        conn.execute(f"INSERT INTO {table} (id, date_creation, event_name, creator_id, "
                     f"project_id, task_id, data) SELECT COALESCE(MAX(id), 0) + 1, ?, ?, ?, "
                     f"?, ?, ? FROM {table}",
                     (_timestamp(row), name, int(actor[5:]), project_id, task_id,
                      orjson.dumps(data).decode()))


def _timestamp(row: Recorded) -> int:
    return int(datetime.fromisoformat(row.recorded_at.replace("Z", "+00:00")).timestamp())


def build(conn: sqlite3.Connection, log: Any, until: int | None = None,
          table: str = "activities", folded: Folded | None = None) -> Folded:
    """Fill the table from the log, in the caller's transaction: afresh, or on from
    `folded` (a world folded with this table) when given."""
    if folded is None:
        conn.execute(f"DROP TABLE IF EXISTS {table}")
        create(conn, table)
    seen: dict[int, Any] = {}

    def look(row: Recorded, world: World) -> None:
        seen[row.position] = before(world, row.event())

    def write(row: Recorded, world: World) -> None:
        record(conn, row, after(world, row.event(), seen.pop(row.position, None)), table)

    return fold(log, world=folded.world if folded else None,
                after=folded.position if folded else 0, until=until, before=look,
                observe=write)


def _visible(activity: dict, role: str | None) -> bool:
    """Kanboard's formatter hides comments above the caller's application role."""
    comment = activity.get("comment")
    if not isinstance(comment, dict):
        return True
    if role == APP_USER:
        return comment.get("visibility") == APP_USER
    if role == APP_MANAGER:
        return comment.get("visibility") != APP_ADMIN
    return True


def activity(reads: Reads, project_ids: Iterable[int], limit: int,
             role: str | None = None) -> list[dict[str, Any]]:
    """Kanboard's getProjectsEvents: the newest `limit` rows of the projects whose task
    and project still exist, then those the caller's role may see."""
    ids = list(project_ids)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    rows = reads.conn.execute(
        f"SELECT a.id, a.date_creation, a.event_name, a.creator_id, a.project_id, a.task_id, "
        f"a.data, u.doc FROM activities a JOIN tasks t ON t.key = a.task_id "
        f"JOIN projects p ON p.key = a.project_id LEFT JOIN users u ON u.key = a.creator_id "
        f"WHERE a.project_id IN ({marks}) ORDER BY a.id DESC LIMIT ?", (*ids, limit))
    result = []
    for key, date, name, creator, project_id, task_id, data, user_doc in rows:
        user = orjson.loads(user_doc) if user_doc else {}
        item: dict[str, Any] = {
            "id": key, "date_creation": date, "event_name": name, "creator_id": creator,
            "project_id": project_id, "task_id": task_id,
            "author_username": user.get("username"), "author_name": user.get("name"),
            "email": user.get("email"), "avatar_path": None}
        for field, value in orjson.loads(data).items():
            item.setdefault(field, value)
        if not _visible(item, role):
            continue
        item["author"] = item["author_name"] or item["author_username"]
        item["event_title"] = activity_html.title(item)
        item["event_content"] = activity_html.content(item)
        result.append(item)
    return result
