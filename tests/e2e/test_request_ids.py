"""Every response carries the request's X-Request-Id, whichever stage answered it:
a call, a refusal of the credentials, an oversized body, a health check, a bug."""
from __future__ import annotations

import logging

import aiohttp
import pytest

from rpc.kanboard.endpoint import KanboardDialect
from tests.conftest import Server, basic, start_server

CALL = b'{"jsonrpc":"2.0","method":"getVersion","id":1}'


async def status_and_id(session: aiohttp.ClientSession, method: str, url: str,
                        **kwargs) -> tuple[int, str | None]:
    async with session.request(method, url, **kwargs) as response:
        await response.read()
        return response.status, response.headers.get("X-Request-Id")


async def test_refusals_and_plain_routes_echo_the_request_id(
        server: Server, session: aiohttp.ClientSession) -> None:
    given = {"X-Request-Id": "trace-7"}
    answers = [
        await status_and_id(session, "POST", f"{server.url}/jsonrpc.php", data=CALL,
                            headers={**given, "Authorization": basic("jsonrpc", "wrong")}),
        await status_and_id(session, "POST", f"{server.url}/api/jsonrpc", data=CALL,
                            headers={**given, "x-api-key": "lt_none_wrong"}),
        await status_and_id(session, "GET", f"{server.url}/health", headers=given),
    ]
    assert answers == [(401, "trace-7"), (401, "trace-7"), (200, "trace-7")]


async def test_an_oversized_body_is_refused_with_the_request_id(
        db_path: str, session: aiohttp.ClientSession) -> None:
    runner, url = await start_server(db_path, max_body=1024)
    try:
        answer = await status_and_id(session, "POST", f"{url}/jsonrpc.php",
                                     data=b"[" + b" " * 4096 + b"]",
                                     headers={"X-Request-Id": "trace-8"})
    finally:
        await runner.cleanup()
    assert answer == (413, "trace-8")


async def test_a_bug_outside_any_procedure_is_a_500_with_a_traceable_id(
        server: Server, session: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    async def broken(*args: object) -> None:
        raise RuntimeError("a bug in authentication")

    monkeypatch.setattr(KanboardDialect, "authenticate", broken)
    answer = await status_and_id(session, "POST", f"{server.url}/jsonrpc.php", data=CALL,
                                 headers={"X-Request-Id": "trace-9"})
    assert answer == (500, "trace-9")
    assert [r for r in caplog.records
            if r.levelno == logging.ERROR and "trace-9" in r.getMessage() and r.exc_info]
