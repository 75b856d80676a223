"""Projects: create, read, update, enable/disable, public access, remove, metadata."""
from __future__ import annotations

import secrets
from typing import Any

from domain.roles import APP_ADMIN, APP_MANAGER, PROJECT_MANAGER, PROJECT_MEMBER
from rpc.context import Ctx
from rpc.kanboard import procedure
from rpc.kanboard.access import Access, by_project, check

VIEW = Access(project=by_project())
MANAGE = Access(project=by_project(), project_role=PROJECT_MANAGER)
EDIT = Access(project=by_project(), project_role=PROJECT_MEMBER)


@procedure("createProject", access=Access(app_role=APP_MANAGER))
async def create_project(ctx: Ctx, name: str, description: str | None = None, owner_id: int = 0,
                         identifier: str | None = None, start_date: str | None = None,
                         end_date: str | None = None, priority_default: int | None = None,
                         priority_start: int | None = None, priority_end: int | None = None,
                         email: str | None = None) -> Any:
    return await ctx.attempt("create_project", at=ctx.now(), name=name, description=description,
                             owner_id=owner_id or ctx.actor_id, identifier=identifier,
                             start_date=start_date, end_date=end_date,
                             priority_default=priority_default, priority_start=priority_start,
                             priority_end=priority_end, email=email,
                             owner_is_member=not ctx.principal.is_app)


@procedure("getProjectById", access=VIEW)
async def get_project_by_id(ctx: Ctx, project_id: int) -> Any:
    return ctx.reads.project(project_id)


async def _project_where(ctx: Ctx, column: str, value: Any) -> Any:
    """Kanboard answers false when there is no such project, before checking roles."""
    project_id = ctx.reads.project_id_where(column, value) if value else None
    if not project_id:
        return False
    check(VIEW, ctx.principal, ctx.reads, {"project_id": project_id})
    return ctx.reads.project(project_id)


@procedure("getProjectByName")
async def get_project_by_name(ctx: Ctx, name: str) -> Any:
    return await _project_where(ctx, "name", name)


@procedure("getProjectByIdentifier")
async def get_project_by_identifier(ctx: Ctx, identifier: str) -> Any:
    return await _project_where(ctx, "identifier", (identifier or "").upper())


@procedure("getProjectByEmail")
async def get_project_by_email(ctx: Ctx, email: str) -> Any:
    return await _project_where(ctx, "email", email)


@procedure("getAllProjects", access=Access(app_role=APP_ADMIN))
async def get_all_projects(ctx: Ctx) -> list:
    return ctx.reads.all_projects()


@procedure("updateProject", access=MANAGE)
async def update_project(ctx: Ctx, project_id: int, name: str | None = None,
                         description: str | None = None, owner_id: int | None = None,
                         identifier: str | None = None, start_date: str | None = None,
                         end_date: str | None = None, priority_default: int | None = None,
                         priority_start: int | None = None, priority_end: int | None = None,
                         email: str | None = None) -> bool:
    return await ctx.attempt("update_project", at=ctx.now(), project_id=project_id, name=name,
                             description=description, owner_id=owner_id, identifier=identifier,
                             start_date=start_date, end_date=end_date,
                             priority_default=priority_default, priority_start=priority_start,
                             priority_end=priority_end, email=email)


@procedure("removeProject", access=MANAGE)
async def remove_project(ctx: Ctx, project_id: int) -> bool:
    return await ctx.attempt("remove_project", project_id=project_id)


@procedure("enableProject", access=MANAGE)
async def enable_project(ctx: Ctx, project_id: int) -> bool:
    return await ctx.attempt("set_project_active", at=ctx.now(), project_id=project_id,
                             active=True)


@procedure("disableProject", access=MANAGE)
async def disable_project(ctx: Ctx, project_id: int) -> bool:
    return await ctx.attempt("set_project_active", at=ctx.now(), project_id=project_id,
                             active=False)


@procedure("enableProjectPublicAccess", access=MANAGE)
async def enable_public_access(ctx: Ctx, project_id: int) -> bool:
    return await ctx.attempt("set_project_public", at=ctx.now(), project_id=project_id,
                             token=secrets.token_hex(30))


@procedure("disableProjectPublicAccess", access=MANAGE)
async def disable_public_access(ctx: Ctx, project_id: int) -> bool:
    return await ctx.attempt("set_project_public", at=ctx.now(), project_id=project_id,
                             token=None)


@procedure("getProjectMetadata", access=VIEW)
async def get_project_metadata(ctx: Ctx, project_id: int) -> dict:
    return ctx.reads.project_metadata(project_id)


@procedure("getProjectMetadataByName", access=VIEW)
async def get_project_metadata_by_name(ctx: Ctx, project_id: int, name: str) -> Any:
    return ctx.reads.project_metadata(project_id).get(name, "")


@procedure("saveProjectMetadata", access=EDIT)
async def save_project_metadata(ctx: Ctx, project_id: int, values: dict) -> bool:
    return await ctx.attempt("save_project_metadata", project_id=project_id, values=values)


@procedure("removeProjectMetadata", access=EDIT)
async def remove_project_metadata(ctx: Ctx, project_id: int, name: str) -> bool:
    return await ctx.attempt("remove_project_metadata", project_id=project_id, name=name)
