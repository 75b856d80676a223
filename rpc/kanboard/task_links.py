"""Links between tasks: members of the task's project write them; a user may link only to
a task of a project they have a role in (Kanboard's isUserAllowed)."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain.errors import Invalid
from domain.roles import PROJECT_MEMBER
from projections.queries import Reads
from rpc.context import Ctx
from rpc.kanboard import read, write
from rpc.kanboard.access import Access, by, by_task_part

EDIT_TASK = Access(project=by("task", "task_id"), project_role=PROJECT_MEMBER)
OF_LINK = by_task_part("task_link", "task_link_id")


async def _opposite_visible(ctx: Ctx, values: dict[str, Any]) -> dict[str, Any]:
    if ctx.principal.kind == "user":
        project_id = ctx.reads.project_of("task", values["opposite_task_id"])
        if not project_id or not ctx.reads.member_role(project_id, ctx.actor_id):
            raise Invalid("the linked task is in a project the caller has no role in")
    return values


read("getTaskLinkById", query=Reads.task_link, access=Access(project=OF_LINK))
read("getAllTaskLinks", query=Reads.task_links, access=Access(project=by("task", "task_id")))
write("createTaskLink", command=cmd.CreateTaskLink, access=EDIT_TASK, prepare=_opposite_visible)
write("updateTaskLink", command=cmd.UpdateTaskLink, access=EDIT_TASK, prepare=_opposite_visible)
write("removeTaskLink", command=cmd.RemoveTaskLink,
      access=Access(project=OF_LINK, project_role=PROJECT_MEMBER))
