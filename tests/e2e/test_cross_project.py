"""moveTaskToProject and duplicateTaskToProject over real HTTP, as Kanboard 1.2.53
answers them (the same kinds of calls recorded on the real Kanboard replay in
tests/fidelity/recordings/cross_project-scenario.jsonl)."""
from __future__ import annotations

import json

import aiohttp

from tests.conftest import Rpc, Server

A, B = 1, 2


async def _two_projects(kanboard: Rpc) -> None:
    """A and B (B's priorities 0..2, default 1), each with an "Urgent" swimlane and a
    "Bug" category; mia is a member of both, sam of A only."""
    for name in ("mia", "sam"):
        await kanboard.call("createUser", {"username": name, "password": f"{name}-pass-1"})
    await kanboard.call("createProject", {"name": "A"})
    await kanboard.call("createProject", {"name": "B", "priority_default": 1,
                                          "priority_start": 0, "priority_end": 2})
    for project_id, user_id in ((A, 2), (B, 2), (A, 3)):
        await kanboard.call("addProjectUser", [project_id, user_id, "project-member"])
    for project_id in (A, B):
        await kanboard.call("addSwimlane", [project_id, "Urgent"])  # 3, 4
        await kanboard.call("createCategory", [project_id, "Bug"])  # 1, 2
    await kanboard.call("createCategory", [A, "Feature"])  # 3: none of that name in B


async def _rich_task(kanboard: Rpc, owner_id: int) -> int:
    """In A's Urgent lane, column "Work in progress", with everything that travels."""
    task_id = await kanboard.call("createTask", {
        "title": "rich", "project_id": A, "owner_id": owner_id, "category_id": 1,
        "swimlane_id": 3, "column_id": 3, "priority": 3, "tags": ["red", "blue"]})
    await kanboard.call("createTag", [B, "Red", "red"])
    await kanboard.call("createSubtask", {"task_id": task_id, "title": "s", "time_estimated": 2,
                                          "time_spent": 1, "status": 1})
    await kanboard.call("updateTask", {"id": task_id, "time_estimated": 9})
    await kanboard.call("createComment", [task_id, 2, "hello"])
    await kanboard.call("saveTaskMetadata", [task_id, {"k": "v"}])
    return task_id


async def test_a_moved_task_lands_by_name_and_keeps_its_parts(kanboard: Rpc) -> None:
    """The swimlane, column and category are B's of the same name, the priority out of
    B's range becomes B's default, its tags B's of the same name (made if missing); its
    subtasks, comments, links, metadata and history go with it; a closed task reopens."""
    await _two_projects(kanboard)
    other = await kanboard.call("createTask", {"title": "other", "project_id": A})
    task_id = await _rich_task(kanboard, owner_id=2)
    await kanboard.call("createTaskLink", [task_id, other, 1])
    assert await kanboard.call("moveTaskToProject", [task_id, B]) is True
    task = await kanboard.call("getTask", [task_id])
    assert (task["project_id"], task["swimlane_id"], task["column_id"], task["category_id"],
            task["owner_id"], task["priority"]) == (B, 4, 7, 2, 2, 1)
    assert await kanboard.call("getTaskTags", [task_id]) == {"3": "Red", "4": "blue"}
    assert [t["project_id"] for t in await kanboard.call("getTagsByProject", [B])] == [B, B]
    assert [s["title"] for s in await kanboard.call("getAllSubtasks", [task_id])] == ["s"]
    assert [c["comment"] for c in await kanboard.call("getAllComments", [task_id])] == ["hello"]
    assert [link["title"] for link in await kanboard.call("getAllTaskLinks", [task_id])] == [
        "other"]
    assert await kanboard.call("getTaskMetadata", [task_id]) == {"k": "v"}
    assert await kanboard.call("getAllTasks", [A, 1]) != []  # "other" stayed
    assert [t["id"] for t in await kanboard.call("getAllTasks", [B, 1])] == [task_id]
    history = await kanboard.call("getTaskHistory", [task_id])
    assert history[0]["type"] == "TaskCreated" and history[-1]["type"] == "TaskMovedToProject"
    await kanboard.call("closeTask", [other])
    assert await kanboard.call("moveTaskToProject", [other, B]) is True
    assert (await kanboard.call("getTask", [other]))["is_active"] == 1


async def test_an_owner_who_is_not_a_member_there_is_dropped(kanboard: Rpc) -> None:
    """sam is no member of B: his task arrives unassigned, and a category B has no
    name for arrives without one; given ids are found by name the same way."""
    await _two_projects(kanboard)
    task_id = await kanboard.call("createTask", {"title": "sam's", "project_id": A,
                                                 "owner_id": 3, "category_id": 3})
    assert await kanboard.call("moveTaskToProject", {
        "task_id": task_id, "project_id": B, "column_id": 2, "swimlane_id": 3}) is True
    task = await kanboard.call("getTask", [task_id])
    assert (task["owner_id"], task["category_id"], task["column_id"], task["swimlane_id"]) \
        == (0, 0, 6, 4)


async def test_a_duplicate_is_one_new_task_with_its_subtasks_tags_and_link(
        kanboard: Rpc) -> None:
    """The copy in B: B's placement, subtasks to do with no time spent, the source's
    estimate, tags by name, "duplicates" its source; comments and metadata stay."""
    await _two_projects(kanboard)
    source = await _rich_task(kanboard, owner_id=3)
    before = await kanboard.call("getTask", [source])
    copy = await kanboard.as_user("mia", "mia-pass-1").call("duplicateTaskToProject",
                                                              [source, B])
    assert copy == source + 1
    task = await kanboard.call("getTask", [copy])
    assert (task["title"], task["project_id"], task["swimlane_id"], task["column_id"],
            task["category_id"], task["owner_id"], task["priority"], task["creator_id"]) \
        == ("rich", B, 4, 7, 2, 0, 1, 2)
    assert (task["time_estimated"], task["time_spent"], task["date_started"]) == (9, 0, None)
    subtasks = await kanboard.call("getAllSubtasks", [copy])
    assert [(s["title"], s["status"], s["time_spent"]) for s in subtasks] == [("s", 0, 0)]
    assert await kanboard.call("getTaskTags", [copy]) == {"3": "Red", "4": "blue"}
    assert [(link["task_id"], link["label"])
            for link in await kanboard.call("getAllTaskLinks", [copy])] == [(source, "duplicates")]
    assert [(link["task_id"], link["label"])
            for link in await kanboard.call("getAllTaskLinks", [source])] == [
        (copy, "is duplicated by")]
    assert await kanboard.call("getAllComments", [copy]) == []
    assert await kanboard.call("getTaskMetadata", [copy]) == {}
    after = await kanboard.call("getTask", [source])
    assert {k: v for k, v in after.items() if k != "date_modification"} == \
        {k: v for k, v in before.items() if k != "date_modification"}


async def test_unknown_ids_and_roles_are_answered_as_kanboard_does(kanboard: Rpc) -> None:
    """The token: true for an unknown destination (nothing moves), false for an unknown
    task, 0 for a duplicate that cannot be made. A user must be a member of both
    projects: 403 otherwise, and for ids that do not exist."""
    await _two_projects(kanboard)
    task_id = await kanboard.call("createTask", {"title": "t", "project_id": A})
    assert await kanboard.call("moveTaskToProject", [task_id, 99]) is True
    assert (await kanboard.call("getTask", [task_id]))["project_id"] == A
    assert await kanboard.call("moveTaskToProject", [99, B]) is False
    assert await kanboard.call("duplicateTaskToProject", [99, B]) == 0
    assert await kanboard.call("duplicateTaskToProject", [task_id, 99]) == 0
    sam, mia = kanboard.as_user("sam", "sam-pass-1"), kanboard.as_user("mia", "mia-pass-1")
    for caller, method, params in ((sam, "moveTaskToProject", [task_id, B]),
                                   (sam, "duplicateTaskToProject", [task_id, B]),
                                   (mia, "moveTaskToProject", [99, B]),
                                   (mia, "duplicateTaskToProject", [task_id, 99])):
        body = {"jsonrpc": "2.0", "method": method, "params": params, "id": 1}
        status, payload, _ = await caller.post(json.dumps(body))
        assert (status, payload["error"]["code"]) == (403, 403), (method, params)
    assert (await kanboard.call("getTask", [task_id]))["project_id"] == A
    assert await mia.call("moveTaskToProject", [task_id, B]) is True
    assert (await kanboard.call("getTask", [task_id]))["project_id"] == B


async def test_time_travel_sees_the_task_where_it_was(kanboard: Rpc, server: Server,
                                                     session: aiohttp.ClientSession) -> None:
    """Before the move the task is on A's board as it was; after, on B's."""
    await _two_projects(kanboard)
    task_id = await _rich_task(kanboard, owner_id=2)
    async with session.get(f"{server.url}/health") as response:
        before = (await response.json())["log_head"]
    task_then, board_then = (await kanboard.call("getTask", [task_id]),
                             await kanboard.call("getBoard", [A]))
    assert await kanboard.call("moveTaskToProject", [task_id, B]) is True
    assert await kanboard.call("getTaskAt", [task_id, before]) == task_then
    assert await kanboard.call("getBoardAt", [A, before]) == board_then
    assert await kanboard.call("getBoardAt", [B, before]) != await kanboard.call("getBoard", [B])
