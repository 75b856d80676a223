"""History from the log: a task's timeline, and any task or board as it was at a position.

Time travel folds only the streams that matter (the project's, its tasks' and the users'
streams, from the newest project snapshot before the moment) and renders them with the very
code the live read models use, in an in-memory copy of their tables.
"""
from __future__ import annotations

import copy
import functools
import sqlite3
from datetime import datetime, timezone
from typing import Any, Callable

import orjson

from domain.rules import is_digits
from domain.state import World
from eventstore import reader
from eventstore.fold import fold
from eventstore.records import Recorded
from eventstore.sqlite import SqliteLog
from projections import render, snapshots
from projections.board import board_of_world

SECRET_SUFFIXES = ("_hash", "password", "secret")
# Whether the caller may see a project now: what happened while a task was in a project is
# shown only to those who could see that project (a moved task keeps its past to itself).
Visible = Callable[[int], bool]


def _everyone(project_id: int) -> bool:
    return True


_LAST_POSITION = 2 ** 63 - 1  # SQLite's largest integer: every position is at or before it


def position_of(conn: sqlite3.Connection, at: Any) -> int | None:
    """`at` is a global position (integer) or an ISO 8601 time; None if unreadable.
    Before the log began is position 0 (nothing existed); a position past the head, or a
    time far in the future, is the head."""
    if isinstance(at, bool):
        return None
    if isinstance(at, int) or (isinstance(at, str) and is_digits(at.strip())):
        return max(min(int(at), _LAST_POSITION), -1)
    if not isinstance(at, str):
        return None
    try:
        moment = datetime.fromisoformat(at.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        moment = moment.astimezone(timezone.utc)
    except OverflowError:  # an offset moves year 1 or 9999 out of the calendar
        return 0 if moment.year == 1 else _LAST_POSITION
    stamp = moment.isoformat(timespec="microseconds")
    return reader.position_at(conn, stamp.replace("+00:00", "Z"))


def world_at(conn: sqlite3.Connection, streams: list[str], until: int) -> World:
    return fold(SqliteLog(conn), streams=streams, until=until).world


def task_at(conn: sqlite3.Connection, task_id: int, until: int,
            visible: Visible = _everyone) -> dict | None:
    """A task's position follows its siblings' moves (folded from their streams), so the
    task's own stream only tells which project to fold. A task that was then in a project
    the caller cannot see was not there for them (None)."""
    alone = world_at(conn, [f"task-{task_id}"], until).tasks.get(task_id)
    if alone is None or not visible(alone.row["project_id"]):
        return None
    task = project_world_at(conn, alone.row["project_id"], until).tasks.get(task_id)
    return render.task_doc(task) if task else None


def project_world_at(conn: sqlite3.Connection, project_id: int, until: int) -> World:
    """One project (with its tasks and the users) as it was: from the newest snapshot at or
    before `until`, folding only the events after it."""
    world, after = snapshots.load(conn, project_id, until)
    streams = [f"project-{project_id}", *reader.task_streams_of_project(conn, project_id, until),
               *reader.streams_of_kind(conn, "user")]
    return fold(SqliteLog(conn), world=world, after=after, until=until, streams=streams).world


def board_at(conn: sqlite3.Connection, project_id: int, until: int) -> list[dict]:
    return board_of_world(project_world_at(conn, project_id, until), project_id)


def tasks_at(conn: sqlite3.Connection, project_id: int, status: int, until: int) -> list[dict]:
    world = project_world_at(conn, project_id, until)
    return [render.task_doc(world.tasks[t]) for t in sorted(world.tasks)
            if world.tasks[t].row["project_id"] == project_id
            and world.tasks[t].row["is_active"] == status]


def redact(value: Any) -> Any:
    """No hash or secret leaves the server, not even from the raw log."""
    if isinstance(value, dict):
        return {k: "<redacted>" if k.endswith(SECRET_SUFFIXES) else redact(v)
                for k, v in value.items()}
    return value


def raw_event(row: Recorded) -> dict[str, Any]:
    return {"position": row.position, "stream_id": row.stream_id,
            "stream_version": row.stream_version, "type": row.type,
            "schema_version": row.schema_version, "data": redact(orjson.loads(row.data)),
            "metadata": row.meta(), "recorded_at": row.recorded_at, "hash": row.hash}


def _entities(world: World, task_id: int) -> dict[str, dict]:
    """What of a task a history entry can change: the task, its subtasks, comments and
    external links."""
    task = world.tasks.get(task_id)
    if not task:
        return {}
    views = {"task": {**task.row, "tags": [world.tags.get(t, {}).get("name", t)
                                            for t in task.tag_ids],
                      "metadata": dict(task.metadata)}}
    views.update({f"subtask:{s}": world.subtasks[s] for s in task.subtask_order})
    views.update({f"comment:{c}": world.comments[c] for c in task.comment_ids})
    views.update({f"external_link:{x}": world.external_links[x] for x in task.external_link_ids})
    return copy.deepcopy(views)


def _changes(before: dict[str, dict], after: dict[str, dict]) -> dict[str, dict]:
    changes: dict[str, dict] = {}
    for entity in sorted(set(before) | set(after)):
        old, new = before.get(entity, {}), after.get(entity, {})
        fields = {f: {"old": old.get(f), "new": new.get(f)}
                  for f in sorted(set(old) | set(new)) if old.get(f) != new.get(f)}
        if fields:
            changes[entity] = fields
    return changes


def _project(entities: dict[str, dict]) -> int | None:
    task = entities.get("task")
    return task["project_id"] if task else None


def _seen_changes(before: dict[str, dict], after: dict[str, dict],
                  visible: Visible) -> dict[str, dict] | None:
    """What of one event the caller may see, judged by the project the task was in: None
    for an event in a project they cannot see; for a move into one they can see from one
    they cannot, the new values only (the old ones are None)."""
    source, target = _project(before), _project(after)
    changes = _changes(before, after)
    if target is None or source in (None, target):  # it happened in one project
        return changes if visible(target if target is not None else source) else None
    if visible(source):
        return changes
    if not visible(target):
        return None
    return {entity: {f: {"old": None, "new": v["new"]} for f, v in fields.items()}
            for entity, fields in changes.items()}


def _readable(entities: dict[str, dict], reads: Callable[[str], bool]) -> dict[str, dict]:
    """Without the comments whose visibility the caller's role does not reach."""
    return {name: view for name, view in entities.items()
            if not name.startswith("comment:") or reads(view.get("visibility") or "app-user")}


def task_history(conn: sqlite3.Connection, task_id: int, visible: Visible = _everyone,
                 reads: Callable[[str], bool] = lambda visibility: True,
                 ) -> list[dict[str, Any]]:
    """Every event of a task (with its subtasks and comments), oldest first, with the
    fields each one changed; only the events in projects the caller may see (`visible`)
    and the comments their role may read (`reads`, given a comment's visibility): an
    event that changed nothing else they may read is left out."""
    entries: list[dict[str, Any]] = []
    before: dict[str, dict] = {}
    visible = functools.cache(visible)  # one access check per project, not per event

    def record(row: Recorded, world: World) -> None:
        nonlocal before
        after = _readable(_entities(world, task_id), reads)
        changes = _seen_changes(before, after, visible)
        if changes is not None and (changes or not row.type.startswith("Comment")):
            entries.append(_entry(row, changes))
        before = after

    fold(SqliteLog(conn), streams=[f"task-{task_id}"], observe=record)
    return entries


def _entry(row: Recorded, changes: dict[str, dict]) -> dict[str, Any]:
    meta = row.meta()
    return {"position": row.position, "type": row.type, "recorded_at": row.recorded_at,
            "actor": meta.get("actor"), "actor_name": meta.get("actor_name"),
            "credential": meta.get("credential"), "rpc_method": meta.get("rpc_method"),
            "request_id": meta.get("request_id"), "correlation_id": meta.get("correlation_id"),
            "changes": changes}
