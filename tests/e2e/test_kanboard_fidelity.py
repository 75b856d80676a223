"""Behaviours matched to the real Kanboard (issue #9) that the recorded replays do not pin
down on their own: reused ids across the log's features, and Kanboard's lenient writes."""
from __future__ import annotations

import aiohttp

from tests.conftest import Rpc, Server
from tests.e2e.test_history import head


async def test_a_reused_task_id_keeps_both_lives_apart(kanboard: Rpc, server: Server,
                                                       session: aiohttp.ClientSession) -> None:
    await kanboard.call("createProject", {"name": "P"})
    await kanboard.call("createTask", {"title": "keep", "project_id": 1})
    assert await kanboard.call("createTask", {"title": "old", "project_id": 1}) == 2
    before = await head(server, session)
    assert await kanboard.call("removeTask", [2])
    assert await kanboard.call("createTask", {"title": "new", "project_id": 1}) == 2
    assert (await kanboard.call("getTask", [2]))["title"] == "new"
    assert (await kanboard.call("getTaskAt", [2, before]))["title"] == "old"
    board_then = await kanboard.call("getBoardAt", [1, before])
    assert [t["title"] for t in board_then[0]["columns"][0]["tasks"]] == ["keep", "old"]
    types = [h["type"] for h in await kanboard.call("getTaskHistory", [2])]
    assert types[:3] == ["TaskCreated", "TaskRemoved", "TaskCreated"]


async def test_a_removed_users_password_does_not_open_the_user_who_gets_the_id(
        kanboard: Rpc) -> None:
    assert await kanboard.call("createUser", {"username": "ann", "password": "secret-a"}) == 2
    ann = kanboard.as_user("ann", "secret-a")
    assert (await ann.call("getMe"))["id"] == 2  # verified and cached
    assert await kanboard.call("removeUser", [2])
    assert await kanboard.call("createUser", {"username": "bob", "password": "secret-b"}) == 2
    status, _, _ = await ann.post('{"jsonrpc":"2.0","method":"getMe","id":1}')
    assert status == 401
    assert (await kanboard.as_user("bob", "secret-b").call("getMe"))["username"] == "bob"


async def test_writes_kanboard_lets_through(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "A", "email": "a@example.org"})
    await kanboard.call("createProject", {"name": "B"})
    assert await kanboard.call("createProject", {"name": "C", "email": "a@example.org"}) is False
    # another project's column, stored as given
    task_id = await kanboard.call("createTask", {"title": "t", "project_id": 1, "column_id": 5})
    assert (await kanboard.call("getTask", [task_id]))["column_id"] == 5
    # an UPDATE that matches nothing is true, and any role string is stored
    assert await kanboard.call("changeProjectUserRole", [1, 1, "project-member"]) is True
    assert await kanboard.call("enableUser", [999]) is True
    assert await kanboard.call("addProjectUser", [1, 1, "custom-role"]) is True
    assert await kanboard.call("getProjectUserRole", [1, 1]) == "custom-role"
    # method names ignore case, as PHP's method lookup
    assert len(await kanboard.call("getallprojects")) == 2


async def test_a_forbidden_procedure_is_403_before_its_params_are_counted(kanboard: Rpc) -> None:
    status, body, _ = await kanboard.post(
        '{"jsonrpc":"2.0","method":"getMe","params":{"extra":1},"id":7}')
    assert status == 403 and body["id"] is None


async def test_removing_a_user_removes_the_private_projects_they_belong_to(kanboard: Rpc) -> None:
    await kanboard.call("createUser", {"username": "ann", "password": "secret-a"})
    ann = kanboard.as_user("ann", "secret-a")
    private_id = await ann.call("createMyPrivateProject", {"name": "mine"})
    shared_id = await kanboard.call("createProject", {"name": "shared"})
    await kanboard.call("addProjectUser", [shared_id, 2, "project-member"])
    assert await kanboard.call("removeUser", [2])
    assert await kanboard.call("getProjectById", [private_id]) is None
    assert (await kanboard.call("getProjectById", [shared_id]))["name"] == "shared"
