"""Several servers on one PostgreSQL database: each a real `boardlog serve` process on a
schema of its own test's, written to concurrently by several clients.

What a user of either server relies on: no acknowledged write lost or duplicated, ids
unique, log positions gapless, `verify` clean, every write read back through the other
server right after its acknowledgement, a crash (kill -9) of one under write load losing
nothing acknowledged while the other keeps serving, and a key revoked on one refused by
the other on the very next request.
"""
from __future__ import annotations

import asyncio
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import aiohttp
import psycopg
import pytest

from tests.e2e.helpers_process import Client, RpcFailed, ServerProcess, run_verify, running_server
from eventstore.pg_connection import split_schema
from tests.pg_support import pg_location, requires_pg

pytestmark = requires_pg

CLIENT_TIMEOUT = aiohttp.ClientTimeout(total=30)
TRANSPORT_ERRORS = (aiohttp.ClientError, asyncio.TimeoutError, ConnectionError)


@pytest.fixture
def location() -> Iterator[str]:
    with pg_location() as found:
        yield found


@dataclass
class Acks:
    """What the clients were told, and what the other server read back right after."""

    tasks: dict[int, tuple[str, str]] = field(default_factory=dict)  # id -> (title, via)
    unread: list[str] = field(default_factory=list)  # acks the other server did not show
    refused: list[str] = field(default_factory=list)  # JSON-RPC errors


async def writer_client(write_url: str, read_url: str, project_id: int, name: str,
                        acks: Acks, writes: int) -> None:
    """Create tasks through one server; read each back through the other at once."""
    async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
        writer, reader = Client(session, write_url), Client(session, read_url)
        for n in range(writes):
            title = f"{name} write {n}"
            try:
                task_id = await writer.call("createTask", project_id=project_id, title=title)
            except TRANSPORT_ERRORS:
                return  # its server died: not acknowledged
            except RpcFailed as exc:
                acks.refused.append(str(exc))
                return
            acks.tasks[task_id] = (title, name)
            try:
                got = await reader.call("getTask", task_id=task_id)
            except TRANSPORT_ERRORS:
                continue  # the reading server died; read back after the burst instead
            if not got or got["title"] != title:
                acks.unread.append(f"{title} (task {task_id}): {got!r}")


def log_positions(location: str) -> list[int]:
    url, schema = split_schema(location)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        return [p for (p,) in conn.execute("SELECT position FROM events ORDER BY position")]


async def new_project(server: ServerProcess, name: str) -> int:
    async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
        return await Client(session, server.rpc_url).call("createProject", name=name)


async def read_back_all(server: ServerProcess, project_id: int, acks: Acks) -> None:
    """Every acknowledged task, once each, in the project's task list on `server`."""
    async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
        listed = await Client(session, server.rpc_url).call("getAllTasks",
                                                            project_id=project_id, status_id=1)
    titles = Counter(t["title"] for t in listed)
    assert [t for t, n in titles.items() if n > 1] == [], "a write is stored twice"
    by_id = {t["id"]: t["title"] for t in listed}
    assert len(by_id) == len(listed), "task ids are not unique"
    missing = {i: t for i, (t, _) in acks.tasks.items() if by_id.get(i) != t}
    assert missing == {}, f"acknowledged but not stored: {missing}"


def assert_log_sound(location: str) -> None:
    positions = log_positions(location)
    assert positions == list(range(1, len(positions) + 1)), "log positions have gaps"
    result = run_verify(location)
    assert result.returncode == 0, (result.stdout, result.stderr)


async def test_two_servers_under_concurrent_writes_lose_and_duplicate_nothing(
        location: str, tmp_path: Path) -> None:
    with running_server(location, tmp_path) as a, running_server(location, tmp_path) as b:
        project_id = await new_project(a, "Shared")
        acks = Acks()
        clients = [writer_client(*(urls if i % 2 else urls[::-1]), project_id, f"c{i}", acks,
                                 writes=40)
                   for i, urls in enumerate([(a.rpc_url, b.rpc_url)] * 6)]
        await asyncio.gather(*clients)
        assert acks.refused == [] and acks.unread == []
        assert len(acks.tasks) == 6 * 40
        assert {via for _, via in acks.tasks.values()} == {f"c{i}" for i in range(6)}
        for server in (a, b):
            await read_back_all(server, project_id, acks)
    assert_log_sound(location)


async def test_kill_9_of_one_server_under_write_load_loses_nothing_and_the_other_serves(
        location: str, tmp_path: Path) -> None:
    with running_server(location, tmp_path) as a, running_server(location, tmp_path) as b:
        project_id = await new_project(a, "Crash")
        acks = Acks()
        on_a = [asyncio.create_task(writer_client(a.rpc_url, b.rpc_url, project_id, f"a{i}",
                                                  acks, writes=400)) for i in range(3)]
        on_b = [asyncio.create_task(writer_client(b.rpc_url, b.rpc_url, project_id, f"b{i}",
                                                  acks, writes=60)) for i in range(3)]
        while len(acks.tasks) < 60:
            await asyncio.sleep(0.01)
        a.kill()
        before_kill = len(acks.tasks)
        await asyncio.gather(*on_a, *on_b)
        assert acks.refused == [] and acks.unread == []
        assert sum(via.startswith("b") for _, via in acks.tasks.values()) == 3 * 60, \
            "the surviving server stopped acknowledging writes"
        assert len(acks.tasks) > before_kill
        await read_back_all(b, project_id, acks)
    assert_log_sound(location)


async def leantime(session: aiohttp.ClientSession, server: ServerProcess, key: str,
                   method: str, params: dict) -> dict:
    body = {"jsonrpc": "2.0", "method": f"leantime.rpc.{method}", "params": params, "id": 1}
    async with session.post(f"{server.base_url}/api/jsonrpc", data=json.dumps(body),
                            headers={"x-api-key": key}) as response:
        return {"status": response.status, **(await response.json(content_type=None) or {})}


async def test_a_key_revoked_on_one_server_is_refused_by_the_other_at_once(
        location: str, tmp_path: Path) -> None:
    with running_server(location, tmp_path) as a, running_server(location, tmp_path) as b:
        async with aiohttp.ClientSession(timeout=CLIENT_TIMEOUT) as session:
            token = Client(session, a.rpc_url)
            await token.call("createProject", name="Keys")
            owner = (await token.call("createApiKey", name="owner", role="owner"))["key"]
            for attempt in range(5):
                issued = (await leantime(session, a, owner, "api.createAPIKey",
                                         {"values": {"name": f"r{attempt}", "role": "readonly",
                                                     "projects": [1]}}))["result"]
                used = await leantime(session, b, issued["key"], "projects.getAll", {})
                assert [p["name"] for p in used["result"]] == ["Keys"], used
                revoked = await leantime(session, a, owner, "api.revokeAPIKey",
                                         {"id": issued["id"]})
                assert revoked["result"] is True, revoked
                refused = await leantime(session, b, issued["key"], "projects.getAll", {})
                assert "result" not in refused, refused
