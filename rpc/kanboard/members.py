"""Project members: today's procedures and the seed document's older names."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain.roles import PROJECT_MANAGER
from projections.queries import Reads
from rpc.context import Ctx
from rpc.kanboard import procedure, read, write
from rpc.kanboard.access import Access, by_project

VIEW = Access(project=by_project())
MANAGE = Access(project=by_project(), project_role=PROJECT_MANAGER)


read("getProjectUsers", "getAllowedUsers", query=Reads.project_members, access=VIEW,
     fixed={"assignable": False})


@procedure("getAssignableUsers", access=VIEW)
async def get_assignable_users(ctx: Ctx, project_id: int, prepend_unassigned: Any = False,
                               ) -> dict:
    """`prepend_unassigned` is read as PHP's if() reads it: a non-empty array or any
    string but "" and "0" is true."""
    users = ctx.reads.project_members(project_id, assignable=True)
    truthy = bool(prepend_unassigned) and prepend_unassigned not in ("0", 0.0)
    return {"0": "Unassigned", **users} if truthy else users


write("addProjectUser", command=cmd.AddProjectUser, access=MANAGE, arrays_as_text=("role",))
# The seed document's name for addProjectUser, always as a member.
write("allowUser", command=cmd.AddProjectUser, access=MANAGE, leave_out=("role",))
write("removeProjectUser", "revokeUser", command=cmd.RemoveProjectUser, access=MANAGE)
write("changeProjectUserRole", command=cmd.ChangeProjectUserRole, access=MANAGE)
write("addProjectGroup", command=cmd.AddProjectGroup, access=MANAGE)
write("removeProjectGroup", command=cmd.RemoveProjectGroup, access=MANAGE)
write("changeProjectGroupRole", command=cmd.ChangeProjectGroupRole, access=MANAGE)


@procedure("getProjectUserRole", access=VIEW)
async def get_project_user_role(ctx: Ctx, project_id: int, user_id: int) -> Any:
    return ctx.reads.member_role(project_id, user_id) or ""
