"""Key hardening across both endpoints: shared guessing limit, no privilege escalation,
and scope on Kanboard's global lists."""
from __future__ import annotations

import aiohttp

from tests.conftest import Rpc, Server
from tests.e2e.leantime_support import kb_key, kb_project, leantime_as


async def test_key_guessing_on_the_kanboard_endpoint_is_limited_too(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """Bad x-api-key attempts count against the same per-address limit on /jsonrpc.php."""
    statuses = []
    for _ in range(22):
        async with session.post(f"{server.url}/jsonrpc.php",
                                data='{"jsonrpc":"2.0","method":"getVersion","id":1}',
                                headers={"x-api-key": "lt_nobody_wrong"}) as response:
            statuses.append((response.status, response.headers.get("Retry-After")))
    assert statuses[0][0] == 401 and statuses[-1][0] == 429 and int(statuses[-1][1]) > 0
    async with session.post(f"{server.url}/api/jsonrpc", data="{}",
                            headers={"x-api-key": "lt_nobody_wrong"}) as response:
        assert response.status == 429  # the same budget on the Leantime endpoint


async def test_a_key_cannot_issue_a_key_above_its_own_role(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    admin = await leantime_as(kanboard, server, session, "admin")
    refused = await admin.answer("api.createAPIKey", {"values": {"name": "x", "role": "owner"}})
    assert refused["error"]["code"] == -32001
    issued = await admin.answer("api.createAPIKey", {"values": {"name": "y", "role": "editor"}})
    assert issued["result"]["key"].startswith("lt_")


async def test_kanboard_tag_list_follows_the_key_scope(kanboard: Rpc, server: Server,
                                                       session: aiohttp.ClientSession) -> None:
    inside, outside = await kb_project(kanboard, "In"), await kb_project(kanboard, "Out")
    await kanboard.call("createTask", {"title": "a", "project_id": inside, "tags": ["mine"]})
    await kanboard.call("createTask", {"title": "b", "project_id": outside, "tags": ["theirs"]})
    scoped = (await kb_key(kanboard, "readonly", [inside]))["key"]
    admin = (await kb_key(kanboard, "admin"))["key"]
    names = {}
    for label, key in (("scoped", scoped), ("admin", admin)):
        async with session.post(f"{server.url}/jsonrpc.php", headers={"x-api-key": key},
                                data='{"jsonrpc":"2.0","method":"getAllTags","id":1}') as r:
            names[label] = {t["name"] for t in (await r.json())["result"]}
    assert names == {"scoped": {"mine"}, "admin": {"mine", "theirs"}}
