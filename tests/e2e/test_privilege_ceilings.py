"""Issue #11 item 6: no credential grants, creates or removes anything above its own role,
on either endpoint, in single calls and in batches (domain.authority). The application
token and Basic app-admins keep Kanboard's powers."""
from __future__ import annotations

import json
from typing import Any

import aiohttp

from tests.conftest import ADMIN_PASSWORD, Rpc, Server
from tests.e2e.leantime_support import kb_key, lt_for


async def as_key(kanboard: Rpc, key: str, method: str, params: Any) -> tuple[int, Any]:
    """One Kanboard call made with an API key (x-api-key) instead of Basic."""
    body = json.dumps({"jsonrpc": "2.0", "method": method, "id": 1, "params": params})
    status, payload, _ = await Rpc(kanboard.session, kanboard.url, None).post(
        body, {"x-api-key": key})
    return status, payload


async def key_roles(kanboard: Rpc) -> list[str]:
    return sorted(k["role"] for k in await kanboard.call("getApiKeys") if k["active"])


async def test_an_admin_key_issues_no_owner_key_on_either_endpoint(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    admin = (await kb_key(kanboard, "admin"))["key"]
    status, _ = await as_key(kanboard, admin, "createApiKey", {"name": "up", "role": "owner"})
    assert status == 403
    lt = lt_for(server, session, admin)
    error = await lt.error("api.createAPIKey", {"values": {"name": "up", "role": "owner"}})
    assert error["code"] == -32001
    # In a batch: the admin key's own level is fine, the owner key is denied with the batch.
    batch = json.dumps([
        {"jsonrpc": "2.0", "method": "createApiKey", "id": 1,
         "params": {"name": "peer", "role": "admin"}},
        {"jsonrpc": "2.0", "method": "createApiKey", "id": 2,
         "params": {"name": "up", "role": "owner"}}])
    status, _, _ = await Rpc(session, kanboard.url, None).post(batch, {"x-api-key": admin})
    assert status == 403
    answers = await lt.batch([lt.envelope("api.createAPIKey",
                                          {"values": {"name": "up", "role": "owner"}})] * 2)
    assert all(a["error"]["code"] == -32001 for a in answers)
    assert "owner" not in await key_roles(kanboard)
    assert (await key_roles(kanboard)).count("admin") == 2  # its own level: allowed


async def test_an_admin_key_makes_no_app_admin_and_touches_no_owner_level_user(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    admin = (await kb_key(kanboard, "admin"))["key"]
    status, _ = await as_key(kanboard, admin, "createUser",
                             {"username": "mallory", "password": "123456", "role": "app-admin"})
    assert status == 403
    assert await kanboard.call("getUserByName", {"username": "mallory"}) is None
    status, payload = await as_key(kanboard, admin, "createUser",
                                   {"username": "bob", "password": "123456"})
    assert status == 200 and isinstance(payload["result"], int)  # an app-user: below it
    bob = payload["result"]
    status, _ = await as_key(kanboard, admin, "updateUser", {"id": bob, "role": "app-admin"})
    assert status == 403
    for method, params in [("updateUser", {"id": 1, "role": "app-user"}),
                           ("updateUser", {"id": 1, "username": "gone"}),
                           ("disableUser", {"user_id": 1}), ("removeUser", {"user_id": 1})]:
        status, _ = await as_key(kanboard, admin, method, params)
        assert status == 403, method
    user = await kanboard.call("getUser", {"user_id": 1})
    assert (user["username"], user["role"], user["is_active"]) == ("admin", "app-admin", 1)
    assert (await kanboard.call("getUser", {"user_id": bob}))["role"] == "app-user"
    # `admin` still logs in
    assert await kanboard.as_user("admin", ADMIN_PASSWORD).call("getMe")


async def test_an_admin_key_revokes_no_owner_key(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    owner = await kb_key(kanboard, "owner")
    admin = (await kb_key(kanboard, "admin"))["key"]
    status, _ = await as_key(kanboard, admin, "revokeApiKey", {"key_id": owner["id"]})
    assert status == 403
    lt = lt_for(server, session, admin)
    assert (await lt.error("api.revokeAPIKey", {"id": owner["id"]}))["code"] == -32001
    assert await lt_for(server, session, owner["key"]).call("projects.getAll") == []
    peer = await kb_key(kanboard, "admin")
    assert await lt.call("api.revokeAPIKey", {"id": peer["id"]}) is True  # its own level


async def test_owner_keys_the_token_and_basic_admins_keep_their_powers(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    owner = (await kb_key(kanboard, "owner"))["key"]
    status, payload = await as_key(kanboard, owner, "createApiKey",
                                   {"name": "o2", "role": "owner"})
    assert status == 200 and payload["result"]["role"] == "owner"
    status, payload = await as_key(kanboard, owner, "createUser",
                                   {"username": "carol", "password": "123456",
                                    "role": "app-admin"})
    assert status == 200 and isinstance(payload["result"], int)
    admin_user = kanboard.as_user("admin", ADMIN_PASSWORD)
    issued = await admin_user.call("createApiKey", {"name": "o3", "role": "owner"})
    assert issued["role"] == "owner"
    assert await admin_user.call("revokeApiKey", {"key_id": issued["id"]}) is True
    # Kanboard lets its token and any app-admin demote `admin`.
    assert await admin_user.call("updateUser", {"id": payload["result"], "role": "app-user"})
    assert await kanboard.call("updateUser", {"id": 1, "role": "app-manager"}) is True
