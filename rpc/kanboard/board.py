"""The board and its parts: columns, swimlanes, categories."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain.roles import APP_ADMIN, PROJECT_MANAGER, PROJECT_VIEWER
from projections.board import board
from projections.queries import Reads
from rpc.context import Ctx
from rpc.kanboard import procedure, read, write
from rpc.kanboard.access import Access, by, by_project

VIEW = Access(project=by_project())
MANAGE = Access(project=by_project(), project_role=PROJECT_MANAGER)
COLUMN_MANAGE = Access(project=by("column", "column_id"), project_role=PROJECT_MANAGER)


def _may_drag(ctx: Ctx, project_id: int) -> bool:
    """Kanboard's is_draggable (ProjectRoleHelper::isDraggable): a logged-in user who may
    save the board, i.e. an app-admin or a project role above viewer (a custom role is
    treated as a member); never the application token."""
    if ctx.principal.kind != "user":
        return False
    if ctx.principal.role == APP_ADMIN:
        return True
    return ctx.reads.member_role(project_id, ctx.actor_id) not in (None, "", PROJECT_VIEWER)


@procedure("getBoard", access=VIEW)
async def get_board(ctx: Ctx, project_id: int) -> Any:
    draggable = _may_drag(ctx, project_id)
    return ctx.cached(project_id, ("getBoard", project_id, draggable),
                      lambda: board(ctx.reads, project_id, draggable))


read("getColumns", query=Reads.columns, access=VIEW)
read("getColumn", query=Reads.column, access=Access(project=by("column", "column_id")))
# ColumnModel validates nothing; SwimlaneValidator measures a renamed swimlane's name.
write("addColumn", command=cmd.AddColumn, access=MANAGE, arrays_as_text=("title", "description"))
write("updateColumn", command=cmd.UpdateColumn, access=COLUMN_MANAGE,
      arrays_as_text=("title", "description"))
write("removeColumn", command=cmd.RemoveColumn, access=COLUMN_MANAGE)
write("changeColumnPosition", command=cmd.ChangeColumnPosition, access=MANAGE)
# The seed document's one-step moves towards the first or the last position.
write("moveColumnUp", command=cmd.ShiftColumn, access=MANAGE, fixed={"offset": -1})
write("moveColumnDown", command=cmd.ShiftColumn, access=MANAGE, fixed={"offset": 1})

read("getActiveSwimlanes", query=Reads.swimlanes, access=VIEW, fixed={"active_only": True})
read("getAllSwimlanes", query=Reads.swimlanes, access=VIEW, fixed={"active_only": False})
read("getSwimlaneById", "getSwimlane", query=Reads.swimlane,
     access=Access(project=by("swimlane", "swimlane_id")))
# names, labels and references a read binds into SQL as PHP's text: an array is "Array"
read("getSwimlaneByName", query=Reads.swimlane_by_name, access=VIEW, arrays_as_text=("name",))
write("addSwimlane", command=cmd.AddSwimlane, access=MANAGE, missing=0,
      arrays_as_text=("name", "description"))
write("updateSwimlane", command=cmd.UpdateSwimlane, access=MANAGE, arrays_as_text=("description",))
write("removeSwimlane", command=cmd.RemoveSwimlane, access=MANAGE)
write("disableSwimlane", command=cmd.SetSwimlaneActive, access=MANAGE, fixed={"active": False})
write("enableSwimlane", command=cmd.SetSwimlaneActive, access=MANAGE, fixed={"active": True})
write("changeSwimlanePosition", command=cmd.ChangeSwimlanePosition, access=MANAGE)

read("getAllCategories", query=Reads.categories, access=VIEW)
read("getCategory", query=Reads.category, access=Access(project=by("category", "category_id")))
write("createCategory", command=cmd.CreateCategory, access=MANAGE, arrays_as_text=("color_id",))
write("updateCategory", command=cmd.UpdateCategory, rename={"id": "category_id"},
      access=Access(project=by("category", "id"), project_role=PROJECT_MANAGER))
write("removeCategory", command=cmd.RemoveCategory,
      access=Access(project=by("category", "category_id"), project_role=PROJECT_MANAGER))
