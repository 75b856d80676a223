"""Several server processes on one SQLite file (issue #13): `serve --workers N`, and two
independent `serve` processes each written to by several clients at once.

Every server here is a real process (tests/e2e/helpers_process.py) reached over HTTP on
the loopback interface; what is checked is what a user relies on: every acknowledged
write is there once, read back at once through the other process, ids unique, positions
gapless, `boardlog verify` clean, and credentials revoked through one process refused by
the other at the next request.
"""
from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import subprocess
import time
from pathlib import Path

import aiohttp

from tests.e2e.helpers_process import (HOST, Client, RpcFailed, ServerProcess, basic,
                                       boardlog_command, run_verify, running_server,
                                       server_env)
from tests.e2e.cli_support import cli
from tests.e2e.leantime_support import Leantime

CLIENT_TIMEOUT = aiohttp.ClientTimeout(total=20)
TRANSPORT_ERRORS = (aiohttp.ClientError, asyncio.TimeoutError, ConnectionError)
CLIENTS_PER_SERVER = 3
WRITES_PER_CLIENT = 15
BURST = 24  # requests sent at once
WAIT = 30.0  # seconds to wait for a restarted worker or a stop


async def new_project(client: Client, name: str) -> tuple[int, int]:
    """A project and the id of its first column."""
    project_id = await client.call("createProject", name=name)
    columns = await client.call("getColumns", project_id=project_id)
    return project_id, columns[0]["id"]


async def write_and_read_back(writer: Client, reader: Client, project_id: int,
                              column_id: int, label: str, count: int) -> list[int]:
    """`count` createTasks through `writer`; each one read through `reader` as soon as it
    is acknowledged. The acknowledged ids."""
    acknowledged = []
    for n in range(count):
        title = f"{label} #{n}"
        task_id = await writer.call("createTask", project_id=project_id, title=title,
                                    column_id=column_id)
        assert isinstance(task_id, int) and task_id > 0, task_id
        acknowledged.append(task_id)
        seen = await reader.call("getTask", task_id=task_id)
        assert seen and seen["title"] == title, (task_id, seen)
    return acknowledged


def log_positions(db_path: str) -> tuple[int, int, int]:
    """(count, lowest, highest) log positions, read straight from the file."""
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT COUNT(*), MIN(position), MAX(position) FROM events"
                            ).fetchone()
    finally:
        conn.close()


async def column_positions(client: Client, project_id: int, column_id: int) -> dict[int, int]:
    """{task id: position} of the open tasks of a column."""
    tasks = await client.call("getAllTasks", project_id=project_id, status_id=1)
    return {t["id"]: int(t["position"]) for t in tasks if int(t["column_id"]) == column_id}


def assert_verified(db_path: str) -> None:
    result = run_verify(db_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("OK")


async def test_two_processes_share_one_file_without_losing_or_duplicating_a_write(
        tmp_path: Path) -> None:
    """Three clients on each of two server processes create tasks in one column at once;
    each task is read through the other process right after its acknowledgement. Then
    both processes list exactly the acknowledged tasks, once each, at positions 1..n; the
    log's positions are gapless and `verify` is clean."""
    db = str(tmp_path / "shared.db")
    with running_server(db, tmp_path) as first, running_server(db, tmp_path) as second:
        async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
            one, two = Client(session, first.rpc_url), Client(session, second.rpc_url)
            project_id, column_id = await new_project(one, "Shared")
            runs = [write_and_read_back(Client(session, server.rpc_url),
                                        Client(session, other.rpc_url), project_id,
                                        column_id, f"{name} client {c}", WRITES_PER_CLIENT)
                    for server, other, name in ((first, second, "first"),
                                                (second, first, "second"))
                    for c in range(CLIENTS_PER_SERVER)]
            acknowledged = [i for ids in await asyncio.gather(*runs) for i in ids]
            expected = 2 * CLIENTS_PER_SERVER * WRITES_PER_CLIENT
            assert len(acknowledged) == len(set(acknowledged)) == expected
            for client in (one, two):
                positions = await column_positions(client, project_id, column_id)
                assert set(positions) == set(acknowledged)
                assert sorted(positions.values()) == list(range(1, expected + 1))
        assert first.terminate() == 0 and second.terminate() == 0
    count, lowest, highest = log_positions(db)
    assert (lowest, highest) == (1, count)
    assert_verified(db)


async def keep_writing(client: Client, project_id: int, column_id: int, label: str,
                       acknowledged: list[int], stop: asyncio.Event) -> None:
    """createTask until `stop` is set or the server goes away; acknowledged ids noted."""
    n = 0
    while not stop.is_set():
        try:
            task_id = await client.call("createTask", project_id=project_id,
                                        title=f"{label} #{n}", column_id=column_id)
        except TRANSPORT_ERRORS:
            return
        acknowledged.append(task_id)
        n += 1


async def test_a_process_killed_under_write_load_loses_nothing_acknowledged(
        tmp_path: Path) -> None:
    """Two processes under write load; one is killed with SIGKILL. The other keeps
    acknowledging writes, and afterwards holds every write either acknowledged, once."""
    db = str(tmp_path / "shared.db")
    with running_server(db, tmp_path) as doomed, running_server(db, tmp_path) as survivor:
        async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
            project_id, column_id = await new_project(Client(session, survivor.rpc_url), "K")
            from_doomed: list[int] = []
            from_survivor: list[int] = []
            stop = asyncio.Event()
            writers = [asyncio.create_task(keep_writing(
                           Client(session, server.rpc_url), project_id, column_id,
                           f"{name} {c}", ids, stop))
                       for server, name, ids in ((doomed, "doomed", from_doomed),
                                                 (survivor, "survivor", from_survivor))
                       for c in range(CLIENTS_PER_SERVER)]
            while len(from_doomed) < 20 or len(from_survivor) < 20:
                assert not all(w.done() for w in writers), "the writers stopped early"
                await asyncio.sleep(0.05)
            doomed.kill()
            after_kill = len(from_survivor)
            while len(from_survivor) < after_kill + 30:  # the survivor keeps serving
                assert not all(w.done() for w in writers[CLIENTS_PER_SERVER:])
                await asyncio.sleep(0.05)
            stop.set()
            await asyncio.gather(*writers)
            survivor_client = Client(session, survivor.rpc_url)
            stored = await column_positions(survivor_client, project_id, column_id)
            acknowledged = from_doomed + from_survivor
            assert len(acknowledged) == len(set(acknowledged))
            assert set(acknowledged) <= set(stored)
            assert sorted(stored.values()) == list(range(1, len(stored) + 1))
            for task_id in from_doomed:
                assert (await survivor_client.call("getTask", task_id=task_id))["id"] == task_id
        assert survivor.terminate() == 0
    assert_verified(db)


async def test_credentials_revoked_through_one_process_stop_on_the_other_at_once(
        tmp_path: Path) -> None:
    """An API key and a user's password, both verified (and so cached) by the second
    process, stop working there from the very next request after the first process
    revoked the key and disabled the user: none of a burst of requests sent at once
    slips through while the first of them catches up."""
    db = str(tmp_path / "shared.db")
    with running_server(db, tmp_path) as first, running_server(db, tmp_path) as second:
        async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
            admin = Client(session, first.rpc_url)
            await admin.call("createProject", name="Ops")
            issued = await admin.call("createApiKey", name="bot", role="editor", projects=[1])
            await admin.call("createUser", username="dora", password="dora-password-1")
            key_on_second = Leantime(session, second.base_url, issued["key"])
            dora_on_second = Client(session, second.rpc_url, basic("dora", "dora-password-1"))
            assert await key_on_second.call("tickets.getAll", {}) == []
            assert (await dora_on_second.call("getMe"))["username"] == "dora"

            assert await admin.call("revokeApiKey", key_id=issued["id"]) is True
            burst = await asyncio.gather(*[  # at once: none may pass while one catches up
                key_on_second.post(key_on_second.envelope("tickets.getAll", {}))
                for _ in range(BURST)])
            assert [(status, payload) for status, payload, _ in burst] == \
                [(401, {"error": "Unauthorized"})] * BURST

            user_id = (await admin.call("getUserByName", username="dora"))["id"]
            assert await admin.call("disableUser", user_id=user_id) is True
            answers = await asyncio.gather(*[dora_on_second.call("getMe")
                                             for _ in range(BURST)], return_exceptions=True)
            # 401, or 429 once this address's failed sign-ins passed the limit
            assert all(isinstance(a, RpcFailed) and ("HTTP 401" in str(a) or "HTTP 429"
                                                     in str(a)) for a in answers), answers


def children(pid: int) -> set[int]:
    """The live child processes of `pid` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(stat[1]) == pid and stat[0] != "Z":
            found.add(int(entry.name))
    return found


def listening(pid: int, port: int) -> bool:
    """Whether process `pid` has a socket listening on `port` (Linux /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":
                inodes.add(f"socket:[{fields[9]}]")
    try:
        return any(os.readlink(fd) in inodes for fd in Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return False


def replaced(server: ServerProcess, before: set[int]) -> bool:
    """Whether the supervisor has two workers again, a new one among them listening."""
    now = children(server.pid)
    return len(now) == 2 and any(listening(pid, server.port) for pid in now - before)


def wait_for(condition, what: str, timeout: float = WAIT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} s for {what}")
        time.sleep(0.05)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


async def create_tasks(server: ServerProcess, count: int) -> list[int]:
    async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
        client = Client(session, server.rpc_url)
        project_id, column_id = await new_project(client, f"P{time.monotonic_ns()}")
        return [await client.call("createTask", project_id=project_id, title=f"t{n}",
                                  column_id=column_id) for n in range(count)]


async def test_serve_workers_restarts_a_dead_worker_and_stops_all_on_sigterm(
        tmp_path: Path) -> None:
    """`boardlog serve --workers 2`: two worker processes answer on one port; one killed
    with SIGKILL is replaced by a new one while the port keeps answering; SIGTERM stops
    every worker, the supervisor exits 0, and nothing acknowledged is missing."""
    db = str(tmp_path / "workers.db")
    with running_server(db, tmp_path, args=("--workers", "2")) as server:
        wait_for(lambda: len(children(server.pid)) == 2, "two workers")
        workers = children(server.pid)
        first_ids = await create_tasks(server, 10)

        victim = min(workers)
        os.kill(victim, signal.SIGKILL)
        wait_for(lambda: replaced(server, workers), "the dead worker's replacement")
        assert "worker 0 exited with status -9" in server.output() or \
            "worker 1 exited with status -9" in server.output()
        more_ids = await create_tasks(server, 10)

        assert len(set(first_ids + more_ids)) == 20
        async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
            client = Client(session, server.rpc_url)
            for task_id in first_ids + more_ids:
                assert (await client.call("getTask", task_id=task_id))["id"] == task_id

        now = children(server.pid)
        assert server.terminate() == 0, server.output()
        wait_for(lambda: all(gone(pid) for pid in now), "every worker to stop")
    assert_verified(db)


async def test_serve_workers_prints_first_start_credentials_once(tmp_path: Path) -> None:
    """On a new database, the supervisor does the first start's work once: one token and
    one admin user, announced once, whatever the number of workers."""
    db = str(tmp_path / "fresh.db")
    with running_server(db, tmp_path, args=("--workers", "2"),
                        settings={"BOARDLOG_API_TOKEN": "", "BOARDLOG_ADMIN_PASSWORD": ""}
                        ) as server:
        wait_for(lambda: len(children(server.pid)) == 2, "two workers")
        output = server.output()
        assert server.terminate() == 0, output
    assert output.count("API token (user 'jsonrpc'), shown once") == 1
    assert output.count("Admin user 'admin' created") == 1
    conn = sqlite3.connect(db)
    try:
        types = [row[0] for row in conn.execute("SELECT type FROM events")]
    finally:
        conn.close()
    assert types.count("ApplicationTokenSet") == 1 and types.count("UserCreated") == 1


def test_serve_workers_on_a_port_in_use_exits_2_naming_it(tmp_path: Path) -> None:
    """A port something else listens on stops `serve --workers` before any work."""
    taken = socket.socket()
    taken.bind((HOST, 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        result = subprocess.run(
            [*boardlog_command(), "serve", "--db", str(tmp_path / "x.db"), "--host", HOST,
             "--port", str(port), "--workers", "2"],
            env=server_env(), capture_output=True, text=True, timeout=60)
    finally:
        taken.close()
    assert result.returncode == 2
    assert f"cannot listen on {HOST}:{port}" in result.stderr
    assert not (tmp_path / "x.db").exists()


async def test_a_restarted_worker_keeps_a_token_rotated_since_the_start(tmp_path: Path) -> None:
    """BOARDLOG_API_TOKEN sets the token once, at the supervisor's start: after `boardlog
    token rotate` and a worker's crash and restart, every worker accepts the new token
    and refuses the old one (each call on a new connection, so both workers answer)."""
    db = str(tmp_path / "rotate.db")
    with running_server(db, tmp_path, args=("--workers", "2")) as server:
        wait_for(lambda: len(children(server.pid)) == 2, "two workers")
        rotated = cli("token", "rotate", "--db", db, env=server_env())
        assert rotated.returncode == 0, rotated.stderr
        new_token = rotated.stdout.strip()
        workers = children(server.pid)
        os.kill(min(workers), signal.SIGKILL)
        wait_for(lambda: replaced(server, workers), "the dead worker's replacement")
        for _ in range(20):
            async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
                fresh = Client(session, server.rpc_url, basic("jsonrpc", new_token))
                assert await fresh.call("getVersion")
                stale = Client(session, server.rpc_url)  # the token of BOARDLOG_API_TOKEN
                try:
                    await stale.call("getVersion")
                except RpcFailed as refused:
                    assert "HTTP 401" in str(refused)
                else:
                    raise AssertionError("the token from before the rotation still works")
        assert server.terminate() == 0, server.output()
