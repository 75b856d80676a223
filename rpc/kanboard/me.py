"""The "me" procedures: only for a user, never for the application token."""
from __future__ import annotations

from typing import Any

from orjson import Fragment

from domain import commands as cmd
from projections.render import me_doc
from rpc.context import Ctx
from rpc.kanboard import procedure, write
from rpc.kanboard.access import Access

ME = Access(me=True)


@procedure("getMe", access=ME)
async def get_me(ctx: Ctx) -> Any:
    user = ctx.reads.user_dict(ctx.actor_id)
    return me_doc(user) if user else None


@procedure("getMyProjects", access=ME)
async def get_my_projects(ctx: Ctx) -> list:
    return [Fragment(doc) for _, _, doc in ctx.reads.member_projects(ctx.actor_id, True)]


@procedure("getMyProjectsList", access=ME)
async def get_my_projects_list(ctx: Ctx) -> dict:
    rows = ctx.reads.member_projects(ctx.actor_id, active_only=False)
    return {str(pid): name for pid, name, _ in rows}


async def _private_to_caller(ctx: Ctx, values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "owner_id": ctx.actor_id, "is_private": 1, "owner_is_member": True}


write("createMyPrivateProject", command=cmd.CreateProject, access=ME,
      only=("name", "description"),
      prepare=_private_to_caller)


@procedure("getMyOverdueTasks", access=ME, offload=True)
async def get_my_overdue_tasks(ctx: Ctx) -> list:
    """Unlike Kanboard, only in projects the caller is still a member of (issue #11)."""
    return ctx.reads.overdue_tasks(ctx.now(), owner_id=ctx.actor_id, member=True)


@procedure("getMyDashboard", access=ME)
async def get_my_dashboard(ctx: Ctx) -> list:
    """Unlike Kanboard, only in projects the caller is still a member of (issue #11)."""
    return ctx.reads.dashboard(ctx.actor_id)
