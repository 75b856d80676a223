"""Tasks: create, read, update, move, open/close, remove, search, tags, metadata."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain.errors import Invalid
from domain.php import EmptyText, is_empty
from domain.rules import is_digits
from domain.keys import sees_project
from domain.roles import APP_ADMIN, PROJECT_MEMBER
from projections.queries import Reads
from projections.search import search
from rpc.context import Ctx
from rpc.kanboard import procedure, read, write
from rpc.kanboard.access import Access, both, by, by_project, if_exists
from rpc.procedures import to_int

VIEW_PROJECT = Access(project=by_project())
EDIT_PROJECT = Access(project=by_project(), project_role=PROJECT_MEMBER)
VIEW_TASK = Access(project=by("task", "task_id"))
EDIT_TASK = Access(project=by("task", "task_id"), project_role=PROJECT_MEMBER)
EDIT_TAG = Access(project=if_exists("tag", "tag_id"), project_role=PROJECT_MEMBER)


async def _owner_id(ctx: Ctx, values: dict[str, Any]) -> dict[str, Any]:
    """Kanboard looks an owner_id other than 0 up among the assignable users: an array or
    a non-numeric string is no one's id, and the write is refused."""
    owner = values.get("owner_id")
    if isinstance(owner, (list, dict)) or (
            isinstance(owner, str) and not is_digits(owner.strip().removeprefix("-"))):
        raise Invalid("owner_id is not a user id")
    if owner is not None:
        values["owner_id"] = to_int(owner)
    return values


async def _new_task(ctx: Ctx, values: dict[str, Any]) -> dict[str, Any]:
    """TaskCreationModel: a title empty() holds empty ("0", and false or -0.0, which
    Required lets through) is "Untitled", such a colour the default one; a title of ""
    or null is refused (Required)."""
    title = values.get("title")
    if is_empty(title) and (title or isinstance(title, EmptyText)):
        values["title"] = "Untitled"
    if is_empty(values.get("color_id")):
        values["color_id"] = ""
    return await _owner_id(ctx, values)


# Kanboard stores color_id and description unchecked (an array is "Array").
write("createTask", command=cmd.CreateTask, access=EDIT_PROJECT, leave_out=("plan", "closed"),
      prepare=_new_task, raw=("owner_id",), arrays_as_text=("description", "color_id"),
      missing=0)  # Kanboard answers 0 for a project that does not exist


read("getTask", query=Reads.task, access=VIEW_TASK)
read("getTaskByReference", query=Reads.task_by_reference, access=VIEW_PROJECT,
     arrays_as_text=("reference",))


@procedure("getAllTasks", access=VIEW_PROJECT)
async def get_all_tasks(ctx: Ctx, project_id: int, status_id: int = 1) -> Any:
    return ctx.cached(project_id, ("getAllTasks", project_id, status_id),
                      lambda: ctx.reads.tasks(project_id, status_id))


write("updateTask", command=cmd.UpdateTask, rename={"id": "task_id"},
      access=Access(project=by("task", "id"), project_role=PROJECT_MEMBER),
      leave_out=("plan", "column_id", "is_active"), prepare=_owner_id,
      raw=("owner_id",), arrays_as_text=("description", "color_id"))
# Opening or closing is an update that only places the task (closing a closed task
# stamps it again, as in Kanboard).
write("openTask", command=cmd.UpdateTask, access=EDIT_TASK, only=("task_id",),
      fixed={"is_active": True})
write("closeTask", command=cmd.UpdateTask, access=EDIT_TASK, only=("task_id",),
      fixed={"is_active": False})
write("removeTask", command=cmd.RemoveTask, access=EDIT_TASK)
write("moveTaskPosition", command=cmd.MoveTask,
      access=Access(project=both(by("task", "task_id"), by_project()),
                    project_role=PROJECT_MEMBER))

# Member of the task's project and of the destination (Kanboard checks both).
TO_PROJECT = Access(project=both(by("task", "task_id"), by_project()),
                    project_role=PROJECT_MEMBER)
# Kanboard answers true whatever happened to the row (a task that does not exist
# crashes it: HTTP 500), and a duplicate's id or 0.
write("moveTaskToProject", command=cmd.MoveTaskToProject, access=TO_PROJECT,
      leave_out=("plan", "milestone_tasks"))
write("duplicateTaskToProject", command=cmd.DuplicateTaskToProject, access=TO_PROJECT,
      refused=0)


@procedure("searchTasks", access=VIEW_PROJECT, offload=True)
async def search_tasks(ctx: Ctx, project_id: int, query: str) -> list:
    return search(ctx.reads, project_id, query, ctx.actor_id)


@procedure("getOverdueTasks", access=Access(app_role=APP_ADMIN), offload=True)
async def get_overdue_tasks(ctx: Ctx) -> list:
    return ctx.reads.overdue_tasks(ctx.now())


@procedure("getOverdueTasksByProject", access=VIEW_PROJECT, offload=True)
async def get_overdue_tasks_by_project(ctx: Ctx, project_id: int) -> list:
    return ctx.reads.overdue_tasks(ctx.now(), project_id=project_id)


read("getTaskTags", query=Reads.task_tags, access=VIEW_TASK)
write("setTaskTags", command=cmd.SetTaskTags,
      access=Access(project=both(by_project(), by("task", "task_id")),
                    project_role=PROJECT_MEMBER))


# TagModel stores a name unvalidated: an array is "Array"
write("createTag", command=cmd.CreateTag, access=EDIT_PROJECT, arrays_as_text=("tag", "color_id"))
write("updateTag", command=cmd.UpdateTag, access=EDIT_TAG, arrays_as_text=("tag",))
write("removeTag", command=cmd.RemoveTag, access=EDIT_TAG)


@procedure("getTagsByProject", access=VIEW_PROJECT)
async def get_tags_by_project(ctx: Ctx, project_id: int) -> list:
    return ctx.reads.tags(project_id)


@procedure("getAllTags")
async def get_all_tags(ctx: Ctx) -> list:
    principal = ctx.principal
    if principal.is_app or (principal.kind == "user" and principal.role == APP_ADMIN):
        return ctx.reads.tags()
    if principal.is_key:
        if sees_project(principal.role, list(principal.project_ids), None):
            return ctx.reads.tags()
        return ctx.reads.tags_of_projects(list(principal.project_ids))
    mine = [p for p, _, _ in ctx.reads.member_projects(ctx.actor_id, active_only=True)]
    return ctx.reads.tags_of_projects(mine)
