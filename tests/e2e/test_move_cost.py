"""A move costs the log one event however full its column is, and every read shows the
positions Kanboard would, now and as of any earlier moment (over real HTTP)."""
from __future__ import annotations

import json

from eventstore.schema import connect
from projections.rebuild import check
from tests.conftest import Rpc, Server

COLUMN_SIZE = 1000


def event_count(server: Server) -> int:
    conn = connect(server.db_path)
    try:
        return conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    finally:
        conn.close()


async def create_tasks(kanboard: Rpc, count: int, column_id: int) -> None:
    """In JSON-RPC batches, to keep the setup fast."""
    for start in range(0, count, 250):
        batch = [{"jsonrpc": "2.0", "method": "createTask", "id": i,
                  "params": {"title": f"task {i}", "project_id": 1, "column_id": column_id}}
                 for i in range(start, min(start + 250, count))]
        status, answers, _ = await kanboard.post(json.dumps(batch))
        assert status == 200 and all("result" in a and a["result"] for a in answers)


def positions(tasks: list[dict]) -> dict[int, int]:
    return {int(t["id"]): int(t["position"]) for t in tasks}


async def test_moving_the_last_of_1000_tasks_first_appends_at_most_two_events(
        kanboard: Rpc, server: Server) -> None:
    await kanboard.call("createProject", {"name": "Full column"})
    await create_tasks(kanboard, COLUMN_SIZE, column_id=1)
    before = event_count(server)
    assert await kanboard.call("moveTaskPosition", [1, COLUMN_SIZE, 1, 1, 1])
    assert event_count(server) - before <= 2
    expected = {COLUMN_SIZE: 1, **{t: t + 1 for t in range(1, COLUMN_SIZE)}}
    assert positions(await kanboard.call("getAllTasks", [1, 1])) == expected
    assert (await kanboard.call("getTask", [500]))["position"] == 501
    board = await kanboard.call("getBoard", [1])
    cell = board[0]["columns"][0]["tasks"]
    assert [int(t["id"]) for t in cell] == [COLUMN_SIZE, *range(1, COLUMN_SIZE)]
    assert positions(cell) == expected
    found = await kanboard.call("searchTasks", [1, "task 99"])
    assert {int(t["id"]): int(t["position"]) for t in found if t["title"] == "task 99"} == {
        100: 101}
    assert check(server.db_path)[1] == []  # positions patched in place = a fresh fold's rows


async def test_moving_between_columns_renumbers_both_now_and_in_time_travel(
        kanboard: Rpc, server: Server) -> None:
    await kanboard.call("createProject", {"name": "Two columns"})
    await create_tasks(kanboard, 4, column_id=1)  # tasks 1-4 in Backlog
    await create_tasks(kanboard, 3, column_id=2)  # tasks 5-7 in Ready
    moment = event_count(server)  # = the log head: positions run 1..n
    then = await kanboard.call("getTask", [3])
    assert await kanboard.call("moveTaskPosition", [1, 2, 2, 2, 1])  # task 2 -> Ready, 2nd
    assert event_count(server) - moment == 1
    now = {t: (await kanboard.call("getTask", [t]))["position"] for t in range(1, 8)}
    assert now == {1: 1, 3: 2, 4: 3, 5: 1, 2: 2, 6: 3, 7: 4}
    # a sibling renumbered by another task's move, as it was and as it is
    assert await kanboard.call("getTaskAt", [3, moment]) == then
    assert (await kanboard.call("getTaskAt", [3, moment + 1]))["position"] == 2
    assert await kanboard.call("getBoardAt", [1, moment + 1]) == await kanboard.call(
        "getBoard", [1])
    assert await kanboard.call("getAllTasksAt", [1, 1, moment + 1]) == await kanboard.call(
        "getAllTasks", [1, 1])
