"""leantime.rpc.sprints and leantime.rpc.timesheets."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain.errors import Invalid
from rpc.context import Ctx
from rpc.leantime import Need, method
from rpc.leantime.binding import bounded
from rpc.leantime.scope import require, sees, visible_projects

EDITOR = Need("editor", writes=True)
# Leantime's sprint field -> the domain's
_SPRINT_FIELDS = {"name": "name", "startDate": "start_date", "endDate": "end_date"}


def sprint_view(sprint: dict[str, Any]) -> dict[str, Any]:
    return {"id": sprint["id"], "projectId": sprint["project_id"], "name": sprint["name"],
            "startDate": sprint["start_date"], "endDate": sprint["end_date"]}


def _sprint(ctx: Ctx, sprint_id: int) -> dict | None:
    sprint = ctx.reads.sprint(sprint_id)
    return sprint_view(sprint) if sprint and sees(ctx, sprint["project_id"]) else None


def _text(params: dict, name: str) -> str:
    value = params.get(name) or ""
    if not isinstance(value, str):
        raise Invalid(f"{name} must be text")
    return value


@method("sprints", "sprints", "getAllSprints")
async def get_all_sprints(ctx: Ctx, projectId: int | None = None) -> list:
    projects = visible_projects(ctx)
    wanted = [p for p in projects if projectId is None or p == projectId]
    return [sprint_view(s) for s in ctx.reads.sprints(wanted)] if wanted else []


@method("sprints", "sprints", "getSprint")
async def get_sprint(ctx: Ctx, id: int) -> Any:
    return _sprint(ctx, id) or False


def _number(params: dict, name: str) -> int:
    try:
        number = int(params.get(name) or 0)
    except (TypeError, ValueError) as exc:
        raise Invalid(f"{name} must be a number") from exc
    return bounded(name, number)


@method("sprints", "sprints", "addSprint", EDITOR)
async def add_sprint(ctx: Ctx, params: dict) -> Any:
    project_id = _number(params, "projectId")
    require(ctx, project_id if ctx.reads.project(project_id) else None)
    return await ctx.execute(cmd.AddSprint(
        project_id=project_id, name=_text(params, "name"),
        start_date=_text(params, "startDate"), end_date=_text(params, "endDate")))


@method("sprints", "sprints", "editSprint", EDITOR)
async def edit_sprint(ctx: Ctx, params: dict) -> Any:
    sprint = _sprint(ctx, _number(params, "id"))
    require(ctx, sprint["projectId"] if sprint else None)
    changes = {field: _text(params, name) for name, field in _SPRINT_FIELDS.items()
               if name in params}
    await ctx.execute(cmd.EditSprint(sprint_id=sprint["id"], **changes))
    return _sprint(ctx, sprint["id"])


@method("sprints", "sprints", "deleteSprint", EDITOR)
async def delete_sprint(ctx: Ctx, id: int) -> None:
    sprint = _sprint(ctx, id)
    require(ctx, sprint["projectId"] if sprint else None)
    await ctx.execute(cmd.DeleteSprint(sprint_id=id))


def _hours(params: dict) -> float:
    try:
        hours = float(params.get("hours"))
    except (TypeError, ValueError) as exc:
        raise Invalid("hours must be a number") from exc
    return bounded("hours", hours)


@method("timesheets", "timesheets", "logTime", EDITOR)
async def log_time(ctx: Ctx, ticketId: int, params: dict) -> Any:
    require(ctx, ctx.reads.project_of("task", ticketId))
    hours = _hours(params)
    entry_id = await ctx.execute(ctx.command(
        cmd.LogTime, task_id=ticketId, hours=hours, date=_text(params, "date"),
        description=_text(params, "description")))
    return {"id": entry_id, "ticketId": ticketId, "hours": hours}
