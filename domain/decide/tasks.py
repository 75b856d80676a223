"""Decisions on tasks: create, update, move, open/close, remove, tags."""
from __future__ import annotations

from typing import Any

from domain import events as ev
from domain.colors import DEFAULT_COLOR
from domain.decision import Decision, decider
from domain.errors import Invalid, NotFound
from domain.order_keys import key_between
from domain.rules import is_assignable, parse_date, project as get_project, require_text
from domain.rules import task as get_task
from domain.state import Cell, ProjectState, World



# Leantime ticket fields Kanboard has no column for; kept in the task row, never shown
# by Kanboard's renderers.
EXTRA_FIELDS = {"lt_type", "lt_storypoints", "lt_sprint", "lt_milestone", "lt_parent",
                "lt_hour_remaining", "lt_priority", "lt_edit_to"}


def _extra(world: World, project: ProjectState, extra: dict[str, Any] | None) -> dict[str, Any]:
    extra = dict(extra or {})
    unknown = set(extra) - EXTRA_FIELDS
    if unknown:
        raise Invalid(f"unknown fields: {', '.join(sorted(unknown))}")
    sprint = extra.get("lt_sprint")
    if sprint and sprint not in project.sprint_ids:
        raise Invalid(f"sprint {sprint} is not in project {project.row['id']}")
    return extra


def _check_owner(world: World, project_id: int, owner_id: int) -> None:
    if owner_id and not is_assignable(world, project_id, owner_id):
        raise Invalid(f"user {owner_id} cannot be assigned in project {project_id}")


def _check_category(world: World, project: ProjectState, category_id: int) -> None:
    if category_id and category_id not in project.category_ids:
        raise Invalid(f"category {category_id} is not in this project")


def _time(value: Any) -> float | int | None:
    if value is None or value == "":
        return None
    number = float(value)
    return int(number) if number.is_integer() else number


def _tag_events(world: World, project: ProjectState, task_id: int,
                names: Any) -> list[ev.Event]:
    """Tags are named per project; unknown names become new project tags."""
    if not isinstance(names, list):
        raise Invalid("tags must be a list")
    known = {world.tags[t]["name"]: t for t in project.tag_ids}
    events: list[ev.Event] = []
    tag_ids: list[int] = []
    next_id = world.next_id("tag")
    for name in dict.fromkeys(str(n).strip() for n in names if str(n).strip()):
        if name not in known:
            known[name] = next_id
            events.append(ev.TagCreated(project.row["id"], next_id, name))
            next_id += 1
        tag_ids.append(known[name])
    return events + [ev.TaskTagsSet(task_id, tag_ids)]


@decider
def create_task(world: World, at: int, actor_id: int, title: str, project_id: int,
                color_id: str = "", column_id: int = 0, owner_id: int = 0, creator_id: int = 0,
                date_due: Any = "", description: str = "", category_id: int = 0,
                score: int = 0, swimlane_id: int | None = None, priority: int = 0,
                recurrence_status: int = 0, recurrence_trigger: int = 0,
                recurrence_factor: int = 0, recurrence_timeframe: int = 0,
                recurrence_basedate: int = 0, reference: str = "", tags: list | None = None,
                date_started: Any = "", time_spent: Any = None,
                time_estimated: Any = None, extra: dict[str, Any] | None = None) -> Decision:
    project = get_project(world, project_id)
    require_text(title, "title")
    _check_owner(world, project_id, owner_id)
    _check_owner(world, project_id, creator_id)
    _check_category(world, project, category_id)
    column_id = column_id or (project.column_order[0] if project.column_order else 0)
    if column_id not in project.column_order:
        raise Invalid(f"column {column_id} is not in project {project_id}")
    swimlane_id = swimlane_id or project.swimlane_order[0]
    if swimlane_id not in project.swimlane_order:
        raise Invalid(f"swimlane {swimlane_id} is not in project {project_id}")
    task_id = world.next_id("task")
    fields = {
        "title": title, "description": description or "", "color_id": color_id or DEFAULT_COLOR,
        "owner_id": owner_id or 0, "score": score or 0, "date_due": parse_date(date_due),
        "category_id": category_id or 0, "creator_id": actor_id or creator_id or 0,
        "reference": reference or "", "date_started": parse_date(date_started),
        "time_spent": _time(time_spent), "time_estimated": _time(time_estimated),
        "recurrence_status": recurrence_status or 0, "recurrence_trigger": recurrence_trigger or 0,
        "recurrence_factor": recurrence_factor or 0,
        "recurrence_timeframe": recurrence_timeframe or 0,
        "recurrence_basedate": recurrence_basedate or 0, "recurrence_parent": None,
        "recurrence_child": None, "priority": priority or 0, "external_provider": None,
        "external_uri": None, **_extra(world, project, extra),
    }
    position = world.open_in_cell((project_id, swimlane_id, column_id)) + 1
    events: list[ev.Event] = [ev.TaskCreated(task_id, project_id, column_id, swimlane_id,
                                             position, fields, at)]
    if tags:
        events += _tag_events(world, project, task_id, tags)
    return Decision(events, task_id)


@decider
def update_task(world: World, at: int, id: int, tags: list | None = None,
                extra: dict[str, Any] | None = None, **values: Any) -> Decision:
    task = get_task(world, id)
    project = get_project(world, task.row["project_id"])
    changes = {k: v for k, v in values.items() if v is not None}
    changes.update(_extra(world, project, extra))
    if "owner_id" in changes:
        _check_owner(world, project.row["id"], changes["owner_id"])
    if "category_id" in changes:
        _check_category(world, project, changes["category_id"])
    for name in ("date_due", "date_started"):
        if name in changes:
            changes[name] = parse_date(changes[name])
    for name in ("time_spent", "time_estimated"):
        if name in changes:
            changes[name] = _time(changes[name])
    events: list[ev.Event] = [ev.TaskUpdated(id, changes, at)]
    if tags is not None:
        events += _tag_events(world, project, id, tags)
    return Decision(events)


@decider
def move_task(world: World, at: int, project_id: int, task_id: int, column_id: int,
              position: int, swimlane_id: int) -> Decision:
    task = get_task(world, task_id)
    if task.row["project_id"] != project_id:
        raise Invalid(f"task {task_id} is not in project {project_id}")
    project = get_project(world, project_id)
    if position < 1:
        raise Invalid("position must be 1 or more")
    swimlane_id = swimlane_id or task.row["swimlane_id"]
    if column_id not in project.column_order or swimlane_id not in project.swimlane_order:
        raise Invalid("column or swimlane is not in this project")
    row = task.row
    if (row["column_id"], row["swimlane_id"], row["position"]) == (column_id, swimlane_id, position):
        raise Invalid("the task is already there")
    return Decision(move_events(world, task_id, (project_id, swimlane_id, column_id), position, at))


def move_events(world: World, task_id: int, target: Cell, position: int,
                 at: int) -> list[ev.Event]:
    """One event, whatever the cells hold: the task goes at `position` (or last, if beyond
    the end) with an order key between its new neighbours; folding it renumbers the open
    tasks of both cells 1..n, as Kanboard does."""
    order = [key for t, key in world.cell_keys(target) if t != task_id]
    final = min(position, len(order) + 1)
    before = order[final - 2] if final > 1 else None
    after = order[final - 1] if final <= len(order) else None
    return [ev.TaskMoved(task_id, target[0], target[2], target[1], final, at,
                         key_between(before, after))]


@decider
def close_task(world: World, at: int, task_id: int) -> Decision:
    """Closing a closed task succeeds and changes nothing, as in Kanboard."""
    task = get_task(world, task_id)
    return Decision([ev.TaskClosed(task_id, at)] if task.row["is_active"] else [])


@decider
def open_task(world: World, at: int, task_id: int) -> Decision:
    task = get_task(world, task_id)
    return Decision([] if task.row["is_active"] else [ev.TaskOpened(task_id, at)])


@decider
def remove_task(world: World, task_id: int) -> Decision:
    get_task(world, task_id)
    return Decision([ev.TaskRemoved(task_id)])


@decider
def set_task_tags(world: World, project_id: int, task_id: int, tags: list) -> Decision:
    task = get_task(world, task_id)
    if task.row["project_id"] != project_id:
        raise NotFound(f"task {task_id} is not in project {project_id}")
    return Decision(_tag_events(world, get_project(world, project_id), task_id, tags))


