"""leantime.rpc.api (system info, API keys) and leantime.rpc.history (the event log)."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from projections.history import board_at, position_of, raw_event, task_at, task_history
from eventstore import reader
from rpc.context import Ctx
from rpc.version import VERSION
from rpc.keys import issue_key
from rpc.procedures import to_int
from rpc.leantime import Need, method
from domain.roles import reads_visibility
from rpc.leantime.comments import key_app_role
from rpc.leantime.scope import sees
from rpc.protocol import INVALID_PARAMS, RpcError

ADMIN = Need("admin", writes=True)


@method("api", "config", "getSystemInfo")
async def get_system_info(ctx: Ctx) -> dict:
    return {"product": "boardlog", "version": VERSION, "jsonrpc": "2.0", "database": "sqlite",
            "logHead": ctx.reads.head(), "apis": ["kanboard", "leantime"]}


@method("api", "api", "createAPIKey", ADMIN)
async def create_api_key(ctx: Ctx, values: dict) -> dict:
    projects = [to_int(p) for p in values.get("projects") or []]
    role = str(values.get("role") or "readonly")  # above the key's own: domain.authority
    return await issue_key(ctx.execute, str(values.get("name") or ""), role, projects)


@method("api", "api", "getAPIKeys", ADMIN)
async def get_api_keys(ctx: Ctx) -> list:
    return ctx.reads.api_keys()


@method("api", "api", "revokeAPIKey", ADMIN)
async def revoke_api_key(ctx: Ctx, id: int) -> bool:
    await ctx.execute(cmd.RevokeApiKey(key_id=id))
    return True


def _position(ctx: Ctx, at: Any) -> int:
    position = position_of(ctx.reads.conn, at)
    if position is None:
        raise RpcError(INVALID_PARAMS, "at must be a log position or an ISO 8601 time")
    return position


def _ticket_visible(ctx: Ctx, ticket_id: int) -> bool:
    return sees(ctx, ctx.reads.project_of("task", ticket_id))


@method("history", "history", "getTicketHistory")
async def get_ticket_history(ctx: Ctx, id: int) -> Any:
    if not _ticket_visible(ctx, id):
        return False
    role = key_app_role(ctx)
    return task_history(ctx.reads.conn, id, lambda project_id: sees(ctx, project_id),
                        lambda visibility: reads_visibility(role, visibility))


@method("history", "history", "getTicketAt")
async def get_ticket_at(ctx: Ctx, id: int, at: Any) -> Any:
    if not _ticket_visible(ctx, id):
        return False
    return task_at(ctx.reads.conn, id, _position(ctx, at),
                   lambda project_id: sees(ctx, project_id)) or False


@method("history", "history", "getBoardAt")
async def get_board_at(ctx: Ctx, projectId: int, at: Any) -> Any:
    if not sees(ctx, projectId):
        return []
    return board_at(ctx.reads.conn, projectId, _position(ctx, at))


@method("history", "history", "getEvents", Need("admin"))
async def get_events(ctx: Ctx, fromPosition: int = 0, limit: int = 100) -> list:
    page = reader.read_page(ctx.reads.conn, max(fromPosition, 0), min(max(limit, 1), 1000))
    return [raw_event(row) for row in page]
