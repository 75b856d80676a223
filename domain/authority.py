"""Role ceilings: no caller grants, creates or removes anything above its own authority.

Every command carries the authority of whoever asked for it (`Command.authority`, filled in
by the server, never by a client). One scale ranks what a caller may wield and what a
command grants or takes away: API keys by their role (readonly 5 ... owner 50), users by
their application role. A Kanboard app-admin can do anything on Kanboard's API, so it
ranks with an owner key; the application token and the operator's command line are
unlimited. `check_authority` runs before every decision (domain.decision.decide): a
command whose `NEEDS` entry asks for more than its authority is refused, on any endpoint,
in a single call or a batch.
"""
from __future__ import annotations

from typing import Any, Callable

from domain import commands as cmd
from domain.errors import AboveCeiling
from domain.keys import KEY_ROLES, key_level
from domain.roles import APP_ADMIN, APP_MANAGER, APP_USER
from domain.state import World

OWNER = KEY_ROLES["owner"]
UNLIMITED = cmd.UNLIMITED_AUTHORITY  # the token and the command line: Kanboard's API token
_USER_RANKS = {APP_USER: KEY_ROLES["editor"], APP_MANAGER: KEY_ROLES["manager"],
               APP_ADMIN: OWNER}


def user_rank(role: str | None) -> int:
    """What a user with this application role can wield (an unknown role: nothing)."""
    return _USER_RANKS.get(role or APP_USER, 0)


def key_rank(role: str) -> int:
    return key_level(role)


def _user(world: World, user_id: int) -> int:
    """A user's rank; 0 for an unknown id (the decision then answers as Kanboard does)."""
    user = world.users.get(user_id)
    return user_rank(user["role"]) if user else 0


def _key(world: World, key_id: int) -> int:
    key = world.api_keys.get(key_id)
    return key_rank(key["role"]) if key else 0


def _updated_user(world: World, c: Any) -> int:
    """Changing a user takes the rank of the user as they are and as they will be."""
    granted = user_rank(c.role) if c.role is not None else 0
    return max(_user(world, c.user_id), granted)


# What each command grants, creates or removes, as a rank on the scale above.
NEEDS: dict[type[cmd.Command], Callable[[World, Any], int]] = {
    cmd.CreateApiKey: lambda world, c: key_rank(c.role),
    cmd.RevokeApiKey: lambda world, c: _key(world, c.key_id),
    cmd.CreateUser: lambda world, c: user_rank(c.role),
    cmd.UpdateUser: _updated_user,
    cmd.ChangeUserPassword: lambda world, c: _user(world, c.user_id),
    cmd.SetUserActive: lambda world, c: _user(world, c.user_id),
    cmd.RemoveUser: lambda world, c: _user(world, c.user_id),
}


def check_authority(world: World, command: cmd.Command) -> None:
    """Raise AboveCeiling when the command reaches past its caller's authority."""
    need = NEEDS.get(type(command))
    if need is not None and need(world, command) > command.authority:
        raise AboveCeiling(f"{type(command).__name__} reaches above the caller's role")
