"""Operator tooling over a real database: export/import, replay, rebuild, versions, upcasting."""
from __future__ import annotations

import asyncio
import itertools
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest

import projections.projector as projector
from eventstore.recorder import chain_hash
from eventstore.records import encode
from eventstore import reader
from eventstore.schema import connect
from projections import rebuild as rebuild_module
from projections.projector import VersionMismatch
from projections.rebuild import check, rebuild
from rpc.app import Config, create_app
from tests.conftest import TOKEN, Rpc, basic, start_server
from tests.e2e.cli_support import cli, imported_copy
from tests.e2e.storage_support import scratch_tables

READS = [("getAllProjects", None), ("getBoard", [1]), ("getAllTasks", [1, 1]),
         ("getAllTasks", [1, 0]), ("getTask", [1]), ("getAllComments", [1]),
         ("getAllSubtasks", [1]), ("getAllUsers", None), ("getColumns", [1]),
         ("getProjectUsers", [1]), ("getTaskHistory", [1]), ("getProjectActivity", [1])]


async def populate(rpc: Rpc) -> None:
    await rpc.call("createProject", {"name": "Ops"})
    user_id = await rpc.call("createUser", {"username": "uma", "password": "secret123"})
    await rpc.call("addProjectUser", [1, user_id, "project-member"])
    for title in ("one", "two", "three"):
        await rpc.call("createTask", {"title": title, "project_id": 1, "tags": ["x"]})
    await rpc.call("moveTaskPosition", [1, 3, 2, 1, 1])
    await rpc.call("createComment", {"task_id": 1, "user_id": user_id, "content": "note"})
    await rpc.call("createSubtask", {"task_id": 1, "title": "sub"})
    await rpc.call("closeTask", [2])


async def answers(url: str, session: aiohttp.ClientSession) -> list[Any]:
    rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
    return [await rpc.call(method, params) for method, params in READS]


async def test_export_import_verify_and_answer_the_same(kanboard: Rpc, server, tmp_path: Path,
                                                        session: aiohttp.ClientSession) -> None:
    await populate(kanboard)
    before = await answers(server.url, session)
    export = tmp_path / "log.ndjson"
    assert cli("export", "--db", server.db_path, "--out", str(export)).returncode == 0
    imported = imported_copy(export, tmp_path)
    runner, url = await start_server(imported)
    try:
        assert await answers(url, session) == before
    finally:
        await runner.cleanup()


async def test_import_refuses_a_tampered_log(kanboard: Rpc, server, tmp_path: Path) -> None:
    await populate(kanboard)
    export = tmp_path / "log.ndjson"
    cli("export", "--db", server.db_path, "--out", str(export))
    export.write_text(export.read_text().replace('\\"title\\":\\"two\\"', '\\"title\\":\\"t2\\"'))
    target = tmp_path / "imported.db"
    result = cli("import", "--db", str(target), str(export))
    assert result.returncode == 1 and "REFUSED" in result.stderr and "position" in result.stderr
    assert reader.head(connect(str(target)))[0] == 0 if target.exists() else True


async def test_replay_writes_the_database_as_it_was(kanboard: Rpc, server, tmp_path: Path,
                                                    session: aiohttp.ClientSession) -> None:
    await populate(kanboard)
    position = reader.head(connect(server.db_path))[0] - 3
    board_then = await kanboard.call("getBoardAt", [1, position])
    out = str(tmp_path / "past.db")
    assert cli("replay", "--db", server.db_path, "--until", str(position), "--out", out).returncode == 0
    runner, url = await start_server(out)
    try:
        rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
        assert await rpc.call("getBoard", [1]) == board_then
    finally:
        await runner.cleanup()


async def test_rebuild_check_reports_a_planted_difference(kanboard: Rpc, server) -> None:
    await populate(kanboard)
    assert cli("rebuild", "--db", server.db_path, "--check").returncode == 0
    conn = connect(server.db_path)
    conn.execute("UPDATE columns SET title = 'Planted' WHERE key = 2")
    conn.execute("DELETE FROM subtasks WHERE key = 1")
    result = cli("rebuild", "--db", server.db_path, "--check")
    assert result.returncode == 1
    assert "columns: row 2 differs" in result.stderr and "subtasks: row 1 is missing" in result.stderr
    assert cli("rebuild", "--db", server.db_path, "tasks", "projects").returncode == 0
    assert cli("rebuild", "--db", server.db_path, "--check").returncode == 0
    assert cli("rebuild", "--db", server.db_path, "nosuch").returncode == 2


async def test_rebuild_while_clients_write_and_read(kanboard: Rpc, server) -> None:
    await populate(kanboard)
    for i in range(200):
        await kanboard.call("createTask", {"title": f"bulk {i}", "project_id": 1})
    created: list[int] = []
    failures: list[Any] = []
    stop = asyncio.Event()

    async def client() -> None:
        for i in range(400):
            if stop.is_set():
                return
            answer = await kanboard.answer("createTask", {"title": f"live {i}", "project_id": 1})
            created.append(answer["result"]) if "result" in answer else failures.append(answer)
            board = await kanboard.answer("getAllTasks", [1, 1])
            if "error" in board:
                failures.append(board)

    writer = asyncio.create_task(client())
    await asyncio.sleep(0.05)
    position = await asyncio.to_thread(rebuild, server.db_path, None, False)
    stop.set()
    await writer
    assert not failures and position > 0
    tasks = {t["id"] for t in await kanboard.call("getAllTasks", [1, 1])}
    assert set(created) <= tasks
    head, differences = check(server.db_path)
    assert differences == []


async def test_an_interrupted_rebuild_leaves_the_live_projection_serving(
        kanboard: Rpc, server, monkeypatch: pytest.MonkeyPatch) -> None:
    await populate(kanboard)
    before = await kanboard.call("getBoard", [1])

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(rebuild_module, "swap_in", interrupted)
    with pytest.raises(KeyboardInterrupt):
        rebuild(server.db_path, show=False)
    assert scratch_tables(connect(server.db_path))
    assert await kanboard.call("getBoard", [1]) == before
    await kanboard.call("createTask", {"title": "after", "project_id": 1})
    monkeypatch.undo()
    rebuild(server.db_path, show=False)
    assert check(server.db_path)[1] == []
    assert any(t["title"] == "after" for t in await kanboard.call("getAllTasks", [1, 1]))


async def test_a_new_projection_version_is_rebuilt_before_serving(
        db_path: str, monkeypatch: pytest.MonkeyPatch, session: aiohttp.ClientSession) -> None:
    runner, url = await start_server(db_path)
    rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
    await populate(rpc)
    board = await rpc.call("getBoard", [1])
    await runner.cleanup()
    conn = connect(db_path)
    conn.execute("UPDATE tasks SET board_head = '{}'")  # what older code might have left
    old = projector.VERSIONS["tasks"]
    monkeypatch.setitem(projector.VERSIONS, "tasks", old + 1)
    refused = create_app(Config(db_path=db_path, announce=False, auto_rebuild=False))
    with pytest.raises(VersionMismatch, match=f"tasks is version {old}, this code needs {old + 1}"):
        await aiohttp.web.AppRunner(refused).setup()
    runner, url = await start_server(db_path)
    try:
        rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
        assert await rpc.call("getBoard", [1]) == board
        stored = dict(connect(db_path).execute(
            "SELECT name, version FROM projection_checkpoints").fetchall())
        assert stored["tasks"] == projector.VERSIONS["tasks"]
    finally:
        await runner.cleanup()


def _append_raw(conn: sqlite3.Connection, stream: str, type_: str, version: int,
                data: dict) -> None:
    position, previous = reader.head(conn)
    stream_version = conn.execute("SELECT COALESCE(MAX(stream_version), 0) FROM events "
                                  "WHERE stream_id = ?", (stream,)).fetchone()[0] + 1
    meta, at = encode({"actor": "old-code"}), "2020-01-01T00:00:00.000000Z"
    row = (position + 1, stream, stream_version, type_, version, encode(data), meta, at)
    conn.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?)",
                 (*row, chain_hash(previous, *row)))


async def test_old_comment_events_are_upcast_as_they_are_read(
        db_path: str, session: aiohttp.ClientSession) -> None:
    runner, url = await start_server(db_path)
    rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
    await rpc.call("createProject", {"name": "Old"})
    await rpc.call("createTask", {"title": "t", "project_id": 1})
    await runner.cleanup()
    conn = connect(db_path)
    _append_raw(conn, "task-1", "CommentCreated", 1, {  # as v1 code wrote it
        "task_id": 1, "comment_id": 1, "user_id": 1, "content": "written by v1",
        "reference": "", "visibility": "app-user", "at": 1577836800})
    runner, url = await start_server(db_path)  # projections lag the log: rebuilt at start
    try:
        rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
        comments = await rpc.call("getAllComments", [1])
        assert [c["comment"] for c in comments] == ["written by v1"]
        assert cli("verify", "--db", db_path).returncode == 0
        stored = connect(db_path).execute("SELECT schema_version, data FROM events WHERE "
                                          "type = 'CommentCreated'").fetchone()
        assert stored[0] == 1 and '"content"' in stored[1]  # the old row is never rewritten
    finally:
        await runner.cleanup()


async def test_token_rotated_from_the_cli_stops_the_old_token_at_once(kanboard: Rpc,
                                                                       server) -> None:
    assert await kanboard.call("getVersion")  # the old token is now cached as verified
    result = cli("token", "rotate", "--db", server.db_path)
    assert result.returncode == 0
    new_token = result.stdout.strip()
    status, _, _ = await kanboard.post('{"jsonrpc":"2.0","method":"getVersion","id":1}')
    assert status == 401
    rotated = Rpc(kanboard.session, kanboard.url, basic("jsonrpc", new_token), kanboard.counter)
    assert await rotated.call("getVersion")


def test_history_prints_a_readable_timeline(tmp_path: Path) -> None:
    async def write() -> str:
        db = str(tmp_path / "h.db")
        runner, url = await start_server(db)
        async with aiohttp.ClientSession() as session:
            rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
            await populate(rpc)
            await rpc.call("updateTask", {"id": 1, "title": "one!"})
        await runner.cleanup()
        return db

    db = asyncio.run(write())
    task = cli("history", "--db", db, "task", "1")
    assert task.returncode == 0 and "task.title: 'one' -> 'one!'" in task.stdout
    project = cli("history", "--db", db, "project", "1")
    assert project.returncode == 0 and "ProjectCreated" in project.stdout
    missing = cli("history", "--db", db, "task", "999")
    assert missing.returncode == 2 and "no events" in missing.stderr


def test_a_rebuild_killed_midway_leaves_the_live_projection_and_can_rerun(tmp_path: Path) -> None:
    """kill -9 during `boardlog rebuild`: the serving tables are untouched and consistent,
    and running the rebuild again completes."""
    import signal
    import time

    from bench.generate_log import generate
    from projections.projector import Projector

    db = str(tmp_path / "big.db")
    asyncio.run(generate(db, 30_000, projects=3, tasks_per_project=300, projector=Projector()))
    before = connect(db).execute("SELECT COUNT(*), SUM(LENGTH(doc)) FROM tasks").fetchone()
    process = subprocess.Popen([sys.executable, "-m", "rpc.cli", "rebuild", "--db", db],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    watcher, deadline = connect(db), time.monotonic() + 30
    while not watcher.execute("SELECT COUNT(*) FROM sqlite_master WHERE name LIKE "
                              "'%\\_\\_new' ESCAPE '\\'").fetchone()[0]:
        assert process.poll() is None, "the rebuild ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)  # while it writes the new tables
    process.wait(timeout=30)
    assert connect(db).execute("SELECT COUNT(*), SUM(LENGTH(doc)) FROM tasks").fetchone() == before
    assert cli("rebuild", "--db", db, "--check").returncode == 0
    again = cli("rebuild", "--db", db)
    assert again.returncode == 0, again.stderr
    assert cli("verify", "--db", db).returncode == 0
    leftovers = connect(db).execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE '%__new'").fetchone()[0]
    assert leftovers == 0
