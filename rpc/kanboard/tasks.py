"""Tasks: create, read, update, move, open/close, remove, search, tags, metadata."""
from __future__ import annotations

from typing import Any

from domain.errors import DomainError, NotFound
from domain.keys import sees_project
from domain.roles import APP_ADMIN, PROJECT_MEMBER
from projections.search import search
from rpc.context import Ctx
from rpc.kanboard import procedure
from rpc.kanboard.access import Access, both, by, by_project

VIEW_PROJECT = Access(project=by_project())
EDIT_PROJECT = Access(project=by_project(), project_role=PROJECT_MEMBER)
VIEW_TASK = Access(project=by("task", "task_id"))
EDIT_TASK = Access(project=by("task", "task_id"), project_role=PROJECT_MEMBER)


@procedure("createTask", access=EDIT_PROJECT)
async def create_task(ctx: Ctx, title: str, project_id: int, color_id: str = "",
                      column_id: int = 0, owner_id: int = 0, creator_id: int = 0,
                      date_due: str = "", description: str = "", category_id: int = 0,
                      score: int = 0, swimlane_id: int | None = None, priority: int = 0,
                      recurrence_status: int = 0, recurrence_trigger: int = 0,
                      recurrence_factor: int = 0, recurrence_timeframe: int = 0,
                      recurrence_basedate: int = 0, reference: str = "", tags: list | None = None,
                      date_started: str = "", time_spent: Any = None,
                      time_estimated: Any = None) -> Any:
    try:
        return await ctx.execute(
            "create_task", at=ctx.now(), actor_id=ctx.actor_id, title=title,
            project_id=project_id, color_id=color_id, column_id=column_id, owner_id=owner_id,
            creator_id=creator_id, date_due=date_due, description=description,
            category_id=category_id, score=score, swimlane_id=swimlane_id, priority=priority,
            recurrence_status=recurrence_status, recurrence_trigger=recurrence_trigger,
            recurrence_factor=recurrence_factor, recurrence_timeframe=recurrence_timeframe,
            recurrence_basedate=recurrence_basedate, reference=reference, tags=tags,
            date_started=date_started, time_spent=time_spent, time_estimated=time_estimated)
    except NotFound:
        return 0  # Kanboard answers 0 for a project that does not exist
    except DomainError:
        return False


@procedure("getTask", access=VIEW_TASK)
async def get_task(ctx: Ctx, task_id: int) -> Any:
    return ctx.reads.task(task_id)


@procedure("getTaskByReference", access=VIEW_PROJECT)
async def get_task_by_reference(ctx: Ctx, project_id: int, reference: str) -> Any:
    return ctx.reads.task_by_reference(project_id, reference)


@procedure("getAllTasks", access=VIEW_PROJECT)
async def get_all_tasks(ctx: Ctx, project_id: int, status_id: int = 1) -> Any:
    return ctx.cached(("getAllTasks", project_id, status_id),
                      lambda: ctx.reads.tasks(project_id, status_id))


@procedure("updateTask", access=Access(project=by("task", "id"), project_role=PROJECT_MEMBER))
async def update_task(ctx: Ctx, id: int, title: str | None = None, color_id: str | None = None,
                      owner_id: int | None = None, date_due: str | None = None,
                      description: str | None = None, category_id: int | None = None,
                      score: int | None = None, priority: int | None = None,
                      recurrence_status: int | None = None, recurrence_trigger: int | None = None,
                      recurrence_factor: int | None = None,
                      recurrence_timeframe: int | None = None,
                      recurrence_basedate: int | None = None, reference: str | None = None,
                      tags: list | None = None, date_started: str | None = None,
                      time_spent: Any = None, time_estimated: Any = None) -> bool:
    return await ctx.attempt(
        "update_task", at=ctx.now(), id=id, title=title, color_id=color_id, owner_id=owner_id,
        date_due=date_due, description=description, category_id=category_id, score=score,
        priority=priority, recurrence_status=recurrence_status,
        recurrence_trigger=recurrence_trigger, recurrence_factor=recurrence_factor,
        recurrence_timeframe=recurrence_timeframe, recurrence_basedate=recurrence_basedate,
        reference=reference, tags=tags, date_started=date_started, time_spent=time_spent,
        time_estimated=time_estimated)


@procedure("openTask", access=EDIT_TASK)
async def open_task(ctx: Ctx, task_id: int) -> bool:
    return await ctx.attempt("open_task", at=ctx.now(), task_id=task_id)


@procedure("closeTask", access=EDIT_TASK)
async def close_task(ctx: Ctx, task_id: int) -> bool:
    return await ctx.attempt("close_task", at=ctx.now(), task_id=task_id)


@procedure("removeTask", access=EDIT_TASK)
async def remove_task(ctx: Ctx, task_id: int) -> bool:
    return await ctx.attempt("remove_task", task_id=task_id)


@procedure("moveTaskPosition", access=Access(project=both(by("task", "task_id"), by_project()),
                                              project_role=PROJECT_MEMBER))
async def move_task_position(ctx: Ctx, project_id: int, task_id: int, column_id: int,
                             position: int, swimlane_id: int) -> bool:
    return await ctx.attempt("move_task", at=ctx.now(), project_id=project_id, task_id=task_id,
                             column_id=column_id, position=position, swimlane_id=swimlane_id)


@procedure("searchTasks", access=VIEW_PROJECT)
async def search_tasks(ctx: Ctx, project_id: int, query: str) -> list:
    return search(ctx.reads, project_id, query, ctx.actor_id)


@procedure("getOverdueTasks", access=Access(app_role=APP_ADMIN))
async def get_overdue_tasks(ctx: Ctx) -> list:
    return ctx.reads.overdue_tasks(ctx.now())


@procedure("getOverdueTasksByProject", access=VIEW_PROJECT)
async def get_overdue_tasks_by_project(ctx: Ctx, project_id: int) -> list:
    return ctx.reads.overdue_tasks(ctx.now(), project_id=project_id)


@procedure("getTaskMetadata", access=VIEW_TASK)
async def get_task_metadata(ctx: Ctx, task_id: int) -> dict:
    return ctx.reads.task_metadata(task_id)


@procedure("getTaskMetadataByName", access=VIEW_TASK)
async def get_task_metadata_by_name(ctx: Ctx, task_id: int, name: str) -> Any:
    return ctx.reads.task_metadata(task_id).get(name, "")


@procedure("saveTaskMetadata", access=EDIT_TASK)
async def save_task_metadata(ctx: Ctx, task_id: int, values: dict) -> bool:
    return await ctx.attempt("save_task_metadata", task_id=task_id, values=values)


@procedure("removeTaskMetadata", access=EDIT_TASK)
async def remove_task_metadata(ctx: Ctx, task_id: int, name: str) -> bool:
    return await ctx.attempt("remove_task_metadata", task_id=task_id, name=name)


@procedure("getTaskTags", access=VIEW_TASK)
async def get_task_tags(ctx: Ctx, task_id: int) -> dict:
    return ctx.reads.task_tags(task_id)


@procedure("setTaskTags", access=Access(project=both(by_project(), by("task", "task_id")),
                                         project_role=PROJECT_MEMBER))
async def set_task_tags(ctx: Ctx, project_id: int, task_id: int, tags: list) -> bool:
    return await ctx.attempt("set_task_tags", project_id=project_id, task_id=task_id, tags=tags)


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
        return [t for p in sorted(principal.project_ids) for t in ctx.reads.tags(p)]
    mine = {p for p, _, _ in ctx.reads.member_projects(ctx.actor_id, active_only=True)}
    return [t for p in sorted(mine) for t in ctx.reads.tags(p)]


@procedure("getAllTaskLinks", access=VIEW_TASK)
async def get_all_task_links(ctx: Ctx, task_id: int) -> list:
    return []  # task links are not modelled yet: no task has any
