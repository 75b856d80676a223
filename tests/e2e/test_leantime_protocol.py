"""Leantime's JSON-RPC envelope on /api/jsonrpc over real HTTP: POST and GET, paths,
method names, batches and notifications, every error code, 401 and 429."""
from __future__ import annotations

import base64
import itertools
import json
from dataclasses import dataclass
from typing import Iterator

import aiohttp
import pytest

from tests.conftest import TOKEN, Rpc, Server, basic, start_server
from tests.e2e.leantime_support import (Leantime, ThreadedServer, b64_params, kb_key,
                                         kb_project, kb_task, lt_for)

NOT_ALLOWED = "You are not allowed to perform this action."


@dataclass
class Shared:
    """One server for this module: project 1 "Alpha" with tickets 1-9 ("First",
    "Task 2".."Task 9"), project 2 "Beta" with ticket 10 "Hidden", and keys."""

    server: ThreadedServer
    owner: str
    editor: str  # scoped to project 1
    readonly: str  # scoped to project 1


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Shared]:
    threaded = ThreadedServer(str(tmp_path_factory.mktemp("leantime-protocol") / "b.db"))

    async def populate(kanboard: Rpc) -> Shared:
        await kb_project(kanboard, "Alpha")
        await kb_task(kanboard, 1, "First")
        for n in range(2, 10):
            await kb_task(kanboard, 1, f"Task {n}")
        await kb_project(kanboard, "Beta")
        assert await kb_task(kanboard, 2, "Hidden") == 10
        return Shared(threaded, (await kb_key(kanboard, "owner"))["key"],
                      (await kb_key(kanboard, "editor", [1]))["key"],
                      (await kb_key(kanboard, "readonly", [1]))["key"])

    try:
        yield threaded.setup(populate)
    finally:
        threaded.stop()


@pytest.fixture
def owner(shared: Shared, session: aiohttp.ClientSession) -> Leantime:
    return Leantime(session, shared.server.url, shared.owner)


@pytest.fixture
def kb(shared: Shared, session: aiohttp.ClientSession) -> Rpc:
    return Rpc(session, f"{shared.server.url}/jsonrpc.php", basic("jsonrpc", TOKEN),
               itertools.count(1))


# --- POST and GET ----------------------------------------------------------------------

async def test_post_with_the_seed_body_gets_one_ticket(owner: Leantime) -> None:
    """The seed's POST example (string id, string param "9"-style) answers the ticket."""
    status, payload, headers = await owner.post(
        '{"method": "leantime.rpc.tickets.getTicket", "jsonrpc": "2.0", "id": "1", '
        '"params": {"id":"1" }}')
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert payload["jsonrpc"] == "2.0" and payload["id"] == "1"
    assert payload["result"]["id"] == 1 and payload["result"]["headline"] == "First"


async def test_post_needs_no_content_type(owner: Leantime) -> None:
    """Scripts that POST JSON as text/plain (or with no Content-Type) still work."""
    body = json.dumps(owner.envelope("tickets.getTicket", {"id": 1}))
    for content_type in ("text/plain", "application/x-www-form-urlencoded"):
        status, payload, _ = await owner.post(body, {"Content-Type": content_type})
        assert status == 200 and payload["result"]["headline"] == "First"


async def test_get_exactly_as_the_seed_example(owner: Leantime) -> None:
    """The seed's literal GET URL (params=eyJpZCI6IjkifQ%3D%3D, i.e. {"id":"9"}) works."""
    query = ("method=leantime.rpc.tickets.getTicket&jsonrpc=2.0&id=1"
             "&params=eyJpZCI6IjkifQ%3D%3D")
    assert base64.b64decode("eyJpZCI6IjkifQ==") == b'{"id":"9"}'
    for path in ("/api/jsonrpc/", "/api/jsonRPC/"):  # both spellings the seeds show
        status, payload, _ = await owner.get(query, path=path)
        assert status == 200, payload
        assert payload["id"] == 1 and payload["result"]["id"] == 9
        assert payload["result"]["headline"] == "Task 9"


async def test_get_accepts_standard_and_url_safe_base64_padded_or_not(owner: Leantime) -> None:
    """GET params may be standard or URL-safe base64, with or without '=' padding."""
    ticket_id = await owner.call("tickets.addTicket",
                                 {"values": {"headline": "First ~~~???>>>", "projectId": 1}})
    # an extra value whose JSON gives '+' and '/' characters in standard base64
    params = {"id": ticket_id, "x": "???>>>~~~"}
    standard = b64_params(params)
    assert "+" in standard or "/" in standard, standard
    for urlsafe in (False, True):
        for padded in (True, False):
            status, payload = await owner.get_call("tickets.getTicket", params, id=5,
                                                   urlsafe=urlsafe, padded=padded)
            assert status == 200, payload
            assert payload["id"] == 5 and payload["result"]["headline"] == "First ~~~???>>>"


async def test_get_without_params_and_with_a_string_id(owner: Leantime) -> None:
    """A GET with no params calls a method that needs none; a non-numeric id is echoed."""
    status, payload, _ = await owner.get(
        "method=leantime.rpc.api.config.getSystemInfo&jsonrpc=2.0&id=abc")
    assert status == 200 and payload["id"] == "abc"
    assert payload["result"]["product"] == "boardlog"


async def test_get_can_write(owner: Leantime, kb: Rpc) -> None:
    """GET is a full alternative to POST: a write through GET lands in the same store."""
    status, payload = await owner.get_call("tickets.addTicket",
                                           {"values": {"headline": "via GET", "projectId": 1}})
    assert status == 200 and isinstance(payload["result"], int)
    assert (await kb.call("getTask", [payload["result"]]))["title"] == "via GET"


async def test_path_is_case_insensitive_with_optional_trailing_slash(owner: Leantime) -> None:
    """/api/jsonrpc answers in any letter case and with or without a trailing slash."""
    for path in ("/api/jsonrpc", "/api/jsonrpc/", "/API/JSONRPC", "/Api/JsonRpc/",
                 "/api/jsonRPC"):
        status, payload, _ = await owner.post(owner.envelope("tickets.getTicket", {"id": 1}),
                                              path=path)
        assert status == 200 and payload["result"]["id"] == 1, (path, status, payload)
        status, payload, _ = await owner.get(
            "method=leantime.rpc.tickets.getTicket&jsonrpc=2.0&id=1&params="
            + b64_params({"id": 1}).replace("=", "%3D"), path=path)
        assert status == 200 and payload["result"]["id"] == 1, (path, status, payload)


async def test_other_http_methods_get_the_post_get_message(owner: Leantime) -> None:
    """PUT/DELETE/PATCH are answered -32600 "The JSON-RPC API only supports POST/GET requests"."""
    for verb in ("PUT", "DELETE", "PATCH"):
        status, payload, _ = await owner.request(verb)
        assert status == 200, (verb, status)
        assert payload["error"]["code"] == -32600
        assert payload["error"]["message"] == "The JSON-RPC API only supports POST/GET requests"


# --- method names ----------------------------------------------------------------------

async def test_method_name_forms(owner: Leantime) -> None:
    """domain.method, Domain.Service.method, any method case and snake_case all resolve."""
    for name in ("leantime.rpc.tickets.getTicket", "leantime.rpc.Tickets.getTicket",
                 "leantime.rpc.Tickets.Tickets.getTicket", "leantime.rpc.tickets.tickets.getticket",
                 "leantime.rpc.tickets.get_ticket", "leantime.rpc.Tickets.Tickets.GETTICKET",
                 "leantime.rpc.tickets.Get_Ticket"):
        assert (await owner.call(name, {"id": 1}))["headline"] == "First", name


async def test_system_info_under_its_three_part_name(owner: Leantime) -> None:
    """leantime.rpc.api.config.getSystemInfo (and Api.Config) answers the server's facts."""
    for name in ("leantime.rpc.api.config.getSystemInfo", "leantime.rpc.Api.Config.getSystemInfo",
                 "leantime.rpc.api.config.get_system_info"):
        info = await owner.call(name)
        assert info["product"] == "boardlog" and info["jsonrpc"] == "2.0"
        assert "leantime" in info["apis"] and "kanboard" in info["apis"]
        assert isinstance(info["logHead"], int) and info["logHead"] > 0


async def test_prefix_is_case_sensitive_and_malformed_names_are_32602(owner: Leantime) -> None:
    """A method outside leantime.rpc. (exact case) or with too few/many parts is -32602."""
    for name in ("Leantime.rpc.tickets.getTicket", "LEANTIME.RPC.tickets.getTicket",
                 "tickets.getTicket", "leantime.rpc.tickets", "leantime.rpc.a.b.c.d",
                 "leantime.rpc..getTicket", "getTicket"):
        status, payload, _ = await owner.post({"jsonrpc": "2.0", "method": name, "id": 3,
                                               "params": {"id": 1}})
        assert status == 200 and payload["id"] == 3, name
        assert payload["error"]["code"] == -32602, (name, payload)


async def test_unknown_service_and_unknown_method_are_32601(owner: Leantime) -> None:
    """Unknown service: "Service doesn't exist: X"; unknown method: "Method doesn't exist: m"."""
    error = await owner.error("leantime.rpc.nosuchdomain.getThing", {})
    assert error["code"] == -32601
    assert error["message"].startswith("Service doesn't exist: ")
    assert "nosuchdomain" in error["message"].lower()
    error = await owner.error("leantime.rpc.tickets.nosuchservice.getTicket", {"id": 1})
    assert error["code"] == -32601 and error["message"].startswith("Service doesn't exist: ")
    error = await owner.error("leantime.rpc.tickets.flyToTheMoon", {})
    assert error == {"code": -32601, "message": "Method doesn't exist: flyToTheMoon"}


# --- params ----------------------------------------------------------------------------

async def test_missing_required_parameter_is_32602_naming_it(owner: Leantime) -> None:
    """A missing parameter without a default: -32602 "Required Parameter Missing: id"."""
    error = await owner.error("tickets.getTicket", {})
    assert error["code"] == -32602 and error["message"] == "Required Parameter Missing: id"
    error = await owner.error("tickets.getTicket")  # no params at all
    assert error["message"] == "Required Parameter Missing: id"
    error = await owner.error("tickets.patchTicket", {"id": 1})
    assert error["message"] == "Required Parameter Missing: values"


async def test_a_null_parameter_is_no_parameter(owner: Leantime) -> None:
    """null is not a value (PHP's isset): required, it is missing (addTicket with values
    null once crashed on None.get); optional, it takes the default. Nothing is written."""
    before = await owner.call("tickets.getAll", {})
    for method, params, name in (("tickets.addTicket", {"values": None}, "values"),
                                 ("tickets.patchTicket", {"id": 1, "values": None}, "values"),
                                 ("tickets.getTicket", {"id": None}, "id"),
                                 ("comments.addComment", {"values": {"text": "x"},
                                                          "module": None, "entityId": 1},
                                  "module")):
        error = await owner.error(method, params)
        assert error == {"code": -32602, "message": f"Required Parameter Missing: {name}"}
    assert await owner.call("tickets.getAll", {}) == before
    assert await owner.call("tickets.getAll", {"searchCriteria": None, "limit": None}) == before
    assert await owner.call("projects.getAll", {"showClosedProjects": None}) == \
        await owner.call("projects.getAll", {})


async def test_a_failed_cast_is_32602_naming_the_parameter(owner: Leantime) -> None:
    """A value that cannot become the parameter's type: "Could not cast parameter: id"."""
    for bad in ("abc", "1.5x", [1], {"a": 1}, True):
        error = await owner.error("tickets.getTicket", {"id": bad})
        assert error == {"code": -32602, "message": "Could not cast parameter: id"}, bad
    error = await owner.error("tickets.patchTicket", {"id": 1, "values": "headline=x"})
    assert error == {"code": -32602, "message": "Could not cast parameter: values"}
    error = await owner.error("projects.getAll", {"showClosedProjects": "maybe"})
    assert error == {"code": -32602, "message": "Could not cast parameter: showClosedProjects"}


async def test_params_are_coerced_and_extra_keys_ignored(owner: Leantime) -> None:
    """"1" -> 1, 1.0 -> 1, "yes"/"on"/1 -> true; unknown keys are ignored."""
    for value in ("1", " 1 ", 1.0, 1):
        assert (await owner.call("tickets.getTicket", {"id": value, "junk": 7}))["id"] == 1
    for flag in ("yes", "on", "true", 1, True):
        names = [p["name"] for p in await owner.call("projects.getAll",
                                                     {"showClosedProjects": flag})]
        assert {"Alpha", "Beta"} <= set(names)


async def test_positional_params_are_refused_clearly(owner: Leantime) -> None:
    """Leantime binds by name only: a params array is a clear -32602, not a crash."""
    error = await owner.error("tickets.getTicket", [1])
    assert error["code"] == -32602


# --- envelope errors -------------------------------------------------------------------

async def test_bad_json_is_32700_with_http_200(owner: Leantime) -> None:
    """Malformed JSON (or an empty/ scalar body) is -32700 Parse error, still HTTP 200."""
    for body in ('{"jsonrpc": "2.0", "method": ', "", "42", "not json"):
        status, payload, _ = await owner.post(body)
        assert status == 200, body
        assert payload["error"]["code"] == -32700 and payload["id"] is None, (body, payload)


async def test_bad_get_params_are_32700(owner: Leantime) -> None:
    """GET params that are not base64 of JSON are a parse error."""
    for params in ("%%%", "bm90IGpzb24%3D", "!!!"):  # junk; base64 of 'not json'
        status, payload, _ = await owner.get(
            f"method=leantime.rpc.tickets.getTicket&jsonrpc=2.0&id=1&params={params}")
        assert status == 200 and payload["error"]["code"] == -32700, (params, payload)


async def test_version_rules_have_both_messages(owner: Leantime) -> None:
    """No "jsonrpc": the "You must include..." message; any other value: "only supports 2.0"."""
    status, payload, _ = await owner.post({"method": "leantime.rpc.tickets.getTicket", "id": 4,
                                           "params": {"id": 1}})
    assert status == 200 and payload["id"] == 4
    assert payload["error"] == {
        "code": -32600, "message": 'You must include a "jsonrpc" parameter with a value of "2.0"'}
    for version in ("1.0", 2.0, 2, "2", None):
        status, payload, _ = await owner.post({"jsonrpc": version, "id": 5, "params": {"id": 1},
                                               "method": "leantime.rpc.tickets.getTicket"})
        assert status == 200 and payload["id"] == 5
        assert payload["error"] == {"code": -32600,
                                    "message": "Leantime only supports JSON-RPC version 2.0"}
    status, payload, _ = await owner.get(
        "method=leantime.rpc.tickets.getTicket&id=1&params=" + b64_params({"id": 1}))
    assert payload["error"]["message"].startswith('You must include a "jsonrpc" parameter')
    status, payload, _ = await owner.get(
        "method=leantime.rpc.tickets.getTicket&jsonrpc=1.0&id=1&params=" + b64_params({"id": 1}))
    assert payload["error"]["message"] == "Leantime only supports JSON-RPC version 2.0"


async def test_not_allowed_is_32001_with_http_200(shared: Shared, owner: Leantime) -> None:
    """A readonly key writing: -32001 "You are not allowed to perform this action.", HTTP 200."""
    readonly = owner.as_key(shared.readonly)
    status, payload, _ = await readonly.post(readonly.envelope(
        "tickets.patchTicket", {"id": 1, "values": {"headline": "nope"}}, id=9))
    assert status == 200 and payload["id"] == 9
    assert payload["error"]["code"] == -32001 and payload["error"]["message"] == NOT_ALLOWED
    assert (await owner.call("tickets.getTicket", {"id": 1}))["headline"] == "First"


async def test_not_found_is_32002_and_already_exists_is_32005(kb: Rpc, owner: Leantime) -> None:
    """Naming something that does not exist: -32002; adding a member twice: -32005."""
    error = await owner.error("api.revokeAPIKey", {"id": 999})
    assert error["code"] == -32002
    error = await owner.error("projects.addUserToProject", {"userId": 999, "projectId": 1})
    assert error["code"] == -32002
    user_id = await kb.call("createUser", {"username": "uma", "password": "secret123"})
    assert await owner.call("projects.addUserToProject", {"userId": user_id, "projectId": 1})
    error = await owner.error("projects.addUserToProject", {"userId": user_id, "projectId": 1})
    assert error["code"] == -32005


async def test_owner_key_hears_not_found_for_a_missing_ticket(owner: Leantime) -> None:
    """An owner key may do everything: writing to a ticket that does not exist must say
    -32002 (not found), not -32001 "You are not allowed", which sends users hunting for a
    permission problem. (A scoped key keeps -32001, so it learns nothing about other
    projects.)"""
    calls = [("tickets.patchTicket", {"id": 999, "values": {"headline": "x"}}),
             ("tickets.delete", {"id": 999}), ("tickets.markTicketDone", {"id": 999}),
             ("tickets.markTicketReopen", {"id": 999}),
             ("timesheets.logTime", {"ticketId": 999, "params": {"hours": 1}})]
    for method, params in calls:
        error = await owner.error(method, params)
        assert error["code"] == -32002, (method, error)


async def test_scoped_key_cannot_tell_missing_from_forbidden(shared: Shared,
                                                            owner: Leantime) -> None:
    """For a scoped key, a ticket outside its scope and a missing ticket answer alike."""
    hidden = 10
    editor = owner.as_key(shared.editor)
    outside = await editor.error("tickets.patchTicket", {"id": hidden, "values": {"headline": "x"}})
    missing = await editor.error("tickets.patchTicket", {"id": 999, "values": {"headline": "x"}})
    assert outside == missing and outside["code"] == -32001
    assert await editor.call("tickets.getTicket", {"id": hidden}) is False
    assert await editor.call("tickets.getTicket", {"id": 999}) is False


async def test_internal_failures_leak_nothing(owner: Leantime) -> None:
    """A failure is answered inside the envelope with a plain message and no traceback."""
    payload = await owner.answer("tickets.getAll", {"searchCriteria": {"currentProject": "x"}})
    if "error" in payload:
        text = json.dumps(payload["error"])
        assert payload["error"]["code"] in (-32000, -32602)
        assert "Traceback" not in text and ".py" not in text and "sqlite" not in text.lower()
    else:
        assert payload["result"] == []


# --- batches and notifications ---------------------------------------------------------

async def test_batch_is_answered_in_order(owner: Leantime) -> None:
    """A JSON array gets an array of answers in request order, errors in place."""
    answers = await owner.batch([
        owner.envelope("tickets.getTicket", {"id": 1}, id="a"),
        owner.envelope("tickets.nosuch", {}, id="b"),
        owner.envelope("projects.getProject", {"id": 1}, id="c"),
        {"method": "leantime.rpc.tickets.getTicket", "id": "d", "params": {"id": 1}},
        owner.envelope("tickets.getTicket", {}, id="e"),
    ])
    assert [a["id"] for a in answers] == ["a", "b", "c", "d", "e"]
    assert answers[0]["result"]["headline"] == "First"
    assert answers[1]["error"]["code"] == -32601
    assert answers[2]["result"]["name"] == "Alpha"
    assert answers[3]["error"]["code"] == -32600
    assert answers[4]["error"]["message"] == "Required Parameter Missing: id"


async def test_notifications_get_an_empty_200_and_still_run(owner: Leantime) -> None:
    """A request without id (or id null) is a notification: HTTP 200, empty body, done."""
    for request_id in (None, "absent"):
        request = {"jsonrpc": "2.0", "method": "leantime.rpc.tickets.addTicket",
                   "params": {"values": {"headline": f"notified {request_id}", "projectId": 1}}}
        if request_id is None:
            request["id"] = None
        status, payload, _ = await owner.post(request)
        assert status == 200 and payload is None
    headlines = {t["headline"] for t in await owner.call("tickets.getAll", {})}
    assert {"notified None", "notified absent"} <= headlines
    status, payload, _ = await owner.get("method=leantime.rpc.tickets.getTicket&jsonrpc=2.0"
                                         "&params=" + b64_params({"id": 1}))
    assert status == 200 and payload is None


async def test_batch_of_notifications_and_mixed_batches(owner: Leantime) -> None:
    """Notifications inside a batch get no answer; an all-notification batch: empty 200."""
    note = {"jsonrpc": "2.0", "method": "leantime.rpc.tickets.getTicket", "params": {"id": 1}}
    status, payload, _ = await owner.post([note, note])
    assert status == 200 and payload is None
    answers = await owner.batch([note, owner.envelope("tickets.getTicket", {"id": 1}, id=7), note])
    assert [a["id"] for a in answers] == [7]


async def test_empty_batch_and_non_object_members_are_32600(owner: Leantime) -> None:
    """[] is one -32600; a non-object member gets its own -32600 in place."""
    status, payload, _ = await owner.post("[]")
    assert status == 200 and payload["error"]["code"] == -32600
    answers = await owner.batch([1, owner.envelope("tickets.getTicket", {"id": 1}, id=2)])
    assert answers[0]["error"]["code"] == -32600 and answers[1]["id"] == 2


# --- authentication --------------------------------------------------------------------

async def test_missing_or_bad_key_is_401_unauthorized(kanboard: Rpc, server: Server,
                                                      session: aiohttp.ClientSession) -> None:
    """No key, a wrong secret, a malformed key or Kanboard credentials: HTTP 401
    {"error":"Unauthorized"}, for POST and GET alike (its own server: failures count
    toward the per-address limit)."""
    await kb_project(kanboard, "Alpha")
    await kb_task(kanboard, 1, "First")
    owner = lt_for(server, session, (await kb_key(kanboard, "owner"))["key"])
    good = owner.key
    name = good.split("_")[1]
    wrong_secret = f"lt_{name}_{'x' * 32}"
    body = owner.envelope("tickets.getTicket", {"id": 1})
    for key in (None, "", wrong_secret, "garbage", "lt_", f"lt_{name}", good + "x", TOKEN):
        status, payload, _ = await owner.as_key(key).post(body)
        assert status == 401 and payload == {"error": "Unauthorized"}, key
    status, payload, _ = await owner.as_key(None).post(
        body, {"Authorization": basic("jsonrpc", TOKEN)})
    assert status == 401 and payload == {"error": "Unauthorized"}
    status, payload, _ = await owner.as_key(wrong_secret).get(
        "method=leantime.rpc.tickets.getTicket&jsonrpc=2.0&id=1&params=" + b64_params({"id": 1}))
    assert status == 401 and payload == {"error": "Unauthorized"}
    assert (await owner.call("tickets.getTicket", {"id": 1}))["id"] == 1  # the good key still works


async def test_too_many_failed_logins_from_one_address_get_429(tmp_path) -> None:
    """Up to 20 failed authentications a minute from one address are tolerated (a good key
    still works); more than 20 get HTTP 429 with a Retry-After of at most a minute, for
    POST and GET. A separate server, so no other test shares the limiter's state."""
    runner, url = await start_server(str(tmp_path / "limit.db"))
    try:
        async with aiohttp.ClientSession() as session:
            kanboard = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN),
                           itertools.count(1))
            good = Leantime(session, url, (await kb_key(kanboard, "owner"))["key"])
            bad = good.as_key("lt_" + "a" * 32 + "_" + "b" * 32)
            body = bad.envelope("tickets.getTicket", {"id": 1})
            for attempt in range(20):
                status, payload, _ = await bad.post(body)
                assert status == 401 and payload == {"error": "Unauthorized"}, attempt
            assert await good.call("tickets.getAll", {}) == []  # 20 failures: still fine
            status, payload, _ = await bad.as_key(None).post(body)  # costs no check: not
            assert status == 401 and payload == {"error": "Unauthorized"}  # counted
            status, payload, _ = await bad.post(body)  # the 21st failure
            assert status == 401 and payload == {"error": "Unauthorized"}
            for attempt in range(3):  # bounded: the limiter must hold
                status, payload, headers = await bad.post(body)
                assert status == 429, (attempt, status, payload)
                wait = int(headers["Retry-After"])
                assert 1 <= wait <= 60, wait
            status, _, headers = await bad.get("method=leantime.rpc.tickets.getAll&jsonrpc=2.0"
                                               "&id=1")
            assert status == 429 and 1 <= int(headers["Retry-After"]) <= 60
            status, payload, _ = await kanboard.post('{"jsonrpc":"2.0","method":"getVersion",'
                                                     '"id":1}')
            assert status == 200  # the Kanboard endpoint and its credentials are unaffected
    finally:
        await runner.cleanup()
