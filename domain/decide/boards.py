"""Decisions on a project's board: columns and categories."""
from __future__ import annotations

from domain import events as ev
from domain.decision import Decision, decider
from domain.errors import Conflict, Invalid, NotFound
from domain.rules import existing, project as get_project, require_text
from domain.state import Row, World


def _column(world: World, column_id: int) -> Row:
    return existing(world.columns, column_id, "column")


def _check_title_free(world: World, project_id: int, title: str, column_id: int = 0) -> None:
    for other_id in get_project(world, project_id).column_order:
        if other_id != column_id and world.columns[other_id]["title"] == title:
            raise Conflict(f"column {title!r} exists in project {project_id}")


def _task_limit(value) -> int:
    if value is None or value == "":
        return 0
    limit = int(value)
    if limit < 0:
        raise Invalid("task_limit must not be negative")
    return limit


@decider
def add_column(world: World, project_id: int, title: str, task_limit: int = 0,
               description: str = "") -> Decision:
    require_text(title, "title", 255)
    _check_title_free(world, project_id, title)
    column_id = world.next_id("column")
    event = ev.ColumnAdded(project_id, column_id, title, _task_limit(task_limit),
                           description or "")
    return Decision([event], column_id)


@decider
def update_column(world: World, column_id: int, title: str, task_limit: int = 0,
                  description: str = "") -> Decision:
    column = _column(world, column_id)
    require_text(title, "title", 255)
    _check_title_free(world, column["project_id"], title, column_id)
    return Decision([ev.ColumnUpdated(column["project_id"], column_id, title,
                                      _task_limit(task_limit), description or "")])


@decider
def change_column_position(world: World, project_id: int, column_id: int,
                           position: int) -> Decision:
    order = get_project(world, project_id).column_order
    if column_id not in order:
        raise NotFound(f"column {column_id} is not in project {project_id}")
    if not 1 <= position <= len(order):
        raise Invalid("position out of range")
    return Decision([ev.ColumnMoved(project_id, column_id, position)])


@decider
def shift_column(world: World, project_id: int, column_id: int, offset: int) -> Decision:
    """The seed API's moveColumnUp/moveColumnDown: one step, refused at either end."""
    order = get_project(world, project_id).column_order
    if column_id not in order:
        raise NotFound(f"column {column_id} is not in project {project_id}")
    position = order.index(column_id) + 1 + offset
    if not 1 <= position <= len(order):
        raise Invalid("the column is already at the end")
    return Decision([ev.ColumnMoved(project_id, column_id, position)])


@decider
def remove_column(world: World, column_id: int) -> Decision:
    column = _column(world, column_id)
    project = get_project(world, column["project_id"])
    if any(world.tasks[t].row["column_id"] == column_id for t in project.task_ids):
        raise Conflict("the column still has tasks")
    return Decision([ev.ColumnRemoved(column["project_id"], column_id)])


def _category(world: World, category_id: int) -> Row:
    return existing(world.categories, category_id, "category")


def _check_category_free(world: World, project_id: int, name: str, category_id: int = 0) -> None:
    for other_id in get_project(world, project_id).category_ids:
        if other_id != category_id and world.categories[other_id]["name"].lower() == name.lower():
            raise Conflict(f"category {name!r} exists in project {project_id}")


@decider
def create_category(world: World, project_id: int, name: str,
                    color_id: str | None = None) -> Decision:
    require_text(name, "name", 255)
    _check_category_free(world, project_id, name)
    category_id = world.next_id("category")
    return Decision([ev.CategoryCreated(project_id, category_id, name, color_id or None)],
                    category_id)


@decider
def update_category(world: World, category_id: int, name: str,
                    color_id: str | None = None) -> Decision:
    category = _category(world, category_id)
    require_text(name, "name", 255)
    _check_category_free(world, category["project_id"], name, category_id)
    return Decision([ev.CategoryUpdated(category["project_id"], category_id, name, color_id)])


@decider
def remove_category(world: World, category_id: int) -> Decision:
    category = _category(world, category_id)
    return Decision([ev.CategoryRemoved(category["project_id"], category_id)])
