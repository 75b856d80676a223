"""leantime.rpc.users: boardlog's users; with no id, getUser answers for the calling key.

What a key sees of the users follows its scope. A key that sees every project (admin,
owner: Leantime's administrators) sees every user, with email and application role. A
key scoped to projects sees only the members of those projects (directly or through a
group), as a project's team shows them: name, username, status and their role in the
project, without email or application role.
"""
from __future__ import annotations

from typing import Any

from rpc.context import Ctx
from rpc.leantime import method
from rpc.leantime.scope import sees

_PRIVATE = ("email", "role")  # what only keys that see every project read


def user_view(user: dict | None, project_role: str | None = None,
              full: bool = True) -> dict[str, Any] | None:
    if user is None:
        return None
    view = {"id": user["id"], "username": user["username"], "firstname": user["name"] or "",
            "lastname": "", "email": user["email"], "role": user["role"],
            "status": "a" if user["is_active"] else "i", "source": None}
    if project_role is not None:
        view["projectRole"] = project_role
    return view if full else {k: v for k, v in view.items() if k not in _PRIVATE}


def sees_every_user(ctx: Ctx) -> bool:
    return sees(ctx, None)


def visible_user_ids(ctx: Ctx) -> set[int] | None:
    """The users a scoped key may see (the members of its projects); None: everyone."""
    if sees_every_user(ctx):
        return None
    return {int(uid) for project_id in ctx.principal.project_ids
            for uid in ctx.reads.project_members(project_id, assignable=False)}


@method("users", "users", "getUser")
async def get_user(ctx: Ctx, id: int | None = None) -> Any:
    if id is None:
        key = ctx.principal
        return {"id": key.key_id, "username": key.username, "firstname": key.username,
                "lastname": "", "role": key.role, "status": "a", "source": "api",
                "projects": list(key.project_ids)}
    visible = visible_user_ids(ctx)
    if visible is not None and id not in visible:
        return False  # outside the key's scope: not found, as for any other object
    return user_view(ctx.reads.user_dict(id), full=visible is None) or False


@method("users", "users", "getAll")
async def get_all(ctx: Ctx, activeOnly: bool = False) -> list:
    visible = visible_user_ids(ctx)
    users = [user_view(user, full=visible is None) for user in ctx.reads.user_dicts()
             if visible is None or user["id"] in visible]
    return [u for u in users if not activeOnly or u["status"] == "a"]
