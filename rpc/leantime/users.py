"""leantime.rpc.users: boardlog's users; with no id, getUser answers for the calling key."""
from __future__ import annotations

from typing import Any

from rpc.context import Ctx
from rpc.leantime import method


def user_view(user: dict | None, project_role: str | None = None) -> dict[str, Any] | None:
    if user is None:
        return None
    view = {"id": user["id"], "username": user["username"], "firstname": user["name"] or "",
            "lastname": "", "email": user["email"], "role": user["role"],
            "status": "a" if user["is_active"] else "i", "source": None}
    if project_role is not None:
        view["projectRole"] = project_role
    return view


@method("users", "users", "getUser")
async def get_user(ctx: Ctx, id: int | None = None) -> Any:
    if id is None:
        key = ctx.principal
        return {"id": key.key_id, "username": key.username, "firstname": key.username,
                "lastname": "", "role": key.role, "status": "a", "source": "api",
                "projects": list(key.project_ids)}
    return user_view(ctx.reads.user_dict(id)) or False


@method("users", "users", "getAll")
async def get_all(ctx: Ctx, activeOnly: bool = False) -> list:
    users = [user_view(user) for user in ctx.reads.user_dicts()]
    return [u for u in users if not activeOnly or u["status"] == "a"]
