"""Decisions on tasks: create, update (and place), move, open/close, remove, tags."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain.commands import given
from domain import events as ev
from domain.colors import default_color
from domain.decision import Decision, decides
from domain.errors import Invalid
from domain.planning import checked_plan
from domain.order_keys import key_between
from domain.php import php_text
from domain.rules import is_assignable, number, parse_date, project as get_project, require_text
from domain.rules import tags_by_name, task as get_task
from domain.state import Cell, ProjectState, TaskState, World

# UpdateTask's fields that are not row values: the task, its tags, plan and placement.
_NOT_ROW_VALUES = ("task_id", "tags", "plan", "column_id", "is_active")


def _check_owner(world: World, project_id: int, owner_id: int) -> None:
    if owner_id and not is_assignable(world, project_id, owner_id):
        raise Invalid(f"user {owner_id} cannot be assigned in project {project_id}")


def _check_category(world: World, project: ProjectState, category_id: int) -> None:
    if category_id and category_id not in project.category_ids:
        raise Invalid(f"category {category_id} is not in this project")


def _time(value: float | None) -> float | int | None:
    return None if value is None else number(value)


def _tag_events(world: World, project_id: int, task_id: int, names: Any,
                task: TaskState | None = None, new_task: bool = True) -> tuple[list[ev.Event], bool]:
    """Kanboard's TaskTagModel::save, step by step (it runs in no transaction): each name
    (empty ones dropped) is found case-insensitively among the global and the project's
    tags (rules.tags_by_name) or created;
    it is then linked to the task, which fails for a task that does not exist (after the
    tag was created) or a tag named twice; last, the task's other tags are unlinked.
    The events of the steps done, and whether all succeeded."""
    if not isinstance(names, list):
        raise Invalid("tags must be a list")
    wanted = [php_text(n) for n in names if n not in (None, "", "0", 0, False, [], {})]
    by_name = tags_by_name(world, project_id)
    current = list(task.tag_ids) if task else []
    linked = list(current)
    events: list[ev.Event] = []
    next_id = world.next_id("tag")
    for name in wanted:
        tag_id = by_name.get(name.lower())
        if tag_id is None:
            tag_id, next_id = next_id, next_id + 1
            by_name[name.lower()] = tag_id
            events.append(ev.TagCreated(project_id, tag_id, name))
        if task is None and not new_task:
            return events, False
        if tag_id in current:
            continue
        if tag_id in linked:  # linked twice: the unique (tag, task) row refuses it
            return events + [ev.TaskTagsSet(task_id, linked)], False
        linked.append(tag_id)
    linked = [t for t in linked
              if t not in current or (t in world.tags and world.tags[t]["name"] in wanted)]
    if task is None and not new_task:  # no names: nothing to link or unlink
        return events, True
    return events + [ev.TaskTagsSet(task_id, linked)], True


def _cell_of_new_task(world: World, project: ProjectState, c: cmd.CreateTask) -> Cell:
    """Kanboard takes any column and swimlane that exists, even another project's (its
    foreign keys are the only check), and stores the task there as given."""
    column_id = c.column_id or (project.column_order[0] if project.column_order else 0)
    if column_id not in world.columns:
        raise Invalid(f"column {column_id} does not exist")
    swimlane_id = c.swimlane_id or project.swimlane_order[0]
    if swimlane_id not in world.swimlanes:
        raise Invalid(f"swimlane {swimlane_id} does not exist")
    return (c.project_id, swimlane_id, column_id)


@decides(cmd.CreateTask)
def create_task(world: World, c: cmd.CreateTask) -> Decision:
    project = get_project(world, c.project_id)
    require_text(c.title, "title")
    _check_owner(world, c.project_id, c.owner_id)
    _check_owner(world, c.project_id, c.creator_id)
    # Kanboard stores any category id on create (tasks.category_id has no foreign key).
    cell = _cell_of_new_task(world, project, c)
    task_id = world.next_id("task")
    fields = {
        "title": c.title, "description": c.description,  # null is stored as NULL
        "color_id": c.color_id or default_color(world.settings), "owner_id": c.owner_id or 0,
        "score": c.score or 0, "date_due": parse_date(c.date_due),
        "category_id": c.category_id or 0, "creator_id": c.actor_id or c.creator_id or 0,
        "reference": c.reference, "date_started": parse_date(c.date_started),
        "time_spent": _time(c.time_spent), "time_estimated": _time(c.time_estimated),
        "recurrence_status": c.recurrence_status or 0,
        "recurrence_trigger": c.recurrence_trigger or 0,
        "recurrence_factor": c.recurrence_factor or 0,
        "recurrence_timeframe": c.recurrence_timeframe or 0,
        "recurrence_basedate": c.recurrence_basedate or 0, "recurrence_parent": None,
        "recurrence_child": None, "priority": c.priority or 0, "external_provider": None,
        "external_uri": None, **checked_plan(project, c.plan),
    }
    position = world.open_in_cell(cell) + 1
    events: list[ev.Event] = [ev.TaskCreated(task_id, c.project_id, cell[2], cell[1], position,
                                             fields, c.at)]
    if c.tags:
        events += _tag_events(world, c.project_id, task_id, c.tags)[0]
    if c.closed:
        events.append(ev.TaskClosed(task_id, c.at))
    return Decision(events, task_id)


def _changes(world: World, project: ProjectState, c: cmd.UpdateTask) -> dict[str, Any]:
    changes = given(c, leave_out=_NOT_ROW_VALUES)
    changes.update(checked_plan(project, c.plan))
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
    return changes


@decides(cmd.UpdateTask)
def update_task(world: World, c: cmd.UpdateTask) -> Decision:
    task = get_task(world, c.task_id)
    project = get_project(world, task.row["project_id"])
    changes = _changes(world, project, c)
    events: list[ev.Event] = []
    only_placed = c.column_id is not None or c.is_active is not None
    if changes or c.tags is not None or not only_placed:
        events.append(ev.TaskUpdated(c.task_id, changes, c.at))
    if c.tags is not None:
        events += _tag_events(world, project.row["id"], c.task_id, c.tags, task,
                              new_task=False)[0]
    alone = not changes and c.tags is None and c.column_id is None
    events += placement_events(world, task, project, c.column_id, c.is_active, c.at, alone)
    return Decision(events)


def placement_events(world: World, task: TaskState, project: ProjectState,
                     column_id: int | None, is_active: bool | None, at: int,
                     alone: bool = False) -> list[ev.Event]:
    """Open the task, move it to the end of `column_id`, close it: whichever is asked.
    Asked `alone` (Kanboard's openTask, closeTask), opening an open task or closing a
    closed one is an event too: Kanboard stamps the task again and records an activity."""
    if column_id is not None and column_id not in project.column_order:
        raise Invalid(f"column {column_id} is not in project {project.row['id']}")
    task_id = task.row["id"]
    events: list[ev.Event] = []
    if is_active and (alone or not task.row["is_active"]):
        events.append(ev.TaskOpened(task_id, at))
    elif is_active and task.row["date_completed"] != 0:  # Kanboard's open() sets it anyway
        events.append(ev.TaskUpdated(task_id, {"date_completed": 0}, at))
    if column_id is not None and column_id != task.row["column_id"]:
        cell = (project.row["id"], task.row["swimlane_id"], column_id)
        events += move_events(world, task_id, cell, world.open_in_cell(cell) + 1, at)
    if is_active is False and (alone or task.row["is_active"]):
        events.append(ev.TaskClosed(task_id, at))
    return events


@decides(cmd.MoveTask)
def move_task(world: World, c: cmd.MoveTask) -> Decision:
    task = get_task(world, c.task_id)
    if task.row["project_id"] != c.project_id:
        raise Invalid(f"task {c.task_id} is not in project {c.project_id}")
    get_project(world, c.project_id)
    if c.position < 1:
        raise Invalid("position must be 1 or more")
    swimlane_id = c.swimlane_id or task.row["swimlane_id"]
    # As createTask: any column and swimlane that exists (Kanboard checks foreign keys only).
    if c.column_id not in world.columns or swimlane_id not in world.swimlanes:
        raise Invalid("column or swimlane does not exist")
    row = task.row
    if (row["column_id"], row["swimlane_id"], row["position"]) == (c.column_id, swimlane_id,
                                                                   c.position):
        raise Invalid("the task is already there")
    cell = (c.project_id, swimlane_id, c.column_id)
    return Decision(move_events(world, c.task_id, cell, c.position, c.at))


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


@decides(cmd.RemoveTask)
def remove_task(world: World, c: cmd.RemoveTask) -> Decision:
    get_task(world, c.task_id)
    return Decision([ev.TaskRemoved(c.task_id)])


@decides(cmd.SetTaskTags)
def set_task_tags(world: World, c: cmd.SetTaskTags) -> Decision:
    """As Kanboard: the tags are the given project's (which need not exist), the task is
    not checked against it, and an unknown task fails only when a tag is to be linked (a
    new tag stays created)."""
    events, done = _tag_events(world, c.project_id, c.task_id, c.tags,
                               world.tasks.get(c.task_id), new_task=False)
    return Decision(events, done)
