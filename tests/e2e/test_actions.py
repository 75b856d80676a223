"""Automatic actions over real HTTP: a client's move fires an action whose consequence
fires another, all decided and appended in the move's transaction; the log names each
consequence's cause (causation_id: the log position of the event that fired the action),
and history, time travel and a rebuild see the same state (the same calls recorded on the
real Kanboard replay in tests/fidelity/recordings/actions-scenario.jsonl)."""
from __future__ import annotations

import subprocess
import sys

import aiohttp

from tests.conftest import ADMIN_PASSWORD, Rpc, Server

A = "\\Kanboard\\Action\\"


async def _head(server: Server, session: aiohttp.ClientSession) -> int:
    async with session.get(f"{server.url}/health") as response:
        return (await response.json())["log_head"]


async def _board_with_chain(kanboard: Rpc) -> None:
    """Moving a task to Done closes it; closing moves it to Work in progress; arriving
    there (by the action's move) paints it red."""
    await kanboard.call("createProject", {"name": "Chain"})
    await kanboard.call("createTask", {"title": "t", "project_id": 1})
    assert await kanboard.call("createAction", [1, "task.move.column", A + "TaskCloseColumn",
                                                {"column_id": 4}]) == 1
    assert await kanboard.call("createAction", [1, "task.close", A + "TaskMoveColumnClosed",
                                                {"dest_column_id": 3}]) == 2
    assert await kanboard.call("createAction", [1, "task.move.column",
                                                A + "TaskAssignColorColumn",
                                                {"column_id": 3, "color_id": "red"}]) == 3


async def test_a_move_fires_a_chain_of_actions_in_its_own_commit(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    await _board_with_chain(kanboard)
    before = await _head(server, session)
    assert await kanboard.call("moveTaskPosition", [1, 1, 4, 1, 1]) is True
    task = await kanboard.call("getTask", [1])
    assert (task["column_id"], task["is_active"], task["color_id"]) == (3, 0, "red")

    admin = kanboard.as_user("admin", ADMIN_PASSWORD)
    events = await admin.call("getEvents", [before, 100])
    assert [(e["type"], e["metadata"]["causation_id"], e["metadata"].get("action_id"))
            for e in events] == [
        ("TaskMoved", None, None),  # the client's
        ("TaskClosed", before + 1, 1),  # TaskCloseColumn, fired by the move
        ("TaskMoved", before + 2, 2),  # TaskMoveColumnClosed, fired by the close
        ("TaskUpdated", before + 3, 3)]  # TaskAssignColorColumn, fired by that move
    assert [e["position"] for e in events] == list(range(before + 1, before + 5))
    assert len({e["recorded_at"] for e in events}) == 1  # appended together, one commit
    assert len({e["metadata"]["request_id"] for e in events}) == 1
    assert [e["metadata"]["command"] for e in events] == [
        "MoveTask", "UpdateTask", "MoveTask", "UpdateTask"]
    assert await _head(server, session) == before + 4

    # The log is all there is: time travel and a rebuild see the same.
    assert (await kanboard.call("getTaskAt", [1, before]))["column_id"] == 1
    assert await kanboard.call("getTaskAt", [1, before + 4]) == task
    history = [h["type"] for h in await kanboard.call("getTaskHistory", [1])]
    assert history[-4:] == ["TaskMoved", "TaskClosed", "TaskMoved", "TaskUpdated"]
    check = subprocess.run([sys.executable, "-m", "rpc.cli", "rebuild", "--db", server.db_path,
                            "--check"], capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr


async def test_actions_see_the_caller_and_go_with_their_project(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "P"})
    await kanboard.call("createUser", {"username": "mia", "password": "mia-pass-1"})
    await kanboard.call("addProjectUser", [1, 2, "project-manager"])
    mia = kanboard.as_user("mia", "mia-pass-1")
    assert await mia.call("createAction", [1, "task.create", A + "TaskAssignCurrentUser",
                                           {}]) == 1
    assert await mia.call("getActions", [1]) == [
        {"id": 1, "project_id": 1, "event_name": "task.create",
         "action_name": A + "TaskAssignCurrentUser", "params": []}]
    await mia.call("createTask", {"title": "mine", "project_id": 1})
    await kanboard.call("createTask", {"title": "the token's", "project_id": 1})
    assert [t["owner_id"] for t in await kanboard.call("getAllTasks", [1, 1])] == [2, 0]
    assert await kanboard.call("removeProject", [1]) is True
    assert await kanboard.call("getActions", [1]) == []
    assert await kanboard.call("removeAction", [1]) is False


async def test_params_that_is_no_array_is_invalid_params(kanboard: Rpc) -> None:
    """params 1, "x", true, 2.5 or null: PHP stops at `array $params` (an empty HTTP 500,
    recorded in odd-numbers-scenario); boardlog answers -32602, as for any parameter of the
    wrong JSON type, and creates nothing (it once crashed, -32603, iterating a number).
    An array of the wrong parameters is Kanboard's false."""
    await kanboard.call("createProject", {"name": "P"})
    for params in (1, "x", True, 2.5, None, ""):
        answer = await kanboard.answer("createAction", [1, "task.create",
                                                        A + "TaskAssignCurrentUser", params])
        assert answer["error"] == {"code": -32602, "message": "Invalid params",
                                   "data": "params must be an array"}, params
    for params in ([], {}, ["2"], [2]):  # no column_id
        assert await kanboard.call("createAction", [1, "task.move.column",
                                                    A + "TaskCloseColumn", params]) is False
    assert await kanboard.call("getActions", [1]) == []


async def test_actions_that_undo_each_other_stop(kanboard: Rpc, server: Server,
                                                 session: aiohttp.ClientSession) -> None:
    """A task entering a swimlane gets that swimlane's priority; an update of the task
    moves it to the other swimlane: each action re-fires the other. As Kanboard, an
    action never runs twice on the same event data, so the ping-pong ends."""
    await kanboard.call("createProject", {"name": "Loop"})
    await kanboard.call("addSwimlane", [1, "Second"])
    await kanboard.call("createTask", {"title": "t", "project_id": 1, "owner_id": 0})
    for swimlane, priority in ((1, 1), (2, 2)):
        await kanboard.call("createAction", [1, "task.move.swimlane",
                                             A + "TaskAssignPrioritySwimlane",
                                             {"swimlane_id": swimlane, "priority": priority}])
    for target in (2, 1):
        await kanboard.call("createAction", [1, "task.update", A + "TaskMoveSwimlaneAssigned",
                                             {"user_id": 0, "dest_swimlane_id": target}])
    before = await _head(server, session)
    assert await kanboard.call("updateTask", {"id": 1, "title": "go"}) is True
    written = await _head(server, session) - before
    assert 2 < written < 40
    assert (await kanboard.call("getTask", [1]))["title"] == "go"
