"""Automatic actions running: which Kanboard events a domain event fires, and what each
listening action decides to do about it.

Kanboard dispatches its events synchronously: when a task is moved, every action of the
project listening to `task.move.column` runs in turn (in id order), each against the
event's data (the task as it was right after the move), and an action's own change may
fire further events (depth first) unless Kanboard makes it with `$fire_events = false`.
This module is that logic, pure: `kanboard_events` names the events one domain event
fires (read against the world before it is folded), `react` runs the listeners of one
event through a callback that decides and folds each consequence (the writer's, so the
consequence is decided against the world right after its cause and appended in the
same transaction). Loops: as Kanboard, an action never runs twice on the same event
data and event name; beyond that, chains stop at MAX_DEPTH and MAX_REACTIONS.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from domain import commands as cmd
from domain import events as ev
from domain.action_catalogue import PREFIX
from domain.evolve import apply
from domain.state import Key, Row, World

MAX_DEPTH = 8  # nested consequences of one client command
MAX_REACTIONS = 100  # consequences of one client command in all


@dataclass(frozen=True, slots=True)
class Fired:
    """A Kanboard event: its name, its task and the values it carries besides the task."""

    name: str
    task_id: int
    values: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Reaction:
    """What one action does about one event: a command, and whether the events it
    produces fire Kanboard events in turn (Kanboard's `$fire_events`)."""

    action_id: int
    command: cmd.Command
    fires: bool


@dataclass
class Run:
    """One client command's chain of consequences: who made it (the user session Kanboard
    sees, None for the token), its clock, and the listener calls already made."""

    session_user: int | None
    at: int
    done: set[tuple] = field(default_factory=set)
    count: int = 0


# Decides and folds one reaction caused by a Fired at a depth; the Kanboard events its
# domain events fire (none when it was refused).
Perform = Callable[[Reaction, "Fired", int], list["Fired"]]


# --- which events a domain event fires ---------------------------------------------------


def loose_eq(a: Any, b: Any) -> bool:
    """PHP's `==` between stored values and action parameters (text): numbers compare as
    numbers, anything else as text; null is ""."""
    a, b = ("" if a is None else a), ("" if b is None else b)
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return str(a) == str(b)


def _update_events(row: Row, changes: dict[str, Any]) -> list[str]:
    """TaskModificationModel::fireEvents: the assignee alone changed, or anything did."""
    diff = {k for k, v in changes.items()
            if k != "date_modification" and not loose_eq(row.get(k), v)}
    if "owner_id" in diff and len(diff) == 1:
        return ["task.assignee_change"]
    return ["task.create_update", "task.update"] if diff else []


def _move_events(row: Row, e: ev.TaskMoved) -> list[Fired]:
    """TaskPositionModel::fireEvents (a move within its cell fires nothing an action hears)."""
    values = (("src_column_id", row["column_id"]), ("dst_column_id", e.column_id),
              ("position", e.position), ("column_id", e.column_id),
              ("swimlane_id", e.swimlane_id))
    names = []
    if row["swimlane_id"] != e.swimlane_id:
        names.append("task.move.swimlane")
    if row["column_id"] != e.column_id:
        names.append("task.move.column")
    return [Fired(name, e.task_id, values) for name in names]


def kanboard_events(world: World, e: ev.Event) -> list[Fired]:
    """The Kanboard events `e` fires, read against the world before `e` is folded."""
    if isinstance(e, ev.TaskCreated):
        return [Fired("task.create_update", e.task_id), Fired("task.create", e.task_id)]
    task = world.tasks.get(getattr(e, "task_id", 0))
    if task is None:
        return []
    if isinstance(e, ev.TaskUpdated):
        return [Fired(name, e.task_id) for name in _update_events(task.row, e.changes)]
    if isinstance(e, ev.TaskMoved):
        return _move_events(task.row, e)
    if isinstance(e, ev.TaskClosed) and task.row["is_active"]:
        return [Fired("task.close", e.task_id)]
    if isinstance(e, ev.TaskOpened):
        return [Fired("task.open", e.task_id)]
    return []


# --- the listeners -------------------------------------------------------------------------


def _listeners(world: World, project_id: int, name: str, run: Run) -> list[Row]:
    """The actions Kanboard attached for this request and listening to `name`: a user's
    are those of the active projects they are a member of (ActionModel::getAllByUser),
    the token's all of them."""
    if run.session_user is not None:
        project = world.projects.get(project_id)
        if not (project and project.row["is_active"]
                and world.member_role(project_id, run.session_user)):
            return []
    return [a for _, a in sorted(world.actions.items())
            if a["project_id"] == project_id and a["event_name"] == name]


def react(world: World, fired: Fired, run: Run, perform: Perform, depth: int = 0) -> None:
    """Run the listeners of `fired` in order, each consequence folded (by `perform`) and
    its own events' listeners run before the next listener, as Kanboard's dispatcher."""
    task = world.tasks.get(fired.task_id)
    if task is None or depth >= MAX_DEPTH or not world.actions:
        return
    listeners = _listeners(world, task.row["project_id"], fired.name, run)
    if not listeners:
        return
    data = {**task.row, **_details(world, task.row)}
    extra = dict(fired.values)
    seen = repr(sorted(data.items()))  # Kanboard hashes the event's data
    for action in listeners:
        call = (action["id"], fired.name, seen, fired.values)
        if call in run.done or run.count >= MAX_REACTIONS:
            continue
        run.done.add(call)
        reaction = consequence(action, data, extra, run)
        if reaction is None:
            continue
        run.count += 1
        produced = perform(reaction, fired, depth)
        if reaction.fires:
            for next_fired in produced:
                react(world, next_fired, run, perform, depth + 1)


def fold_firing(world: World, events: list[ev.Event],
                fold_one: Callable[[World, ev.Event], set[Key]] = apply,
                ) -> tuple[set[Key], list[tuple[int, Fired]]]:
    """Fold `events` (each by `fold_one`, the domain's apply unless the caller watches
    the fold); the keys touched, and the Kanboard events they fire (each read before its
    event is folded) with the index of the event that fired it."""
    touched: set[Key] = set()
    fired: list[tuple[int, Fired]] = []
    for index, e in enumerate(events):
        fired += [(index, f) for f in kanboard_events(world, e)]
        touched |= fold_one(world, e)
    return touched, fired


def _details(world: World, row: Row) -> Row:
    """What TaskFinderModel::getDetails adds that an action reads."""
    owner = world.users.get(row["owner_id"])
    column = world.columns.get(row["column_id"])
    return {"assignee_username": owner["username"] if owner else None,
            "column_title": column["title"] if column else ""}


# --- what each action does ------------------------------------------------------------------

Params = dict[str, str]


def _update(task_id: int, at: int, **values: Any) -> cmd.Command:
    return cmd.UpdateTask(task_id=task_id, at=at, **values)


def _move(t: Row, at: int, column_id: Any, position: Any, swimlane_id: Any) -> cmd.Command:
    return cmd.MoveTask(project_id=t["project_id"], task_id=t["id"], column_id=int(column_id),
                        position=int(position), swimlane_id=int(swimlane_id), at=at)


def _days(p: Params, at: int) -> int:
    """strtotime('+N days') from the command's clock."""
    try:
        return at + int(float(p.get("duration") or 0)) * 86400
    except ValueError:
        return 0


def _owner(t: Row, p: Params, run: Run, name: str) -> tuple[int | None, bool]:
    """The assignee an assigning action sets (None: it does nothing), and whether its
    update fires events."""
    user = run.session_user
    if name == "TaskAssignCreator":
        return t["creator_id"], True
    if name in ("TaskAssignCurrentUser", "TaskAssignCurrentUserColumn"):
        return user, True
    if name == "TaskAssignCurrentUserColumnIfNoUserAlreadySet":
        return (user if not t["owner_id"] else None), True
    if name == "TaskAssignSpecificUser":
        return int(p["user_id"]), True
    if name == "TaskAssignUserSwimlaneChange":
        return int(p["user_id"]), False
    if name == "TaskAssignToUserOnCreationInColumn":
        return (t["owner_id"] if t["assignee_username"] else t["creator_id"]), True
    return None, False


# action -> (the task field its condition compares, the parameter it compares with)
_WHEN_EQUAL = {
    "TaskAssignColorColumn": ("column_id", "column_id"),
    "TaskAssignColorCategory": ("category_id", "category_id"),
    "TaskAssignColorUser": ("owner_id", "user_id"),
    "TaskAssignColorPriority": ("priority", "priority"),
    "TaskAssignColorSwimlane": ("swimlane_id", "swimlane_id"),
    "TaskAssignCategoryColor": ("color_id", "color_id"),
    "TaskAssignCategorySwimlaneChange": ("swimlane_id", "swimlane_id"),
    "TaskAssignCreator": ("column_id", "column_id"),
    "TaskAssignCurrentUserColumn": ("column_id", "column_id"),
    "TaskAssignCurrentUserColumnIfNoUserAlreadySet": ("column_id", "column_id"),
    "TaskAssignSpecificUser": ("column_id", "column_id"),
    "TaskAssignUserSwimlaneChange": ("swimlane_id", "swimlane_id"),
    "TaskAssignToUserOnCreationInColumn": ("column_id", "column_id"),
    "TaskAssignPrioritySwimlane": ("swimlane_id", "swimlane_id"),
    "TaskCloseColumn": ("column_id", "column_id"),
    "TaskUpdateStartDate": ("column_id", "column_id"),
    "CommentCreationMoveTaskColumn": ("column_id", "column_id"),
}
_ASSIGNING = {"TaskAssignCreator", "TaskAssignCurrentUser", "TaskAssignCurrentUserColumn",
              "TaskAssignCurrentUserColumnIfNoUserAlreadySet", "TaskAssignSpecificUser",
              "TaskAssignUserSwimlaneChange", "TaskAssignToUserOnCreationInColumn"}
_COLOURING = {"TaskAssignColorColumn", "TaskAssignColorCategory", "TaskAssignColorUser",
              "TaskAssignColorPriority", "TaskAssignColorSwimlane"}
# Stored and listed but without effect in boardlog: mail, other tasks' copies, subtask
# timers, and the daily background job boardlog does not run.
INERT = ("TaskEmail", "TaskEmailNoActivity", "TaskDuplicateAnotherProject",
         "SubtaskTimerMoveTaskColumn", "StopSubtaskTimerMoveTaskColumn", "TaskCloseNoActivity",
         "TaskCloseNoActivityColumn", "TaskCloseNotMovedColumn", "TaskMoveColumnNotMovedPeriod",
         "TaskMoveColumnOnDueDate", "TaskMoveColumnOnStartDate", "TaskAssignColorOnDueDate",
         "TaskAssignColorOnStartDate", "TaskAssignCategoryLink", "TaskAssignColorLink")


def _condition(name: str, t: Row, p: Params, extra: dict[str, Any]) -> bool:
    """The action's hasRequiredCondition, against the event's task `t`."""
    if name in _WHEN_EQUAL:
        field_name, param = _WHEN_EQUAL[name]
        return loose_eq(t[field_name], p.get(param))
    src = extra.get("src_column_id")
    if name == "TaskAssignDueDateOnMoveColumn":
        return bool(src) and loose_eq(src, p.get("column_id"))
    if name == "TaskUpdateStartDateOnMoveColumn":
        return not t["date_started"] and src is not None and loose_eq(src, p.get("column_id"))
    if name == "TaskMoveColumnAssigned":
        return loose_eq(t["column_id"], p.get("src_column_id")) and t["owner_id"] > 0
    if name == "TaskMoveColumnUnAssigned":
        return loose_eq(t["column_id"], p.get("src_column_id")) and t["owner_id"] == 0
    if name == "TaskMoveColumnCategoryChange":
        return (not loose_eq(t["column_id"], p.get("dest_column_id"))
                and loose_eq(t["category_id"], p.get("category_id")))
    if name == "TaskMoveColumnClosed":
        return not loose_eq(t["column_id"], p.get("dest_column_id")) and t["is_active"] == 0
    if name == "TaskMoveSwimlaneAssigned":
        return (not loose_eq(t["swimlane_id"], p.get("dest_swimlane_id"))
                and loose_eq(t["owner_id"], p.get("user_id")))
    if name == "TaskMoveSwimlaneCategoryChange":
        return (not loose_eq(t["swimlane_id"], p.get("dest_swimlane_id"))
                and loose_eq(t["category_id"], p.get("category_id")))
    if name == "TaskMoveAnotherProject":
        return (loose_eq(t["column_id"], p.get("column_id"))
                and not loose_eq(t["project_id"], p.get("project_id")))
    return name in ("TaskAssignCurrentUser", "TaskAssignDueDateOnCreation")


# action -> (the values its update sets, given its parameters and the clock; whether
# the update fires events)
_UPDATES: dict[str, tuple[Callable[[Params, int], dict[str, Any]], bool]] = {
    "TaskAssignCategoryColor": (lambda p, at: {"category_id": _int(p.get("category_id"))}, True),
    "TaskAssignCategorySwimlaneChange": (
        lambda p, at: {"category_id": _int(p.get("category_id"))}, False),
    "TaskAssignPrioritySwimlane": (lambda p, at: {"priority": _int(p.get("priority"))}, True),
    "TaskAssignDueDateOnCreation": (lambda p, at: {"date_due": _days(p, at)}, False),
    "TaskAssignDueDateOnMoveColumn": (lambda p, at: {"date_due": _days(p, at)}, False),
    "TaskUpdateStartDate": (lambda p, at: {"date_started": at}, False),
    "TaskUpdateStartDateOnMoveColumn": (lambda p, at: {"date_started": at}, False),
    "TaskCloseColumn": (lambda p, at: {"is_active": False}, True),
}


def _command(name: str, t: Row, p: Params, run: Run) -> tuple[cmd.Command, bool] | None:
    """The action's doAction as a command, and whether it fires events."""
    task_id, at = t["id"], run.at
    if name in _COLOURING:
        return _update(task_id, at, color_id=p["color_id"]), False
    if name in _ASSIGNING:
        owner, fires = _owner(t, p, run, name)
        return None if owner is None else (_update(task_id, at, owner_id=owner), fires)
    if name in _UPDATES:
        values, fires = _UPDATES[name]
        return _update(task_id, at, **values(p, at)), fires
    return _moving(name, t, p, run)


def _moving(name: str, t: Row, p: Params, run: Run) -> tuple[cmd.Command, bool] | None:
    """The actions that move the task (or comment on its move)."""
    at = run.at
    if name in ("TaskMoveColumnAssigned", "TaskMoveColumnUnAssigned",
                "TaskMoveColumnCategoryChange"):
        return _move(t, at, p["dest_column_id"], t["position"], t["swimlane_id"]), False
    if name == "TaskMoveColumnClosed":
        return _move(t, at, p["dest_column_id"], 1, t["swimlane_id"]), True
    if name == "TaskMoveSwimlaneAssigned":
        return _move(t, at, t["column_id"], t["position"], p["dest_swimlane_id"]), True
    if name == "TaskMoveSwimlaneCategoryChange":
        return _move(t, at, t["column_id"], t["position"], p["dest_swimlane_id"]), False
    if name == "TaskMoveAnotherProject":
        return cmd.MoveTaskToProject(task_id=t["id"], project_id=_int(p["project_id"]),
                                     at=at), True
    if name == "CommentCreationMoveTaskColumn" and run.session_user is not None:
        return cmd.CreateComment(task_id=t["id"], user_id=run.session_user,
                                 content=f"Moved to column {t['column_title']}", at=at), True
    return None


def _int(value: Any) -> int:
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return 0


def consequence(action: Row, t: Row, extra: dict[str, Any], run: Run) -> Reaction | None:
    """What `action` does about an event whose task is `t` (None: nothing)."""
    name = action["action_name"].removeprefix(PREFIX)
    params = action["params"]
    if name in INERT or not loose_eq(t["project_id"], action["project_id"]):
        return None
    try:
        if not _condition(name, t, params, extra):
            return None
        made = _command(name, t, params, run)
    except (KeyError, ValueError, TypeError):  # a parameter Kanboard would read as 0
        return None
    return None if made is None else Reaction(action["id"], made[0], made[1])
