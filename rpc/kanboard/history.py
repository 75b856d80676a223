"""History answered from the event log: activity streams, task timelines, time travel."""
from __future__ import annotations

from typing import Any

from domain.roles import APP_ADMIN, reads_visibility
from eventstore import reader
from projections.activity import activity
from projections.history import (board_at, position_of, raw_event, task_at, task_history,
                                 tasks_at)
from rpc.context import Ctx
from rpc.kanboard import procedure
from rpc.kanboard.access import Access, app_role_of, by, by_project, by_projects, sees
from rpc.procedures import to_int
from rpc.protocol import INVALID_PARAMS, RpcError


@procedure("getProjectActivity", access=Access(project=by_project()), offload=True)
async def get_project_activity(ctx: Ctx, project_id: int) -> list:
    return activity(ctx.reads, [project_id], 50, _role(ctx))


@procedure("getProjectActivities", access=Access(project=by_projects("project_ids")),
           offload=True)
async def get_project_activities(ctx: Ctx, project_ids: list) -> list:
    return activity(ctx.reads, [to_int(p) for p in project_ids], 50, _role(ctx))


@procedure("getMyActivityStream", access=Access(me=True), offload=True)
async def get_my_activity_stream(ctx: Ctx) -> list:
    projects = [p for p, _, _ in ctx.reads.member_projects(ctx.actor_id, active_only=True)]
    return activity(ctx.reads, projects, 100, _role(ctx))


def _role(ctx: Ctx) -> str | None:
    """The application role Kanboard's session has: none for the application token."""
    return ctx.principal.role if ctx.principal.kind == "user" else None


def _visible(ctx: Ctx):
    return lambda project_id: sees(ctx.principal, ctx.reads, project_id)


def _position(ctx: Ctx, at: Any) -> int:
    position = position_of(ctx.reads.conn, at)
    if position is None:
        raise RpcError(INVALID_PARAMS, "at must be a log position or an ISO 8601 time")
    return position


@procedure("getTaskHistory", access=Access(project=by("task", "task_id")), offload=True)
async def get_task_history(ctx: Ctx, task_id: int) -> list:
    """Only what happened in projects the caller may see (a moved task's past elsewhere
    stays with that project)."""
    if ctx.principal.is_app:
        return task_history(ctx.reads.conn, task_id)
    role = app_role_of(ctx.principal)
    return task_history(ctx.reads.conn, task_id, _visible(ctx),
                        lambda visibility: reads_visibility(role, visibility))


@procedure("getTaskAt", access=Access(project=by("task", "task_id")), offload=True)
async def get_task_at(ctx: Ctx, task_id: int, at: Any) -> Any:
    return task_at(ctx.reads.conn, task_id, _position(ctx, at), _visible(ctx))


@procedure("getBoardAt", access=Access(project=by_project()), offload=True)
async def get_board_at(ctx: Ctx, project_id: int, at: Any) -> list:
    return board_at(ctx.reads.conn, project_id, _position(ctx, at))


@procedure("getAllTasksAt", access=Access(project=by_project()), offload=True)
async def get_all_tasks_at(ctx: Ctx, project_id: int, status_id: int, at: Any) -> list:
    return tasks_at(ctx.reads.conn, project_id, status_id, _position(ctx, at))


@procedure("getEvents", access=Access(app_role=APP_ADMIN), offload=True)
async def get_events(ctx: Ctx, from_position: int = 0, limit: int = 100) -> list:
    """The raw log with metadata and hashes, paged; secrets in event data are redacted."""
    page = reader.read_page(ctx.reads.conn, max(from_position, 0), min(max(limit, 1), 1000))
    return [raw_event(row) for row in page]
