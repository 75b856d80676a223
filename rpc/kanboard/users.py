"""Users (application administrators only). Password hashes never leave the log."""
from __future__ import annotations

import asyncio
from typing import Any

from domain import commands as cmd
from domain.errors import AboveCeiling, DomainError
from domain.php import EmptyText
from domain.roles import APP_ADMIN
from domain.rules import check_password
from projections.queries import Reads
from rpc.context import Ctx
from rpc.kanboard import procedure, read, write
from rpc.kanboard.access import Access, Forbidden
from rpc.keys import issue_key
from rpc.procedures import ArrayText, to_int
from rpc.protocol import RpcError
from rpc.secrets import hash_secret

ADMIN = Access(app_role=APP_ADMIN)


async def create_user_with_password(ctx: Ctx, username: str, password: str, name: str | None,
                                    email: str | None, role: str | None) -> int:
    """Check the password rule, hash it off the event loop, then decide. Raises DomainError."""
    check_password(password)
    password_hash = await asyncio.to_thread(hash_secret, password)
    return await ctx.execute(cmd.CreateUser(username=username, password_hash=password_hash,
                                            name=name, email=email, role=role))


@procedure("createUser", access=ADMIN)
async def create_user(ctx: Ctx, username: str, password: str, name: ArrayText = "", email: str = "",
                      role: ArrayText = "app-user") -> Any:
    if role is None or isinstance(role, EmptyText):
        return False  # Kanboard's InArray refuses false; its NOT NULL role column, null
    try:
        return await create_user_with_password(ctx, username, password, name, email, role)
    except AboveCeiling:
        raise Forbidden from None
    except DomainError:
        return False


read("getUser", query=Reads.user, access=ADMIN)
read("getUserByName", query=Reads.user_by_name, access=ADMIN, arrays_as_text=("username",))
read("getAllUsers", query=Reads.users, access=ADMIN)
write("updateUser", command=cmd.UpdateUser, rename={"id": "user_id"}, access=ADMIN,
      arrays_as_text=("name", "role"))  # an array role is "Array", no role: refused
write("removeUser", command=cmd.RemoveUser, access=ADMIN)
write("disableUser", command=cmd.SetUserActive, access=ADMIN, fixed={"active": False})
write("enableUser", command=cmd.SetUserActive, access=ADMIN, fixed={"active": True})


read("isActiveUser", query=Reads.user_active, access=ADMIN)


@procedure("createApiKey", access=ADMIN)
async def create_api_key(ctx: Ctx, name: str, role: str, projects: list | None = None) -> Any:
    """Issue a Leantime-style API key; the answer is the only time its secret is shown."""
    try:
        return await issue_key(ctx.execute, name, role, [to_int(p) for p in projects or []])
    except AboveCeiling:  # a key never issues a key above its own role (domain.authority)
        raise Forbidden from None
    except DomainError:
        return False


read("getApiKeys", query=Reads.api_keys, access=ADMIN)
write("revokeApiKey", command=cmd.RevokeApiKey, access=ADMIN)


# boardlog has no LDAP directory: Kanboard without LDAP_SERVER answers this error.
NO_LDAP = (0, "LDAP server not configured, check the parameter LDAP_SERVER")


@procedure("createLdapUser", access=ADMIN)
async def create_ldap_user(ctx: Ctx, username: str) -> Any:
    raise RpcError(NO_LDAP)
