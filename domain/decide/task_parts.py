"""Decisions on what hangs off a task: subtasks, comments, metadata."""
from __future__ import annotations

from typing import Any

from domain import events as ev
from domain.decide.projects import metadata_values
from domain.decision import Decision, decider
from domain.errors import Invalid, NotFound
from domain.roles import APP_USER
from domain.rules import existing, require_text, task as get_task
from domain.state import Row, World

SUBTASK_STATUSES = {0: "Todo", 1: "In progress", 2: "Done"}


def _subtask(world: World, subtask_id: int) -> Row:
    return existing(world.subtasks, subtask_id, "subtask")


def _status(value: Any) -> int:
    status = int(value or 0)
    if status not in SUBTASK_STATUSES:
        raise Invalid(f"unknown subtask status {value!r}")
    return status


def _hours(value: Any) -> float | int:
    number = float(value or 0)
    if number < 0:
        raise Invalid("times must not be negative")
    return int(number) if number.is_integer() else number


@decider
def create_subtask(world: World, task_id: int, title: str, user_id: int = 0,
                   time_estimated: Any = 0, time_spent: Any = 0, status: Any = 0) -> Decision:
    get_task(world, task_id)
    require_text(title, "title", 255)
    subtask_id = world.next_id("subtask")
    return Decision([ev.SubtaskCreated(task_id, subtask_id, title, user_id or 0,
                                       _hours(time_estimated), _hours(time_spent),
                                       _status(status))], subtask_id)


@decider
def update_subtask(world: World, id: int, task_id: int, **values: Any) -> Decision:
    subtask = _subtask(world, id)
    if subtask["task_id"] != task_id:
        raise NotFound(f"subtask {id} is not in task {task_id}")
    changes = {k: v for k, v in values.items() if v is not None}
    if "title" in changes:
        require_text(changes["title"], "title", 255)
    if "status" in changes:
        changes["status"] = _status(changes["status"])
    for name in ("time_estimated", "time_spent"):
        if name in changes:
            changes[name] = _hours(changes[name])
    if "position" in changes:
        count = len(world.tasks[task_id].subtask_order)
        if not 1 <= int(changes["position"]) <= count:
            raise Invalid("position out of range")
        changes["position"] = int(changes["position"])
    return Decision([ev.SubtaskUpdated(task_id, id, changes)])


@decider
def remove_subtask(world: World, subtask_id: int) -> Decision:
    subtask = _subtask(world, subtask_id)
    return Decision([ev.SubtaskRemoved(subtask["task_id"], subtask_id)])


def _comment(world: World, comment_id: int) -> Row:
    return existing(world.comments, comment_id, "comment")


@decider
def create_comment(world: World, at: int, task_id: int, user_id: int, content: str,
                   reference: str = "", visibility: str = APP_USER) -> Decision:
    get_task(world, task_id)
    require_text(content, "content")
    if user_id:
        existing(world.users, user_id, "user")
    comment_id = world.next_id("comment")
    return Decision([ev.CommentCreated(task_id, comment_id, user_id or 0, content,
                                       reference or "", visibility or APP_USER, at)], comment_id)


@decider
def update_comment(world: World, at: int, id: int, content: str) -> Decision:
    comment = _comment(world, id)
    require_text(content, "content")
    return Decision([ev.CommentUpdated(comment["task_id"], id, content, at)])


@decider
def remove_comment(world: World, comment_id: int) -> Decision:
    comment = _comment(world, comment_id)
    return Decision([ev.CommentRemoved(comment["task_id"], comment_id)])


@decider
def save_task_metadata(world: World, task_id: int, values: dict) -> Decision:
    get_task(world, task_id)
    return Decision([ev.TaskMetadataSaved(task_id, metadata_values(values))])


@decider
def remove_task_metadata(world: World, task_id: int, name: str) -> Decision:
    if name not in get_task(world, task_id).metadata:
        raise NotFound(f"no metadata named {name!r}")
    return Decision([ev.TaskMetadataRemoved(task_id, name)])
