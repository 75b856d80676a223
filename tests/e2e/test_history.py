"""History from the log: time travel, task timelines, the raw log and its audit metadata."""
from __future__ import annotations

import json
from datetime import datetime, timezone

import aiohttp

from rpc.pipeline import MAX_STORED_ID
from tests.conftest import ADMIN_PASSWORD, Rpc, Server


async def head(server: Server, session: aiohttp.ClientSession) -> int:
    async with session.get(f"{server.url}/health") as response:
        return (await response.json())["log_head"]


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat()


async def test_task_and_board_as_they_were_at_every_step(kanboard: Rpc, server: Server,
                                                         session: aiohttp.ClientSession) -> None:
    await kanboard.call("createProject", {"name": "Travel"})
    for title in ("a", "b", "c"):
        await kanboard.call("createTask", {"title": title, "project_id": 1})
    steps = []
    moves = [(1, 2, 1), (1, 3, 1), (3, 3, 1), (2, 4, 1), (1, 4, 2)]
    for task_id, column_id, position in moves:
        assert await kanboard.call("moveTaskPosition", [1, task_id, column_id, position, 1])
        steps.append((await head(server, session), now_iso(),
                      await kanboard.call("getTask", [1]), await kanboard.call("getBoard", [1]),
                      await kanboard.call("getAllTasks", [1, 1])))
    await kanboard.call("closeTask", [1])
    await kanboard.call("updateTask", {"id": 3, "title": "renamed"})
    for position, moment, task, board, tasks in steps:
        for at in (position, moment):
            assert await kanboard.call("getTaskAt", [1, at]) == task
            assert await kanboard.call("getBoardAt", [1, at]) == board
            assert await kanboard.call("getAllTasksAt", [1, 1, at]) == tasks


async def test_time_travel_before_a_task_existed_is_null(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "P"})
    await kanboard.call("createTask", {"title": "t", "project_id": 1})
    assert await kanboard.call("getTaskAt", [1, 1]) is None
    bad = await kanboard.answer("getTaskAt", [1, "yesterday"])
    assert bad["error"]["code"] == -32602


async def test_task_history_names_every_change_and_who_made_it(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "P"})
    await kanboard.call("createTask", {"title": "first", "project_id": 1})
    await kanboard.call("updateTask", {"id": 1, "title": "second"})
    await kanboard.call("createSubtask", {"task_id": 1, "title": "sub"})
    await kanboard.call("createComment", {"task_id": 1, "user_id": 1, "content": "hi"})
    admin = kanboard.as_user("admin", ADMIN_PASSWORD)
    await kanboard.call("addProjectUser", [1, 1, "project-member"])
    await admin.call("closeTask", [1])
    history = await kanboard.call("getTaskHistory", [1])
    types = [h["type"] for h in history]
    assert types == ["TaskCreated", "TaskUpdated", "SubtaskCreated", "CommentCreated",
                     "TaskClosed"]
    assert history[1]["changes"]["task"]["title"] == {"old": "first", "new": "second"}
    assert history[2]["changes"]["subtask:1"]["title"] == {"old": None, "new": "sub"}
    assert history[0]["actor"] == "app-token" and history[0]["rpc_method"] == "createTask"
    assert history[4]["actor"] == "user:1" and history[4]["credential"] == "password:user:1"
    assert history[4]["changes"]["task"]["is_active"] == {"old": 1, "new": 0}
    assert [h["position"] for h in history] == sorted(h["position"] for h in history)


async def test_every_write_records_caller_credential_and_request(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "P"})
    user_id = await kanboard.call("createUser", {"username": "zoe", "password": "secret123"})
    await kanboard.call("addProjectUser", [1, user_id, "project-manager"])
    zoe = kanboard.as_user("zoe", "secret123")
    status, _, _ = await zoe.post(json.dumps({"jsonrpc": "2.0", "method": "createTask",
                                              "id": "req-9", "params": ["t", 1]}),
                                  {"X-Request-Id": "corr-1", "User-Agent": "script/1.0"})
    assert status == 200
    events = await kanboard.call("getEvents", [0, 1000])
    created = [e for e in events if e["type"] == "TaskCreated"][-1]
    meta = created["metadata"]
    assert meta["actor"] == f"user:{user_id}" and meta["actor_name"] == "zoe"
    assert meta["credential"] == f"password:user:{user_id}" and meta["auth_method"] == "password"
    assert meta["endpoint"] == "kanboard" and meta["rpc_method"] == "createTask"
    assert meta["request_id"] == "req-9" and meta["correlation_id"] == "corr-1"
    assert meta["user_agent"] == "script/1.0" and meta["client"] == "127.0.0.1"
    assert all(len(e["hash"]) == 64 for e in events)
    for event in events:
        assert event["metadata"]["actor"] and event["metadata"]["credential"]


async def test_the_raw_log_never_shows_a_secret(kanboard: Rpc) -> None:
    await kanboard.call("createUser", {"username": "yan", "password": "secret123"})
    text = json.dumps(await kanboard.call("getEvents", [0, 1000]))
    assert "scrypt$" not in text and "<redacted>" in text


async def test_raw_log_is_for_admins(kanboard: Rpc) -> None:
    await kanboard.call("createUser", {"username": "max", "password": "secret123"})
    status, _, _ = await kanboard.as_user("max", "secret123").post(
        '{"jsonrpc":"2.0","method":"getEvents","id":1,"params":[0,10]}')
    assert status == 403


async def test_project_activity_lists_what_users_did(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "P"})
    user_id = await kanboard.call("createUser", {"username": "ann", "password": "secret123",
                                                 "name": "Ann"})
    await kanboard.call("addProjectUser", [1, user_id, "project-member"])
    await kanboard.call("createTask", {"title": "by token", "project_id": 1})
    ann = kanboard.as_user("ann", "secret123")
    await ann.call("createTask", {"title": "by ann", "project_id": 1})
    await ann.call("moveTaskPosition", [1, 2, 2, 1, 1])
    activity = await kanboard.call("getProjectActivity", [1])
    assert [a["event_name"] for a in activity] == ["task.move.column", "task.create"]
    assert activity[1]["event_title"] == "Ann created the task #2"
    assert await ann.call("getMyActivityStream") == activity


async def test_time_travel_from_snapshots_matches_the_live_answers(
        db_path: str, session: aiohttp.ClientSession, monkeypatch) -> None:
    """Snapshots are only a shortcut: answers from them equal what getBoard said then."""
    import itertools

    import projections.snapshots as snapshots
    from eventstore.schema import connect
    from tests.conftest import TOKEN, basic, start_server

    monkeypatch.setattr(snapshots, "EVERY", 4)
    runner, url = await start_server(db_path)
    rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
    try:
        await rpc.call("createProject", {"name": "Snap"})
        for title in "abcdef":
            await rpc.call("createTask", {"title": title, "project_id": 1})
        seen = []
        for step in range(36):  # a snapshot every 12 events (twice the task count)
            task_id, column_id = step % 6 + 1, step % 4 + 1
            await rpc.call("moveTaskPosition", [1, task_id, column_id, 1, 1])
            position = connect(db_path).execute("SELECT MAX(position) FROM events").fetchone()[0]
            seen.append((position, await rpc.call("getBoard", [1]),
                         await rpc.call("getAllTasks", [1, 1])))
        stored = connect(db_path).execute("SELECT COUNT(*) FROM snapshots").fetchone()[0]
        assert stored >= 3
        for position, board, tasks in seen:
            assert await rpc.call("getBoardAt", [1, position]) == board
            assert await rpc.call("getAllTasksAt", [1, 1, position]) == tasks
        conn = connect(db_path)  # a snapshot from other code is ignored, not trusted
        conn.execute("UPDATE snapshots SET version = version + 100")
        conn.execute("INSERT INTO snapshots VALUES ('project-1', ?, 0, ?)", (seen[-1][0], b"\0"))
        assert await rpc.call("getBoardAt", [1, seen[-1][0]]) == seen[-1][1]
    finally:
        await runner.cleanup()


async def test_a_log_without_project_snapshots_gets_them_at_the_start(
        db_path: str, session: aiohttp.ClientSession, monkeypatch) -> None:
    """A log whose project snapshots are missing (imported, generated, or kept by code of
    another snapshot version) gets them when a server starts on it, once: time travel then
    starts near the moment instead of at the log's start, with the same answers."""
    import itertools

    import projections.snapshots as snapshots
    from eventstore.schema import connect
    from tests.conftest import TOKEN, basic, start_server

    monkeypatch.setattr(snapshots, "EVERY", 4)

    async def served(work):
        runner, url = await start_server(db_path)
        try:
            return await work(Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN),
                                  itertools.count(1)))
        finally:
            await runner.cleanup()

    async def write(rpc: Rpc) -> list:
        await rpc.call("createProject", {"name": "Imported"})
        for title in "abcdef":
            await rpc.call("createTask", {"title": title, "project_id": 1})
        seen = []
        for step in range(30):
            await rpc.call("moveTaskPosition", [1, step % 6 + 1, step % 4 + 1, 1, 1])
            if step % 3 == 0:
                await rpc.call("updateTask", {"id": step % 6 + 1, "title": f"t{step}"})
            position = connect(db_path).execute("SELECT MAX(position) FROM events").fetchone()[0]
            seen.append((position, await rpc.call("getBoard", [1])))
        return seen

    seen = await served(write)
    connect(db_path).execute("DELETE FROM snapshots")

    async def travel(rpc: Rpc) -> list:
        return [await rpc.call("getBoardAt", [1, position]) for position, _ in seen]

    assert await served(travel) == [board for _, board in seen]
    conn = connect(db_path)
    kept = conn.execute("SELECT position FROM snapshots WHERE name = 'project-1'").fetchall()
    assert len(kept) >= 3 and kept[0][0] < seen[len(seen) // 2][0]
    marks = "SELECT COUNT(*) FROM snapshots WHERE name = 'projects-backfilled'"
    assert conn.execute(marks).fetchone()[0] == 1
    assert await served(travel) == [board for _, board in seen]  # not backfilled again
    assert connect(db_path).execute(marks).fetchone()[0] == 1


async def test_a_failed_sign_in_records_its_user_agent_cut_as_any_write(kanboard: Rpc) -> None:
    """A client chooses its User-Agent: the login failure's event keeps a bounded part,
    as the events of authenticated writes do."""
    await kanboard.call("createUser", {"username": "ivo", "password": "secret123"})
    long_agent = "a" * 4000
    status, _, _ = await kanboard.as_user("ivo", "wrong-one").post(
        json.dumps({"jsonrpc": "2.0", "method": "getVersion", "id": 1}),
        {"User-Agent": long_agent, "X-Request-Id": "corr-2"})
    assert status == 401
    events = await kanboard.call("getEvents", [0, 1000])
    failure = [e for e in events if e["type"] == "UserLoginFailed"][-1]
    meta = failure["metadata"]
    assert meta["user_agent"] == long_agent[:MAX_STORED_ID * 2]
    assert meta["correlation_id"] == "corr-2" and meta["endpoint"] == "kanboard"
