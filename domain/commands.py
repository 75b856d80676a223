"""Commands: one frozen dataclass per change a caller may ask of the world.

Each command is declared once, here. Field order is the Kanboard API's positional
parameter order wherever Kanboard has the procedure, so the Kanboard facade derives its
parameter lists from these declarations. Fields marked `supplied()` come from the
server (the clock, the caller, hashes of secrets), never from a client's parameters.
"""
from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from typing import Any

from domain.roles import PROJECT_MEMBER

_SUPPLIED = "supplied"


def supplied(default: Any = dataclasses.MISSING) -> Any:
    """A field the server fills in; facades never bind it from a request."""
    return field(default=default, metadata={_SUPPLIED: True})


def is_supplied(item: dataclasses.Field) -> bool:
    return bool(item.metadata.get(_SUPPLIED))


@dataclass(frozen=True, slots=True, kw_only=True)
class Command:
    """Base of every command; its class name is the name the audit trail records."""


def command(cls: type[Command]) -> type[Command]:
    """Declare a command class: frozen, keyword-only, slotted."""
    return dataclass(frozen=True, slots=True, kw_only=True)(cls)


def parameters(cls: type[Command]) -> list[dataclasses.Field]:
    """A command's client parameters, in declaration order (supplied fields left out)."""
    return [f for f in dataclasses.fields(cls) if not is_supplied(f)]


def changes_of(source: type[Command], name: str, key: str, *, keep: tuple[str, ...] = (),
               drop: tuple[str, ...] = (), extra: tuple[tuple[str, Any], ...] = (),
               optional: bool = True, doc: str = "") -> type[Command]:
    """The command that changes what `source` creates: `key`, then `source`'s parameters
    in order (less `drop`), each optional (None: unchanged) except those in `keep`, then
    the `extra` optional fields, and `at` if `source` has one. Kanboard's update
    procedures take exactly their create procedure's parameters this way. With
    `optional=False` the parameters keep their types and defaults (a full replacement)."""
    hints = typing.get_type_hints(source)
    specs: list[Any] = [(key, int)]
    for item in parameters(source):
        if item.name in drop:
            continue
        if item.name in keep or not optional:
            specs.append((item.name, hints[item.name], *_default_of(item)))
        else:
            specs.append((item.name, hints[item.name] | None, field(default=None)))
    specs += [(extra_name, kind | None, field(default=None)) for extra_name, kind in extra]
    if "at" in hints:
        specs.append(("at", int, supplied()))
    made = dataclasses.make_dataclass(name, specs, bases=(Command,), frozen=True, slots=True,
                                      kw_only=True, namespace={"__doc__": doc})
    made.__module__ = __name__
    return made


def _default_of(item: dataclasses.Field) -> tuple[Any, ...]:
    return () if item.default is dataclasses.MISSING else (field(default=item.default),)


def given(command_: Command, *, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """An update command's given values (not None), less `leave_out` and supplied fields."""
    return {f.name: getattr(command_, f.name) for f in parameters(type(command_))
            if f.name not in leave_out and getattr(command_, f.name) is not None}


# --- application and users ---------------------------------------------------------


@command
class SetApplicationToken(Command):
    token_hash: str = supplied()


@command
class CreateUser(Command):
    username: str
    password_hash: str = supplied()
    name: str | None = ""
    email: str | None = ""
    role: str | None = None


UpdateUser = changes_of(CreateUser, "UpdateUser", "user_id")


@command
class ChangeUserPassword(Command):
    user_id: int
    password_hash: str = supplied()


@command
class SetUserActive(Command):
    user_id: int
    active: bool = supplied()
    at: int = supplied()  # disabling a user disables the private projects they own


@command
class RemoveUser(Command):
    user_id: int


# --- projects ------------------------------------------------------------------------


@command
class CreateProject(Command):
    name: str
    description: str | None = None
    owner_id: int = 0
    identifier: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    priority_default: int | None = None
    priority_start: int | None = None
    priority_end: int | None = None
    email: str | None = None
    at: int = supplied()
    is_private: int = supplied(0)
    owner_is_member: bool = supplied(False)  # a user's call makes the owner its manager
    columns: tuple[str, ...] | None = supplied(None)  # the first columns (Kanboard's four)


UpdateProject = changes_of(CreateProject, "UpdateProject", "project_id")


@command
class SetProjectActive(Command):
    project_id: int
    active: bool = supplied()
    at: int = supplied()


@command
class SetProjectPublic(Command):
    project_id: int
    token: str | None = supplied()  # random (I/O), so made by the caller; None: turn off
    at: int = supplied()


@command
class RemoveProject(Command):
    project_id: int


@command
class AddProjectUser(Command):
    project_id: int
    user_id: int
    role: str = PROJECT_MEMBER


@command
class ChangeProjectUserRole(Command):
    project_id: int
    user_id: int
    role: str


@command
class RemoveProjectUser(Command):
    project_id: int
    user_id: int


# --- swimlanes -------------------------------------------------------------------------


@command
class AddSwimlane(Command):
    project_id: int
    name: str
    description: str = ""


@command
class UpdateSwimlane(Command):
    project_id: int
    swimlane_id: int
    name: str
    description: str | None = None


@command
class RemoveSwimlane(Command):
    project_id: int
    swimlane_id: int


@command
class SetSwimlaneActive(Command):
    project_id: int
    swimlane_id: int
    active: bool = supplied()


@command
class ChangeSwimlanePosition(Command):
    project_id: int
    swimlane_id: int
    position: int


# --- columns and categories ------------------------------------------------------------


@command
class AddColumn(Command):
    project_id: int
    title: str
    task_limit: int = 0
    description: str = ""


UpdateColumn = changes_of(AddColumn, "UpdateColumn", "column_id", drop=("project_id",),
                          optional=False)


@command
class ChangeColumnPosition(Command):
    project_id: int
    column_id: int
    position: int


@command
class ShiftColumn(Command):
    """One step towards the first (-1) or last (+1) position, refused at either end."""

    project_id: int
    column_id: int
    offset: int = supplied()


@command
class RemoveColumn(Command):
    column_id: int


@command
class CreateCategory(Command):
    project_id: int
    name: str
    color_id: str | None = None


UpdateCategory = changes_of(CreateCategory, "UpdateCategory", "category_id",
                            drop=("project_id",), optional=False)


@command
class RemoveCategory(Command):
    category_id: int


# --- tasks ---------------------------------------------------------------------------


@command
class CreateTask(Command):
    title: str
    project_id: int
    color_id: str = ""
    column_id: int = 0
    owner_id: int = 0
    creator_id: int = 0
    date_due: str = ""
    description: str = ""
    category_id: int = 0
    score: int = 0
    swimlane_id: int = 0
    priority: int = 0
    recurrence_status: int = 0
    recurrence_trigger: int = 0
    recurrence_factor: int = 0
    recurrence_timeframe: int = 0
    recurrence_basedate: int = 0
    reference: str = ""
    tags: list[str] | None = None
    date_started: str = ""
    time_spent: float | None = None
    time_estimated: float | None = None
    plan: dict[str, Any] | None = None  # planning fields (domain.planning.PLAN_FIELDS)
    closed: bool = False  # created as already done
    at: int = supplied()
    actor_id: int = supplied()


UpdateTask = changes_of(
    CreateTask, "UpdateTask", "task_id",
    drop=("project_id", "column_id", "creator_id", "swimlane_id", "closed"),
    extra=(("column_id", int), ("is_active", bool)),
    doc="Only the fields given (not None) change; column_id and is_active also place it "
        "(at the end of that column; open or closed).")


@command
class MoveTask(Command):
    project_id: int
    task_id: int
    column_id: int
    position: int
    swimlane_id: int
    at: int = supplied()


@command
class MoveTaskToProject(Command):
    task_id: int
    project_id: int
    at: int = supplied()


@command
class RemoveTask(Command):
    task_id: int


@command
class CreateTag(Command):
    project_id: int
    tag: str
    color_id: str | None = None


UpdateTag = changes_of(CreateTag, "UpdateTag", "tag_id", drop=("project_id",), optional=False)


@command
class RemoveTag(Command):
    tag_id: int


@command
class SetTaskTags(Command):
    project_id: int
    task_id: int
    tags: list[str]


# --- metadata of projects and tasks --------------------------------------------------


@command
class SaveMetadata(Command):
    owner: str  # "project" or "task"
    owner_id: int
    values: dict[str, Any]


@command
class RemoveMetadata(Command):
    owner: str
    owner_id: int
    name: str


# --- subtasks and comments -------------------------------------------------------------


@command
class CreateSubtask(Command):
    task_id: int
    title: str
    user_id: int = 0
    time_estimated: float = 0
    time_spent: float = 0
    status: int = 0


UpdateSubtask = changes_of(CreateSubtask, "UpdateSubtask", "subtask_id", keep=("task_id",),
                           extra=(("position", int),))


@command
class RemoveSubtask(Command):
    subtask_id: int


@command
class StartSubtaskTimer(Command):
    subtask_id: int
    user_id: int
    at: int = supplied()


@command
class StopSubtaskTimer(Command):
    subtask_id: int
    user_id: int
    at: int = supplied()


@command
class CreateComment(Command):
    task_id: int
    user_id: int
    content: str
    reference: str = ""
    visibility: str = "app-user"
    at: int = supplied()


@command
class UpdateComment(Command):
    comment_id: int
    content: str
    at: int = supplied()


@command
class RemoveComment(Command):
    comment_id: int


# --- API keys, sprints, logged time ----------------------------------------------------


@command
class CreateApiKey(Command):
    label: str
    role: str
    project_ids: tuple[int, ...] = ()
    key_name: str = supplied()  # the random public part of the key
    secret_hash: str = supplied()


@command
class RevokeApiKey(Command):
    key_id: int


@command
class AddSprint(Command):
    project_id: int
    name: str
    start_date: str = ""
    end_date: str = ""


EditSprint = changes_of(AddSprint, "EditSprint", "sprint_id", drop=("project_id",))


@command
class DeleteSprint(Command):
    sprint_id: int


@command
class LogTime(Command):
    task_id: int
    hours: float
    date: str = ""
    description: str = ""
    at: int = supplied()


# --- link types --------------------------------------------------------------------------


@command
class CreateLink(Command):
    label: str
    opposite_label: str | None = ""


@command
class UpdateLink(Command):
    link_id: int
    opposite_link_id: int
    label: str


@command
class RemoveLink(Command):
    link_id: int


# --- links between tasks -----------------------------------------------------------------


@command
class CreateTaskLink(Command):
    task_id: int
    opposite_task_id: int
    link_id: int


@command
class UpdateTaskLink(Command):
    task_link_id: int
    task_id: int
    opposite_task_id: int
    link_id: int


@command
class RemoveTaskLink(Command):
    task_link_id: int


# --- groups ---------------------------------------------------------------------------


@command
class CreateGroup(Command):
    name: str
    external_id: str | None = ""


UpdateGroup = changes_of(CreateGroup, "UpdateGroup", "group_id")


@command
class RemoveGroup(Command):
    group_id: int


@command
class AddGroupMember(Command):
    group_id: int
    user_id: int


@command
class RemoveGroupMember(Command):
    group_id: int
    user_id: int


@command
class AddProjectGroup(Command):
    project_id: int
    group_id: int
    role: str = PROJECT_MEMBER


@command
class RemoveProjectGroup(Command):
    project_id: int
    group_id: int


@command
class ChangeProjectGroupRole(Command):
    project_id: int
    group_id: int
    role: str
