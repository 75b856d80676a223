"""Authentication, roles and limits over the real HTTP endpoint."""
from __future__ import annotations

from pathlib import Path

import json

import aiohttp

from rpc.auth import LOCK_AFTER_FAILURES
from tests.conftest import ADMIN_PASSWORD, Rpc, Server, basic


async def make_member(kanboard: Rpc, username: str, role: str = "project-member") -> int:
    user_id = await kanboard.call("createUser", {"username": username, "password": "secret123"})
    await kanboard.call("addProjectUser", {"project_id": 1, "user_id": user_id, "role": role})
    return user_id


async def status_of(rpc: Rpc, method: str, params: dict | None = None) -> tuple[int, dict]:
    body = {"jsonrpc": "2.0", "method": method, "id": 1, **({"params": params} if params else {})}
    status, payload, _ = await rpc.post(json.dumps(body))
    return status, payload


async def test_bad_credentials_get_401_with_a_challenge(kanboard: Rpc) -> None:
    for auth in (basic("jsonrpc", "wrong"), basic("nobody", "nope"), None):
        status, payload, headers = await Rpc(kanboard.session, kanboard.url, auth).post(
            '{"jsonrpc":"2.0","method":"getVersion","id":1}')
        assert status == 401 and headers["WWW-Authenticate"] == 'Basic realm="JsonRPC"'
        assert payload["error"] == {"code": 401, "message": "Unauthorized"}


async def test_x_api_auth_header_is_accepted(kanboard: Rpc) -> None:
    value = kanboard.auth.removeprefix("Basic ")
    status, payload, _ = await Rpc(kanboard.session, kanboard.url, None).post(
        '{"jsonrpc":"2.0","method":"getVersion","id":7}', {"X-API-Auth": value})
    assert status == 200 and payload["id"] == 7


async def test_roles_are_enforced_per_project(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "Team"})
    await kanboard.call("createProject", {"name": "Secret"})
    await make_member(kanboard, "viewer", "project-viewer")
    await make_member(kanboard, "member")
    viewer = kanboard.as_user("viewer", "secret123")
    member = kanboard.as_user("member", "secret123")
    assert (await status_of(viewer, "getBoard", {"project_id": 1}))[0] == 200
    assert (await status_of(viewer, "createTask", {"title": "x", "project_id": 1}))[0] == 403
    assert (await status_of(member, "createTask", {"title": "x", "project_id": 1}))[1]["result"] == 1
    assert (await status_of(member, "getBoard", {"project_id": 2}))[0] == 403
    assert (await status_of(member, "getTask", {"task_id": 999}))[0] == 403  # missing: 403
    assert (await status_of(member, "addColumn", {"project_id": 1, "title": "Q"}))[0] == 403
    assert (await status_of(member, "getAllProjects"))[0] == 403
    assert (await status_of(member, "createUser", {"username": "e", "password": "p4ssword"}))[0] == 403


async def test_admins_do_not_bypass_project_roles(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "Team"})
    admin = kanboard.as_user("admin", ADMIN_PASSWORD)
    assert (await status_of(admin, "getAllProjects"))[0] == 200
    assert (await status_of(admin, "getBoard", {"project_id": 1}))[0] == 403


async def test_the_token_cannot_call_me_procedures(kanboard: Rpc) -> None:
    assert (await status_of(kanboard, "getMe"))[0] == 403
    status, payload, _ = await kanboard.post(
        '[{"jsonrpc":"2.0","method":"getVersion","id":1},{"jsonrpc":"2.0","method":"getMe","id":2}]')
    assert status == 403 and payload["error"]["code"] == 403


async def test_repeated_bad_passwords_lock_the_user(kanboard: Rpc) -> None:
    await kanboard.call("createUser", {"username": "carol", "password": "secret123"})
    wrong = kanboard.as_user("carol", "wrong-one")
    right = kanboard.as_user("carol", "secret123")
    for _ in range(LOCK_AFTER_FAILURES - 1):
        assert (await status_of(wrong, "getMe"))[0] == 401
    assert (await status_of(right, "getMe"))[0] == 200  # five failures do not lock
    for _ in range(LOCK_AFTER_FAILURES):
        assert (await status_of(wrong, "getMe"))[0] == 401
    assert (await status_of(right, "getMe"))[0] == 401  # locked even with the right password
    assert (await status_of(kanboard, "getVersion"))[0] == 200  # the token is unaffected


async def test_disabling_a_user_drops_their_cached_credential(kanboard: Rpc) -> None:
    user_id = await kanboard.call("createUser", {"username": "dan", "password": "secret123"})
    dan = kanboard.as_user("dan", "secret123")
    assert (await status_of(dan, "getMe"))[0] == 200
    await kanboard.call("disableUser", {"user_id": user_id})
    assert (await status_of(dan, "getMe"))[0] == 401
    await kanboard.call("enableUser", {"user_id": user_id})
    assert (await status_of(dan, "getMe"))[0] == 200


async def test_no_procedure_returns_a_password_hash(kanboard: Rpc) -> None:
    user_id = await kanboard.call("createUser", {"username": "erin", "password": "secret123"})
    answers = [await kanboard.call("getUser", {"user_id": user_id}),
               await kanboard.call("getUserByName", {"username": "erin"}),
               await kanboard.call("getAllUsers")]
    text = json.dumps(answers)
    assert "password" not in text and "scrypt" not in text


async def test_an_oversized_body_is_refused_with_413(tmp_path: Path,
                                                     session: aiohttp.ClientSession) -> None:
    from tests.conftest import start_server

    # refused before any storage is touched: one backend is enough
    runner, url = await start_server(str(tmp_path / "small.db"), max_body=1024)
    try:
        async with session.post(f"{url}/jsonrpc.php", data=b"[" + b" " * 4096 + b"]",
                                headers={"Authorization": basic("jsonrpc", "x")}) as response:
            assert response.status == 413
    finally:
        await runner.cleanup()


async def test_correlation_id_is_echoed_or_generated(kanboard: Rpc) -> None:
    _, _, headers = await kanboard.post('{"jsonrpc":"2.0","method":"getVersion","id":1}',
                                        {"X-Request-Id": "trace-42"})
    assert headers["X-Request-Id"] == "trace-42"
    generated = set()
    for _ in range(3):
        _, _, headers = await kanboard.post('{"jsonrpc":"2.0","method":"getVersion","id":1}')
        generated.add(headers["X-Request-Id"])
    assert len(generated) == 3 and all(generated)  # one new id per request


async def test_seed_names_work_beside_todays(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "Team"})
    user_id = await kanboard.call("createUser", {"username": "fay", "password": "secret123",
                                                 "name": "Fay"})
    assert await kanboard.call("allowUser", [1, user_id]) is True
    assert await kanboard.call("getAllowedUsers", [1]) == {str(user_id): "Fay"}
    assert await kanboard.call("revokeUser", [1, user_id]) is True
    assert await kanboard.call("getProjectUsers", [1]) == {}
    columns = await kanboard.call("getColumns", [1])
    assert await kanboard.call("moveColumnUp", [1, columns[0]["id"]]) is False
    assert await kanboard.call("moveColumnDown", [1, columns[0]["id"]]) is True
    titles = [c["title"] for c in await kanboard.call("getColumns", [1])]
    assert titles == ["Ready", "Backlog", "Work in progress", "Done"]


async def test_health_and_metrics_report_positions_and_calls(kanboard: Rpc, server: Server,
                                                             session: aiohttp.ClientSession) -> None:
    await kanboard.call("createProject", {"name": "Seen"})
    await kanboard.call("getAllProjects")
    async with session.get(f"{server.url}/health") as response:
        health = await response.json()
    assert health["status"] == "ok" and health["log_head"] > 0
    assert all(p["lag"] == 0 and p["checkpoint"] == health["log_head"]
               for p in health["projections"].values())
    async with session.get(f"{server.url}/metrics") as response:
        text = await response.text()
        assert response.content_type == "text/plain"
    assert 'boardlog_rpc_requests_total{endpoint="kanboard",method="createProject",outcome="ok"} 1' in text
    assert 'boardlog_rpc_seconds_bucket{endpoint="kanboard",le="+Inf",method="getAllProjects",outcome="ok"} 1' in text
    assert f"boardlog_log_head {health['log_head']}" in text
    assert 'boardlog_projection_lag{projection="tasks"} 0' in text
