"""Hostile requests at random, over real HTTP (issue #11): hypothesis builds requests for
both endpoints (every method of both procedure tables, params of random JSON types and
shapes, batches, notifications, odd ids, broken bodies) with odd headers (credentials
good, bad and malformed, Content-Encoding, Content-Type, Expect, X-Request-Id), sent as
identities that have no right to a canary project made first.

Every answer is valid JSON-RPC (no internal error among them) or a deliberate HTTP
status, never a 500; and the canary's board, tasks and comments are as they were.
The run is derandomized and bounded (200 examples, a few seconds), so `make test` stays
deterministic; raise FUZZ_EXAMPLES to search longer with fresh randomness.
"""
from __future__ import annotations

import base64
import gzip
import http.client
import json
import os
from contextlib import contextmanager
from typing import Any, Iterator

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from rpc import kanboard as kanboard_table, leantime as leantime_table
from tests.conftest import TOKEN, Rpc, basic
from tests.e2e.leantime_support import ThreadedServer, kb_key
from tests.pg_support import pg_location, requires_pg

# every method of both tables, with its parameters' names
SIGNATURES = {**{name: [p.name for p in procedure.params]
                 for name, procedure in kanboard_table.load().procedures.items()},
              **{f"leantime.rpc.{name}": [p.name for p in procedure.params]
                 for name, procedure in leantime_table.load().procedures.items()}}
KANBOARD_METHODS = sorted(m for m in SIGNATURES if not m.startswith("leantime."))
LEANTIME_METHODS = sorted(m for m in SIGNATURES if m.startswith("leantime."))
PARAM_NAMES = sorted({name for names in SIGNATURES.values() for name in names})
DELIBERATE = {400, 401, 403, 408, 413, 415, 417, 429}
INTERNAL = {-32603, -32000}  # Kanboard's and Leantime's answer to a bug
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
FUZZER_PASSWORD = "fuzzer-password"


@contextmanager
def fuzz_database(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if backend == "sqlite":
        yield str(tmp_path_factory.mktemp("fuzz") / "b.db")
    else:
        with pg_location() as location:
            yield location


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=requires_pg)])
def target(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A server holding a canary project, and the credentials the fuzz may use: a user
    and a key of another project only, and credentials that are wrong or malformed; on
    each backend (a value PostgreSQL's typed columns refuse must not become a crash)."""
    with fuzz_database(request.param, tmp_path_factory) as location:
        yield from _served(location)


def _served(location: str) -> Iterator[dict[str, Any]]:
    threaded = ThreadedServer(location)

    async def populate(kb: Rpc) -> dict[str, Any]:
        canary = await kb.call("createProject", {"name": "Canary"})
        for title in ("first", "second"):
            task = await kb.call("createTask", {"title": title, "project_id": canary,
                                                "description": f"{title} description"})
            await kb.call("createComment", {"task_id": task, "user_id": 1, "content": "c"})
            await kb.call("createSubtask", {"task_id": task, "title": "s"})
        playground = await kb.call("createProject", {"name": "Playground"})
        await kb.call("createTask", {"title": "play", "project_id": playground})
        fuzzer = await kb.call("createUser", {"username": "fuzzer", "password": FUZZER_PASSWORD})
        await kb.call("addProjectUser", [playground, fuzzer, "project-manager"])
        key = (await kb_key(kb, "manager", [playground]))["key"]
        return {"canary": canary, "key": key}

    try:
        found = threaded.setup(populate)
        yield {"server": threaded, "port": int(threaded.url.rsplit(":", 1)[1]), **found}
    finally:
        threaded.stop()


def canary_state(target: dict[str, Any]) -> Any:
    async def read(kb: Rpc) -> Any:
        project = target["canary"]
        tasks = [await kb.call("getAllTasks", [project, status]) for status in (0, 1)]
        comments = [await kb.call("getAllComments", [t["id"]]) for t in tasks[1]]
        subtasks = [await kb.call("getAllSubtasks", [t["id"]]) for t in tasks[1]]
        return (await kb.call("getProjectById", [project]), await kb.call("getBoard", [project]),
                tasks, comments, subtasks)
    return target["server"].setup(read)


# --- what a request is made of ----------------------------------------------------------

_odd_strings = st.sampled_from([
    "99999999999999999999", "-1", "inf", "nan", "1e300", 'title:"abc', "0001-01-01T00:00:00",
    "9999-12-31T23:59:59-05:00", "", " ", "\u0000", "é" * 3, "status:open assignee:me",
    "2024-02-30", "app-admin", "project-manager", "owner", "#1"])
_scalars = (st.none() | st.booleans() | st.integers(-3, 5) | st.integers(-3, 5) | st.integers()
            | st.sampled_from([2 ** 63, 2 ** 64, -(2 ** 63) - 1, 10 ** 30])
            | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12)
            | _odd_strings)
_values = st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3)
                       | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)
_named = st.dictionaries(st.sampled_from(PARAM_NAMES) | st.text(max_size=8), _values,
                         max_size=6)
_params = _named | st.lists(_values, max_size=6) | _named | _scalars
_ids = (st.integers(1, 10 ** 6) | st.text(max_size=8) | st.none() | st.floats(0, 10)
        | st.just(json.loads("[" * 40 + "]" * 40)) | st.dictionaries(st.text(max_size=3),
                                                                    st.integers(), max_size=2))


@st.composite
def calls(draw: Any, methods: list[str]) -> Any:
    call: dict[str, Any] = {"jsonrpc": draw(st.sampled_from(["2.0"] * 8 + ["1.0", 2]))}
    # (hypothesis leans to small numbers: 0 is the usual case, the top one the odd one)
    call["method"] = draw(st.sampled_from(methods) if draw(st.integers(0, 9)) < 9
                          else st.text(max_size=10) | st.integers())
    names = SIGNATURES.get(call["method"], [])
    shape = draw(st.integers(0, 3))
    if shape == 0 and names:  # the method's own parameters, some left out
        call["params"] = {n: draw(_values) for n in names if draw(st.integers(0, 4)) < 4}
    elif shape == 1 and names:
        call["params"] = [draw(_values) for _ in names]
    elif shape == 2:
        call["params"] = draw(_params)
    if draw(st.integers(0, 4)) < 4:  # mostly a call, now and then a notification
        call["id"] = draw(_ids)
    return call if draw(st.integers(0, 15)) < 15 else draw(_values)  # or no call at all


@st.composite
def bodies(draw: Any, methods: list[str]) -> bytes:
    shape = draw(st.sampled_from(["call"] * 5 + ["batch"] * 2 + ["raw"]))
    if shape == "raw":
        return draw(st.binary(max_size=40) | st.sampled_from([b"", b"[]", b"{", b"[{}]", b"42"]))
    payload = (draw(calls(methods)) if shape == "call"
               else draw(st.lists(calls(methods), min_size=1, max_size=4)))
    return json.dumps(payload).encode()


def credentials(target: dict[str, Any], leantime: bool) -> Any:
    """Mostly credentials that pass (a user and a key of the playground only; Leantime
    takes only the key); wrong keys are rarer, since each one counts toward the address's
    limit (429 after 20 a minute), and so does any other credential sent to Leantime."""
    user = basic("fuzzer", FUZZER_PASSWORD)
    key = {"x-api-key": target["key"]}
    if leantime:
        return st.sampled_from([key] * 30 + [{}, {"x-api-key": "lt_nobody_wrong"}])
    passing = [{"Authorization": user}, key,
               {"X-API-Auth": base64.b64encode(f"fuzzer:{FUZZER_PASSWORD}".encode()).decode()}]
    failing = [{}, {"Authorization": basic("nobody", "nothing")}, {"Authorization": "Basic !!!"},
               {"Authorization": "Bearer abc"}, {"Authorization": basic("jsonrpc", "wrong")},
               {"Authorization": "Basic "}]
    return st.sampled_from(passing * 6 + failing + [{"x-api-key": "lt_nobody_wrong"}])


_header_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=20)
_odd_headers = st.just({}) | st.just({}) | st.fixed_dictionaries({}, optional={
    "Content-Type": st.sampled_from(["application/json", "text/plain", "", "multipart/x"])
    | _header_text,
    "X-Request-Id": _header_text,
    "Expect": st.sampled_from(["100-continue"] * 4 + ["something"]),
    "Content-Encoding": st.sampled_from(["gzip", "deflate", "identity", "zzz", "gzip, br"]),
    "User-Agent": _header_text,
})


@st.composite
def requests(draw: Any, target: dict[str, Any]) -> tuple[str, str, dict, bytes]:
    leantime = draw(st.booleans())
    path = draw(st.sampled_from(["/api/jsonrpc", "/API/JsonRpc/"] if leantime
                                else ["/jsonrpc.php", "/jsonrpc"]))
    body = draw(bodies(LEANTIME_METHODS if leantime else KANBOARD_METHODS))
    headers = {**draw(credentials(target, leantime)), **draw(_odd_headers)}
    if headers.get("Content-Encoding") == "gzip" and draw(st.booleans()):
        body = gzip.compress(body)  # a real gzip body now and then
    verb = draw(st.sampled_from(["POST", "POST", "POST", "GET", "PUT"]))
    if verb == "GET" and leantime:
        return verb, path + "?" + draw(st.sampled_from([
            "method=leantime.rpc.tickets.getAll&jsonrpc=2.0&id=1",
            "method=leantime.rpc.tickets.getTicket&jsonrpc=2.0&id=1&params=e30",
            "method=x&jsonrpc=2.0&id=1&params=!!!", ""])), headers, b""
    return verb, path, headers, body


# --- what an answer may be --------------------------------------------------------------


def send(port: int, request: tuple[str, str, dict, bytes]) -> tuple[int, bytes]:
    verb, path, headers, body = request
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(verb, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def check_reply(reply: Any) -> None:
    assert isinstance(reply, dict) and reply.get("jsonrpc") == "2.0", reply
    assert "id" in reply and (("result" in reply) != ("error" in reply)), reply
    if "error" in reply:
        error = reply["error"]
        assert isinstance(error.get("code"), int) and isinstance(error.get("message"), str)
        assert error["code"] not in INTERNAL, reply  # a bug, whatever the input


def check_answer(status: int, body: bytes) -> None:
    assert status != 500 and (status == 200 or status in DELIBERATE), (status, body[:300])
    if status != 200 or not body:  # a deliberate status, or notifications only
        return
    answer = json.loads(body)
    for reply in answer if isinstance(answer, list) else [answer]:
        check_reply(reply)


def test_no_hostile_request_crashes_the_server_or_touches_the_canary(
        target: dict[str, Any]) -> None:
    before = canary_state(target)

    @settings(max_examples=EXAMPLES, derandomize=EXAMPLES == 200, deadline=None,
              suppress_health_check=list(HealthCheck), database=None)
    @given(requests(target))
    def hostile(request: tuple[str, str, dict, bytes]) -> None:
        check_answer(*send(target["port"], request))

    hostile()
    assert canary_state(target) == before
    # and the server still answers its owner
    status, body = send(target["port"], ("POST", "/jsonrpc.php", {
        "Authorization": basic("jsonrpc", TOKEN)}, b'{"jsonrpc":"2.0","method":"getVersion","id":1}'))
    assert status == 200 and json.loads(body)["result"] == "main.unknown_revision"
