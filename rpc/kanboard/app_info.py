"""Application-level facts: version, timezone, colours, roles, links."""
from __future__ import annotations

from domain.colors import COLORS, DEFAULT_COLOR, DEFAULT_COLOR_SETTING
from domain.roles import APPLICATION_ROLES, PROJECT_ROLES
from rpc.context import Ctx
from rpc.kanboard import procedure
from rpc.version import VERSION



@procedure("getVersion")
async def get_version(ctx: Ctx) -> str:
    return VERSION


@procedure("getTimezone")
async def get_timezone(ctx: Ctx) -> str:
    """The application's timezone (a Kanboard imported with another keeps it), else UTC."""
    return ctx.reads.setting("application_timezone") or "UTC"


@procedure("getDefaultTaskColor")
async def get_default_task_color(ctx: Ctx) -> str:
    return ctx.reads.setting(DEFAULT_COLOR_SETTING) or DEFAULT_COLOR


@procedure("getDefaultTaskColors")
async def get_default_task_colors(ctx: Ctx) -> dict:
    return {cid: {"name": n, "background": b, "border": o} for cid, (n, b, o) in COLORS.items()}


@procedure("getColorList")
async def get_color_list(ctx: Ctx) -> dict:
    return {cid: name for cid, (name, _, _) in COLORS.items()}


@procedure("getApplicationRoles")
async def get_application_roles(ctx: Ctx) -> dict:
    return APPLICATION_ROLES


@procedure("getProjectRoles")
async def get_project_roles(ctx: Ctx) -> dict:
    return PROJECT_ROLES
