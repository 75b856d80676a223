"""Columns, swimlanes, categories and tags (in the project stream)."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.evolve.common import changed, join, leave, next_position, number_parts, tasks_where
from domain.evolve.tasks import drop_tasks_in_columns
from domain.state import Key, World


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
        "id": e.swimlane_id, "name": e.name,
        "position": next_position(project, "swimlane_order"), "is_active": 1,
        "project_id": e.project_id, "description": e.description, "task_limit": 0,
    })


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
    row = {"id": e.tag_id, "name": e.name, "project_id": e.project_id, "color_id": None}
    project = world.projects.get(e.project_id)
    if project is None:  # Kanboard keeps tags of a project id that does not exist
        world.saw_id("tag", e.tag_id)
        world.tags[e.tag_id] = row
        return {("tag", e.tag_id)}
    return join(world, "tag", e.tag_id, project, "tag_ids", world.tags, row)
