"""A key's project scope: reads outside it find nothing, writes outside it are refused."""
from __future__ import annotations

from domain.errors import NotFound
from domain.keys import key_level, sees_project
from rpc.context import Ctx


class NotAllowed(Exception):
    """Answered as -32001 "You are not allowed to perform this action."."""


def sees(ctx: Ctx, project_id: int | None) -> bool:
    principal = ctx.principal
    return sees_project(principal.role, list(principal.project_ids), project_id)


def require(ctx: Ctx, project_id: int | None) -> None:
    """For writes: the project must exist and lie in the key's scope. A key that sees
    every project hears "not found"; a scoped key cannot tell missing from forbidden."""
    if project_id is None and sees(ctx, None):
        raise NotFound("no such object")
    if project_id is None or not sees(ctx, project_id):
        raise NotAllowed


def require_role(ctx: Ctx, role: str) -> None:
    if key_level(ctx.principal.role) < key_level(role):
        raise NotAllowed


def visible_projects(ctx: Ctx) -> list[int]:
    return [p for p in ctx.reads.project_ids() if sees(ctx, p)]
