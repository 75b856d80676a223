"""Project members: today's procedures and the seed document's older names."""
from __future__ import annotations

from typing import Any

from domain.roles import PROJECT_MANAGER, PROJECT_MEMBER
from rpc.context import Ctx
from rpc.kanboard import procedure
from rpc.kanboard.access import Access, by_project

VIEW = Access(project=by_project())
MANAGE = Access(project=by_project(), project_role=PROJECT_MANAGER)


@procedure("getProjectUsers", "getAllowedUsers", access=VIEW)
async def get_project_users(ctx: Ctx, project_id: int) -> dict:
    return ctx.reads.project_members(project_id, assignable=False)


@procedure("getAssignableUsers", access=VIEW)
async def get_assignable_users(ctx: Ctx, project_id: int, prepend_unassigned: bool = False) -> dict:
    users = ctx.reads.project_members(project_id, assignable=True)
    return {"0": "Unassigned", **users} if prepend_unassigned else users


@procedure("addProjectUser", access=MANAGE)
async def add_project_user(ctx: Ctx, project_id: int, user_id: int,
                           role: str = PROJECT_MEMBER) -> bool:
    return await ctx.attempt("add_project_user", project_id=project_id, user_id=user_id,
                             role=role)


@procedure("allowUser", access=MANAGE)
async def allow_user(ctx: Ctx, project_id: int, user_id: int) -> bool:
    """The seed document's name for addProjectUser (as a member)."""
    return await ctx.attempt("add_project_user", project_id=project_id, user_id=user_id)


@procedure("removeProjectUser", "revokeUser", access=MANAGE)
async def remove_project_user(ctx: Ctx, project_id: int, user_id: int) -> bool:
    return await ctx.attempt("remove_project_user", project_id=project_id, user_id=user_id)


@procedure("changeProjectUserRole", access=MANAGE)
async def change_project_user_role(ctx: Ctx, project_id: int, user_id: int, role: str) -> bool:
    return await ctx.attempt("change_project_user_role", project_id=project_id,
                             user_id=user_id, role=role)


@procedure("getProjectUserRole", access=VIEW)
async def get_project_user_role(ctx: Ctx, project_id: int, user_id: int) -> Any:
    return ctx.reads.member_role(project_id, user_id) or ""
