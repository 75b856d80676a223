"""leantime.rpc.comments: comments on tickets (boardlog task comments)."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain.errors import Invalid
from domain.roles import APP_ADMIN, APP_USER, reads_visibility
from rpc.context import Ctx
from rpc.leantime import Need, method
from rpc.leantime.scope import NotAllowed, require, sees

COMMENTER = Need("commenter", writes=True)
_MODULES = {"ticket", "tickets"}


def _ticket_project(ctx: Ctx, module: str, entity_id: int) -> int | None:
    if str(module).lower() not in _MODULES:
        raise Invalid(f"comments are kept on tickets, not on {module!r}")
    return ctx.reads.project_of("task", entity_id)


def key_app_role(ctx: Ctx) -> str:
    """The application role a key reads comments as, as on Kanboard's API: keys that see
    every project as admins, the others as users (a comment for managers or admins,
    written through Kanboard, stays hidden from them)."""
    return APP_ADMIN if sees(ctx, None) else APP_USER


def comment_view(comment: dict) -> dict[str, Any]:
    return {"id": comment["id"], "text": comment["comment"], "date": comment["date_creation"],
            "moduleId": comment["task_id"], "module": "ticket", "userId": comment["user_id"],
            "commentParent": 0, "firstname": comment.get("name") or comment.get("username"),
            "lastname": ""}


@method("comments", "comments", "getComments")
async def get_comments(ctx: Ctx, module: str, entityId: int, commentOrder: int = 0,
                       parent: int = 0) -> Any:
    project_id = _ticket_project(ctx, module, entityId)
    if project_id is None or not sees(ctx, project_id):
        return []
    role = key_app_role(ctx)
    views = [comment_view(c) for c in ctx.reads.comments(entityId)
             if reads_visibility(role, c["visibility"])]
    return views[::-1] if commentOrder else views


def _text(values: dict) -> str:
    return str(values.get("text") or values.get("comment") or "")


@method("comments", "comments", "addComment", COMMENTER)
async def add_comment(ctx: Ctx, values: dict, module: str, entityId: int,
                      entity: Any = None) -> bool:
    require(ctx, _ticket_project(ctx, module, entityId))
    await ctx.execute(ctx.command(cmd.CreateComment, task_id=entityId, user_id=0,
                                  content=_text(values)))
    return True


def _comment_project(ctx: Ctx, comment_id: int) -> int | None:
    return ctx.reads.project_of("task", ctx.reads.task_of("comment", comment_id))


def _require_author(ctx: Ctx, comment_id: int) -> None:
    """In scope, and written by this key: a key changes only its own comments."""
    require(ctx, _comment_project(ctx, comment_id))
    if not ctx.wrote_comment(comment_id):
        raise NotAllowed


@method("comments", "comments", "editComment", COMMENTER)
async def edit_comment(ctx: Ctx, values: dict, id: int) -> bool:
    _require_author(ctx, id)
    await ctx.execute(ctx.command(cmd.UpdateComment, comment_id=id, content=_text(values)))
    return True


@method("comments", "comments", "deleteComment", COMMENTER)
async def delete_comment(ctx: Ctx, commentId: int) -> bool:
    _require_author(ctx, commentId)
    await ctx.execute(cmd.RemoveComment(comment_id=commentId))
    return True
