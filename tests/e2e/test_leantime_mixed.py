"""Mixed use: the Leantime API and the Kanboard API on the same projects and tasks.
A ticket's status is its task's column and open/closed state, both ways round, and every
Leantime write is an ordinary event of the one log."""
from __future__ import annotations

import asyncio

import aiohttp

from tests.conftest import Rpc, Server
from tests.e2e.leantime_support import LEANTIME_COLUMNS, events, kb_key, lt_for
from tests.e2e.cli_support import cli

STATUS_OF_COLUMN = {"New": 3, "Blocked": 1, "In Progress": 4, "Waiting for Approval": 2,
                    "Done": 0}


async def test_ticket_moved_through_kanboard_reads_back_through_both(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """A ticket added through Leantime in a Leantime project (columns New, Blocked,
    In Progress, Waiting for Approval, Done) and moved with Kanboard's moveTaskPosition
    reads back in the new column through Kanboard and with the matching status
    (3, 1, 4, 2, 0) through Leantime."""
    owner = lt_for(server, session, (await kb_key(kanboard, "owner"))["key"])
    project_id = await owner.call("projects.addProject", {"values": {"name": "Mixed"}})
    columns = await kanboard.call("getColumns", [project_id])
    assert [c["title"] for c in columns] == LEANTIME_COLUMNS
    ticket_id = await owner.call("tickets.addTicket", {"values": {
        "headline": "Cross-API", "projectId": project_id, "description": "both ways"}})
    assert (await owner.call("tickets.getTicket", {"id": ticket_id}))["status"] == 3
    board = await kanboard.call("getBoard", [project_id])
    first_column = board[0]["columns"][0]
    assert first_column["title"] == "New"
    assert [t["id"] for t in first_column["tasks"]] == [ticket_id]

    swimlane_id = (await kanboard.call("getTask", [ticket_id]))["swimlane_id"]
    for column in columns[1:] + columns[:1]:  # Blocked, In Progress, Waiting, Done, New
        assert await kanboard.call("moveTaskPosition", {
            "project_id": project_id, "task_id": ticket_id, "column_id": column["id"],
            "position": 1, "swimlane_id": swimlane_id}) is True
        task = await kanboard.call("getTask", [ticket_id])
        assert task["column_id"] == column["id"] and task["title"] == "Cross-API"
        ticket = await owner.call("tickets.getTicket", {"id": ticket_id})
        assert ticket["status"] == STATUS_OF_COLUMN[column["title"]], column["title"]
        assert ticket["headline"] == "Cross-API" and ticket["description"] == "both ways"
        listed = await owner.call("tickets.getAll", {"searchCriteria": {
            "currentProject": project_id, "status": STATUS_OF_COLUMN[column["title"]]}})
        assert [t["id"] for t in listed] == [ticket_id], column["title"]

    assert await owner.call("tickets.patchTicket", {"id": ticket_id, "values": {"status": 2}})
    task = await kanboard.call("getTask", [ticket_id])
    assert task["column_id"] == columns[3]["id"] and task["is_active"] == 1


async def test_kanboard_tasks_are_leantime_tickets(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """A task created through Kanboard appears in Leantime's tickets.getAll; closing it
    through Kanboard gives status 0 (done), reopening gives its column's status back."""
    project_id = await kanboard.call("createProject", {"name": "Classic"})
    owner = lt_for(server, session, (await kb_key(kanboard, "owner"))["key"])
    task_id = await kanboard.call("createTask", {"project_id": project_id, "title": "From KB",
                                                 "description": "made in kanboard",
                                                 "date_due": "2030-04-01",
                                                 "tags": ["ops"]})
    listed = await owner.call("tickets.getAll", {"searchCriteria": {"currentProject": project_id}})
    assert [(t["id"], t["headline"], t["status"]) for t in listed] == [(task_id, "From KB", 3)]
    ticket = listed[0]
    assert ticket["description"] == "made in kanboard" and ticket["tags"] == "ops"
    assert ticket["dateToFinish"].startswith("2030-04-01") and ticket["projectId"] == project_id

    assert await kanboard.call("closeTask", [task_id]) is True
    assert (await owner.call("tickets.getTicket", {"id": task_id}))["status"] == 0
    done = await owner.call("tickets.getAll", {"searchCriteria": {
        "currentProject": project_id, "status": "done"}})
    assert [t["id"] for t in done] == [task_id]
    assert await owner.call("tickets.getAll", {"searchCriteria": {
        "currentProject": project_id, "status": "not_done"}}) == []

    assert await kanboard.call("openTask", [task_id]) is True
    assert (await owner.call("tickets.getTicket", {"id": task_id}))["status"] == 3

    await kanboard.call("updateTask", {"id": task_id, "title": "Renamed in KB"})
    assert (await owner.call("tickets.getTicket", {"id": task_id}))["headline"] == "Renamed in KB"
    await owner.call("tickets.patchTicket", {"id": task_id, "values": {"headline": "Renamed in LT"}})
    assert (await kanboard.call("getTask", [task_id]))["title"] == "Renamed in LT"


async def test_leantime_writes_are_ordinary_events_of_the_one_log(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """Every Leantime write goes through the same domain commands and events as the
    Kanboard API (TaskCreated, TaskUpdated, TaskClosed, CommentCreated...), each
    recorded with the key as actor; and `boardlog verify` finds the read models equal to
    a fresh fold of the log (there is no second store)."""
    issued = await kb_key(kanboard, "owner")
    owner = lt_for(server, session, issued["key"])
    project_id = await owner.call("projects.addProject", {"values": {"name": "Audited"}})
    ticket_id = await owner.call("tickets.addTicket", {"values": {"headline": "audited",
                                                                  "projectId": project_id}})
    await owner.call("tickets.patchTicket", {"id": ticket_id, "values": {"description": "d"}})
    await owner.call("comments.addComment", {"values": {"text": "c"}, "module": "ticket",
                                             "entityId": ticket_id})
    await owner.call("timesheets.logTime", {"ticketId": ticket_id, "params": {"hours": 1}})
    await owner.call("tickets.markTicketDone", {"id": ticket_id})
    mine = [e for e in await events(kanboard)
            if e["metadata"].get("actor") == f"apikey:{issued['id']}"]
    types = [e["type"] for e in mine]
    for expected in ("ProjectCreated", "TaskCreated", "TaskUpdated", "CommentCreated",
                     "TimeLogged", "TaskClosed"):
        assert expected in types, (expected, types)
    assert all(e["metadata"]["endpoint"] == "leantime" for e in mine)
    assert all(e["metadata"]["rpc_method"].startswith("leantime.rpc.") for e in mine)
    result = await asyncio.to_thread(cli, "verify", "--db", server.db_path)
    assert result.returncode == 0, result.stdout + result.stderr


async def test_comments_and_time_cross_the_apis(kanboard: Rpc, server: Server,
                                                session: aiohttp.ClientSession) -> None:
    """Comments and logged time written through one API are read through the other."""
    project_id = await kanboard.call("createProject", {"name": "Shared"})
    task_id = await kanboard.call("createTask", {"project_id": project_id, "title": "t"})
    owner = lt_for(server, session, (await kb_key(kanboard, "owner"))["key"])
    await kanboard.call("createComment", {"task_id": task_id, "user_id": 0, "content": "kb"})
    await owner.call("comments.addComment", {"values": {"text": "lt"}, "module": "ticket",
                                             "entityId": task_id})
    assert [c["comment"] for c in await kanboard.call("getAllComments", [task_id])] == \
        ["kb", "lt"]
    assert [c["text"] for c in await owner.call("comments.getComments", {
        "module": "ticket", "entityId": task_id})] == ["kb", "lt"]
    await owner.call("timesheets.logTime", {"ticketId": task_id, "params": {"hours": 2.25}})
    assert (await kanboard.call("getTask", [task_id]))["time_spent"] == 2.25
