"""First start on a new database: the application token and the admin user."""
from __future__ import annotations

import asyncio
import secrets

from domain import commands as cmd
from eventstore.writer import Writer
from rpc.secrets import hash_secret, new_token, verify_secret

SYSTEM = {"actor": "system", "actor_name": "boardlog", "credential": "none",
          "auth_method": "local", "endpoint": "cli"}


async def set_token(writer: Writer, token: str, command: str) -> None:
    token_hash = await asyncio.to_thread(hash_secret, token)
    await writer.execute(cmd.SetApplicationToken(token_hash=token_hash),
                         {**SYSTEM, "rpc_method": command})


async def bootstrap(writer: Writer, env_token: str | None, env_password: str | None) -> list[str]:
    """Create what a new database lacks; returns the lines to show the operator once."""
    lines = []
    world = writer.world
    if env_token and not await asyncio.to_thread(verify_secret, env_token, world.app_token_hash):
        await set_token(writer, env_token, "bootstrap:token-from-env")
        lines.append("API token set from BOARDLOG_API_TOKEN.")
    elif world.app_token_hash is None:
        token = new_token()
        await set_token(writer, token, "bootstrap:token")
        lines.append(f"API token (user 'jsonrpc'), shown once: {token}")
    if not world.users:
        password = env_password or secrets.token_urlsafe(12)
        password_hash = await asyncio.to_thread(hash_secret, password)
        await writer.execute(
            cmd.CreateUser(username="admin", password_hash=password_hash, name=None,
                           email=None, role="app-admin"),
            {**SYSTEM, "rpc_method": "bootstrap:admin"})
        shown = "from BOARDLOG_ADMIN_PASSWORD" if env_password else f"shown once: {password}"
        lines.append(f"Admin user 'admin' created; password {shown}")
    return lines
