"""Issue #11 item 7: a task's past in another project stays with that project. A task
created in B, its comment removed and its title scrubbed, then moved into A: A's viewers
and A-scoped keys read its history and time travel from the move on, never B's title,
description or removed comment (Kanboard's getTaskHistory/getTaskAt, Leantime's
history.*); whoever sees B still reads all of it."""
from __future__ import annotations

import json
from typing import Any

import aiohttp

from tests.conftest import Rpc, Server
from tests.e2e.leantime_support import kb_key, lt_for

SECRETS = ("secret title", "secret description", "secret comment")


def leaks(answer: Any) -> list[str]:
    text = json.dumps(answer)
    return [s for s in SECRETS if s in text]


async def head(server: Server, session: aiohttp.ClientSession) -> int:
    async with session.get(f"{server.url}/health") as response:
        return (await response.json())["log_head"]


async def as_key(kanboard: Rpc, key: str, method: str, params: Any) -> Any:
    body = json.dumps({"jsonrpc": "2.0", "method": method, "id": 1, "params": params})
    status, payload, _ = await Rpc(kanboard.session, kanboard.url, None).post(
        body, {"x-api-key": key})
    assert status == 200 and "error" not in payload, (status, payload)
    return payload["result"]


async def moved_task(kanboard: Rpc, server: Server, session: aiohttp.ClientSession,
                     ) -> tuple[int, int, int]:
    """(task id, a log position while it was in B, a position after the move)."""
    a = await kanboard.call("createProject", {"name": "A"})
    b = await kanboard.call("createProject", {"name": "B"})
    task = await kanboard.call("createTask", {"project_id": b, "title": "secret title",
                                              "description": "secret description"})
    comment = await kanboard.call("createComment", {"task_id": task, "user_id": 1,
                                                    "content": "secret comment"})
    in_b = await head(server, session)
    assert await kanboard.call("removeComment", {"comment_id": comment})
    assert await kanboard.call("updateTask", {"id": task, "title": "scrubbed",
                                              "description": "clean"})
    owner = lt_for(server, session, (await kb_key(kanboard, "owner"))["key"])
    assert await owner.call("tickets.moveTicket", {"id": task, "projectId": a}) is True
    assert await kanboard.call("updateTask", {"id": task, "title": "in A"})
    return task, in_b, await head(server, session)


async def test_viewers_of_a_read_nothing_of_the_tasks_life_in_b(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    task, in_b, after = await moved_task(kanboard, server, session)
    await kanboard.call("createUser", {"username": "vera", "password": "123456"})
    await kanboard.call("addProjectUser", [1, 2, "project-viewer"])
    vera = kanboard.as_user("vera", "123456")
    history = await vera.call("getTaskHistory", [task])
    assert leaks(history) == []
    assert [h["type"] for h in history] == ["TaskMovedToProject", "TaskUpdated"]
    moved = history[0]["changes"]["task"]["project_id"]
    assert moved == {"old": None, "new": 1}  # where it came from stays with B
    assert await vera.call("getTaskAt", [task, in_b]) is None
    assert (await vera.call("getTaskAt", [task, after]))["title"] == "in A"

    key = (await kb_key(kanboard, "readonly", [1]))["key"]
    assert leaks(await as_key(kanboard, key, "getTaskHistory", [task])) == []
    assert await as_key(kanboard, key, "getTaskAt", [task, in_b]) is None
    lt = lt_for(server, session, key)
    lt_history = await lt.call("history.getTicketHistory", {"id": task})
    assert leaks(lt_history) == [] and len(lt_history) == 2
    assert await lt.call("history.getTicketAt", {"id": task, "at": in_b}) is False
    assert (await lt.call("history.getTicketAt", {"id": task, "at": after}))["title"] == "in A"


async def test_whoever_sees_b_still_reads_the_whole_past(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    task, in_b, _ = await moved_task(kanboard, server, session)
    assert sorted(leaks(await kanboard.call("getTaskHistory", [task]))) == sorted(SECRETS)
    assert (await kanboard.call("getTaskAt", [task, in_b]))["title"] == "secret title"
    both = (await kb_key(kanboard, "readonly", [1, 2]))["key"]
    history = await as_key(kanboard, both, "getTaskHistory", [task])
    assert sorted(leaks(history)) == sorted(SECRETS)
    moved = next(h for h in history if h["type"] == "TaskMovedToProject")
    assert moved["changes"]["task"]["project_id"] == {"old": 2, "new": 1}


async def test_activity_stays_with_the_project_it_happened_in(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """As Kanboard's project_activities rows keep their project: A's stream starts at the
    move, B's keeps what its members did there."""
    a = await kanboard.call("createProject", {"name": "A"})
    b = await kanboard.call("createProject", {"name": "B"})
    await kanboard.call("createUser", {"username": "bea", "password": "123456"})
    await kanboard.call("addProjectUser", [b, 2, "project-member"])
    await kanboard.call("addProjectUser", [a, 2, "project-member"])
    bea = kanboard.as_user("bea", "123456")
    task = await bea.call("createTask", {"project_id": b, "title": "t"})
    await bea.call("createComment", {"task_id": task, "user_id": 2, "content": "c"})
    owner = lt_for(server, session, (await kb_key(kanboard, "owner"))["key"])
    assert await owner.call("tickets.moveTicket", {"id": task, "projectId": a}) is True
    await bea.call("updateTask", {"id": task, "title": "u"})
    in_a = await kanboard.call("getProjectActivity", [a])
    in_b = await kanboard.call("getProjectActivity", [b])
    assert [(e["event_name"], e["project_id"]) for e in in_a] == [("task.update", a)]
    assert [(e["event_name"], e["project_id"]) for e in in_b] == [
        ("comment.create", b), ("task.create", b)]
