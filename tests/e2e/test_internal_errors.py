"""A bug inside a procedure is an internal error the operator can trace, on both
endpoints: the client gets the endpoint's internal-error code with the request's
correlation id in `data`, the log gets the traceback under the same id, and the bug is
never dressed up as a refusal (false, -32602)."""
from __future__ import annotations

import dataclasses
import json
import logging
from typing import Any

import pytest

from domain import commands as cmd
from domain.decision import DECIDERS
from domain.state import World
from rpc import kanboard as kanboard_facade
from rpc import leantime as leantime_facade
from rpc.procedures import Procedure, ProcedureTable
from tests.conftest import Rpc, Server
from tests.e2e.leantime_support import kb_key, lt_for

LOGGER = "boardlog.rpc"


def break_procedure(monkeypatch: pytest.MonkeyPatch, table: ProcedureTable,
                    procedure: Procedure, bug: Exception) -> None:
    """Make `procedure` raise `bug`, as a programming error in its handler would."""
    async def broken(ctx: Any, **args: Any) -> Any:
        raise bug

    monkeypatch.setitem(table.procedures, procedure.name,
                        dataclasses.replace(procedure, handler=broken))


def logged_failures(caplog: pytest.LogCaptureFixture, correlation_id: str) -> list:
    return [r for r in caplog.records if r.name == LOGGER and r.levelno == logging.ERROR
            and r.exc_info and correlation_id in r.getMessage()]


async def test_a_kanboard_bug_is_an_internal_error_carrying_the_request_id(
        kanboard: Rpc, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    table = kanboard_facade.load()
    break_procedure(monkeypatch, table, table.get("getTimezone"), KeyError("a bug"))
    body = json.dumps([{"jsonrpc": "2.0", "method": "getTimezone", "id": 1},
                       {"jsonrpc": "2.0", "method": "getVersion", "id": 2}])
    status, payload, headers = await kanboard.post(body, {"X-Request-Id": "trace-bug-1"})
    assert status == 200 and headers["X-Request-Id"] == "trace-bug-1"
    assert payload[0] == {"jsonrpc": "2.0", "id": 1, "error": {
        "code": -32603, "message": "Internal error", "data": {"request_id": "trace-bug-1"}}}
    assert "result" in payload[1]  # the rest of the batch is answered
    [record] = logged_failures(caplog, "trace-bug-1")
    assert isinstance(record.exc_info[1], KeyError)


async def test_a_kanboard_bug_in_a_write_is_not_answered_false(
        kanboard: Rpc, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    table = kanboard_facade.load()
    break_procedure(monkeypatch, table, table.get("createProject"), ValueError("a bug"))
    status, payload, headers = await kanboard.post(
        '{"jsonrpc":"2.0","method":"createProject","id":5,"params":{"name":"P"}}')
    generated = headers["X-Request-Id"]
    assert status == 200 and generated
    assert payload["error"] == {"code": -32603, "message": "Internal error",
                                "data": {"request_id": generated}}
    assert logged_failures(caplog, generated)


async def test_a_leantime_bug_is_a_server_error_carrying_the_request_id(
        kanboard: Rpc, server: Server, session, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    key = (await kb_key(kanboard, "admin"))["key"]
    table = leantime_facade.load()
    break_procedure(monkeypatch, table, leantime_facade.lookup("api", "config", "getSystemInfo"),
                    AttributeError("a bug"))
    client = lt_for(server, session, key)
    request = client.envelope("api.config.getSystemInfo", {})
    status, payload, headers = await client.post(request, {"X-Request-Id": "trace-bug-2"})
    assert status == 200 and headers["X-Request-Id"] == "trace-bug-2"
    assert payload == {"jsonrpc": "2.0", "id": request["id"], "error": {
        "code": -32000, "message": "Server error", "data": {"request_id": "trace-bug-2"}}}
    [record] = logged_failures(caplog, "trace-bug-2")
    assert isinstance(record.exc_info[1], AttributeError)


async def test_a_faulty_decision_answers_internal_error_and_writes_nothing(
        kanboard: Rpc, monkeypatch: pytest.MonkeyPatch) -> None:
    def faulty(world: World, command: Any) -> None:
        raise ValueError("a bug in a decision")

    monkeypatch.setitem(DECIDERS, cmd.CreateProject, faulty)
    answer = await kanboard.answer("createProject", {"name": "Never"})
    assert answer["error"]["code"] == -32603
    monkeypatch.undo()
    assert await kanboard.call("getAllProjects") == []
    assert await kanboard.call("createProject", {"name": "Works"}) == 1
