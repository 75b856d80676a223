"""leantime.rpc.sprints and leantime.rpc.timesheets."""
from __future__ import annotations

from typing import Any


from rpc.context import Ctx
from rpc.leantime import Need, method
from rpc.leantime.scope import require, sees, visible_projects

EDITOR = Need("editor", writes=True)


def _sprint(ctx: Ctx, sprint_id: int) -> dict | None:
    sprint = ctx.reads.sprint(sprint_id)
    return sprint if sprint and sees(ctx, sprint["projectId"]) else None


@method("sprints", "sprints", "getAllSprints")
async def get_all_sprints(ctx: Ctx, projectId: int | None = None) -> list:
    projects = visible_projects(ctx)
    wanted = [p for p in projects if projectId is None or p == projectId]
    return ctx.reads.sprints(wanted) if wanted else []


@method("sprints", "sprints", "getSprint")
async def get_sprint(ctx: Ctx, id: int) -> Any:
    return _sprint(ctx, id) or False


@method("sprints", "sprints", "addSprint", EDITOR)
async def add_sprint(ctx: Ctx, params: dict) -> Any:
    project_id = int(params.get("projectId") or 0)
    require(ctx, project_id if ctx.reads.project(project_id) else None)
    return await ctx.execute("add_sprint", project_id=project_id, name=params.get("name", ""),
                             start_date=params.get("startDate", ""),
                             end_date=params.get("endDate", ""))


@method("sprints", "sprints", "editSprint", EDITOR)
async def edit_sprint(ctx: Ctx, params: dict) -> Any:
    sprint = _sprint(ctx, int(params.get("id") or 0))
    require(ctx, sprint["projectId"] if sprint else None)
    names = {"name": "name", "startDate": "startDate", "endDate": "endDate"}
    changes = {field: params[name] for name, field in names.items() if name in params}
    await ctx.execute("edit_sprint", sprint_id=sprint["id"], changes=changes)
    return _sprint(ctx, sprint["id"])


@method("sprints", "sprints", "deleteSprint", EDITOR)
async def delete_sprint(ctx: Ctx, id: int) -> None:
    sprint = _sprint(ctx, id)
    require(ctx, sprint["projectId"] if sprint else None)
    await ctx.execute("delete_sprint", sprint_id=id)


@method("timesheets", "timesheets", "logTime", EDITOR)
async def log_time(ctx: Ctx, ticketId: int, params: dict) -> Any:
    require(ctx, ctx.reads.project_of("task", ticketId))
    entry_id = await ctx.execute("log_time", at=ctx.now(), task_id=ticketId,
                                 hours=params.get("hours"), date=params.get("date", ""),
                                 description=params.get("description", ""))
    return {"id": entry_id, "ticketId": ticketId, "hours": float(params.get("hours"))}
