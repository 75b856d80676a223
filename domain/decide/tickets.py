"""Leantime ticket decisions, composed from the task decisions so each call is one
atomic decision: e.g. "add a ticket with status Done" creates and closes together."""
from __future__ import annotations

from typing import Any

from domain import events as ev
from domain.decide.tasks import move_events, create_task, update_task
from domain.decision import Decision, decider
from domain.errors import Invalid
from domain.rules import project as get_project, task as get_task
from domain.state import ProjectState, World
from domain.statuses import DONE, column_for_status, column_status, statuses_of_type


def status_events(world: World, at: int, task_id: int, status: int) -> list[ev.Event]:
    """Move a task to the column of `status` and open or close it to match."""
    task = get_task(world, task_id)
    project = get_project(world, task.row["project_id"])
    column_id = column_for_status(world, project, status)
    if column_id is None and status != DONE:
        raise Invalid(f"status {status} is not a column of project {project.row['id']}")
    events: list[ev.Event] = []
    if status != DONE and not task.row["is_active"]:
        events.append(ev.TaskOpened(task_id, at))
    if column_id is not None and column_id != task.row["column_id"]:
        cell = (project.row["id"], task.row["swimlane_id"], column_id)
        events += move_events(world, task_id, cell, world.open_in_cell(cell) + 1, at)
    if status == DONE and task.row["is_active"]:
        events.append(ev.TaskClosed(task_id, at))
    return events


@decider
def create_ticket(world: World, at: int, actor_id: int, status: int | None = None,
                  **task_args: Any) -> Decision:
    """Create a task in the column of `status` (closed at once for Done)."""
    if status is not None:
        project = get_project(world, task_args.get("project_id", 0))
        column_id = column_for_status(world, project, status)
        if column_id is None and status != DONE:
            raise Invalid(f"status {status} is not a column of project {project.row['id']}")
        if column_id is not None:
            task_args["column_id"] = column_id
    created = create_task(world, at=at, actor_id=actor_id, **task_args)
    closing = [ev.TaskClosed(created.result, at)] if status == DONE else []
    return Decision(created.events + closing, created.result)


@decider
def patch_ticket(world: World, at: int, id: int, status: int | None = None,
                 **task_args: Any) -> Decision:
    """Change only the given fields (and the status); nothing else is blanked."""
    get_task(world, id)
    events: list[ev.Event] = []
    if task_args:
        events += update_task(world, at=at, id=id, **task_args).events
    if status is not None:
        events += status_events(world, at, id, status)
    return Decision(events)


@decider
def set_ticket_status_type(world: World, at: int, task_id: int, status_type: str) -> Decision:
    task = get_task(world, task_id)
    project = get_project(world, task.row["project_id"])
    candidates = statuses_of_type(world, project, status_type.upper())
    if not candidates:
        raise Invalid(f"no status of type {status_type!r} in project {project.row['id']}")
    order = [s for s in _status_order(world, project) if s in candidates]
    return Decision(status_events(world, at, task_id, order[0]))


def _status_order(world: World, project: ProjectState) -> list[int]:
    return [column_status(world.columns[c]) for c in project.column_order] + [DONE]


@decider
def move_task_to_project(world: World, at: int, task_id: int, project_id: int) -> Decision:
    task = get_task(world, task_id)
    target = get_project(world, project_id)
    if task.row["project_id"] == project_id:
        raise Invalid("the task is already in that project")
    column_id, swimlane_id = target.column_order[0], target.swimlane_order[0]
    position = world.open_in_cell((project_id, swimlane_id, column_id)) + 1
    return Decision([ev.TaskMovedToProject(task_id, project_id, column_id, swimlane_id,
                                           position, at)])
