"""Durability of acknowledged writes across clean stops, stops under load, and crashes.

Each test runs `boardlog serve` as a real process on a loopback port (tests/helpers_process.py),
stops or kills it, starts it again on the same database file and reads back over the API.
"""
from __future__ import annotations

import asyncio
import sqlite3
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import orjson

from eventstore.verify import verify_chain
from tests.e2e.helpers_process import Client, RpcFailed, ServerProcess, run_verify, running_server

CLIENT_TIMEOUT = aiohttp.ClientTimeout(total=15)
TRANSPORT_ERRORS = (aiohttp.ClientError, asyncio.TimeoutError, ConnectionError)


# --- helpers -------------------------------------------------------------------------------


async def populate(client: Client) -> dict[str, Any]:
    """A small but varied world: two projects, a member, tasks in several columns,
    a moved task, a closed task, tags, comments and subtasks."""
    user_id = await client.call("createUser", username="carol", password="carol-password",
                                name="Carol")
    assert isinstance(user_id, int) and user_id > 0
    made: dict[str, Any] = {"user_id": user_id, "projects": []}
    for p in range(2):
        project_id = await client.call("createProject", name=f"Durable {p}",
                                       description=f"project {p}")
        assert await client.call("addProjectUser", project_id=project_id, user_id=user_id,
                                 role="project-member") is True
        columns = await client.call("getColumns", project_id=project_id)
        swimlane_id = (await client.call("getActiveSwimlanes", project_id=project_id))[0]["id"]
        task_ids = []
        for n in range(5):
            task_id = await client.call(
                "createTask", project_id=project_id, title=f"p{p} task {n}",
                column_id=columns[n % 2]["id"], description=f"about {n}",
                tags=["durable", f"n{n}"], owner_id=user_id if n % 2 else 0, score=n)
            assert isinstance(task_id, int) and task_id > 0
            task_ids.append(task_id)
            for c in range(n % 3):
                assert await client.call("createComment", task_id=task_id, user_id=user_id,
                                         content=f"comment {c} on {task_id}")
            assert await client.call("createSubtask", task_id=task_id, title=f"step of {task_id}")
        assert await client.call("moveTaskPosition", project_id=project_id, task_id=task_ids[0],
                                 column_id=columns[2]["id"], position=1,
                                 swimlane_id=swimlane_id) is True
        assert await client.call("closeTask", task_id=task_ids[1]) is True
        assert await client.call("updateTask", id=task_ids[2], title="renamed") is True
        made["projects"].append({"id": project_id, "tasks": task_ids})
    return made


async def snapshot(client: Client) -> dict[str, Any]:
    """Everything a user reads back: projects, boards (with each open task's tags), tasks
    (open and closed), comments, subtasks and users."""
    state: dict[str, Any] = {"projects": await client.call("getAllProjects"),
                             "users": await client.call("getAllUsers")}
    for project in state["projects"]:
        pid = project["id"]
        state[f"board {pid}"] = await client.call("getBoard", project_id=pid)
        for status in (0, 1):
            tasks = await client.call("getAllTasks", project_id=pid, status_id=status)
            state[f"tasks {pid} status {status}"] = tasks
            for task in tasks:
                tid = task["id"]
                state[f"comments {tid}"] = await client.call("getAllComments", task_id=tid)
                state[f"subtasks {tid}"] = await client.call("getAllSubtasks", task_id=tid)
    return state


@dataclass
class Burst:
    """What concurrent writers were told: acknowledged task ids and comment ids."""

    tasks: dict[int, str] = field(default_factory=dict)  # task id -> title
    comments: dict[int, tuple[int, str]] = field(default_factory=dict)  # id -> (task, content)
    attempts: int = 0
    in_flight: int = 0  # requests sent and not answered yet
    in_flight_at_signal: int = 0
    signalled_after: float = 0.0
    errors: list[str] = field(default_factory=list)  # JSON-RPC errors (not transport errors)

    def summary(self) -> str:
        return (f"{self.attempts} attempts, {len(self.tasks)} tasks and {len(self.comments)} "
                f"comments acknowledged, signal after {self.signalled_after:.2f}s with "
                f"{self.in_flight_at_signal} requests in flight")


async def write_loop(url: str, project_id: int, worker: int, burst: Burst, deadline: float,
                     max_writes: int, with_comments: bool) -> None:
    """One client creating tasks (and comments on them) until the server goes away."""
    async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
        client = Client(session, url)
        for n in range(max_writes):
            if time.monotonic() > deadline:
                return
            title = f"worker {worker} write {n}"
            burst.attempts += 1
            burst.in_flight += 1
            try:
                task_id = await client.call("createTask", project_id=project_id, title=title,
                                            tags=["burst", f"w{worker}"])
                assert isinstance(task_id, int) and task_id > 0, task_id
                burst.tasks[task_id] = title
                if with_comments:
                    content = f"note on {title}"
                    comment_id = await client.call("createComment", task_id=task_id,
                                                   user_id=0, content=content)
                    assert isinstance(comment_id, int) and comment_id > 0, comment_id
                    burst.comments[comment_id] = (task_id, content)
            except TRANSPORT_ERRORS:
                return  # the server stopped or died: this write was not acknowledged
            except RpcFailed as exc:
                burst.errors.append(str(exc))
                return
            finally:
                burst.in_flight -= 1


async def burst_then(server: ServerProcess, project_id: int, action: str, *, workers: int,
                     with_comments: bool, signal_after: float, seconds: float,
                     min_acks: int) -> Burst:
    """Run `workers` concurrent writers for at most `seconds`; `signal_after` seconds in
    (later if fewer than `min_acks` tasks were acknowledged by then, but before `seconds`),
    send the server SIGTERM or SIGKILL while writes are in flight, and let the writers run
    into it."""
    burst = Burst()
    started = time.monotonic()
    loops = [asyncio.create_task(write_loop(server.rpc_url, project_id, w, burst,
                                            started + seconds, max_writes=2000,
                                            with_comments=with_comments))
             for w in range(workers)]
    try:
        while True:
            elapsed = time.monotonic() - started
            if elapsed >= signal_after and len(burst.tasks) >= min_acks:
                break
            if elapsed >= seconds * 0.9 or all(loop.done() for loop in loops):
                break
            await asyncio.sleep(0.01)
        assert server.alive(), server.output()
        burst.in_flight_at_signal = burst.in_flight
        burst.signalled_after = time.monotonic() - started
        if action == "kill":
            server.process.kill()
        else:
            server.process.terminate()
        await asyncio.wait_for(asyncio.gather(*loops), timeout=seconds + 20)
    finally:
        for loop in loops:
            loop.cancel()
    print(burst.summary())  # shown with -s or on failure
    return burst


def read_log(db_path: str) -> list[dict[str, Any]]:
    """The stored events (the server must be stopped), data and metadata decoded."""
    conn = sqlite3.connect(db_path)
    try:
        rows = conn.execute("SELECT position, stream_id, type, data, metadata FROM events "
                            "ORDER BY position").fetchall()
    finally:
        conn.close()
    return [{"position": p, "stream": s, "type": t, "data": orjson.loads(d),
             "meta": orjson.loads(m)} for p, s, t, d, m in rows]


def chain_report(db_path: str) -> Any:
    conn = sqlite3.connect(db_path)
    try:
        return verify_chain(conn), conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    finally:
        conn.close()


def assert_verify_ok(db_path: str) -> None:
    result = run_verify(db_path)
    assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
    assert "OK" in result.stdout, result.stdout


async def new_project(server: ServerProcess, name: str) -> int:
    async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
        project_id = await Client(session, server.rpc_url).call("createProject", name=name)
    assert isinstance(project_id, int) and project_id > 0
    return project_id


async def check_acknowledged(client: Client, project_id: int, burst: Burst) -> None:
    """Every acknowledged task and comment reads back as it was written."""
    semaphore = asyncio.Semaphore(16)

    async def task(task_id: int, title: str) -> None:
        async with semaphore:
            got = await client.call("getTask", task_id=task_id)
        assert got, f"acknowledged task {task_id} ({title!r}) is missing after restart"
        assert (got["title"], got["project_id"]) == (title, project_id), got

    async def comment(comment_id: int, task_id: int, content: str) -> None:
        async with semaphore:
            got = await client.call("getComment", comment_id=comment_id)
        assert got, f"acknowledged comment {comment_id} is missing after restart"
        assert (got["task_id"], got["comment"]) == (task_id, content), got

    await asyncio.gather(*(task(t, title) for t, title in burst.tasks.items()),
                         *(comment(c, t, text) for c, (t, text) in burst.comments.items()))


# --- tests ---------------------------------------------------------------------------------


async def test_clean_restart_reads_back_exactly_what_was_there(tmp_path: Path) -> None:
    """A user who stops the server (SIGTERM) and starts it again finds every project, board,
    task, comment, subtask, tag and user exactly as they were read before the stop."""
    db = str(tmp_path / "boardlog.db")
    async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
        with running_server(db, tmp_path) as first:
            client = Client(session, first.rpc_url)
            await populate(client)
            before = await snapshot(client)
            head = first.health()["log_head"]
            assert first.terminate() == 0, first.output()
        assert_verify_ok(db)
        with running_server(db, tmp_path) as second:
            client = Client(session, second.rpc_url)
            after = await snapshot(client)
            health = second.health()
            assert second.terminate() == 0, second.output()
    assert len(before["projects"]) == 2
    assert after == before
    assert health["log_head"] == head  # a restart appends nothing and loses nothing
    assert all(p["lag"] == 0 for p in health["projections"].values()), health


async def test_sigterm_under_write_load_keeps_every_acknowledged_write(tmp_path: Path) -> None:
    """SIGTERM while clients are writing: the server exits cleanly, and every task and
    comment a client was told was created is there, unchanged, after the restart."""
    db = str(tmp_path / "boardlog.db")
    with running_server(db, tmp_path) as server:
        project_id = await new_project(server, "Under load")
        burst = await burst_then(server, project_id, "terminate", workers=16,
                                 with_comments=True, signal_after=0.4, seconds=1.0,
                                 min_acks=40)
        exit_code = await asyncio.to_thread(server.process.wait, 30)
        assert exit_code == 0, server.output()
    assert burst.errors == [], burst.errors
    assert len(burst.tasks) >= 20, (burst.summary(), "the burst acknowledged too little to mean much")
    assert burst.in_flight_at_signal > 0, (burst.summary(), "the signal came while nothing was in flight")
    assert_verify_ok(db)
    with running_server(db, tmp_path) as server:
        async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
            client = Client(session, server.rpc_url)
            await check_acknowledged(client, project_id, burst)
            stored = await client.call("getAllTasks", project_id=project_id, status_id=1)
        assert server.terminate() == 0, server.output()
    assert set(burst.tasks) <= {t["id"] for t in stored}


async def test_kill_9_mid_burst_loses_no_acknowledged_write_and_half_applies_none(
        tmp_path: Path) -> None:
    """A crash (kill -9) while 32 clients create tasks: every acknowledged task is readable
    with its title after restart, each command's events are all there or none are (a task
    is never without its tags), projections agree with the log (`boardlog verify` exits 0),
    and the hash chain is intact."""
    db = str(tmp_path / "boardlog.db")
    with running_server(db, tmp_path) as server:
        project_id = await new_project(server, "Crash")
        burst = await burst_then(server, project_id, "kill", workers=32, with_comments=False,
                                 signal_after=0.5, seconds=1.0, min_acks=100)
        assert server.process.wait(timeout=10) == -9
    assert burst.errors == [], burst.errors
    assert len(burst.tasks) >= 20, (burst.summary(), "the burst acknowledged too little to mean much")
    assert burst.in_flight_at_signal > 0, (burst.summary(), "the signal came while nothing was in flight")

    # The crashed file, before any server touches it again.
    assert_verify_ok(db)
    report, rows = chain_report(db)
    assert report.problem is None and report.checked == rows, report
    events = read_log(db)
    created = {e["data"]["task_id"]: e for e in events if e["type"] == "TaskCreated"}
    tagged = {e["data"]["task_id"]: e for e in events if e["type"] == "TaskTagsSet"}
    assert set(created) == set(tagged), "a createTask command was half applied"
    by_request: dict[str, set[str]] = defaultdict(set)
    for e in events:
        if e["meta"].get("command") == "CreateTask":
            by_request[e["meta"]["correlation_id"]].add(e["type"])
    assert all({"TaskCreated", "TaskTagsSet"} <= types for types in by_request.values())
    for task_id, title in burst.tasks.items():
        assert task_id in created, f"acknowledged task {task_id} has no TaskCreated event"
        assert created[task_id]["data"]["fields"]["title"] == title
        assert created[task_id]["meta"]["rpc_method"] == "createTask"

    with running_server(db, tmp_path) as server:
        async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
            client = Client(session, server.rpc_url)
            await check_acknowledged(client, project_id, burst)
            stored = await client.call("getAllTasks", project_id=project_id, status_id=1)
            board = await client.call("getBoard", project_id=project_id)
            health = server.health()
        assert server.terminate() == 0, server.output()
    assert {t["id"] for t in stored} == set(created)  # the projection agrees with the log
    on_board = {t["id"]: sorted(tag["name"] for tag in t["tags"])
                for lane in board for column in lane["columns"] for t in column["tasks"]}
    assert set(on_board) == set(created)
    for task_id, names in on_board.items():  # each task has both tags its command set
        worker = created[task_id]["data"]["fields"]["title"].split()[1]
        assert names == ["burst", f"w{worker}"], (task_id, names)
    assert health["log_head"] == len(events)
    assert all(p["lag"] == 0 for p in health["projections"].values()), health
    assert_verify_ok(db)
