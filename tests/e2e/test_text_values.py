"""Values of other JSON types where Kanboard expects a text or an array, answered as
Kanboard 1.2.53 answers them (recorded in text-values-scenario): a text is PHP's
(string) of what was sent, false passes Required, a PHP array is a JSON list or object
alike. The Leantime dialect, which shares the binding, reads texts as before."""
from __future__ import annotations

import aiohttp

from tests.conftest import Rpc, Server
from tests.e2e.leantime_support import leantime_as


async def test_a_text_sent_as_a_number_or_boolean_is_stored_as_php_writes_it(
        kanboard: Rpc) -> None:
    project_id = await kanboard.call("createProject", {"name": 1.0,
                                                       "description": 0.1 + 0.2})
    project = await kanboard.call("getProjectById", [project_id])
    assert (project["name"], project["description"]) == ("1", "0.3")
    task_id = await kanboard.call("createTask", {"title": 1e20, "project_id": project_id,
                                                 "description": [1], "reference": True})
    task = await kanboard.call("getTask", [task_id])
    assert (task["title"], task["description"], task["reference"]) == ("1.0E+20", "Array", "1")
    assert (await kanboard.call("getTaskByReference", {"project_id": project_id,
                                                       "reference": True}))["id"] == task_id
    # a title is measured by Kanboard's validator, which crashes on an array
    refused = await kanboard.answer("createTask", {"title": [1], "project_id": project_id})
    assert refused["error"]["code"] == -32602


async def test_false_and_minus_zero_pass_required_as_in_kanboard(kanboard: Rpc) -> None:
    """Kanboard's Required compares with '' strictly: false is a value, stored as ""; a
    task created with a title empty() holds empty (false, -0.0, "0") is "Untitled"."""
    unnamed = await kanboard.call("createProject", {"name": False})
    assert (await kanboard.call("getProjectById", [unnamed]))["name"] == ""
    assert await kanboard.call("createProject", {"name": ""}) is False
    for title in (False, -0.0, "0"):
        task_id = await kanboard.call("createTask", {"title": title, "project_id": unnamed})
        assert (await kanboard.call("getTask", [task_id]))["title"] == "Untitled"
    assert await kanboard.call("createTask", {"title": "", "project_id": unnamed}) is False
    assert await kanboard.call("createUser", {"username": "mail", "password": "secret-1",
                                              "email": False}) is False  # no address
    user_id = await kanboard.call("createUser", {"username": False, "password": "secret-1"})
    assert (await kanboard.call("getUser", [user_id]))["username"] == ""


async def test_a_null_description_or_reference_is_kept_null(kanboard: Rpc) -> None:
    project_id = await kanboard.call("createProject", {"name": "Nulls"})
    given = await kanboard.call("createTask", {"title": "n", "project_id": project_id,
                                               "description": None, "reference": None})
    absent = await kanboard.call("createTask", {"title": "a", "project_id": project_id})
    task = await kanboard.call("getTask", [given])
    assert (task["description"], task["reference"]) == (None, None)
    task = await kanboard.call("getTask", [absent])
    assert (task["description"], task["reference"]) == ("", "")


async def test_an_array_parameter_takes_a_list_or_an_object(kanboard: Rpc) -> None:
    project_id = await kanboard.call("createProject", {"name": "Arrays"})
    task_id = await kanboard.call("createTask", {"title": "t", "project_id": project_id,
                                                 "tags": {"k": "x", "n": 2.0}})
    assert sorted((await kanboard.call("getTaskTags", [task_id])).values()) == ["2", "x"]
    assert await kanboard.call("setTaskTags", {"project_id": project_id, "task_id": task_id,
                                               "tags": {}}) is True
    assert await kanboard.call("getTaskTags", [task_id]) == {}
    user_id = await kanboard.call("createUser", {"username": "ann", "password": "ann-pass-1"})
    await kanboard.call("addProjectUser", [project_id, user_id, "project-member"])
    await kanboard.as_user("ann", "ann-pass-1").call("createTask", {"title": "by ann",
                                                                    "project_id": project_id})
    activities = await kanboard.call("getProjectActivities", {"project_ids": {"a": project_id}})
    assert [a["event_name"] for a in activities] == ["task.create"]
    assert await kanboard.call("saveProjectMetadata", {"project_id": project_id,
                                                       "values": ["x", True, None]}) is True
    assert await kanboard.call("getProjectMetadata", [project_id]) == {
        "0": "x", "1": "1", "2": None}


async def test_the_leantime_dialect_reads_a_text_as_before(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    project_id = await kanboard.call("createProject", {"name": "True story"})
    lt = await leantime_as(kanboard, server, session, "owner")
    found = await lt.call("projects.findProject", {"term": True})  # str(True) is "True"
    assert [p["name"] for p in found] == ["True story"]
    ticket_id = await lt.call("tickets.addTicket", {"values": {
        "headline": "h", "projectId": project_id, "description": None}})
    assert (await kanboard.call("getTask", [ticket_id]))["description"] == ""
