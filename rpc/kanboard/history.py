"""Activity streams answered from the event log."""
from __future__ import annotations

from projections.activity import activity
from rpc.context import Ctx
from rpc.kanboard import procedure
from rpc.kanboard.access import Access, by_project, by_projects


@procedure("getProjectActivity", access=Access(project=by_project()))
async def get_project_activity(ctx: Ctx, project_id: int) -> list:
    return activity(ctx.reads, [project_id], 50)


@procedure("getProjectActivities", access=Access(project=by_projects("project_ids")))
async def get_project_activities(ctx: Ctx, project_ids: list) -> list:
    return activity(ctx.reads, [int(p) for p in project_ids], 50)


@procedure("getMyActivityStream", access=Access(me=True))
async def get_my_activity_stream(ctx: Ctx) -> list:
    projects = [p for p, _, _ in ctx.reads.member_projects(ctx.actor_id, active_only=True)]
    return activity(ctx.reads, projects, 100)
