"""Kanboard's activity stream, answered from the event log.

Kanboard records activity only for calls made by a user (not the application token),
and drops the events of removed tasks; both follow here from the log's metadata and
the task projection. Newest first.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

import orjson

from eventstore import reader
from eventstore.records import Recorded
from projections.queries import Reads

_NAMES = {"TaskCreated": ("task.create", "%s created the task #%d"),
          "TaskUpdated": ("task.update", "%s updated the task #%d"),
          "TaskClosed": ("task.close", "%s closed the task #%d"),
          "TaskOpened": ("task.open", "%s opened the task #%d"),
          "TaskMoved": ("task.move.position", "%s moved the task #%d to the position %d"),
          "SubtaskCreated": ("subtask.create", "%s created a subtask for the task #%d"),
          "SubtaskUpdated": ("subtask.update", "%s updated a subtask for the task #%d"),
          "SubtaskRemoved": ("subtask.delete", "%s removed a subtask for the task #%d"),
          "CommentCreated": ("comment.create", "%s commented on the task #%d"),
          "CommentUpdated": ("comment.update", "%s updated a comment on the task #%d"),
          "CommentRemoved": ("comment.delete", "%s removed a comment on the task #%d"),
          "TaskFileCreated": ("task.file.create", "%s attached a file to the task #%d"),
          "TaskFileRemoved": ("task.file.destroy", "%s removed a file from the task #%d")}


def _event_name(row: Recorded, data: dict, previous_column: int | None) -> tuple[str, str]:
    name, title = _NAMES[row.type]
    if row.type == "TaskMoved" and previous_column != data["column_id"]:
        name, title = "task.move.column", "%s moved the task #%d to another column"
    if row.type == "TaskUpdated" and set(data["changes"]) == {"owner_id"}:
        name, title = "task.assignee_change", "%s changed the assignee of the task #%d"
    return name, title


def activity(reads: Reads, project_ids: list[int], limit: int) -> list[dict[str, Any]]:
    """An event belongs to the project its task was in then, as Kanboard's
    project_activities rows keep theirs: a task moved in brings none of its past along."""
    wanted = set(project_ids)
    streams = sorted({s for p in wanted for s in reader.task_streams_of_project(reads.conn, p)})
    if not streams:
        return []
    users = {r[0]: orjson.loads(r[1]) for r in reads.conn.execute("SELECT id, doc FROM users")}
    columns: dict[int, int] = {}  # each task's column so far, to tell column moves apart
    projects: dict[int, int] = {}  # each task's project so far
    items: list[dict[str, Any]] = []
    for row in reader.read_streams(reads.conn, streams):
        data = orjson.loads(row.data)
        if row.type == "TaskRemoved":  # an id handed out again: the earlier task's is gone
            items = [i for i in items if i["task_id"] != data["task_id"]]
            columns.pop(data["task_id"], None)
            continue
        previous_column = columns.get(data["task_id"])
        if row.type in ("TaskCreated", "TaskMoved", "TaskMovedToProject"):
            columns[data["task_id"]] = data["column_id"]
        if row.type in ("TaskCreated", "TaskMovedToProject"):
            projects[data["task_id"]] = data["project_id"]
        actor = row.meta().get("actor", "")
        project_id = projects.get(data["task_id"])
        if row.type in _NAMES and actor.startswith("user:") and project_id in wanted:
            name, title = _event_name(row, data, previous_column)
            items.append(_item(row, data, name, title, users, int(actor[5:]), project_id))
    alive = {r[0] for r in reads.conn.execute("SELECT id FROM tasks")}  # Kanboard's JOIN
    items = [i for i in items if i["task_id"] in alive]
    return sorted(items, key=lambda i: i["id"], reverse=True)[:limit]


def _item(row: Recorded, data: dict, name: str, title: str, users: dict[int, dict],
          user_id: int, project_id: int) -> dict[str, Any]:
    user = users.get(user_id, {})
    author = user.get("name") or user.get("username") or ""
    values = (author, data["task_id"], data.get("position", 0))[: title.count("%")]
    recorded = datetime.fromisoformat(row.recorded_at.replace("Z", "+00:00"))
    return {"id": row.position, "date_creation": int(recorded.timestamp()), "event_name": name,
            "creator_id": user_id, "project_id": project_id,
            "task_id": data["task_id"], "author_username": user.get("username"),
            "author_name": user.get("name"), "email": user.get("email"), "avatar_path": None,
            "author": author, "event_title": title % values, "event_content": title % values}
