"""Inputs that once crashed a call (HTTP 500 or -32603) get a clear answer (issue #11,
item 10): a request id nested 300 deep, bodies that do not decode as their
Content-Encoding, `Expect: 100-continue`, numbers no SQLite integer holds, `at` far in
the past or future, an unterminated quote in searchTasks, dates outside the calendar."""
from __future__ import annotations

import asyncio
import gzip
import json

import aiohttp

from tests.conftest import Rpc, Server
from tests.e2e.leantime_support import b64_params, leantime_as
from tests.e2e.raw_http import BAD_AUTH, TOKEN_AUTH, exchange, head, port_of, read_answer

GET_VERSION = b'{"jsonrpc":"2.0","method":"getVersion","id":1}'


async def _project_with_task(kanboard: Rpc) -> tuple[int, int]:
    project_id = await kanboard.call("createProject", {"name": "Hostile"})
    task_id = await kanboard.call("createTask", {"title": "abc task", "project_id": project_id})
    return project_id, task_id


async def test_a_request_id_nested_300_deep_is_an_invalid_request(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    deep = "[" * 300 + "]" * 300
    lt = await leantime_as(kanboard, server, session, "owner")
    for post, method in ((kanboard.post, "getVersion"),
                         (lt.post, "leantime.rpc.api.config.getSystemInfo")):
        status, payload, _ = await post(f'{{"jsonrpc":"2.0","method":"{method}","id":{deep}}}')
        assert status == 200
        assert payload["error"]["code"] == -32600 and payload["id"] is None
        assert "id is nested" in payload["error"]["data"]
    shallow = await kanboard.post('{"jsonrpc":"2.0","method":"getVersion","id":{"nested":1}}')
    assert shallow[1]["id"] == {"nested": 1}  # Kanboard echoes an object id: so do we


async def test_numbers_no_sqlite_integer_holds_are_refused_naming_the_parameter(
        kanboard: Rpc) -> None:
    project_id, task_id = await _project_with_task(kanboard)
    template = ('{"jsonrpc":"2.0","method":"moveTaskPosition","params":{"project_id":'
                f'{project_id},"task_id":{task_id},"column_id":1,"position":%s,'
                '"swimlane_id":1},"id":1}')
    for number in ("99999999999999999999999", "18446744073709551615", "1e300",
                   '"99999999999999999999"', "-1e19"):
        status, payload, _ = await kanboard.post(template % number)
        assert status == 200
        assert payload["error"]["code"] == -32602, (number, payload)
        assert "position" in payload["error"]["data"]
    refused = await kanboard.answer("createSubtask", {"task_id": task_id, "title": "s",
                                                      "time_estimated": "inf"})
    assert refused["error"]["data"] == "time_estimated must be a finite number"
    assert (await kanboard.call("getTask", [task_id]))["position"] == 1  # nothing moved


async def test_an_id_past_64_bits_matches_nothing_as_in_kanboard(kanboard: Rpc) -> None:
    """Kanboard binds an id into its SQL as sent, so 2**64, 1e300 or "9999...9" finds no
    row (recorded in odd-numbers-scenario): the id reads as the nearest bound, which
    nothing has, and never reaches storage unbounded; text SQLite reads as a whole number
    ("1.0", " 1", "+1", "1e0") is that id, as Kanboard on SQLite finds it."""
    project_id, task_id = await _project_with_task(kanboard)
    for number in ("99999999999999999999999", "18446744073709551615", "1e300",
                   '"99999999999999999999"', "-1e19", '"' + "9" * 5000 + '"'):
        body = '{"jsonrpc":"2.0","method":"getTask","params":{"task_id":%s},"id":1}'
        status, payload, _ = await kanboard.post(body % number)
        assert (status, payload["result"]) == (200, None), (number, payload)
        assert await kanboard.call("getAllTasks", {"project_id": json.loads(number),
                                                   "status_id": 1}) == []
    assert await kanboard.call("setTaskTags", {"project_id": project_id, "task_id": 2.0 ** 64,
                                               "tags": ["y"]}) is False
    for same in ("1.0", " 1", "+1", "1e0", 1.0):
        assert (await kanboard.call("getTask", {"task_id": same}))["id"] == task_id, same


async def test_an_id_read_loosely_is_64_bits_or_no_id(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """Ids inside a list are read as PHP reads them: beyond 64 bits, the nearest bound
    (an id nothing has; it once overflowed SQLite's binding, -32603); "--5" or "²" (a
    digit to str.isdigit, not to int) are no number, 0, where int() once raised."""
    project_id, task_id = await _project_with_task(kanboard)
    assert await kanboard.call("getProjectActivities",
                               {"project_ids": ["99999999999999999999"]}) == []
    assert await kanboard.call("createApiKey", {"name": "k", "role": "readonly", "projects": [
        "-99999999999999999999"]}) is False
    for no_number in ("--5", "²", "-"):
        assert await kanboard.call("getTask", {"task_id": no_number}) is None
    lt = await leantime_as(kanboard, server, session, "owner")
    error = await lt.error("api.api.createAPIKey",
                           {"values": {"name": "x", "projects": ["99999999999999999999"]}})
    assert error == {"code": -32002, "message": "Not found",
                     "data": "project 9223372036854775807 does not exist"}


async def test_a_digit_only_str_isdigit_knows_is_no_number(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """"²" passes str.isdigit but not int(): read as a date, a log position, a project
    id or a request id it once crashed (-32603/-32000); now it is what any other text
    that is no number is there."""
    project_id, task_id = await _project_with_task(kanboard)
    assert await kanboard.call("createTask", {"title": "t", "project_id": project_id,
                                              "date_due": "²"}) is False
    refused = await kanboard.answer("getTaskAt", [task_id, "²"])
    assert refused["error"] == {"code": -32602, "message": "Invalid params",
                                "data": "at must be a log position or an ISO 8601 time"}
    assert await kanboard.call("createAction", ["²", "task.create",
                                                "\\Kanboard\\Action\\TaskAssignCurrentUser",
                                                {}]) is False
    assert await kanboard.call("getActions", [project_id]) == []
    lt = await leantime_as(kanboard, server, session, "owner")
    status, payload, _ = await lt.get("method=leantime.rpc.tickets.getTicket&jsonrpc=2.0"
                                      "&id=--%C2%B2&params=" + b64_params({"id": task_id}))
    assert status == 200 and payload["id"] == "--²" and payload["result"]["id"] == task_id


async def test_an_id_that_is_no_number_answers_alike_on_every_backend(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """"abc", "1.5", 1.5 as an id never reach a typed column (PostgreSQL's BIGINT would
    refuse them): Kanboard reads them as 0, no id; Leantime refuses the cast, and an
    integer past 64 bits naming the parameter."""
    project_id, task_id = await _project_with_task(kanboard)
    for no_id in ("abc", "1.5", 1.5, "", " ", "1e3"):
        assert await kanboard.call("getTask", {"task_id": no_id}) is None, no_id
        assert await kanboard.call("getProjectById", {"project_id": no_id}) is None, no_id
        assert await kanboard.call("getAllTasks", {"project_id": no_id, "status_id": 1}) == []
        assert await kanboard.call("getBoard", {"project_id": no_id}) == []
    lt = await leantime_as(kanboard, server, session, "owner")
    for no_id in ("abc", "1.5", 1.5, [task_id]):
        assert await lt.error("tickets.getTicket", {"id": no_id}) == {
            "code": -32602, "message": "Could not cast parameter: id"}
    error = await lt.error("tickets.getTicket", {"id": 2 ** 64})
    assert error["message"] == "id is out of range (a signed 64-bit integer)"


async def test_a_project_name_given_as_a_number_is_compared_as_its_text(
        kanboard: Rpc) -> None:
    """getProjectByName compares the text PHP binds of the name (its (string), recorded in
    odd-numbers-scenario): 1, 1.0 or true finds "1", 12.5 "12.5", 0 "0", 1e20 "1.0E+20",
    an array "Array"; null or false no project. On PostgreSQL a number once crashed
    (-32603: no text = smallint)."""
    ids = {name: await kanboard.call("createProject", {"name": name})
           for name in ("1", "12.5", "0", "1.0E+20", "Array")}
    for name, found in ((1, "1"), (1.0, "1"), (True, "1"), ("1", "1"), (12.5, "12.5"),
                        (0, "0"), (1e20, "1.0E+20"), ([1], "Array"), ({}, "Array")):
        project = await kanboard.call("getProjectByName", {"name": name})
        assert project["id"] == ids[found], name
    for name in (2, None, False, "12.50", 2 ** 63):
        assert await kanboard.call("getProjectByName", {"name": name}) is False, name


async def test_numbers_kept_as_text_are_the_text_php_makes(kanboard: Rpc) -> None:
    """Tags, metadata values and action parameters keep what PHP's (string) writes of a
    number (recorded in odd-numbers-scenario): 2.0 is "2", 0.1 + 0.2 "0.3", 2**64
    "1.844674407371E+19"; true "1". Two that write the same are one tag named twice,
    which Kanboard's unique (task, tag) row refuses."""
    project_id, task_id = await _project_with_task(kanboard)
    tags = [2 ** 64, 1e20, 2.0, 0.1 + 0.2, True, "x"]
    assert await kanboard.call("setTaskTags", [project_id, task_id, tags]) is True
    assert sorted((await kanboard.call("getTaskTags", [task_id])).values()) == [
        "0.3", "1", "1.0E+20", "1.844674407371E+19", "2", "x"]
    assert await kanboard.call("setTaskTags", [project_id, task_id, [3.0, "3"]]) is False
    assert await kanboard.call("saveTaskMetadata", [task_id, {"a": 2.0, "b": -0.0,
                                                              "c": 1e-5}]) is True
    assert await kanboard.call("getTaskMetadata", [task_id]) == {"a": "2", "b": "-0",
                                                                 "c": "1.0E-5"}
    action = await kanboard.call("createAction", [
        project_id, "task.move.column", "\\Kanboard\\Action\\TaskCloseColumn",
        {"column_id": 2 ** 64}])
    assert (await kanboard.call("getActions", [project_id]))[0]["params"] == {
        "column_id": "1.844674407371E+19"}, action


async def test_leantime_refuses_the_same_numbers(kanboard: Rpc, server: Server,
                                                 session: aiohttp.ClientSession) -> None:
    lt = await leantime_as(kanboard, server, session, "owner")
    for value in (99999999999999999999999, "99999999999999999999", 1e300):
        error = await lt.error("tickets.getTicket", {"id": value})
        assert error["code"] == -32602 and "id is out of range" in error["message"]


async def test_a_time_beyond_64_bits_stays_a_number_as_kanboard_keeps_it(
        kanboard: Rpc) -> None:
    """Times are numbers (NUMERIC columns in Kanboard), so 1e20 hours is kept as given;
    it once crashed (-32603) being made the whole int 10**20, which no 64-bit integer
    and no JSON encoder of the log holds. A whole time that fits still answers as an int."""
    project_id, task_id = await _project_with_task(kanboard)
    huge = await kanboard.call("createTask", {"title": "long", "project_id": project_id,
                                              "time_spent": "99999999999999999999"})
    assert (await kanboard.call("getTask", [huge]))["time_spent"] == 1e20
    assert await kanboard.call("updateTask", {"id": task_id, "time_estimated": 1e20}) is True
    subtask = await kanboard.call("createSubtask", {"task_id": task_id, "title": "s",
                                                    "time_estimated": "18446744073709551616"})
    assert (await kanboard.call("getSubtask", [subtask]))["time_estimated"] == 2.0 ** 64
    assert await kanboard.call("updateSubtask", {"id": subtask, "task_id": task_id,
                                                 "time_spent": -(2.0 ** 63) * 4}) is False
    assert await kanboard.call("updateSubtask", {"id": subtask, "task_id": task_id,
                                                 "time_spent": 2.0}) is True
    assert (await kanboard.call("getSubtask", [subtask]))["time_spent"] == 2
    assert (await kanboard.call("getTask", [task_id]))["time_estimated"] == 2.0 ** 64


async def test_at_far_in_the_past_or_future_answers_as_of_then(kanboard: Rpc) -> None:
    project_id, task_id = await _project_with_task(kanboard)
    now = await kanboard.call("getTask", [task_id])
    for at in ("0001-01-01T00:00:00", "0001-01-01T00:00:00+05:00", 0):
        assert await kanboard.call("getTaskAt", [task_id, at]) is None  # nothing existed
        assert await kanboard.call("getAllTasksAt", [project_id, 1, at]) == []
    for at in ("9999-12-31T23:59:59", "9999-12-31T23:59:59-05:00", "99999999999999999999",
               2 ** 63 - 1):
        assert (await kanboard.call("getTaskAt", [task_id, at]))["title"] == now["title"]
        assert len(await kanboard.call("getBoardAt", [project_id, at])) == 1
    refused = await kanboard.answer("getTaskAt", [task_id, 1e300])
    assert refused["error"]["code"] == -32602


async def test_an_unterminated_quote_in_search_is_read_as_kanboard_reads_it(
        kanboard: Rpc) -> None:
    project_id, task_id = await _project_with_task(kanboard)
    found = await kanboard.call("searchTasks", {"project_id": project_id, "query": 'title:"abc'})
    assert [t["id"] for t in found] == [task_id]  # Kanboard's lexer drops the quote
    assert await kanboard.call("searchTasks", {"project_id": project_id,
                                               "query": 'title:"zzz'}) == []


async def test_dates_outside_the_calendar_are_refused(kanboard: Rpc) -> None:
    project_id, task_id = await _project_with_task(kanboard)
    for due in ("99999999999999999999"[:15], 10 ** 14, 1e14):
        assert await kanboard.call("createTask", {"title": "t", "project_id": project_id,
                                                  "date_due": due}) is False
    assert await kanboard.call("updateTask", {"id": task_id, "date_due": 10 ** 15}) is False
    assert (await kanboard.call("getTask", [task_id]))["date_due"] == 0


async def test_a_body_is_read_as_sent_whatever_its_content_encoding_says(
        server: Server) -> None:
    """As PHP reads it for Kanboard: no decompression (a bomb, or a body that does not
    decode, used to end in a 500), so a compressed body is a parse error."""
    for encoding in ("gzip", "deflate", "br", "zstd", "zzz"):
        plain = await exchange(server.url, "/jsonrpc.php", {
            "Authorization": TOKEN_AUTH, "Content-Encoding": encoding}, GET_VERSION)
        assert json.loads(plain.body)["result"] == "main.unknown_revision", encoding
        packed = await exchange(server.url, "/jsonrpc.php", {
            "Authorization": TOKEN_AUTH, "Content-Encoding": encoding},
            gzip.compress(GET_VERSION))
        assert packed.status == 200
        assert json.loads(packed.body)["error"]["code"] == -32700
    refused = await exchange(server.url, "/api/jsonrpc", {"Content-Encoding": "gzip"},
                             b"\x00garbage")
    assert refused.status == 401  # no key: refused before the body is read


async def _expecting(server: Server, auth: str) -> tuple[object, asyncio.StreamReader,
                                                          asyncio.StreamWriter]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port_of(server.url))
    writer.write(head("/jsonrpc.php", {"Authorization": auth, "Expect": "100-continue",
                                       "Content-Length": str(len(GET_VERSION))}))
    await writer.drain()
    async with asyncio.timeout(5):
        first = await reader.readline()
    return first, reader, writer


async def test_expect_100_continue_waits_for_the_credentials(server: Server) -> None:
    first, reader, writer = await _expecting(server, TOKEN_AUTH)
    try:
        assert first.startswith(b"HTTP/1.1 100")
        await reader.readline()  # the blank line closing the interim answer
        writer.write(GET_VERSION)
        await writer.drain()
        answer = await read_answer(reader)
        assert json.loads(answer.body)["result"] == "main.unknown_revision"
    finally:
        writer.close()
    first, reader, writer = await _expecting(server, BAD_AUTH)
    try:  # refused at once: the client never has to send its body
        assert first.startswith(b"HTTP/1.1 401")
    finally:
        writer.close()
    odd = await exchange(server.url, "/jsonrpc.php", {"Authorization": TOKEN_AUTH,
                                                      "Expect": "something-else"}, GET_VERSION)
    assert odd.status == 417
