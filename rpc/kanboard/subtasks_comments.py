"""Subtasks and comments."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain.decide.task_parts import timer_hours
from domain.errors import Invalid
from domain.rules import is_digits
from domain.roles import APP_USER, PROJECT_MEMBER, reads_visibility
from projections.queries import Reads
from rpc.context import Ctx
from rpc.kanboard import procedure, read, write
from rpc.kanboard.access import Access, app_role_of, by, by_task_part
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
            if value and not is_digits(value.removeprefix("-")):
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
    """A user comments as themselves, an API key as no user (user_id 0; the log names
    the key), for readers no more privileged than they are (CommentProcedure::
    createComment); the token may name anyone."""
    if not ctx.principal.is_app:
        if values["user_id"] != ctx.actor_id:
            raise Invalid("a caller can only act as themselves")
        if not reads_visibility(app_role_of(ctx.principal), values.get("visibility", APP_USER)):
            raise Invalid("a comment's visibility cannot exceed its author's role")
    return values


async def _by_author(ctx: Ctx, values: dict[str, Any]) -> dict[str, Any]:
    """A user or key may change only its own comments (the token may change any)."""
    if not ctx.wrote_comment(values["comment_id"]):
        raise Invalid("only the author may change a comment")
    return values


write("createComment", command=cmd.CreateComment, prepare=_as_caller,
      access=Access(project=by("task", "task_id"), project_role=PROJECT_MEMBER, comment=True),
      arrays_as_text=("content",))  # CommentValidator measures the reference only


read("getComment", query=Reads.comment,
     access=Access(project=by_task_part("comment", "comment_id"), comment_id="comment_id"))


@procedure("getAllComments", access=VIEW_TASK)
async def get_all_comments(ctx: Ctx, task_id: int) -> list:
    """The comments the caller's role may read (the token and admins: all of them)."""
    comments = ctx.reads.comments(task_id)
    if ctx.principal.is_app:
        return comments
    role = app_role_of(ctx.principal)
    return [c for c in comments if reads_visibility(role, c["visibility"])]


write("updateComment", command=cmd.UpdateComment, rename={"id": "comment_id"},
      prepare=_by_author, access=Access(project=by_task_part("comment", "id"),
                                        project_role=PROJECT_MEMBER, comment=True,
                                        comment_id="id"),
      arrays_as_text=("content",))
write("removeComment", command=cmd.RemoveComment, prepare=_by_author,
      access=Access(project=by_task_part("comment", "comment_id"),
                    project_role=PROJECT_MEMBER, comment=True, comment_id="comment_id"))


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
