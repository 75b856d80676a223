"""Projects: create, read, update, enable/disable, public access, remove, metadata."""
from __future__ import annotations

import secrets
from typing import Any

from domain import commands as cmd
from domain.roles import APP_ADMIN, APP_MANAGER, PROJECT_MANAGER, PROJECT_MEMBER
from domain.php import php_text
from projections.queries import Reads
from rpc.context import Ctx
from rpc.kanboard import procedure, read, write
from rpc.kanboard.access import Access, by_project, check

VIEW = Access(project=by_project())
MANAGE = Access(project=by_project(), project_role=PROJECT_MANAGER)
EDIT = Access(project=by_project(), project_role=PROJECT_MEMBER)


async def _owned_by_caller(ctx: Ctx, values: dict[str, Any]) -> dict[str, Any]:
    """A project belongs to its creator; a user (not the token) also becomes its manager."""
    return {**values, "owner_id": values["owner_id"] or ctx.actor_id,
            "owner_is_member": not ctx.principal.is_app}


write("createProject", command=cmd.CreateProject, access=Access(app_role=APP_MANAGER),
      prepare=_owned_by_caller, arrays_as_text=("description",))


read("getProjectById", query=Reads.project, access=VIEW)


async def _project_where(ctx: Ctx, column: str, value: Any) -> Any:
    """Kanboard answers false when there is no such project, before checking roles. A
    number, a boolean or an array is compared as the text PHP binds of it (12.5 is
    "12.5", 1.0 and true "1", [1] "Array"); null matches no name."""
    text = None if value is None else php_text(value)
    project_id = ctx.reads.project_id_where(column, text) if text else None
    if not project_id:
        return False
    check(VIEW, ctx.principal, ctx.reads, {"project_id": project_id})
    return ctx.reads.project(project_id)


@procedure("getProjectByName")
async def get_project_by_name(ctx: Ctx, name: Any) -> Any:  # a non-string names no project
    return await _project_where(ctx, "name", name)


@procedure("getProjectByIdentifier")
async def get_project_by_identifier(ctx: Ctx, identifier: str) -> Any:
    return await _project_where(ctx, "identifier", (identifier or "").upper())


@procedure("getProjectByEmail")
async def get_project_by_email(ctx: Ctx, email: Any) -> Any:  # as getProjectByName
    return await _project_where(ctx, "email", email)


read("getAllProjects", query=Reads.all_projects, access=Access(app_role=APP_ADMIN))
write("updateProject", command=cmd.UpdateProject, access=MANAGE, arrays_as_text=("description",))
write("removeProject", command=cmd.RemoveProject, access=MANAGE)
write("enableProject", command=cmd.SetProjectActive, access=MANAGE, fixed={"active": True})
write("disableProject", command=cmd.SetProjectActive, access=MANAGE, fixed={"active": False})


async def _new_token(ctx: Ctx, values: dict[str, Any]) -> dict[str, Any]:
    return {**values, "token": secrets.token_hex(30)}


write("enableProjectPublicAccess", command=cmd.SetProjectPublic, access=MANAGE,
      prepare=_new_token)
write("disableProjectPublicAccess", command=cmd.SetProjectPublic, access=MANAGE,
      fixed={"token": None})
