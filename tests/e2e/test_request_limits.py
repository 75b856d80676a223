"""What one request may cost the server (issue #11, items 1 and 2), over real HTTP:
batch members, the size of an answer, text lengths, credentials checked before a byte
of the body is read, and bodies or headers that arrive too slowly."""
from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import aiohttp

from tests.conftest import Rpc, Server, basic, start_server
from tests.e2e.helpers_process import running_server
from tests.e2e.leantime_support import leantime_as
from tests.e2e.raw_http import BAD_AUTH, TOKEN_AUTH, head, port_of, read_answer


def call(method: str, params: dict, request_id: int) -> dict:
    return {"jsonrpc": "2.0", "method": method, "params": params, "id": request_id}


async def test_a_batch_of_more_than_1000_calls_is_refused_whole(kanboard: Rpc) -> None:
    batch = [call("createProject", {"name": f"P{i}"}, i) for i in range(1001)]
    status, payload, _ = await kanboard.post(json.dumps(batch))
    assert status == 200
    assert payload["error"]["code"] == -32600 and payload["id"] is None
    assert "at most 1000 calls" in payload["error"]["data"]
    assert await kanboard.call("getAllProjects") == []  # nothing ran
    status, payload, _ = await kanboard.post(json.dumps(batch[:1000]))
    assert len(payload) == 1000 and all("result" in r for r in payload)


async def test_a_batch_answer_stops_at_its_byte_limit(db_path: str,
                                                      session: aiohttp.ClientSession) -> None:
    """The issue's attack scaled down: many getBoard calls on a project holding a large
    description; the answer stops past the limit, and the calls after it are not run."""
    limit = 256 * 1024
    runner, url = await start_server(db_path, max_answer=limit)
    try:
        kanboard = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", "test-application-token"),
                       iter(range(1, 10 ** 6)))
        project_id = await kanboard.call("createProject", {"name": "Big"})
        await kanboard.call("createTask", {"title": "t", "project_id": project_id,
                                           "description": "x" * 100_000})
        batch = [call("getBoard", {"project_id": project_id}, i) for i in range(30)]
        batch.append(call("createProject", {"name": "after the limit"}, 99))
        async with session.post(kanboard.url, data=json.dumps(batch),
                                headers={"Authorization": kanboard.auth}) as response:
            raw = await response.read()
        answers = json.loads(raw)
        assert len(raw) < limit + 110_000  # the limit, plus the one reply that passed it
        ran = [a for a in answers if "result" in a]
        assert 2 <= len(ran) <= 3 and [a["id"] for a in ran] == list(range(len(ran)))
        skipped = answers[len(ran):]
        assert [a["id"] for a in skipped] == [*range(len(ran), 30), 99]
        assert all(a["error"]["code"] == -32600 and "not run" in a["error"]["data"]
                   for a in skipped)
        assert [p["name"] for p in await kanboard.call("getAllProjects")] == ["Big"]
    finally:
        await runner.cleanup()


async def test_a_thousand_get_boards_do_not_grow_the_server(tmp_path: Path) -> None:
    """The issue's attack (3,000 getBoard on a project holding a 10 MB description, the
    server killed for lack of memory) scaled down: 1,000 getBoard on a 200 KB one would
    be a 200 MB answer; with a 1 MiB answer limit the server stays within a few MB."""
    settings = {"BOARDLOG_MAX_ANSWER": str(1024 * 1024)}
    with running_server(str(tmp_path / "b.db"), tmp_path, settings) as server:
        async with aiohttp.ClientSession() as session:
            kanboard = Rpc(session, server.rpc_url, basic("jsonrpc", "test-application-token"),
                           iter(range(1, 10 ** 6)))
            project_id = await kanboard.call("createProject", {"name": "Big"})
            await kanboard.call("createTask", {"title": "t", "project_id": project_id,
                                               "description": "x" * 200_000})
            await kanboard.call("getBoard", [project_id])  # warm: the answer cache
            before = _rss(server.pid)
            batch = [call("getBoard", {"project_id": project_id}, i) for i in range(1000)]
            async with session.post(kanboard.url, data=json.dumps(batch),
                                    headers={"Authorization": kanboard.auth}) as response:
                answers = await response.json()
            assert len(answers) == 1000
            assert sum("result" in a for a in answers) == 6  # 6 x 200 KB passes 1 MiB
            assert _rss(server.pid) - before < 16 * 1024 * 1024


async def test_text_longer_than_the_limit_is_refused_naming_the_field(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    project_id = await kanboard.call("createProject", {"name": "Texts"})
    long = "x" * (1024 * 1024 + 1)
    refused = await kanboard.answer("createTask", {"title": "t", "project_id": project_id,
                                                   "description": long})
    assert refused["error"] == {"code": -32602, "message": "Invalid params",
                                "data": "description is longer than 1048576 characters"}
    refused = await kanboard.answer("createTask", {"title": "t", "project_id": project_id,
                                                   "tags": ["ok", long]})
    assert refused["error"]["data"] == "tags[1] is longer than 1048576 characters"
    assert await kanboard.call("getAllTasks", [project_id, 1]) == []
    lt = await leantime_as(kanboard, server, session, "owner")
    error = await lt.error("tickets.addTicket", {"values": {
        "headline": "h", "projectId": project_id, "description": long}})
    assert error == {"code": -32602,
                     "message": "values.description is longer than 1048576 characters"}
    # what Kanboard on MySQL holds at most (a TEXT column, 64 KiB) is well within it
    task_id = await kanboard.call("createTask", {"title": "t", "project_id": project_id,
                                                 "description": "y" * 65535 * 4})
    assert len((await kanboard.call("getTask", [task_id]))["description"]) == 65535 * 4


async def _answer_before_the_body(url: str, path: str, auth: dict[str, str],
                                  declared: int) -> tuple[int, float]:
    """Headers declaring a large body and 1 KiB of it: the answer, and how long it took."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port_of(url))
    started = time.monotonic()
    try:
        writer.write(head(path, {"Content-Length": str(declared), **auth}) + b"[" * 1024)
        await writer.drain()
        answer = await read_answer(reader, timeout=5)
        return answer.status, time.monotonic() - started
    finally:
        writer.close()


async def test_bad_credentials_are_answered_without_reading_the_body(server: Server) -> None:
    declared = 8 * 1024 * 1024
    for path, auth in (("/jsonrpc.php", {"Authorization": BAD_AUTH}), ("/jsonrpc.php", {}),
                       ("/api/jsonrpc", {"x-api-key": "lt_nobody_wrong"}), ("/api/jsonrpc", {})):
        status, took = await _answer_before_the_body(server.url, path, auth, declared)
        assert status == 401 and took < 5, (path, auth)


async def test_anonymous_bodies_do_not_grow_the_server(tmp_path: Path) -> None:
    """Three anonymous connections each sending 16 MiB: answered 401 at once, and the
    server's resident memory stays put."""
    with running_server(str(tmp_path / "b.db"), tmp_path) as server:
        async def send(body: bytes) -> int:
            reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
            try:
                writer.write(head("/jsonrpc.php", {"Content-Length": str(len(body)),
                                                   "Authorization": BAD_AUTH}))
                writer.write(body)
                answer = await read_answer(reader, timeout=20)
                await asyncio.wait_for(writer.drain(), 20)
                return answer.status
            finally:
                writer.close()

        # warm up first: each failed check runs a scrypt of its own (16 MiB while it runs)
        assert await asyncio.gather(*(send(b"{}") for _ in range(3))) == [401] * 3
        before = _rss(server.pid)
        body = b"[" + b" " * (16 * 1024 * 1024 - 1024) + b"]"  # well-formed: Kanboard says 401
        assert await asyncio.gather(send(body), send(body), send(body)) == [401] * 3
        assert _rss(server.pid) - before < 8 * 1024 * 1024  # 33 MB when it read them


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


async def test_a_trickling_body_is_cut_off_after_the_read_timeout(db_path: str) -> None:
    runner, url = await start_server(db_path, read_timeout=1.0)
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port_of(url))
        started = time.monotonic()
        writer.write(head("/jsonrpc.php", {"Content-Length": "1000",
                                           "Authorization": TOKEN_AUTH}))
        answer = None
        for _ in range(40):  # a byte every 0.1 s: would take 100 s
            writer.write(b" ")
            await writer.drain()
            try:
                answer = await asyncio.wait_for(read_answer(reader), 0.1)
                break
            except TimeoutError:
                continue
        assert answer is not None and answer.status == 408
        assert time.monotonic() - started < 3
        writer.close()
    finally:
        await runner.cleanup()


async def test_headers_that_never_end_are_cut_off_after_the_idle_timeout(db_path: str) -> None:
    runner, url = await start_server(db_path, idle_timeout=1.0)
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port_of(url))
        writer.write(b"POST /jsonrpc.php HTTP/1.1\r\nHost: x\r\n")
        await writer.drain()
        started = time.monotonic()
        async with asyncio.timeout(5):
            assert await reader.read() == b""  # closed by the server
        assert time.monotonic() - started < 4
        writer.close()
    finally:
        await runner.cleanup()
