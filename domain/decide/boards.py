"""Decisions on a project's board: columns and categories."""
from __future__ import annotations

from domain import commands as cmd
from domain import events as ev
from domain.decision import Decision, decides
from domain.errors import Conflict, Invalid, NotFound
from domain.rules import existing, project as get_project, require_text
from domain.state import Row, World


def _column(world: World, column_id: int) -> Row:
    return existing(world.columns, column_id, "column")


def _check_free(rows: dict[int, Row], ids: list[int], field: str, value: str, what: str,
                own_id: int = 0, casefold: bool = False) -> None:
    """No other of `ids` has this `field` value (compared without case if `casefold`)."""
    wanted = value.casefold() if casefold else value
    for other_id in ids:
        other = rows[other_id][field]
        if other_id != own_id and (other.casefold() if casefold else other) == wanted:
            raise Conflict(f"{what} {value!r} exists in this project")


def _check_title_free(world: World, project_id: int, title: str, column_id: int = 0) -> None:
    _check_free(world.columns, get_project(world, project_id).column_order, "title", title,
                "column", column_id)


def _task_limit(limit: int | None) -> int:
    return limit or 0  # Kanboard stores intval(task_limit), negative or not


def _column_title(title: object) -> str:
    """addColumn/updateColumn validate nothing in Kanboard: the title only has to be
    stored (NOT NULL) and be unique in its project (the table's UNIQUE constraint)."""
    if not isinstance(title, str):
        raise Invalid("title is required")
    return title


@decides(cmd.AddColumn)
def add_column(world: World, c: cmd.AddColumn) -> Decision:
    _check_title_free(world, c.project_id, _column_title(c.title))
    column_id = world.next_id("column")
    # a description given as null is stored null, as Kanboard's INSERT binds it
    event = ev.ColumnAdded(c.project_id, column_id, c.title, _task_limit(c.task_limit),
                           c.description)
    return Decision([event], column_id)


@decides(cmd.UpdateColumn)
def update_column(world: World, c: cmd.UpdateColumn) -> Decision:
    """True for an unknown id too (Kanboard's UPDATE matches nothing and says true)."""
    column = world.columns.get(c.column_id)
    if column is None:
        _column_title(c.title)
        return Decision([])
    _column_title(c.title)
    _check_title_free(world, column["project_id"], c.title, c.column_id)
    return Decision([ev.ColumnUpdated(column["project_id"], c.column_id, c.title,
                                      _task_limit(c.task_limit), c.description)])


def _column_order(world: World, project_id: int, column_id: int) -> list[int]:
    order = get_project(world, project_id).column_order
    if column_id not in order:
        raise NotFound(f"column {column_id} is not in project {project_id}")
    return order


@decides(cmd.ChangeColumnPosition)
def change_column_position(world: World, c: cmd.ChangeColumnPosition) -> Decision:
    order = _column_order(world, c.project_id, c.column_id)
    if not 1 <= c.position <= len(order):
        raise Invalid("position out of range")
    return Decision([ev.ColumnMoved(c.project_id, c.column_id, c.position)])


@decides(cmd.ShiftColumn)
def shift_column(world: World, c: cmd.ShiftColumn) -> Decision:
    order = _column_order(world, c.project_id, c.column_id)
    position = order.index(c.column_id) + 1 + c.offset
    if not 1 <= position <= len(order):
        raise Invalid("the column is already at the end")
    return Decision([ev.ColumnMoved(c.project_id, c.column_id, position)])


@decides(cmd.RemoveColumn)
def remove_column(world: World, c: cmd.RemoveColumn) -> Decision:
    column = _column(world, c.column_id)
    project = get_project(world, column["project_id"])
    if any(world.tasks[t].row["column_id"] == c.column_id for t in project.task_ids):
        raise Conflict("the column still has tasks")
    return Decision([ev.ColumnRemoved(column["project_id"], c.column_id)])


def _category(world: World, category_id: int) -> Row:
    return existing(world.categories, category_id, "category")


def _check_category_free(world: World, project_id: int, name: str, category_id: int = 0) -> None:
    _check_free(world.categories, get_project(world, project_id).category_ids, "name", name,
                "category", category_id, casefold=True)


@decides(cmd.CreateCategory)
def create_category(world: World, c: cmd.CreateCategory) -> Decision:
    require_text(c.name, "name", 191)
    _check_category_free(world, c.project_id, c.name)
    category_id = world.next_id("category")
    return Decision([ev.CategoryCreated(c.project_id, category_id, c.name, c.color_id or None)],
                    category_id)


@decides(cmd.UpdateCategory)
def update_category(world: World, c: cmd.UpdateCategory) -> Decision:
    """True for an unknown id too (Kanboard's UPDATE matches nothing and says true)."""
    require_text(c.name, "name", 191)
    category = world.categories.get(c.category_id)
    if category is None:
        return Decision([])
    _check_category_free(world, category["project_id"], c.name, c.category_id)
    return Decision([ev.CategoryUpdated(category["project_id"], c.category_id, c.name,
                                        c.color_id)])


@decides(cmd.RemoveCategory)
def remove_category(world: World, c: cmd.RemoveCategory) -> Decision:
    category = _category(world, c.category_id)
    return Decision([ev.CategoryRemoved(category["project_id"], c.category_id)])


def _check_tag_free(world: World, project_id: int, name: str | None, tag_id: int = 0) -> None:
    """Kanboard's UNIQUE(project_id, name): exact, within the tag's project."""
    if not isinstance(name, str):
        raise Invalid("a tag needs a name")
    if any(t["project_id"] == project_id and t["name"] == name and t["id"] != tag_id
           for t in world.tags.values()):
        raise Conflict(f"tag {name!r} exists in project {project_id}")


@decides(cmd.CreateTag)
def create_tag(world: World, c: cmd.CreateTag) -> Decision:
    """No check that the project exists: Kanboard's tags table has no foreign key."""
    _check_tag_free(world, c.project_id, c.tag)
    tag_id = world.next_id("tag")
    return Decision([ev.TagCreated(c.project_id, tag_id, c.tag, c.color_id)], tag_id)


@decides(cmd.UpdateTag)
def update_tag(world: World, c: cmd.UpdateTag) -> Decision:
    tag = world.tags.get(c.tag_id)
    if tag is None:
        return Decision([])  # Kanboard's UPDATE matches no row, and says true
    _check_tag_free(world, tag["project_id"], c.tag, c.tag_id)
    return Decision([ev.TagUpdated(tag["project_id"], c.tag_id, c.tag, c.color_id)])


@decides(cmd.RemoveTag)
def remove_tag(world: World, c: cmd.RemoveTag) -> Decision:
    tag = existing(world.tags, c.tag_id, "tag")
    return Decision([ev.TagRemoved(tag["project_id"], c.tag_id)])


def _lane_in(world: World, project_id: int, swimlane_id: int) -> Row:
    """The swimlane, if it is one of this project's (Kanboard refuses a forged id)."""
    lane = world.swimlanes.get(swimlane_id)
    if lane is None or lane["project_id"] != project_id:
        raise NotFound(f"swimlane {swimlane_id} is not in project {project_id}")
    return lane


def _check_lane_name(world: World, project_id: int, name: str | None,
                     swimlane_id: int = 0) -> None:
    """Kanboard's UNIQUE (name, project_id)."""
    if not isinstance(name, str):
        raise Invalid("a swimlane needs a name")
    _check_free(world.swimlanes, get_project(world, project_id).swimlane_order, "name", name,
                "swimlane", swimlane_id)


@decides(cmd.AddSwimlane)
def add_swimlane(world: World, c: cmd.AddSwimlane) -> Decision:
    _check_lane_name(world, c.project_id, c.name)
    swimlane_id = world.next_id("swimlane")
    return Decision([ev.SwimlaneAdded(c.project_id, swimlane_id, c.name, c.description)],
                    swimlane_id)


@decides(cmd.UpdateSwimlane)
def update_swimlane(world: World, c: cmd.UpdateSwimlane) -> Decision:
    _lane_in(world, c.project_id, c.swimlane_id)
    require_text(c.name, "name", 191)  # SwimlaneValidator: required, at most 191
    _check_lane_name(world, c.project_id, c.name, c.swimlane_id)
    return Decision([ev.SwimlaneUpdated(c.project_id, c.swimlane_id, c.name, c.description)])


@decides(cmd.RemoveSwimlane)
def remove_swimlane(world: World, c: cmd.RemoveSwimlane) -> Decision:
    _lane_in(world, c.project_id, c.swimlane_id)
    if any(t.row["swimlane_id"] == c.swimlane_id for t in world.tasks.values()):
        raise Conflict("the swimlane still has tasks")
    return Decision([ev.SwimlaneRemoved(c.project_id, c.swimlane_id)])


@decides(cmd.SetSwimlaneActive)
def set_swimlane_active(world: World, c: cmd.SetSwimlaneActive) -> Decision:
    """Kanboard's UPDATE ... WHERE id AND project_id says true whatever it matched; a
    disable renumbers the project's active swimlanes even then."""
    lane = world.swimlanes.get(c.swimlane_id)
    ours = lane is not None and lane["project_id"] == c.project_id
    if c.active:
        return Decision([ev.SwimlaneEnabled(c.project_id, c.swimlane_id)] if ours else [])
    if c.project_id not in world.projects:
        return Decision([])
    return Decision([ev.SwimlaneDisabled(c.project_id, c.swimlane_id)])


@decides(cmd.ChangeSwimlanePosition)
def change_swimlane_position(world: World, c: cmd.ChangeSwimlanePosition) -> Decision:
    _lane_in(world, c.project_id, c.swimlane_id)
    count = len(get_project(world, c.project_id).swimlane_order)  # active or not
    if not 1 <= c.position <= count:
        raise Invalid("position out of range")
    return Decision([ev.SwimlaneMoved(c.project_id, c.swimlane_id, c.position)])
