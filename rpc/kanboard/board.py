"""The board and its parts: columns, swimlanes, categories."""
from __future__ import annotations

from typing import Any

from domain.roles import PROJECT_MANAGER
from projections.board import board
from rpc.context import Ctx
from rpc.kanboard import procedure
from rpc.kanboard.access import Access, by, by_project

VIEW = Access(project=by_project())
MANAGE = Access(project=by_project(), project_role=PROJECT_MANAGER)


@procedure("getBoard", access=VIEW)
async def get_board(ctx: Ctx, project_id: int) -> Any:
    return ctx.cached(("getBoard", project_id), lambda: board(ctx.reads, project_id))


@procedure("getColumns", access=VIEW)
async def get_columns(ctx: Ctx, project_id: int) -> list:
    return ctx.reads.columns(project_id)


@procedure("getColumn", access=Access(project=by("column", "column_id")))
async def get_column(ctx: Ctx, column_id: int) -> Any:
    return ctx.reads.column(column_id)


@procedure("addColumn", access=MANAGE)
async def add_column(ctx: Ctx, project_id: int, title: str, task_limit: int = 0,
                     description: str = "") -> Any:
    return await ctx.attempt("add_column", project_id=project_id, title=title,
                             task_limit=task_limit, description=description)


@procedure("updateColumn", access=Access(project=by("column", "column_id"),
                                          project_role=PROJECT_MANAGER))
async def update_column(ctx: Ctx, column_id: int, title: str, task_limit: int = 0,
                        description: str = "") -> bool:
    return await ctx.attempt("update_column", column_id=column_id, title=title,
                             task_limit=task_limit, description=description)


@procedure("removeColumn", access=Access(project=by("column", "column_id"),
                                          project_role=PROJECT_MANAGER))
async def remove_column(ctx: Ctx, column_id: int) -> bool:
    return await ctx.attempt("remove_column", column_id=column_id)


@procedure("changeColumnPosition", access=MANAGE)
async def change_column_position(ctx: Ctx, project_id: int, column_id: int, position: int) -> bool:
    return await ctx.attempt("change_column_position", project_id=project_id,
                             column_id=column_id, position=position)


@procedure("moveColumnUp", access=MANAGE)
async def move_column_up(ctx: Ctx, project_id: int, column_id: int) -> bool:
    """The seed document's one-step move towards the first position."""
    return await ctx.attempt("shift_column", project_id=project_id, column_id=column_id,
                             offset=-1)


@procedure("moveColumnDown", access=MANAGE)
async def move_column_down(ctx: Ctx, project_id: int, column_id: int) -> bool:
    return await ctx.attempt("shift_column", project_id=project_id, column_id=column_id,
                             offset=1)


@procedure("getActiveSwimlanes", access=VIEW)
async def get_active_swimlanes(ctx: Ctx, project_id: int) -> list:
    return ctx.reads.swimlanes(project_id, active_only=True)


@procedure("getAllSwimlanes", access=VIEW)
async def get_all_swimlanes(ctx: Ctx, project_id: int) -> list:
    return ctx.reads.swimlanes(project_id, active_only=False)


@procedure("getSwimlaneById", "getSwimlane", access=Access(project=by("swimlane", "swimlane_id")))
async def get_swimlane(ctx: Ctx, swimlane_id: int) -> Any:
    return ctx.reads.swimlane(swimlane_id)


@procedure("getSwimlaneByName", access=VIEW)
async def get_swimlane_by_name(ctx: Ctx, project_id: int, name: str) -> Any:
    return ctx.reads.swimlane_by_name(project_id, name)


@procedure("getAllCategories", access=VIEW)
async def get_all_categories(ctx: Ctx, project_id: int) -> list:
    return ctx.reads.categories(project_id)


@procedure("getCategory", access=Access(project=by("category", "category_id")))
async def get_category(ctx: Ctx, category_id: int) -> Any:
    return ctx.reads.category(category_id)


@procedure("createCategory", access=MANAGE)
async def create_category(ctx: Ctx, project_id: int, name: str, color_id: str | None = None) -> Any:
    return await ctx.attempt("create_category", project_id=project_id, name=name,
                             color_id=color_id)


@procedure("updateCategory", access=Access(project=by("category", "id"),
                                            project_role=PROJECT_MANAGER))
async def update_category(ctx: Ctx, id: int, name: str, color_id: str | None = None) -> bool:
    return await ctx.attempt("update_category", category_id=id, name=name, color_id=color_id)


@procedure("removeCategory", access=Access(project=by("category", "category_id"),
                                            project_role=PROJECT_MANAGER))
async def remove_category(ctx: Ctx, category_id: int) -> bool:
    return await ctx.attempt("remove_category", category_id=category_id)
