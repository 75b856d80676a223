"""Kanboard's activity stream and failed sign-in counts over real HTTP, as the real
Kanboard answers them (the recordings in tests/fidelity/ replay the same kinds of calls)."""
from __future__ import annotations


import aiohttp

from eventstore.schema import connect
from projections.rebuild import rebuild
from tests.conftest import Rpc, Server, start_server


async def _team(kanboard: Rpc) -> Rpc:
    await kanboard.call("createProject", {"name": "P"})
    ann = await kanboard.call("createUser", {"username": "ann", "password": "secret123",
                                             "name": "Ann"})
    await kanboard.call("addProjectUser", [1, ann, "project-member"])
    return kanboard.as_user("ann", "secret123")


async def test_activities_snapshot_the_task_and_go_with_it(kanboard: Rpc) -> None:
    ann = await _team(kanboard)
    await ann.call("createTask", {"title": "first", "project_id": 1})
    await ann.call("updateTask", {"id": 1, "title": "renamed", "score": 3})
    await ann.call("updateTask", {"id": 1, "score": 3})  # nothing differs: no activity
    await kanboard.call("createTask", {"title": "by token", "project_id": 1})  # none
    await ann.call("createComment", {"task_id": 1, "user_id": 2, "content": "a *note*"})
    await ann.call("closeTask", [1])
    await ann.call("closeTask", [1])  # Kanboard stamps a closed task again, and says so
    activity = await kanboard.call("getProjectActivity", [1])
    assert [(a["id"], a["event_name"]) for a in activity] == [
        (5, "task.close"), (4, "task.close"), (3, "comment.create"), (2, "task.update"),
        (1, "task.create")]
    created = activity[-1]
    assert created["task"]["title"] == "first"  # the task as it was then
    assert created["task"]["column_title"] == "Backlog" and created["author"] == "Ann"
    assert created["event_title"] == "Ann created the task #1"
    assert ('Ann created the task <a href="/?controller=TaskViewController&amp;action=show'
            '&amp;task_id=1" class="" title=\'\' >#1</a>') in created["event_content"]
    assert activity[3]["changes"] == {"title": "renamed", "score": 3}
    assert "<li>New title: renamed</li><li>New complexity: 3</li>" in activity[3]["event_content"]
    assert activity[2]["comment"]["comment"] == "a *note*"
    # a removed task takes its activities along, and SQLite hands out the freed ids again
    await ann.call("createTask", {"title": "doomed", "project_id": 1})
    assert (await kanboard.call("getProjectActivity", [1]))[0]["id"] == 6
    await kanboard.call("removeTask", [3])
    await ann.call("createTask", {"title": "next", "project_id": 1})
    newest = (await kanboard.call("getProjectActivity", [1]))[0]
    assert (newest["id"], newest["task_id"], newest["task"]["title"]) == (6, 3, "next")
    assert await ann.call("getMyActivityStream") == await kanboard.call(
        "getProjectActivities", {"project_ids": [1]})


def _activities(db_path: str) -> list[tuple]:
    conn = connect(db_path)
    try:
        return [tuple(r) for r in conn.execute("SELECT * FROM activities ORDER BY id")]
    finally:
        conn.close()


async def test_the_activity_stream_is_rebuilt_from_the_log(
        server: Server, kanboard: Rpc, session: aiohttp.ClientSession) -> None:
    ann = await _team(kanboard)
    for title in ("a", "b"):
        await ann.call("createTask", {"title": title, "project_id": 1})
    await ann.call("moveTaskPosition", [1, 1, 2, 1, 1])
    await ann.call("createSubtask", {"task_id": 1, "title": "s", "time_estimated": 2})
    await ann.call("removeSubtask", [1])
    await ann.call("createTaskLink", [1, 2, 1])
    live = await kanboard.call("getProjectActivity", [1])
    assert [a["event_name"] for a in live] == [
        "task_internal_link.create_update", "task_internal_link.create_update",
        "subtask.delete", "subtask.create", "task.move.column", "task.create", "task.create"]
    rows = _activities(server.db_path)
    rebuild(server.db_path, show=False)  # beside the running server, as operators do
    assert _activities(server.db_path) == rows
    conn = connect(server.db_path)  # as if built by older code: rebuilt on start
    conn.execute("DELETE FROM projection_checkpoints WHERE name = 'activity'")
    conn.execute("DELETE FROM activities")
    conn.close()
    runner, url = await start_server(server.db_path)
    try:
        again = Rpc(session, f"{url}/jsonrpc.php", kanboard.auth, kanboard.counter)
        assert await again.call("getProjectActivity", [1]) == live
    finally:
        await runner.cleanup()


async def test_failed_sign_ins_are_counted_as_kanboard_counts_them(kanboard: Rpc) -> None:
    await _team(kanboard)
    wrong = kanboard.as_user("ann", "wrong")
    for _ in range(2):
        status, _, _ = await wrong.post('{"jsonrpc":"2.0","method":"getMe","id":1}')
        assert status == 401
    await kanboard.as_user("nobody", "x").post('{"jsonrpc":"2.0","method":"getMe","id":1}')
    user = await kanboard.call("getUserByName", ["ann"])
    assert (user["nb_failed_login"], user["lock_expiration_date"]) == (2, 0)
    events = await kanboard.call("getEvents", [0, 1000])
    failures = [e for e in events if e["type"] == "UserLoginFailed"]
    assert len(failures) == 2  # an unknown name counts against no one and adds nothing
    assert failures[0]["metadata"]["actor_name"] == "ann"
    assert failures[0]["metadata"]["client"] == "127.0.0.1"
    await kanboard.as_user("ann", "secret123").call("getMe")  # a sign-in clears the count
    assert (await kanboard.call("getUser", [2]))["nb_failed_login"] == 0
    for _ in range(8):  # the lock stops counting: the log grows by the lock's worth only
        await wrong.post('{"jsonrpc":"2.0","method":"getMe","id":1}')
    user = await kanboard.call("getUser", [2])
    assert user["nb_failed_login"] == 6 and user["lock_expiration_date"] > 0
    events = await kanboard.call("getEvents", [0, 1000])
    assert sum(e["type"] == "UserLoginFailed" for e in events) == 8


async def test_a_subtask_status_must_be_an_integer(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "P"})
    await kanboard.call("createTask", {"title": "t", "project_id": 1})
    assert await kanboard.call("createSubtask", {"task_id": 1, "title": "s", "status": True}) is False
    assert await kanboard.call("createSubtask", {"task_id": 1, "title": "s"}) == 1
    for refused in (True, False, 1.5, [1]):
        assert await kanboard.call("updateSubtask", {"id": 1, "task_id": 1,
                                                     "status": refused}) is False
    assert await kanboard.call("updateSubtask", {"id": 1, "task_id": 1, "status": "2"}) is True
    assert (await kanboard.call("getSubtask", [1]))["status"] == 2


async def test_a_removed_subtask_leaves_a_gap_in_the_positions(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "P"})
    await kanboard.call("createTask", {"title": "t", "project_id": 1})
    for title in ("a", "b"):
        await kanboard.call("createSubtask", {"task_id": 1, "title": title})
    await kanboard.call("removeSubtask", [1])
    assert (await kanboard.call("getSubtask", [2]))["position"] == 2  # as Kanboard keeps it
    await kanboard.call("createSubtask", {"task_id": 1, "title": "c"})
    assert [(s["title"], s["position"]) for s in await kanboard.call("getAllSubtasks", [1])] == [
        ("b", 2), ("c", 3)]


async def test_params_null_is_no_params_and_prepend_unassigned_is_php_truthy(
        kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "P"})
    status, answer, _ = await kanboard.post(
        '{"jsonrpc":"2.0","method":"getAllProjects","params":null,"id":1}')
    assert status == 200 and [p["name"] for p in answer["result"]] == ["P"]
    for truthy in ([1], "yes", "false"):
        assert "0" in await kanboard.call("getAssignableUsers", [1, truthy])
    for falsy in ("0", "", 0, []):
        assert "0" not in await kanboard.call("getAssignableUsers", [1, falsy])
