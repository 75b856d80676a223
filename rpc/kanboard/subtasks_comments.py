"""Subtasks and comments."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain.decide.task_parts import timer_hours
from domain.errors import Invalid
from domain.roles import APP_ADMIN, APP_MANAGER, APP_USER, PROJECT_MEMBER
from projections.queries import Reads
from rpc.context import Ctx
from rpc.kanboard import procedure, read, write
from rpc.kanboard.access import Access, by, by_task_part
from rpc.procedures import to_int

VIEW_TASK = Access(project=by("task", "task_id"))
EDIT_TASK = Access(project=by("task", "task_id"), project_role=PROJECT_MEMBER)
VIEW_SUBTASK = Access(project=by_task_part("subtask", "subtask_id"))
EDIT_SUBTASK = Access(project=by_task_part("subtask", "subtask_id"), project_role=PROJECT_MEMBER)


_INTEGERS = ("user_id", "status")


async def _integers(ctx: Ctx, values: dict[str, Any]) -> dict[str, Any]:
    """Kanboard's SubtaskValidator: user_id and status must be integers (or digit
    strings); a boolean, a float or an array is refused."""
    for name in _INTEGERS:
        value = values.get(name)
        if value is None:
            continue
        if isinstance(value, str):
            if value and not value.removeprefix("-").isdigit():
                raise Invalid(f"{name} must be an integer")
        elif not isinstance(value, int) or isinstance(value, bool):
            raise Invalid(f"{name} must be an integer")
        values[name] = to_int(value)
    return values


write("createSubtask", command=cmd.CreateSubtask, access=EDIT_TASK, prepare=_integers,
      raw=_INTEGERS)


read("getSubtask", query=Reads.subtask, access=VIEW_SUBTASK)
read("getAllSubtasks", query=Reads.subtasks, access=VIEW_TASK)
write("updateSubtask", command=cmd.UpdateSubtask, rename={"id": "subtask_id"}, access=EDIT_TASK,
      prepare=_integers, raw=_INTEGERS)
write("removeSubtask", command=cmd.RemoveSubtask, access=EDIT_SUBTASK)


async def _as_caller(ctx: Ctx, values: dict[str, Any]) -> dict[str, Any]:
    """A user comments as themselves (the token may name anyone), for readers no more
    privileged than they are (CommentProcedure::createComment)."""
    if ctx.principal.kind == "user":
        if values["user_id"] != ctx.actor_id:
            raise Invalid("a user can only comment as themselves")
        visibility, role = values.get("visibility", APP_USER), ctx.principal.role
        if (role == APP_MANAGER and visibility == APP_ADMIN) or (
                role == APP_USER and visibility != APP_USER):
            raise Invalid("a comment's visibility cannot exceed its author's role")
    return values


async def _by_author(ctx: Ctx, values: dict[str, Any]) -> dict[str, Any]:
    """A user may change only their own comments (the token may change any)."""
    if ctx.principal.kind == "user":
        comment = ctx.reads.comment(values["comment_id"])
        if not comment or comment["user_id"] != ctx.actor_id:
            raise Invalid("only the author may change a comment")
    return values


write("createComment", command=cmd.CreateComment, prepare=_as_caller,
      access=Access(project=by("task", "task_id"), project_role=PROJECT_MEMBER, comment=True))


read("getComment", query=Reads.comment,
     access=Access(project=by_task_part("comment", "comment_id")))
read("getAllComments", query=Reads.comments, access=VIEW_TASK)
write("updateComment", command=cmd.UpdateComment, rename={"id": "comment_id"},
      prepare=_by_author, access=Access(project=by_task_part("comment", "id"),
                                        project_role=PROJECT_MEMBER, comment=True))
write("removeComment", command=cmd.RemoveComment, prepare=_by_author,
      access=Access(project=by_task_part("comment", "comment_id"),
                    project_role=PROJECT_MEMBER, comment=True))


# Subtask timers: anyone who sees the subtask may ask; a user starts and stops only
# their own (the token anyone's).
read("hasSubtaskTimer", query=Reads.has_timer, access=VIEW_SUBTASK)
write("setSubtaskStartTime", command=cmd.StartSubtaskTimer, prepare=_as_caller,
      access=EDIT_SUBTASK)
write("setSubtaskEndTime", command=cmd.StopSubtaskTimer, prepare=_as_caller,
      access=EDIT_SUBTASK)


@procedure("getSubtaskTimeSpent", access=VIEW_SUBTASK)
async def get_subtask_time_spent(ctx: Ctx, subtask_id: int, user_id: int) -> float:
    """The hours of the user's running timer on the subtask so far (0 when none runs)."""
    start = ctx.reads.timer_start(subtask_id, user_id)
    return 0 if start is None else timer_hours(start, ctx.now())
