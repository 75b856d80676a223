"""Columns, swimlanes, categories and tags (in the project stream)."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.state import Key, ProjectState, World
from domain.evolve.common import tasks_where


def _renumber_columns(world: World, project: ProjectState) -> set[Key]:
    touched: set[Key] = set()
    for index, column_id in enumerate(project.column_order, start=1):
        if world.columns[column_id]["position"] != index:
            world.columns[column_id]["position"] = index
            touched.add(("column", column_id))
            touched |= tasks_where(world, project.row["id"], column_id=column_id)
    return touched


@on(ev.ColumnAdded)
def _column_added(world: World, e: ev.ColumnAdded) -> set[Key]:
    world.saw_id("column", e.column_id)
    project = world.projects.get(e.project_id)
    if not project:
        return set()
    last = max((world.columns[c]["position"] for c in project.column_order), default=0)
    project.column_order.append(e.column_id)
    world.columns[e.column_id] = {
        "id": e.column_id, "title": e.title, "position": last + 1,
        "project_id": e.project_id, "task_limit": e.task_limit, "description": e.description,
        "hide_in_dashboard": 0,
    }
    return {("column", e.column_id)}


@on(ev.ColumnUpdated)
def _column_updated(world: World, e: ev.ColumnUpdated) -> set[Key]:
    column = world.columns.get(e.column_id)
    if not column:
        return set()
    column.update(title=e.title, task_limit=e.task_limit, description=e.description)
    return {("column", e.column_id)} | tasks_where(world, e.project_id, column_id=e.column_id)


@on(ev.ColumnMoved)
def _column_moved(world: World, e: ev.ColumnMoved) -> set[Key]:
    project = world.projects.get(e.project_id)
    if not project or e.column_id not in project.column_order:
        return set()
    project.column_order.remove(e.column_id)
    project.column_order.insert(e.position - 1, e.column_id)
    return _renumber_columns(world, project)


@on(ev.ColumnRemoved)
def _column_removed(world: World, e: ev.ColumnRemoved) -> set[Key]:
    project = world.projects.get(e.project_id)
    world.columns.pop(e.column_id, None)
    touched: set[Key] = {("column", e.column_id)}
    if project and e.column_id in project.column_order:
        project.column_order.remove(e.column_id)  # Kanboard leaves the other positions as they are
    return touched


@on(ev.SwimlaneAdded)
def _swimlane_added(world: World, e: ev.SwimlaneAdded) -> set[Key]:
    world.saw_id("swimlane", e.swimlane_id)
    project = world.projects.get(e.project_id)
    if not project:
        return set()
    project.swimlane_order.append(e.swimlane_id)
    world.swimlanes[e.swimlane_id] = {
        "id": e.swimlane_id, "name": e.name, "position": len(project.swimlane_order),
        "is_active": 1, "project_id": e.project_id, "description": e.description,
        "task_limit": 0,
    }
    return {("swimlane", e.swimlane_id)}


@on(ev.CategoryCreated)
def _category_created(world: World, e: ev.CategoryCreated) -> set[Key]:
    world.saw_id("category", e.category_id)
    project = world.projects.get(e.project_id)
    if not project:
        return set()
    project.category_ids.append(e.category_id)
    world.categories[e.category_id] = {
        "id": e.category_id, "name": e.name, "project_id": e.project_id,
        "description": None, "color_id": e.color_id,
    }
    return {("category", e.category_id)}


@on(ev.CategoryUpdated)
def _category_updated(world: World, e: ev.CategoryUpdated) -> set[Key]:
    category = world.categories.get(e.category_id)
    if not category:
        return set()
    category.update(name=e.name, color_id=e.color_id)
    return {("category", e.category_id)} | tasks_where(world, e.project_id,
                                                          category_id=e.category_id)


@on(ev.CategoryRemoved)
def _category_removed(world: World, e: ev.CategoryRemoved) -> set[Key]:
    world.categories.pop(e.category_id, None)
    project = world.projects.get(e.project_id)
    if project and e.category_id in project.category_ids:
        project.category_ids.remove(e.category_id)
    touched = tasks_where(world, e.project_id, category_id=e.category_id)
    for _, task_id in touched:
        world.tasks[task_id].row["category_id"] = 0
    return touched | {("category", e.category_id)}


@on(ev.TagCreated)
def _tag_created(world: World, e: ev.TagCreated) -> set[Key]:
    world.saw_id("tag", e.tag_id)
    world.tags[e.tag_id] = {"id": e.tag_id, "name": e.name, "project_id": e.project_id,
                            "color_id": None}
    if e.project_id in world.projects:
        world.projects[e.project_id].tag_ids.append(e.tag_id)
    return {("tag", e.tag_id)}
