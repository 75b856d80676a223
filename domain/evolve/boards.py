"""Columns, swimlanes, categories and tags (in the project stream)."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.evolve.common import changed, join, leave, number_parts, tasks_where
from domain.evolve.tasks import drop_tasks_in_columns
from domain.state import Key, ProjectState, World, own


@on(ev.ColumnAdded)
def _column_added(world: World, e: ev.ColumnAdded) -> set[Key]:
    project = world.projects.get(e.project_id)
    order = project.column_order if project else []
    last = max((world.columns[c]["position"] for c in order), default=0)
    return join(world, "column", e.column_id, project, "column_order", world.columns, {
        "id": e.column_id, "title": e.title, "position": last + 1,
        "project_id": e.project_id, "task_limit": e.task_limit, "description": e.description,
        "hide_in_dashboard": 0,
    })


@on(ev.ColumnUpdated)
def _column_updated(world: World, e: ev.ColumnUpdated) -> set[Key]:
    return changed(world.columns, e.column_id, ("column", e.column_id), title=e.title,
                   task_limit=e.task_limit, description=e.description
                   ) | tasks_where(world, e.project_id, column_id=e.column_id)


@on(ev.ColumnMoved)
def _column_moved(world: World, e: ev.ColumnMoved) -> set[Key]:
    project = world.projects.get(e.project_id)
    if not project or e.column_id not in project.column_order:
        return set()
    project.column_order.remove(e.column_id)
    project.column_order.insert(e.position - 1, e.column_id)
    touched = number_parts(project.column_order, world.columns, "column")
    for _, column_id in list(touched):  # a task shows its column's position
        touched |= tasks_where(world, e.project_id, column_id=column_id)
    return touched


@on(ev.ColumnRemoved)
def _column_removed(world: World, e: ev.ColumnRemoved) -> set[Key]:
    # Kanboard leaves the other columns' positions as they are.
    leave(e.column_id, world.projects.get(e.project_id), "column_order", world.columns)
    return {("column", e.column_id)} | drop_tasks_in_columns(world, {e.column_id})


@on(ev.SwimlaneAdded)
def _swimlane_added(world: World, e: ev.SwimlaneAdded) -> set[Key]:
    project = world.projects.get(e.project_id)
    return join(world, "swimlane", e.swimlane_id, project, "swimlane_order", world.swimlanes, {
        "id": e.swimlane_id, "name": e.name, "position": _last_position(world, project),
        "is_active": 1, "project_id": e.project_id, "description": e.description,
        "task_limit": 0,
    })


def _active_lanes(world: World, project: ProjectState | None) -> list[int]:
    """The project's active swimlanes in Kanboard's order: by position, then id."""
    lanes = [world.swimlanes[s] for s in project.swimlane_order] if project else []
    return [s["id"] for s in sorted(lanes, key=lambda s: (s["position"], s["id"]))
            if s["is_active"]]


def _last_position(world: World, project: ProjectState | None) -> int:
    """Kanboard's getLastPosition: one past the number of active swimlanes."""
    return len(_active_lanes(world, project)) + 1


def _lanes_renumbered(world: World, project: ProjectState | None) -> set[Key]:
    return number_parts(_active_lanes(world, project), world.swimlanes, "swimlane")


@on(ev.SwimlaneUpdated)
def _swimlane_updated(world: World, e: ev.SwimlaneUpdated) -> set[Key]:
    values = {"name": e.name} if e.description is None else {"name": e.name,
                                                              "description": e.description}
    return changed(world.swimlanes, e.swimlane_id, ("swimlane", e.swimlane_id), **values
                   ) | tasks_where(world, e.project_id, swimlane_id=e.swimlane_id)


@on(ev.SwimlaneRemoved)
def _swimlane_removed(world: World, e: ev.SwimlaneRemoved) -> set[Key]:
    project = world.projects.get(e.project_id)
    leave(e.swimlane_id, project, "swimlane_order", world.swimlanes)
    return {("swimlane", e.swimlane_id)} | _lanes_renumbered(world, project)


@on(ev.SwimlaneDisabled)
def _swimlane_disabled(world: World, e: ev.SwimlaneDisabled) -> set[Key]:
    project = world.projects.get(e.project_id)
    touched: set[Key] = set()
    if project and e.swimlane_id in project.swimlane_order:
        touched = changed(world.swimlanes, e.swimlane_id, ("swimlane", e.swimlane_id),
                          is_active=0, position=0)
    return touched | _lanes_renumbered(world, project)


@on(ev.SwimlaneEnabled)
def _swimlane_enabled(world: World, e: ev.SwimlaneEnabled) -> set[Key]:
    project = world.projects.get(e.project_id)
    if not project or e.swimlane_id not in project.swimlane_order:
        return set()
    position = _last_position(world, project)  # counted before: as Kanboard's UPDATE
    return changed(world.swimlanes, e.swimlane_id, ("swimlane", e.swimlane_id),
                   is_active=1, position=position)


@on(ev.SwimlaneMoved)
def _swimlane_moved(world: World, e: ev.SwimlaneMoved) -> set[Key]:
    """Kanboard's changePosition: the other active swimlanes take 1, 2, ... skipping the
    asked position, which the moved one takes."""
    project = world.projects.get(e.project_id)
    if not project or e.swimlane_id not in project.swimlane_order:
        return set()
    touched: set[Key] = set()
    offset = 1
    for lane_id in (s for s in _active_lanes(world, project) if s != e.swimlane_id):
        offset += offset == e.position
        touched |= changed(world.swimlanes, lane_id, ("swimlane", lane_id), position=offset)
        offset += 1
    return touched | changed(world.swimlanes, e.swimlane_id, ("swimlane", e.swimlane_id),
                             position=e.position)


@on(ev.CategoryCreated)
def _category_created(world: World, e: ev.CategoryCreated) -> set[Key]:
    return join(world, "category", e.category_id, world.projects.get(e.project_id),
                "category_ids", world.categories, {
                    "id": e.category_id, "name": e.name, "project_id": e.project_id,
                    "description": None, "color_id": e.color_id})


@on(ev.CategoryUpdated)
def _category_updated(world: World, e: ev.CategoryUpdated) -> set[Key]:
    return changed(world.categories, e.category_id, ("category", e.category_id),
                   name=e.name, color_id=e.color_id
                   ) | tasks_where(world, e.project_id, category_id=e.category_id)


@on(ev.CategoryRemoved)
def _category_removed(world: World, e: ev.CategoryRemoved) -> set[Key]:
    leave(e.category_id, world.projects.get(e.project_id), "category_ids", world.categories)
    touched = tasks_where(world, e.project_id, category_id=e.category_id)
    for _, task_id in touched:
        world.tasks[task_id].row["category_id"] = 0
    return touched | {("category", e.category_id)}


@on(ev.TagCreated)
def _tag_created(world: World, e: ev.TagCreated) -> set[Key]:
    """Kanboard's tags table has no foreign key: a tag of project 0 (a global tag) or of
    a project that is not there is kept all the same."""
    world.saw_id("tag", e.tag_id)
    world.tags[e.tag_id] = {"id": e.tag_id, "name": e.name, "project_id": e.project_id,
                            "color_id": e.color_id}
    project = world.projects.get(e.project_id)
    if project is not None:
        own(project, "tag_ids").append(e.tag_id)
    return {("tag", e.tag_id)}


def _tasks_tagged(world: World, tag_id: int) -> set[Key]:
    return {("task", task_id) for task_id, task in world.tasks.items() if tag_id in task.tag_ids}


@on(ev.TagUpdated)
def _tag_updated(world: World, e: ev.TagUpdated) -> set[Key]:
    return changed(world.tags, e.tag_id, ("tag", e.tag_id), name=e.name,
                   color_id=e.color_id) | _tasks_tagged(world, e.tag_id)


@on(ev.TagRemoved)
def _tag_removed(world: World, e: ev.TagRemoved) -> set[Key]:
    touched = _tasks_tagged(world, e.tag_id)
    for _, task_id in touched:
        world.tasks[task_id].tag_ids.remove(e.tag_id)
    leave(e.tag_id, world.projects.get(e.project_id), "tag_ids", world.tags)
    return touched | {("tag", e.tag_id)}
