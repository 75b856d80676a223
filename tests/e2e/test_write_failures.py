"""A value the database refuses fails its own request only: the others written at the
same moment are kept, the world stays the log's, and nothing is reloaded from the log."""
from __future__ import annotations

import asyncio
from typing import Any

import pytest

from eventstore.fold import fold
from eventstore.sqlite import SqliteLog
from eventstore.schema import connect
from eventstore.writer import Writer
from rpc.app import WRITER
from tests.conftest import Rpc, Server

# 2**63 passes JSON encoding (orjson takes unsigned 64-bit) but not SQLite's INTEGER.
UNSTORABLE = str(2 ** 63)


async def test_an_unstorable_value_fails_alone_among_concurrent_writes(
        server: Server, kanboard: Rpc, monkeypatch: pytest.MonkeyPatch) -> None:
    project_id = await kanboard.call("createProject", {"name": "Canary"})
    task_id = await kanboard.call("createTask", {"title": "t", "project_id": project_id})

    def no_reload(*args: Any) -> None:
        raise AssertionError("the writer reloaded the world from the log")

    monkeypatch.setattr(Writer, "_load", no_reload)
    calls = [kanboard.answer("createTask", {"title": f"ok {i}", "project_id": project_id})
             for i in range(20)]
    calls.insert(7, kanboard.answer("createTask", {"title": "bad", "project_id": project_id,
                                                   "score": UNSTORABLE}))
    calls.insert(12, kanboard.answer("updateTask", {"id": task_id, "title": "renamed",
                                                    "score": UNSTORABLE}))
    answers = await asyncio.gather(*calls)
    bad = [answers.pop(12), answers.pop(7)]
    assert all("error" in a or a["result"] is False for a in bad), bad
    assert all("error" not in a and a["result"] for a in answers), answers

    tasks = await kanboard.call("getAllTasks", {"project_id": project_id, "status_id": 1})
    assert sorted(t["title"] for t in tasks) == sorted(["t"] + [f"ok {i}" for i in range(20)])
    assert (await kanboard.call("getTask", {"task_id": task_id}))["score"] == 0
    writer = server.app[WRITER]
    conn = connect(server.db_path)
    try:
        assert writer.world == fold(SqliteLog(conn)).world
    finally:
        conn.close()
