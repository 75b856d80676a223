"""Projects: settings, access, metadata, members."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.state import Key, ProjectState, World
from domain.evolve.actions import drop_actions_of
from domain.evolve.files import drop_files_of
from domain.evolve.tasks import drop_task, drop_tasks_in_columns


@on(ev.ProjectCreated)
def _project_created(world: World, e: ev.ProjectCreated) -> set[Key]:
    world.saw_id("project", e.project_id)
    world.projects[e.project_id] = ProjectState(row={
        "id": e.project_id, "name": e.name, "is_active": 1, "token": "", "last_modified": e.at,
        "is_public": 0, "is_private": e.is_private, "description": e.description,
        "identifier": e.identifier, "start_date": e.start_date, "end_date": e.end_date,
        "owner_id": e.owner_id, "priority_default": e.priority_default,
        "priority_start": e.priority_start, "priority_end": e.priority_end, "email": e.email,
    })
    return {("project", e.project_id)}


def _project_changed(world: World, project_id: int, changes: dict, at: int) -> set[Key]:
    project = world.projects.get(project_id)
    if not project:
        return set()
    project.row.update(changes)
    project.row["last_modified"] = at
    touched: set[Key] = {("project", project_id)}
    if "name" in changes:
        touched |= {("task", tid) for tid in project.task_ids}
    return touched


@on(ev.ProjectUpdated)
def _project_updated(world: World, e: ev.ProjectUpdated) -> set[Key]:
    return _project_changed(world, e.project_id, e.changes, e.at)


@on(ev.ProjectEnabled)
def _project_enabled(world: World, e: ev.ProjectEnabled) -> set[Key]:
    return _project_changed(world, e.project_id, {"is_active": 1}, e.at)


@on(ev.ProjectDisabled)
def _project_disabled(world: World, e: ev.ProjectDisabled) -> set[Key]:
    return _project_changed(world, e.project_id, {"is_active": 0}, e.at)


@on(ev.ProjectPublicAccessEnabled)
def _public_on(world: World, e: ev.ProjectPublicAccessEnabled) -> set[Key]:
    return _project_changed(world, e.project_id, {"is_public": 1, "token": e.token}, e.at)


@on(ev.ProjectPublicAccessDisabled)
def _public_off(world: World, e: ev.ProjectPublicAccessDisabled) -> set[Key]:
    return _project_changed(world, e.project_id, {"is_public": 0, "token": ""}, e.at)


@on(ev.ProjectRemoved)
def _project_removed(world: World, e: ev.ProjectRemoved) -> set[Key]:
    project = world.projects.pop(e.project_id, None)
    if not project:
        return set()
    touched: set[Key] = {("project", e.project_id), ("project_users", e.project_id),
                         ("project_groups", e.project_id), ("project_metadata", e.project_id)}
    touched |= drop_files_of(project, world.project_files, "project_file")
    for task_id in list(project.task_ids):
        touched |= drop_task(world, task_id)
    touched |= drop_tasks_in_columns(world, set(project.column_order))
    touched |= drop_actions_of(world, e.project_id)
    for kind, ids, table in (("sprint", project.sprint_ids, world.sprints),
                             ("column", project.column_order, world.columns),
                             ("swimlane", project.swimlane_order, world.swimlanes),
                             ("category", project.category_ids, world.categories),
                             ("tag", project.tag_ids, world.tags)):
        for item_id in ids:
            table.pop(item_id, None)
            touched.add((kind, item_id))
    for cell in [c for c in world.cells if c[0] == e.project_id]:
        del world.cells[cell]
        world.keyed.pop(cell, None)
        world.dense.discard(cell)
        if world.unsettled:
            world.unsettled.discard(cell)
    return touched


@on(ev.ProjectUserAdded)
@on(ev.ProjectUserRoleChanged)
def _member_set(world: World, e: ev.ProjectUserAdded) -> set[Key]:
    if e.project_id in world.projects:
        world.projects[e.project_id].members[e.user_id] = e.role
    return {("project_users", e.project_id)}


@on(ev.ProjectUserRemoved)
def _member_removed(world: World, e: ev.ProjectUserRemoved) -> set[Key]:
    if e.project_id in world.projects:
        world.projects[e.project_id].members.pop(e.user_id, None)
    return {("project_users", e.project_id)}
