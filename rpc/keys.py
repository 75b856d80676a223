"""Issuing API keys (`lt_{name}_{secret}`): shared by the CLI and both RPC facades."""
from __future__ import annotations

import asyncio
import secrets
import string
from typing import Any, Awaitable, Callable

from domain.commands import Command, CreateApiKey
from rpc.secrets import hash_secret

_ALPHABET = string.ascii_letters + string.digits
Execute = Callable[[Command], Awaitable[Any]]


def _random_part() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(32))


async def issue_key(execute: Execute, label: str, role: str, project_ids: list[int]) -> dict:
    """Create a key; the returned `key` is the only time its secret is ever shown."""
    name, secret = _random_part(), _random_part()
    secret_hash = await asyncio.to_thread(hash_secret, secret)
    key_id = await execute(CreateApiKey(label=label, role=role, project_ids=tuple(project_ids),
                                        key_name=name, secret_hash=secret_hash))
    return {"id": key_id, "name": label, "role": role, "projects": project_ids,
            "key": f"lt_{name}_{secret}"}
