"""leantime.rpc.projects: the same projects the Kanboard API sees."""
from __future__ import annotations

from typing import Any

import orjson

from domain import commands as cmd
from domain.roles import PROJECT_MANAGER, PROJECT_MEMBER, PROJECT_VIEWER
from rpc.context import Ctx
from rpc.leantime import Need, method
from rpc.leantime.scope import NotAllowed, require, sees, visible_projects
from rpc.leantime.statuses import LEANTIME_COLUMNS
from rpc.leantime.users import sees_every_user, user_view

MANAGER = Need("manager", writes=True)
_ROLES = {"": PROJECT_MEMBER, "member": PROJECT_MEMBER, "editor": PROJECT_MEMBER,
          "readonly": PROJECT_VIEWER, "commenter": PROJECT_VIEWER, "manager": PROJECT_MANAGER,
          "admin": PROJECT_MANAGER, "owner": PROJECT_MANAGER}


def project_view(doc: dict[str, Any]) -> dict[str, Any]:
    return {"id": doc["id"], "name": doc["name"], "details": doc["description"],
            "clientId": None, "state": 0 if doc["is_active"] else -1, "type": "project",
            "start": doc["start_date"] or None, "end": doc["end_date"] or None,
            "identifier": doc["identifier"], "modified": doc["last_modified"]}


def _project(ctx: Ctx, project_id: int) -> dict | None:
    doc = ctx.reads.project_dict(project_id) if sees(ctx, project_id) else None
    return project_view(doc) if doc else None


@method("projects", "projects", "getProject")
async def get_project(ctx: Ctx, id: int) -> Any:
    return _project(ctx, id) or False


@method("projects", "projects", "getAll")
async def get_all(ctx: Ctx, showClosedProjects: bool = False) -> list:
    views = [_project(ctx, p) for p in visible_projects(ctx)]
    return sorted((v for v in views if v and (showClosedProjects or v["state"] == 0)),
                  key=lambda v: v["name"])


@method("projects", "projects", "getProjectsUserHasAccessTo")
async def get_projects_user_has_access_to(ctx: Ctx, userId: int | None = None) -> list:
    if userId is None:
        return await get_all(ctx, True)
    mine = ctx.reads.member_projects(userId, active_only=False)
    return [project_view(orjson.loads(doc)) for pid, _, doc in mine if sees(ctx, pid)]


@method("projects", "projects", "findProject")
async def find_project(ctx: Ctx, term: str = "") -> list:
    needle = (term or "").lower()  # null is no term
    return [p for p in await get_all(ctx, True) if needle in p["name"].lower()]


def _values(values: dict[str, Any]) -> dict[str, Any]:
    names = {"name": "name", "details": "description", "start": "start_date", "end": "end_date"}
    return {arg: values[name] for name, arg in names.items() if name in values}


@method("projects", "projects", "addProject", MANAGER)
async def add_project(ctx: Ctx, values: dict) -> Any:
    if not sees(ctx, None):
        raise NotAllowed  # only keys that see every project create them: a scoped key
        # could not see what it created
    return await ctx.execute(ctx.command(cmd.CreateProject, columns=LEANTIME_COLUMNS,
                                         **{"name": "", **_values(values)}))


async def _patch(ctx: Ctx, project_id: int, values: dict) -> bool:
    require(ctx, project_id if ctx.reads.project(project_id) else None)
    await ctx.execute(ctx.command(cmd.UpdateProject, project_id=project_id, **_values(values)))
    return True


@method("projects", "projects", "patchProject", MANAGER)
async def patch_project(ctx: Ctx, id: int, values: dict) -> bool:
    return await _patch(ctx, id, values)


@method("projects", "projects", "editProject", MANAGER)
async def edit_project(ctx: Ctx, values: dict, id: int) -> bool:
    return await _patch(ctx, id, values)


@method("projects", "projects", "deleteProject", MANAGER)
async def delete_project(ctx: Ctx, id: int) -> bool:
    require(ctx, id if ctx.reads.project(id) else None)
    await ctx.execute(cmd.RemoveProject(project_id=id))
    return True


@method("projects", "projects", "getUsersAssignedToProject")
async def get_users_assigned_to_project(ctx: Ctx, projectId: int, teamOnly: bool = False) -> list:
    if not sees(ctx, projectId):
        return []
    members = ctx.reads.project_members(projectId, assignable=False)
    return [user_view(ctx.reads.user_dict(int(uid)), ctx.reads.member_role(projectId, int(uid)),
                      full=sees_every_user(ctx)) for uid in members]


@method("projects", "projects", "addUserToProject", MANAGER)
async def add_user_to_project(ctx: Ctx, userId: int, projectId: int,
                              projectRole: str = "") -> bool:
    require(ctx, projectId if ctx.reads.project(projectId) else None)
    role = _ROLES.get(projectRole.lower(), projectRole)
    await ctx.execute(cmd.AddProjectUser(project_id=projectId, user_id=userId, role=role))
    return True
