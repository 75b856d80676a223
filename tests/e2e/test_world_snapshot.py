"""Restarts from a snapshot of the writer's world: what a user reads back is what was
there, whether the server stopped cleanly or was killed after the snapshot."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import aiohttp

from tests.e2e.helpers_process import Client, running_server
from tests.e2e.test_durability import (CLIENT_TIMEOUT, assert_verify_ok, burst_then,
                                       check_acknowledged, new_project, populate, read_log,
                                       snapshot)


def kept_snapshot(db: str) -> int | None:
    """The position of the world snapshot kept in the file, if any."""
    conn = sqlite3.connect(db)
    try:
        row = conn.execute("SELECT position FROM world_snapshot").fetchone()
    finally:
        conn.close()
    return row[0] if row else None


async def test_kill_9_after_a_snapshot_loses_nothing(tmp_path: Path) -> None:
    """A clean stop keeps a snapshot at the head; the next server starts from it, takes
    more writes and is killed (-9) before it keeps another: the third start reads the
    snapshot and the events after it, and a user finds everything as it was."""
    db = str(tmp_path / "boardlog.db")
    async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
        with running_server(db, tmp_path) as first:
            made = await populate(Client(session, first.rpc_url))
            head = first.health()["log_head"]
            assert first.terminate() == 0, first.output()
        assert kept_snapshot(db) == head
        with running_server(db, tmp_path) as second:
            client = Client(session, second.rpc_url)
            assert f"world read from the snapshot at {head}" in second.output()
            project_id = made["projects"][0]["id"]
            task_id = await client.call("createTask", project_id=project_id, title="after")
            assert await client.call("createComment", task_id=task_id, user_id=made["user_id"],
                                     content="said after the snapshot")
            assert await client.call("closeTask", task_id=made["projects"][1]["tasks"][0])
            assert await client.call("removeTask", task_id=made["projects"][0]["tasks"][3])
            before = await snapshot(client)
            second.kill()
        assert kept_snapshot(db) == head < len(read_log(db))
        assert_verify_ok(db)
        with running_server(db, tmp_path) as third:
            after = await snapshot(Client(session, third.rpc_url))
            assert f"world read from the snapshot at {head}" in third.output()
            assert third.terminate() == 0, third.output()
    assert after == before


async def test_kill_9_mid_burst_with_frequent_snapshots_loses_no_acknowledged_write(
        tmp_path: Path) -> None:
    """Snapshots every 25 events while 32 clients create tasks, then kill -9: every
    acknowledged task is there after the restart, which started from a snapshot."""
    db = str(tmp_path / "boardlog.db")
    settings = {"BOARDLOG_SNAPSHOT_EVERY": "25"}
    with running_server(db, tmp_path, settings) as server:
        project_id = await new_project(server, "Crash")
        burst = await burst_then(server, project_id, "kill", workers=32, with_comments=False,
                                 signal_after=0.5, seconds=1.0, min_acks=100)
        assert server.process.wait(timeout=10) == -9
    assert burst.errors == [], burst.errors
    assert len(burst.tasks) >= 20, burst.summary()
    position = kept_snapshot(db)
    assert position is not None and position > 25
    assert_verify_ok(db)
    with running_server(db, tmp_path, settings) as server:
        assert f"world read from the snapshot at {position}" in server.output()
        async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
            client = Client(session, server.rpc_url)
            await check_acknowledged(client, project_id, burst)
            task_id = await client.call("createTask", project_id=project_id, title="next")
            assert (await client.call("getTask", task_id=task_id))["title"] == "next"
        assert server.terminate() == 0, server.output()
    assert_verify_ok(db)
