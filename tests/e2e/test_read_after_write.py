"""A committed write is visible to the very next read, also for the cached list reads."""
from __future__ import annotations

import asyncio

from tests.conftest import Rpc


async def test_lists_and_board_show_each_write_at_once(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "Fresh"})
    assert await kanboard.call("getAllTasks", [1, 1]) == []
    for expected in range(1, 6):
        await kanboard.call("createTask", {"title": f"t{expected}", "project_id": 1})
        assert len(await kanboard.call("getAllTasks", [1, 1])) == expected
        board = await kanboard.call("getBoard", [1])
        assert board[0]["nb_tasks"] == expected
    await kanboard.call("moveTaskPosition", [1, 5, 3, 1, 1])
    columns = (await kanboard.call("getBoard", [1]))[0]["columns"]
    assert [t["id"] for t in columns[2]["tasks"]] == [5]
    await kanboard.call("closeTask", [5])
    assert [t["id"] for t in await kanboard.call("getAllTasks", [1, 0])] == [5]


async def test_reads_racing_writes_never_go_backwards(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "Race"})
    acknowledged: list[int] = []

    async def writer() -> None:
        for i in range(40):
            acknowledged.append(await kanboard.call("createTask", {"title": f"w{i}",
                                                                   "project_id": 1}))

    async def reader() -> None:
        for _ in range(80):
            known = set(acknowledged)
            seen = {t["id"] for t in await kanboard.call("getAllTasks", [1, 1])}
            assert known <= seen  # everything acknowledged before the read is in it

    await asyncio.gather(writer(), reader(), reader())


async def test_offloaded_reads_see_every_acknowledged_write(kanboard: Rpc) -> None:
    """searchTasks, getProjectActivity, getOverdueTasksByProject and getTaskHistory run in
    worker processes with their own connections (rpc/offload.py): each read sent after a
    write's answer sees that write, while other writes race it."""
    await kanboard.call("createProject", {"name": "Offloaded"})
    acknowledged: list[int] = []

    async def writer() -> None:
        for i in range(30):
            acknowledged.append(await kanboard.call(
                "createTask", {"title": f"late {i}", "project_id": 1, "date_due": "2001-01-01"}))

    async def reader() -> None:
        for _ in range(30):
            known = set(acknowledged)
            found = {t["id"] for t in await kanboard.call("searchTasks", [1, "late"])}
            overdue = {t["id"] for t in await kanboard.call("getOverdueTasksByProject", [1])}
            assert known <= found and known <= overdue
            if known:
                newest = max(known)
                history = await kanboard.call("getTaskHistory", [newest])
                assert history and history[0]["type"] == "TaskCreated"

    await asyncio.gather(writer(), reader(), reader())
    assert len(acknowledged) == 30
