"""The board and its parts: columns, swimlanes, categories."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain.roles import PROJECT_MANAGER
from projections.board import board
from rpc.context import Ctx
from rpc.kanboard import procedure, write
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


COLUMN_MANAGE = Access(project=by("column", "column_id"), project_role=PROJECT_MANAGER)
write("addColumn", command=cmd.AddColumn, access=MANAGE)
write("updateColumn", command=cmd.UpdateColumn, access=COLUMN_MANAGE)
write("removeColumn", command=cmd.RemoveColumn, access=COLUMN_MANAGE)
write("changeColumnPosition", command=cmd.ChangeColumnPosition, access=MANAGE)
# The seed document's one-step moves towards the first or the last position.
write("moveColumnUp", command=cmd.ShiftColumn, access=MANAGE, fixed={"offset": -1})
write("moveColumnDown", command=cmd.ShiftColumn, access=MANAGE, fixed={"offset": 1})


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


write("createCategory", command=cmd.CreateCategory, access=MANAGE)
write("updateCategory", command=cmd.UpdateCategory, rename={"id": "category_id"},
      access=Access(project=by("category", "id"), project_role=PROJECT_MANAGER))
write("removeCategory", command=cmd.RemoveCategory,
      access=Access(project=by("category", "category_id"), project_role=PROJECT_MANAGER))
