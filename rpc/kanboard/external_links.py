"""A task's external links (web pages, attachments, local files): anyone with a role in
the task's project reads them, members write them; the kinds and their dependencies are
open to every caller. Names and labels are Kanboard's (its link providers')."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain import external_links as kinds
from domain.roles import PROJECT_MEMBER
from rpc.context import Ctx
from rpc.kanboard import procedure, write
from rpc.kanboard.access import Access, by
from rpc.procedures import ArrayText

# ExternalLinkManager::getTypes: "auto" first, then the providers by name.
TYPE_NAMES = {kinds.AUTO: "Auto", kinds.ATTACHMENT: "Attachment", kinds.FILE: "Local File",
              kinds.WEBLINK: "Web Link"}
DEPENDENCIES = {kind: {"related": "Related"} for kind in kinds.KINDS}

VIEW_TASK = Access(project=by("task", "task_id"))
EDIT_TASK = Access(project=by("task", "task_id"), project_role=PROJECT_MEMBER)
RENAMED = {"link_id": "external_link_id"}


@procedure("getExternalTaskLinkTypes")
async def get_types(ctx: Ctx) -> dict[str, str]:
    return TYPE_NAMES


@procedure("getExternalTaskLinkProviderDependencies")
async def get_dependencies(ctx: Ctx, providerName: ArrayText) -> dict[str, str] | bool:
    return DEPENDENCIES.get(providerName, False)


@procedure("getExternalTaskLinkById", access=VIEW_TASK)
async def get_link(ctx: Ctx, task_id: int, link_id: int) -> dict[str, Any] | bool:
    link = ctx.reads.external_link(link_id)
    return link if link is not None and link["task_id"] == task_id else False


@procedure("getAllExternalTaskLinks", access=VIEW_TASK)
async def get_links(ctx: Ctx, task_id: int) -> list[dict[str, Any]]:
    return [{**link, "dependency_label": DEPENDENCIES.get(link["link_type"], {}).get(
                 link["dependency"], link["dependency"]),
             "type": TYPE_NAMES.get(link["link_type"], "Unknown")}
            for link in ctx.reads.external_links(task_id)]


# a type is only looked up among the providers: an array is "Array", no provider's
write("createExternalTaskLink", command=cmd.CreateExternalLink, access=EDIT_TASK,
      rename={"type": "link_type"}, arrays_as_text=("type",))
write("updateExternalTaskLink", command=cmd.UpdateExternalLink, access=EDIT_TASK,
      rename=RENAMED)
write("removeExternalTaskLink", command=cmd.RemoveExternalLink, access=EDIT_TASK,
      rename=RENAMED)
