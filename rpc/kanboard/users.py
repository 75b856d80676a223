"""Users (application administrators only). Password hashes never leave the log."""
from __future__ import annotations

import asyncio
from typing import Any

from domain.errors import DomainError
from domain.roles import APP_ADMIN
from domain.rules import check_password
from rpc.context import Ctx
from rpc.kanboard import procedure
from rpc.kanboard.access import Access
from rpc.keys import issue_key
from rpc.secrets import hash_secret

ADMIN = Access(app_role=APP_ADMIN)


async def create_user_with_password(ctx: Ctx, username: str, password: str, name: str | None,
                                    email: str | None, role: str | None) -> int:
    """Check the password rule, hash it off the event loop, then decide. Raises DomainError."""
    check_password(password)
    password_hash = await asyncio.to_thread(hash_secret, password)
    return await ctx.execute("create_user", username=(username or "").strip(),
                             password_hash=password_hash, name=name, email=email, role=role)


@procedure("createUser", access=ADMIN)
async def create_user(ctx: Ctx, username: str, password: str, name: str = "", email: str = "",
                      role: str = "app-user") -> Any:
    try:
        return await create_user_with_password(ctx, username, password, name, email, role)
    except DomainError:
        return False


@procedure("getUser", access=ADMIN)
async def get_user(ctx: Ctx, user_id: int) -> Any:
    return ctx.reads.user(user_id)


@procedure("getUserByName", access=ADMIN)
async def get_user_by_name(ctx: Ctx, username: str) -> Any:
    return ctx.reads.user_by_name(username)


@procedure("getAllUsers", access=ADMIN)
async def get_all_users(ctx: Ctx) -> list:
    return ctx.reads.users()


@procedure("updateUser", access=ADMIN)
async def update_user(ctx: Ctx, id: int, username: str | None = None, name: str | None = None,
                      email: str | None = None, role: str | None = None) -> bool:
    return await ctx.attempt("update_user", user_id=id, username=username, name=name,
                             email=email, role=role)


@procedure("removeUser", access=ADMIN)
async def remove_user(ctx: Ctx, user_id: int) -> bool:
    return await ctx.attempt("remove_user", user_id=user_id)


@procedure("disableUser", access=ADMIN)
async def disable_user(ctx: Ctx, user_id: int) -> bool:
    return await ctx.attempt("set_user_active", user_id=user_id, active=False)


@procedure("enableUser", access=ADMIN)
async def enable_user(ctx: Ctx, user_id: int) -> bool:
    return await ctx.attempt("set_user_active", user_id=user_id, active=True)


@procedure("isActiveUser", access=ADMIN)
async def is_active_user(ctx: Ctx, user_id: int) -> bool:
    return ctx.reads.user_active(user_id)


@procedure("createApiKey", access=ADMIN)
async def create_api_key(ctx: Ctx, name: str, role: str, projects: list | None = None) -> Any:
    """Issue a Leantime-style API key; the answer is the only time its secret is shown."""
    try:
        return await issue_key(ctx.execute, name, role, [int(p) for p in projects or []])
    except DomainError:
        return False


@procedure("getApiKeys", access=ADMIN)
async def get_api_keys(ctx: Ctx) -> list:
    return ctx.reads.api_keys()


@procedure("revokeApiKey", access=ADMIN)
async def revoke_api_key(ctx: Ctx, key_id: int) -> bool:
    return await ctx.attempt("revoke_api_key", key_id=key_id)
