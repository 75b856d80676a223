"""Issue #11 item 8: a key sees and does only what its scope allows. Scoped keys read the
users of their projects only, without email or application role; no key comments as a
user or changes another's comments; a removed member's getMy* no longer list the
project's tasks."""
from __future__ import annotations

import json
import time
from typing import Any

import aiohttp

from tests.conftest import Rpc, Server
from tests.e2e.leantime_support import kb_key, lt_for


async def as_key(kanboard: Rpc, key: str, method: str, params: Any) -> tuple[int, Any]:
    body = json.dumps({"jsonrpc": "2.0", "method": method, "id": 1, "params": params})
    status, payload, _ = await Rpc(kanboard.session, kanboard.url, None).post(
        body, {"x-api-key": key})
    assert status == 200, (status, payload)
    return payload.get("result"), payload.get("error")


async def two_teams(kanboard: Rpc) -> tuple[int, int]:
    """Project 1 with member ann, project 2 with member bob (ann@x, bob@x)."""
    for name in ("ann", "bob"):
        await kanboard.call("createUser", {"username": name, "password": "123456",
                                           "email": f"{name}@example.com"})
    one = await kanboard.call("createProject", {"name": "one"})
    two = await kanboard.call("createProject", {"name": "two"})
    await kanboard.call("addProjectUser", [one, 2, "project-member"])
    await kanboard.call("addProjectUser", [two, 3, "project-member"])
    return one, two


async def test_a_scoped_key_reads_only_its_projects_members_without_private_fields(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    one, two = await two_teams(kanboard)
    scoped = lt_for(server, session, (await kb_key(kanboard, "manager", [one]))["key"])
    users = await scoped.call("users.getAll", {})
    assert [u["username"] for u in users] == ["ann"]
    assert "email" not in users[0] and "role" not in users[0]
    assert "bob@example.com" not in json.dumps(users)
    assert await scoped.call("users.getUser", {"id": 3}) is False  # bob: another project
    assert await scoped.call("users.getUser", {"id": 1}) is False  # admin: in neither
    assert (await scoped.call("users.getUser", {"id": 2}))["username"] == "ann"
    team = await scoped.call("projects.getUsersAssignedToProject", {"projectId": one})
    assert [(u["username"], u["projectRole"]) for u in team] == [("ann", "project-member")]
    assert "email" not in team[0]
    owner = lt_for(server, session, (await kb_key(kanboard, "admin"))["key"])
    everyone = await owner.call("users.getAll", {})
    assert {u["email"] for u in everyone} >= {"ann@example.com", "bob@example.com"}


async def test_no_key_comments_as_a_user_or_changes_anothers_comment(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    one, _ = await two_teams(kanboard)
    task = await kanboard.call("createTask", {"project_id": one, "title": "t"})
    ann = kanboard.as_user("ann", "123456")
    anns = await ann.call("createComment", {"task_id": task, "user_id": 2, "content": "mine"})
    editor = (await kb_key(kanboard, "editor", [one]))["key"]
    other = (await kb_key(kanboard, "editor", [one]))["key"]
    forged, _ = await as_key(kanboard, editor, "createComment",
                             {"task_id": task, "user_id": 2, "content": "I am ann"})
    assert forged is False
    own, _ = await as_key(kanboard, editor, "createComment",
                          {"task_id": task, "user_id": 0, "content": "the bot's"})
    assert isinstance(own, int)
    for method, params in [("updateComment", {"id": anns, "content": "defaced"}),
                           ("removeComment", {"comment_id": anns})]:
        assert (await as_key(kanboard, editor, method, params))[0] is False, method
    assert (await as_key(kanboard, other, "removeComment", {"comment_id": own}))[0] is False
    lt = lt_for(server, session, editor)
    assert (await lt.error("comments.editComment",
                           {"values": {"text": "defaced"}, "id": anns}))["code"] == -32001
    assert (await lt.error("comments.deleteComment", {"commentId": anns}))["code"] == -32001
    texts = {c["id"]: c["comment"] for c in await kanboard.call("getAllComments", [task])}
    assert texts == {anns: "mine", own: "the bot's"}
    assert await lt.call("comments.editComment", {"values": {"text": "edited"}, "id": own})
    assert (await as_key(kanboard, editor, "removeComment", {"comment_id": own}))[0] is True
    assert await kanboard.call("removeComment", {"comment_id": anns}) is True  # the token


async def test_a_removed_member_no_longer_sees_the_projects_tasks_in_get_my(
        kanboard: Rpc) -> None:
    one, _ = await two_teams(kanboard)
    past = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 3 * 86400))
    task = await kanboard.call("createTask", {"project_id": one, "title": "late",
                                              "owner_id": 2, "date_due": past})
    ann = kanboard.as_user("ann", "123456")
    assert [t["id"] for t in await ann.call("getMyOverdueTasks")] == [task]
    assert [t["id"] for t in await ann.call("getMyDashboard")] == [task]
    assert await kanboard.call("removeProjectUser", [one, 2]) is True
    assert await ann.call("getMyOverdueTasks") == []
    assert await ann.call("getMyDashboard") == []
    assert await ann.call("getMyProjects") == []
    assert await ann.call("getMyActivityStream") == []


async def test_comments_above_a_callers_role_stay_hidden(kanboard: Rpc) -> None:
    """As Kanboard's CommentAuthorization: an app-user (or a key below admin) neither reads
    nor changes a comment meant for admins; getAllComments leaves it out."""
    one, _ = await two_teams(kanboard)
    task = await kanboard.call("createTask", {"project_id": one, "title": "t"})
    hidden = await kanboard.call("createComment", {"task_id": task, "user_id": 1,
                                                   "content": "admins only",
                                                   "visibility": "app-admin"})
    ann = kanboard.as_user("ann", "123456")
    status, _, _ = await ann.post(json.dumps({"jsonrpc": "2.0", "method": "getComment",
                                              "id": 1, "params": [hidden]}))
    assert status == 403
    assert await ann.call("getAllComments", [task]) == []
    editor = (await kb_key(kanboard, "editor", [one]))["key"]
    body = json.dumps({"jsonrpc": "2.0", "method": "getComment", "id": 1, "params": [hidden]})
    status, _, _ = await Rpc(kanboard.session, kanboard.url, None).post(
        body, {"x-api-key": editor})
    assert status == 403
    assert (await as_key(kanboard, editor, "getAllComments", [task]))[0] == []
    admin = (await kb_key(kanboard, "admin"))["key"]
    assert len((await as_key(kanboard, admin, "getAllComments", [task]))[0]) == 1


async def test_a_hidden_comment_stays_out_of_history_and_leantime(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    one, _ = await two_teams(kanboard)
    task = await kanboard.call("createTask", {"project_id": one, "title": "t"})
    await kanboard.call("createComment", {"task_id": task, "user_id": 1,
                                          "content": "admins only", "visibility": "app-admin"})
    ann = kanboard.as_user("ann", "123456")
    history = await ann.call("getTaskHistory", [task])
    assert "admins only" not in json.dumps(history)
    assert [h["type"] for h in history] == ["TaskCreated"]
    key = (await kb_key(kanboard, "editor", [one]))["key"]
    lt = lt_for(server, session, key)
    assert await lt.call("comments.getComments", {"module": "ticket", "entityId": task}) == []
    lt_history = await lt.call("history.getTicketHistory", {"id": task})
    assert "admins only" not in json.dumps(lt_history)
    admin = lt_for(server, session, (await kb_key(kanboard, "admin"))["key"])
    assert "admins only" in json.dumps(await admin.call("history.getTicketHistory",
                                                        {"id": task}))
