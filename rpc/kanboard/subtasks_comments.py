"""Subtasks and comments."""
from __future__ import annotations

from typing import Any

from domain.roles import APP_USER, PROJECT_MEMBER
from rpc.context import Ctx
from rpc.kanboard import procedure
from rpc.kanboard.access import Access, by, by_task_part

VIEW_TASK = Access(project=by("task", "task_id"))
EDIT_TASK = Access(project=by("task", "task_id"), project_role=PROJECT_MEMBER)
VIEW_SUBTASK = Access(project=by_task_part("subtask", "subtask_id"))
EDIT_SUBTASK = Access(project=by_task_part("subtask", "subtask_id"), project_role=PROJECT_MEMBER)


@procedure("createSubtask", access=EDIT_TASK)
async def create_subtask(ctx: Ctx, task_id: int, title: str, user_id: int = 0,
                         time_estimated: Any = 0, time_spent: Any = 0, status: int = 0) -> Any:
    return await ctx.attempt("create_subtask", task_id=task_id, title=title, user_id=user_id,
                             time_estimated=time_estimated, time_spent=time_spent, status=status)


@procedure("getSubtask", access=VIEW_SUBTASK)
async def get_subtask(ctx: Ctx, subtask_id: int) -> Any:
    return ctx.reads.subtask(subtask_id)


@procedure("getAllSubtasks", access=VIEW_TASK)
async def get_all_subtasks(ctx: Ctx, task_id: int) -> list:
    return ctx.reads.subtasks(task_id)


@procedure("updateSubtask", access=EDIT_TASK)
async def update_subtask(ctx: Ctx, id: int, task_id: int, title: str | None = None,
                         user_id: int | None = None, time_estimated: Any = None,
                         time_spent: Any = None, status: int | None = None,
                         position: int | None = None) -> bool:
    return await ctx.attempt("update_subtask", id=id, task_id=task_id, title=title,
                             user_id=user_id, time_estimated=time_estimated,
                             time_spent=time_spent, status=status, position=position)


@procedure("removeSubtask", access=EDIT_SUBTASK)
async def remove_subtask(ctx: Ctx, subtask_id: int) -> bool:
    return await ctx.attempt("remove_subtask", subtask_id=subtask_id)


def _is_author(ctx: Ctx, comment_id: int) -> bool:
    """A user may change only their own comments (the token may change any)."""
    if ctx.principal.kind != "user":
        return True
    comment = ctx.reads.comment(comment_id)
    return bool(comment) and comment["user_id"] == ctx.actor_id


@procedure("createComment", access=Access(project=by("task", "task_id"),
                                           project_role=PROJECT_MEMBER, comment=True))
async def create_comment(ctx: Ctx, task_id: int, user_id: int, content: str,
                         reference: str = "", visibility: str = APP_USER) -> Any:
    if ctx.principal.kind == "user" and user_id != ctx.actor_id:
        return False
    return await ctx.attempt("create_comment", at=ctx.now(), task_id=task_id, user_id=user_id,
                             content=content, reference=reference, visibility=visibility)


@procedure("getComment", access=Access(project=by_task_part("comment", "comment_id")))
async def get_comment(ctx: Ctx, comment_id: int) -> Any:
    return ctx.reads.comment(comment_id)


@procedure("getAllComments", access=VIEW_TASK)
async def get_all_comments(ctx: Ctx, task_id: int) -> list:
    return ctx.reads.comments(task_id)


@procedure("updateComment", access=Access(project=by_task_part("comment", "id"),
                                           project_role=PROJECT_MEMBER, comment=True))
async def update_comment(ctx: Ctx, id: int, content: str) -> bool:
    if not _is_author(ctx, id):
        return False
    return await ctx.attempt("update_comment", at=ctx.now(), id=id, content=content)


@procedure("removeComment", access=Access(project=by_task_part("comment", "comment_id"),
                                           project_role=PROJECT_MEMBER, comment=True))
async def remove_comment(ctx: Ctx, comment_id: int) -> bool:
    if not _is_author(ctx, comment_id):
        return False
    return await ctx.attempt("remove_comment", comment_id=comment_id)
