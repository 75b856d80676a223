"""Commands on tasks, their subtasks, comments and links."""
from __future__ import annotations

from typing import Any

from domain.commands.base import Command, changes_of, command, supplied


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
    """Kanboard's moveTaskToProject: None keeps the task's own swimlane, column, category
    and owner (each then found by name in the destination, or reset). `plan` sets
    planning fields in the same move, and `milestone_tasks` moves the tasks whose
    milestone it is too (Leantime's moveTicket does both)."""

    task_id: int
    project_id: int
    swimlane_id: int | None = None
    column_id: int | None = None
    category_id: int | None = None
    owner_id: int | None = None
    plan: dict[str, Any] | None = None
    milestone_tasks: bool = False
    at: int = supplied()
    actor_id: int = supplied()


@command
class DuplicateTaskToProject(Command):
    """Kanboard's duplicateTaskToProject: a copy of the task (with its subtasks and tags,
    linked to it as a duplicate) in the project, placed as MoveTaskToProject places."""

    task_id: int
    project_id: int
    swimlane_id: int | None = None
    column_id: int | None = None
    category_id: int | None = None
    owner_id: int | None = None
    at: int = supplied()
    actor_id: int = supplied()


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


# --- external links (domain/external_links.py) ------------------------------------------


@command
class CreateExternalLink(Command):
    task_id: int
    url: str
    dependency: str
    link_type: str = "auto"  # or a kind of domain.external_links.KINDS
    title: str | None = None  # none, "" or "0" (PHP's falsy): the kind's default title
    at: int = supplied()
    actor_id: int = supplied()


@command
class UpdateExternalLink(Command):
    task_id: int
    external_link_id: int
    title: str | None = None
    url: str | None = None
    dependency: str | None = None
    at: int = supplied()


@command
class RemoveExternalLink(Command):
    task_id: int
    external_link_id: int
