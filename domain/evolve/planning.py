"""API keys, sprints and logged time."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.state import Key, World
from domain.evolve.common import changed, join, leave, tasks_where
from domain.rules import number


@on(ev.ApiKeyCreated)
def _key_created(world: World, e: ev.ApiKeyCreated) -> set[Key]:
    world.saw_id("apikey", e.key_id)
    world.api_keys[e.key_id] = {"id": e.key_id, "key_name": e.key_name, "label": e.label,
                                "secret_hash": e.secret_hash, "role": e.role,
                                "project_ids": list(e.project_ids), "active": 1}
    world.key_names[e.key_name] = e.key_id
    return {("apikey", e.key_id)}


@on(ev.ApiKeyRevoked)
def _key_revoked(world: World, e: ev.ApiKeyRevoked) -> set[Key]:
    return changed(world.api_keys, e.key_id, ("apikey", e.key_id), active=0)


@on(ev.SprintAdded)
def _sprint_added(world: World, e: ev.SprintAdded) -> set[Key]:
    return join(world, "sprint", e.sprint_id, world.projects.get(e.project_id), "sprint_ids",
                world.sprints, {"id": e.sprint_id, "project_id": e.project_id, "name": e.name,
                                "start_date": e.start_date, "end_date": e.end_date})


@on(ev.SprintEdited)
def _sprint_edited(world: World, e: ev.SprintEdited) -> set[Key]:
    return changed(world.sprints, e.sprint_id, ("sprint", e.sprint_id), **e.changes)


@on(ev.SprintDeleted)
def _sprint_deleted(world: World, e: ev.SprintDeleted) -> set[Key]:
    leave(e.sprint_id, world.projects.get(e.project_id), "sprint_ids", world.sprints)
    touched = tasks_where(world, e.project_id, sprint_id=e.sprint_id)
    for _, task_id in touched:
        world.tasks[task_id].row["sprint_id"] = None
    return touched | {("sprint", e.sprint_id)}


@on(ev.TimeLogged)
def _time_logged(world: World, e: ev.TimeLogged) -> set[Key]:
    world.saw_id("timesheet", e.entry_id)
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    task.row["time_spent"] = number((task.row.get("time_spent") or 0) + e.hours)
    task.row["date_modification"] = e.at
    return {("task", e.task_id)}
