"""Long reads run in worker processes (rpc/offload.py) and answer as on the loop."""
from __future__ import annotations

import asyncio

import pytest

from rpc import kanboard as kanboard_facade
from rpc.offload import Job, drive, offloadable, run_job
from tests.conftest import ADMIN_PASSWORD, Rpc, Server

LONG_READS = ("getProjectActivity", "getProjectActivities", "getMyActivityStream",
              "getTaskHistory", "getTaskAt", "getBoardAt", "getAllTasksAt", "getEvents",
              "searchTasks", "getOverdueTasks", "getOverdueTasksByProject",
              "getMyOverdueTasks")


def test_the_long_reads_are_declared_offloaded_and_point_reads_are_not() -> None:
    table = kanboard_facade.load()
    assert [n for n in LONG_READS if not table.get(n).offload] == []
    assert not any(table.get(n).offload for n in ("getTask", "getBoard", "getAllTasks",
                                                   "createTask", "getProjectById"))


def test_a_handler_that_awaits_cannot_be_offloaded() -> None:
    async def suspends() -> None:
        await asyncio.sleep(0)

    with pytest.raises(RuntimeError, match="awaited"):
        drive(suspends())


def test_only_a_database_file_is_shared_with_workers() -> None:
    assert offloadable("/tmp/b.db") and not offloadable(":memory:")


async def test_a_worker_answers_rpc_errors_and_refusals_as_the_loop(
        kanboard: Rpc, server: Server) -> None:
    await kanboard.call("createProject", {"name": "P"})
    await kanboard.call("createTask", {"title": "t", "project_id": 1})
    bad = await kanboard.answer("getBoardAt", [1, "not a moment"])
    assert bad["error"] == {"code": -32602, "message": "Invalid params",
                            "data": "at must be a log position or an ISO 8601 time"}
    from rpc.auth import Principal
    job = Job("rpc.kanboard", "getBoardAt", server.db_path, Principal("app"), {},
              {"project_id": 1, "at": "not a moment"}, 1024)
    kind, value = run_job(job)  # the same call, in this process, as a worker runs it
    assert (kind, value) == ("rpc", (-32602, "Invalid params", bad["error"]["data"]))


async def test_offloaded_reads_answer_while_other_calls_go_on(kanboard: Rpc) -> None:
    """A member's activity stream and history, through the workers, beside point reads."""
    await kanboard.call("createProject", {"name": "P"})
    await kanboard.call("addProjectUser", [1, 1, "project-manager"])
    admin = kanboard.as_user("admin", ADMIN_PASSWORD)
    task_id = await admin.call("createTask", {"title": "mine", "project_id": 1})
    await admin.call("updateTask", {"id": task_id, "title": "renamed"})
    answers = await asyncio.gather(
        admin.call("getProjectActivity", [1]), admin.call("getTaskHistory", [task_id]),
        *(kanboard.call("getTask", [task_id]) for _ in range(20)))
    activity, history = answers[0], answers[1]
    assert [a["event_name"] for a in activity] == ["task.update", "task.create"]
    assert [h["type"] for h in history][:2] == ["TaskCreated", "TaskUpdated"]
    assert all(task["title"] == "renamed" for task in answers[2:])


async def test_search_words_match_titles_in_any_case_and_follow_renames(kanboard: Rpc) -> None:
    """searchTasks finds its words in the tasks table's folded titles (SQL), then applies
    the attribute filters to those tasks only."""
    await kanboard.call("createProject", {"name": "P"})
    first = await kanboard.call("createTask", {"title": "École Plan", "project_id": 1})
    second = await kanboard.call("createTask", {"title": "plan b", "project_id": 1,
                                                "color_id": "red"})
    await kanboard.call("createTask", {"title": "other", "project_id": 1})
    ids = lambda tasks: [t["id"] for t in tasks]  # noqa: E731
    assert ids(await kanboard.call("searchTasks", [1, "PLAN"])) == [first, second]
    assert ids(await kanboard.call("searchTasks", [1, "école plan"])) == [first]
    assert ids(await kanboard.call("searchTasks", [1, "plan color:red"])) == [second]
    await kanboard.call("updateTask", {"id": first, "title": "renamed"})
    assert ids(await kanboard.call("searchTasks", [1, "plan"])) == [second]
    assert await kanboard.call("searchTasks", [2, "plan"]) == []


async def test_a_dead_worker_is_replaced(kanboard: Rpc) -> None:
    """A killed worker breaks its pool; the next offloaded read starts a new one."""
    import os
    import signal

    from rpc.offload import pool_for

    await kanboard.call("createProject", {"name": "P"})
    assert await kanboard.call("searchTasks", [1, "x"]) == []
    pool = pool_for("/a/file.db")
    assert pool is not None and pool._executor is not None
    for pid in list(pool._executor._processes):
        os.kill(pid, signal.SIGKILL)
    await asyncio.sleep(0.2)
    await kanboard.call("createTask", {"title": "x", "project_id": 1})
    assert [t["title"] for t in await kanboard.call("searchTasks", [1, "x"])] == ["x"]


async def test_long_reads_run_at_a_lower_priority_than_the_server(kanboard: Rpc) -> None:
    """When the cores are busy, point reads and writes go before a long read."""
    import os

    from rpc.offload import DEFAULT_NICENESS, pool_for

    server_nice = os.getpriority(os.PRIO_PROCESS, 0)
    if server_nice >= 19:
        pytest.skip("the tests already run at the lowest priority: nothing to lower")
    await kanboard.call("createProject", {"name": "P"})
    assert await kanboard.call("searchTasks", [1, "x"]) == []
    pool = pool_for("/a/file.db")  # the process's one pool (any shareable path finds it)
    assert pool is not None and pool._executor is not None
    assert {os.getpriority(os.PRIO_PROCESS, pid) for pid in pool._executor._processes} == {
        min(server_nice + DEFAULT_NICENESS, 19)}


@pytest.mark.parametrize("given", ["-1", "20", "low", "\u00b2"])
def test_serve_refuses_a_niceness_out_of_range_by_name(tmp_path, given: str) -> None:
    import subprocess

    from tests.e2e.helpers_process import REPO, boardlog_command, server_env

    done = subprocess.run([*boardlog_command(), "serve", "--db", str(tmp_path / "b.db")],
                          cwd=REPO, env={**server_env(), "BOARDLOG_OFFLOAD_NICE": given},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "BOARDLOG_OFFLOAD_NICE" in done.stderr, done.stderr
