"""leantime.rpc.tickets end to end: every method a Leantime script uses, over real HTTP,
checked through Leantime and, where it matters, through the Kanboard API on the same
store."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from typing import Any


from tests.e2e.leantime_support import owner_server
from tests.e2e.leantime_support import (LEANTIME_COLUMNS, Env)

NO_HEADLINE = {"msg": "notifications.ticket_save_error_no_headline", "type": "error"}


shared = owner_server("leantime-tickets")


async def test_add_ticket_with_every_field_and_read_it_back(env: Env) -> None:
    """addTicket returns the new id; getTicket answers every field as given, and the
    Kanboard API sees the same task (title, description, assignee, due date, estimate,
    tags, column of the status)."""
    project = await env.project()
    uma = await env.user(project)
    sprint = await env.lt.call("sprints.addSprint", {"params": {"projectId": project,
                                                                "name": "S1"}})
    parent = await env.ticket(project, "Parent")
    ticket_id = await env.ticket(
        project, "Full ticket", description="All the things", type="bug", priority=2,
        storypoints=5, dateToFinish="2030-03-15 12:00:00", editFrom="2030-03-01 09:00:00",
        editTo="2030-03-20 17:00:00", planHours=8, hourRemaining=6, tags="red,blue",
        editorId=uma, sprint=sprint, dependingTicketId=parent, milestoneid=parent, status=4)
    ticket = await env.get(ticket_id)
    expected = {"id": ticket_id, "headline": "Full ticket", "description": "All the things",
                "type": "bug", "projectId": project, "editorId": uma, "priority": 2,
                "storypoints": 5, "dateToFinish": "2030-03-15 12:00:00",
                "editFrom": "2030-03-01 09:00:00", "status": 4, "planHours": 8,
                "hourRemaining": 6, "sprint": sprint, "dependingTicketId": parent,
                "milestoneid": parent}
    assert {k: ticket[k] for k in expected} == expected
    assert ticket["editTo"].startswith("2030-03-20")
    assert sorted(ticket["tags"].split(",")) == ["blue", "red"]
    assert ticket["date"] and ticket["modified"]
    task = await env.kb.call("getTask", [ticket_id])
    assert (task["title"], task["description"], task["owner_id"], task["project_id"]) == \
        ("Full ticket", "All the things", uma, project)
    assert task["time_estimated"] == 8 and task["is_active"] == 1
    assert task["date_due"] == int(datetime(2030, 3, 15, 12, tzinfo=timezone.utc).timestamp())
    assert await env.column_title(ticket_id) == "In Progress"
    assert sorted((await env.kb.call("getTaskTags", [ticket_id])).values()) == ["blue", "red"]


async def test_add_ticket_without_headline_is_leantime_s_error_message(env: Env) -> None:
    """No (or a blank) headline answers {"msg":"notifications.ticket_save_error_no_headline",
    "type":"error"} as a result, and nothing is created."""
    project = await env.project()
    for values in ({"projectId": project}, {"projectId": project, "headline": ""},
                   {"projectId": project, "headline": "   "}, {"projectId": project,
                                                              "headline": None}):
        assert await env.lt.call("tickets.addTicket", {"values": values}) == NO_HEADLINE
    assert await env.lt.call("tickets.quickAddTicket", {"params": {"projectId": project}}) \
        == NO_HEADLINE
    assert await env.lt.call("tickets.getAll", {"searchCriteria": {"currentProject": project}}) \
        == []


async def test_add_ticket_defaults_and_a_done_ticket_is_created_closed(env: Env) -> None:
    """Without a status a ticket is New (3); with status 0 it is created closed."""
    project = await env.project()
    plain = await env.get(await env.ticket(project, "plain"))
    assert plain["status"] == 3 and plain["type"] == "task" and plain["tags"] == ""
    done = await env.ticket(project, "already done", status=0)
    assert (await env.get(done))["status"] == 0
    assert (await env.kb.call("getTask", [done]))["is_active"] == 0
    error = await env.lt.error("tickets.addTicket", {"values": {"headline": "x",
                                                                "projectId": project,
                                                                "status": 77}})
    assert error["code"] == -32602  # not a status of this project


async def test_quick_add_ticket(env: Env) -> None:
    """quickAddTicket(params) creates a ticket from a headline (and optional fields)."""
    project = await env.project()
    ticket_id = await env.lt.call("tickets.quickAddTicket",
                                  {"params": {"headline": "quick one", "projectId": project,
                                              "status": 1}})
    assert isinstance(ticket_id, int)
    ticket = await env.get(ticket_id)
    assert ticket["headline"] == "quick one" and ticket["status"] == 1
    assert await env.column_title(ticket_id) == "Blocked"


async def _rich_ticket(env: Env) -> tuple[int, int, int, dict]:
    project = await env.project()
    uma = await env.user(project)
    ticket_id = await env.ticket(
        project, "Rich", description="keep me", type="story", priority=3, storypoints=8,
        dateToFinish="2030-05-05 10:00:00", planHours=4, tags="alpha,beta", editorId=uma,
        status=4)
    return project, uma, ticket_id, await env.get(ticket_id)


def _without(ticket: dict, *names: str) -> dict:
    return {k: v for k, v in ticket.items() if k not in {"modified", *names}}


async def test_patch_ticket_changes_only_the_given_fields(env: Env) -> None:
    """patchTicket(id, values) changes what is given and keeps every other field."""
    _, _, ticket_id, before = await _rich_ticket(env)
    assert await env.lt.call("tickets.patchTicket", {"id": ticket_id,
                                                     "values": {"headline": "Richer"}}) is True
    after = await env.get(ticket_id)
    assert after["headline"] == "Richer"
    assert _without(after, "headline") == _without(before, "headline")
    assert await env.lt.call("tickets.patchTicket", {"id": ticket_id,
                                                     "values": {"priority": "1",
                                                                "status": 2}}) is True
    after = await env.get(ticket_id)
    assert (after["priority"], after["status"]) == (1, 2)
    assert _without(after, "headline", "priority", "status") == \
        _without(before, "headline", "priority", "status")
    assert await env.column_title(ticket_id) == "Waiting for Approval"


async def test_update_ticket_does_not_blank_fields_it_was_not_given(env: Env) -> None:
    """updateTicket(values) with only id and one field keeps the rest (Leantime users
    asked for this instead of the ticket being blanked)."""
    _, _, ticket_id, before = await _rich_ticket(env)
    assert await env.lt.call("tickets.updateTicket",
                             {"values": {"id": ticket_id, "description": "changed"}}) is True
    after = await env.get(ticket_id)
    assert after["description"] == "changed"
    assert _without(after, "description") == _without(before, "description")
    error = await env.lt.error("tickets.updateTicket", {"values": {"headline": "no id"}})
    assert error["code"] == -32602


async def test_update_ticket_round_trip_of_a_whole_ticket(env: Env) -> None:
    """A script that reads a ticket, changes one field and sends the whole ticket back
    through updateTicket gets exactly that one change."""
    _, _, ticket_id, before = await _rich_ticket(env)
    edited = dict(before, headline="Round trip")
    assert await env.lt.call("tickets.updateTicket", {"values": edited}) is True
    after = await env.get(ticket_id)
    assert after["headline"] == "Round trip"
    assert _without(after, "headline") == _without(before, "headline")


async def test_edit_to_is_a_date_like_edit_from(env: Env) -> None:
    """editTo (the planned end) reads back like editFrom: a date in "YYYY-MM-DD HH:MM:SS"
    form whatever form it was written in, and null when it was never set or set to null."""
    project = await env.project()
    ticket_id = await env.ticket(project, "planned", editFrom="2030-03-01",
                                 editTo="2030-03-20")
    ticket = await env.get(ticket_id)
    assert ticket["editFrom"] == "2030-03-01 00:00:00"
    assert ticket["editTo"] == "2030-03-20 00:00:00"
    unplanned = await env.ticket(project, "unplanned")
    assert (await env.get(unplanned))["editTo"] is None
    await env.lt.call("tickets.patchTicket", {"id": unplanned, "values": {"editTo": None}})
    assert (await env.get(unplanned))["editTo"] is None


async def test_delete_ticket(env: Env) -> None:
    """delete(id) removes the ticket from both APIs."""
    project = await env.project()
    ticket_id = await env.ticket(project, "doomed")
    keep = await env.ticket(project, "kept")
    assert await env.lt.call("tickets.delete", {"id": ticket_id}) is True
    assert await env.get(ticket_id) is False
    assert not await env.kb.call("getTask", [ticket_id])
    assert [t["id"] for t in await env.lt.call(
        "tickets.getAll", {"searchCriteria": {"currentProject": project}})] == [keep]


async def test_mark_done_and_reopen(env: Env) -> None:
    """markTicketDone closes the ticket (status 0, Kanboard closed, Done column);
    markTicketReopen opens it again with an open status."""
    project = await env.project()
    ticket_id = await env.ticket(project, "work", status=4)
    assert await env.lt.call("tickets.markTicketDone", {"id": ticket_id}) is True
    assert (await env.get(ticket_id))["status"] == 0
    task = await env.kb.call("getTask", [ticket_id])
    assert task["is_active"] == 0 and await env.column_title(ticket_id) == "Done"
    assert await env.lt.call("tickets.markTicketReopen", {"id": ticket_id}) is True
    assert (await env.kb.call("getTask", [ticket_id]))["is_active"] == 1
    status = (await env.get(ticket_id))["status"]
    assert status != 0, "a reopened ticket must not still read as Done"
    assert status in (3, 1, 4, 2) and await env.column_title(ticket_id) != "Done"
    assert ticket_id in [t["id"] for t in await env.lt.call(
        "tickets.getAll", {"searchCriteria": {"currentProject": project,
                                              "status": "not_done"}})]


async def test_set_ticket_status_by_type(env: Env) -> None:
    """setTicketStatusByType moves a ticket to the first status of that type: DONE -> 0,
    NEW -> 3, INPROGRESS -> a status whose label says INPROGRESS; unknown types -32602."""
    project = await env.project()
    ticket_id = await env.ticket(project, "typed")
    labels = await env.lt.call("tickets.getStatusLabels", {"projectId": project})
    call = "tickets.setTicketStatusByType"
    assert await env.lt.call(call, {"ticketId": ticket_id, "statusType": "DONE"}) is True
    assert (await env.get(ticket_id))["status"] == 0
    assert (await env.kb.call("getTask", [ticket_id]))["is_active"] == 0
    assert await env.lt.call(call, {"ticketId": ticket_id, "statusType": "INPROGRESS"}) is True
    status = (await env.get(ticket_id))["status"]
    assert labels[str(status)]["statusType"] == "INPROGRESS"
    assert (await env.kb.call("getTask", [ticket_id]))["is_active"] == 1
    assert await env.lt.call(call, {"ticketId": ticket_id, "statusType": "new"}) is True
    assert (await env.get(ticket_id))["status"] == 3
    assert (await env.lt.error(call, {"ticketId": ticket_id, "statusType": "LATER"}))["code"] \
        == -32602


async def test_move_ticket_between_projects(env: Env) -> None:
    """moveTicket(id, projectId) moves the ticket (and its comments) to the other
    project's first column; Kanboard sees the new project."""
    source, target = await env.project(), await env.project()
    ticket_id = await env.ticket(source, "travelling", status=4, description="d")
    await env.lt.call("comments.addComment", {"values": {"text": "hello"}, "module": "ticket",
                                              "entityId": ticket_id})
    assert await env.lt.call("tickets.moveTicket", {"id": ticket_id, "projectId": target}) \
        is True
    ticket = await env.get(ticket_id)
    assert ticket["projectId"] == target and ticket["status"] == 3
    assert ticket["description"] == "d"
    assert (await env.kb.call("getTask", [ticket_id]))["project_id"] == target
    assert await env.column_title(ticket_id) == "New"
    assert [c["text"] for c in await env.lt.call(
        "comments.getComments", {"module": "ticket", "entityId": ticket_id})] == ["hello"]
    assert await env.lt.call("tickets.getAll", {"searchCriteria": {"currentProject": source}}) \
        == []
    error = await env.lt.error("tickets.moveTicket", {"id": ticket_id, "projectId": target})
    assert error["code"] == -32602  # already there


async def test_move_ticket_clears_its_plan_and_takes_a_milestones_tickets(env: Env) -> None:
    """As Leantime: the moved ticket loses its sprint, milestone and parent and keeps its
    tags; moving a milestone moves its tickets too (they keep their milestone and status,
    lose their sprint), all in one write."""
    source, target = await env.project(), await env.project()
    sprint = await env.lt.call("sprints.addSprint", {"params": {"projectId": source,
                                                                "name": "S1"}})
    milestone = await env.ticket(source, "M", type="milestone")
    parent = await env.ticket(source, "parent")
    child = await env.ticket(source, "child", milestoneid=milestone, sprint=sprint, status=4,
                             dependingTicketId=parent, tags="red,blue")
    other = await env.ticket(source, "other", sprint=sprint)
    assert await env.lt.call("tickets.moveTicket", {"id": child, "projectId": target}) is True
    moved = await env.get(child)
    assert (moved["projectId"], moved["sprint"], moved["milestoneid"],
            moved["dependingTicketId"]) == (target, None, None, None)
    assert sorted(moved["tags"].split(",")) == ["blue", "red"]
    assert (await env.get(other))["sprint"] == sprint  # untouched
    second = await env.ticket(source, "second", milestoneid=milestone, sprint=sprint, status=4)
    assert await env.lt.call("tickets.moveTicket", {"id": milestone, "projectId": target}) \
        is True
    taken = await env.get(second)
    assert (taken["projectId"], taken["sprint"], taken["milestoneid"], taken["status"]) == \
        (target, None, milestone, 4)
    assert (await env.get(milestone))["projectId"] == target
    assert (await env.get(other))["projectId"] == source


async def test_status_labels_and_kanban_columns(env: Env) -> None:
    """getStatusLabels(projectId) lists a Leantime project's statuses 3,1,4,2,0 in board
    order; Kanboard's default columns map Backlog->3, Work in progress->4, Done->0;
    getKanbanColumns answers Leantime's default columns."""
    project = await env.project()
    labels = await env.lt.call("tickets.getStatusLabels", {"projectId": project})
    assert list(labels) == ["3", "1", "4", "2", "0"]
    assert [labels[k]["name"] for k in labels] == LEANTIME_COLUMNS
    assert [labels[k]["statusType"] for k in ("3", "4", "0")] == ["NEW", "INPROGRESS", "DONE"]
    assert [labels[k]["sortKey"] for k in labels] == [1, 2, 3, 4, 5]
    defaults = await env.lt.call("tickets.getStatusLabels", {})
    assert {k: v["name"] for k, v in defaults.items()} == {
        "3": "New", "1": "Blocked", "4": "In Progress", "2": "Waiting for Approval", "0": "Done"}
    kanboard_project = await env.kb.call("createProject", {"name": "Kanboard style"})
    kb_labels = await env.lt.call("tickets.getStatusLabels", {"projectId": kanboard_project})
    names = {k: v["name"] for k, v in kb_labels.items()}
    assert names["3"] == "Backlog" and names["4"] == "Work in progress" and names["0"] == "Done"
    assert await env.lt.call("tickets.getStatusLabels", {"projectId": 99999}) == []
    columns = await env.lt.call("tickets.getKanbanColumns", {})
    assert {str(k): v for k, v in columns.items()} == {
        "3": "New", "1": "Blocked", "4": "In Progress", "2": "Waiting for Approval", "0": "Done"}


async def test_get_all_subtasks(env: Env) -> None:
    """getAllSubtasks(ticketId) lists the task's subtasks as subtask tickets."""
    project = await env.project()
    ticket_id = await env.ticket(project, "with parts")
    assert await env.lt.call("tickets.getAllSubtasks", {"ticketId": ticket_id}) == []
    await env.kb.call("createSubtask", {"task_id": ticket_id, "title": "part one",
                                        "time_estimated": 2})
    await env.kb.call("createSubtask", {"task_id": ticket_id, "title": "part two", "status": 2})
    subtasks = await env.lt.call("tickets.getAllSubtasks", {"ticketId": ticket_id})
    assert [s["headline"] for s in subtasks] == ["part one", "part two"]
    assert all(s["type"] == "subtask" and s["dependingTicketId"] == ticket_id for s in subtasks)
    assert subtasks[1]["status"] == 0 and subtasks[0]["status"] != 0
    assert subtasks[0]["planHours"] == 2
    assert await env.lt.call("tickets.getAllSubtasks", {"ticketId": 99999}) is False


async def test_find_ticket(env: Env) -> None:
    """findTicket(term, projectId, userId) finds tickets by words of their title, in that
    project, optionally only those assigned to the user."""
    project, other = await env.project(), await env.project()
    uma = await env.user(project)
    mine = await env.ticket(project, "Fix the login page", editorId=uma)
    theirs = await env.ticket(project, "Login audit")
    await env.ticket(project, "Unrelated")
    await env.ticket(other, "Login elsewhere")
    found = await env.lt.call("tickets.findTicket", {"term": "login", "projectId": project})
    assert sorted(t["id"] for t in found) == sorted([mine, theirs])
    found = await env.lt.call("tickets.findTicket", {"term": "login", "projectId": project,
                                                     "userId": uma})
    assert [t["id"] for t in found] == [mine]
    assert await env.lt.call("tickets.findTicket", {"term": "nothing-like-it",
                                                    "projectId": project}) == []


async def _search_world(env: Env) -> dict[str, Any]:
    project, other = await env.project(), await env.project()
    uma, bob = await env.user(project), await env.user(project)
    ids = {
        "a": await env.ticket(project, "Alpha bug", type="bug", priority=1, editorId=uma,
                              dateToFinish="2030-01-10 12:00:00", status=3,
                              description="crashes on start"),
        "b": await env.ticket(project, "Beta story", type="story", priority=3, editorId=bob,
                              dateToFinish="2030-02-10 12:00:00", status=4),
        "c": await env.ticket(project, "Gamma task", priority=5, status=1),
        "d": await env.ticket(project, "Delta done", type="bug", editorId=uma, status=0,
                              dateToFinish="2030-01-20 12:00:00"),
        "e": await env.ticket(other, "Alpha elsewhere", type="bug", editorId=0),
    }
    return {"project": project, "other": other, "uma": uma, "bob": bob, **ids}


async def test_get_all_search_criteria(env: Env) -> None:
    """tickets.getAll filters by currentProject, status (all, not_done, done, integers and
    lists), users, term, type, priority, dateFrom/dateTo, statusType, and honours limit."""
    w = await _search_world(env)

    async def ids(**criteria: Any) -> list[int]:
        found = await env.lt.call("tickets.getAll", {
            "searchCriteria": {"currentProject": w["project"], **criteria}})
        return sorted(t["id"] for t in found)

    a, b, c, d = w["a"], w["b"], w["c"], w["d"]
    assert await ids() == [a, b, c, d]
    assert await ids(status="all") == [a, b, c, d]
    assert await ids(status="not_done") == [a, b, c]
    assert await ids(status="done") == [d]
    assert await ids(status=3) == [a]
    assert await ids(status="4") == [b]
    assert await ids(status="3,1") == [a, c]
    assert await ids(status=[4, 0]) == [b, d]
    assert await ids(users=str(w["uma"])) == [a, d]
    assert await ids(users=f"{w['uma']},{w['bob']}") == [a, b, d]
    assert await ids(users=[w["bob"]]) == [b]
    assert await ids(term="alpha") == [a]
    assert await ids(term="CRASHES") == [a]  # the description counts too
    assert await ids(type="bug") == [a, d]
    assert await ids(type="story,bug") == [a, b, d]
    assert await ids(priority=1) == [a]
    assert await ids(priority="1,5") == [a, c]
    assert await ids(dateFrom="2030-01-01", dateTo="2030-01-31") == [a, d]
    assert await ids(dateFrom="2030-02-01") == [b]
    assert await ids(dateTo="2030-01-15") == [a]
    assert await ids(statusType="DONE") == [d]
    assert await ids(statusType="NEW") == [a]
    assert await ids(statusType="INPROGRESS") == [b, c]
    assert await ids(type="bug", status="not_done", users=str(w["uma"])) == [a]
    everything = await env.lt.call("tickets.getAll", {})
    assert {a, b, c, d, w["e"]} <= {t["id"] for t in everything}
    limited = await env.lt.call("tickets.getAll", {"searchCriteria": {
        "currentProject": w["project"]}, "limit": 2})
    assert len(limited) == 2
    assert await env.lt.call("tickets.getAll", {"searchCriteria": {"currentProject": 99999}}) \
        == []


async def test_get_all_modified_after(env: Env) -> None:
    """modifiedAfter keeps only tickets changed after the given time (ISO text or unix
    seconds), so a sync script can ask for what changed since its last run."""
    project = await env.project()
    old = await env.ticket(project, "old")
    changed = await env.ticket(project, "changed")
    since = (await env.get(changed))["modified"]  # "YYYY-MM-DD HH:MM:SS", UTC
    await asyncio.sleep(1.1)
    await env.lt.call("tickets.patchTicket", {"id": changed, "values": {"description": "new"}})

    async def ids(after: Any) -> list[int]:
        return sorted(t["id"] for t in await env.lt.call("tickets.getAll", {"searchCriteria": {
            "currentProject": project, "modifiedAfter": after}}))

    assert await ids(since) == [changed]
    assert await ids(since.replace(" ", "T") + "Z") == [changed]
    stamp = int(datetime.strptime(since, "%Y-%m-%d %H:%M:%S")
                .replace(tzinfo=timezone.utc).timestamp())
    assert await ids(stamp) == [changed]
    assert await ids("2000-01-01") == [old, changed]
    assert await ids("2999-01-01") == []


async def test_get_all_open_user_tickets(env: Env) -> None:
    """getAllOpenUserTickets(userId, project) lists the open tickets assigned to the user."""
    w = await _search_world(env)
    found = await env.lt.call("tickets.getAllOpenUserTickets", {"userId": w["uma"],
                                                                "project": w["project"]})
    assert [t["id"] for t in found] == [w["a"]]  # d is done
    found = await env.lt.call("tickets.getAllOpenUserTickets", {"project": w["project"]})
    assert sorted(t["id"] for t in found) == sorted([w["a"], w["b"], w["c"]])
    found = await env.lt.call("tickets.getAllOpenUserTickets", {"userId": w["bob"]})
    assert [t["id"] for t in found] == [w["b"]]


async def test_bad_values_inside_values_and_criteria_are_clear_32602_errors(env: Env) -> None:
    """A value that cannot be read (a non-numeric projectId or status, a date that is not
    a date) is a clear -32602 naming the problem, not -32000 "Server error": Leantime
    users ask for clear errors."""
    project = await env.project()
    ticket_id = await env.ticket(project, "present")
    calls = [
        ("tickets.addTicket", {"values": {"headline": "x", "projectId": "abc"}}),
        ("tickets.addTicket", {"values": {"headline": "x", "projectId": project,
                                          "status": "open"}}),
        ("tickets.patchTicket", {"id": ticket_id, "values": {"status": "later"}}),
        ("tickets.patchTicket", {"id": ticket_id, "values": {"priority": "high"}}),
        ("tickets.getAll", {"searchCriteria": {"currentProject": "mine"}}),
        ("tickets.getAll", {"searchCriteria": {"currentProject": project,
                                               "dateFrom": "not a date"}}),
        ("tickets.getAll", {"searchCriteria": {"currentProject": project,
                                               "modifiedAfter": "yesterday"}}),
        # past the year 9999: these once crashed (-32000) in fromtimestamp, astimezone
        ("tickets.getAll", {"searchCriteria": {"dateFrom": "99999999999999"}}),
        ("tickets.getAll", {"searchCriteria": {"dateTo": 1e300}}),
        ("tickets.getAll", {"searchCriteria": {"modifiedAfter": "9999-12-31T23:59:59-05:00"}}),
        ("tickets.addTicket", {"values": {"headline": "x", "projectId": project,
                                          "dateToFinish": "soon"}}),
    ]
    unclear = []
    for method, params in calls:
        error = await env.lt.error(method, params)
        if error["code"] != -32602 or not (error.get("data") or error["message"]):
            unclear.append((method, params, error))
    assert unclear == [], unclear
    assert (await env.get(ticket_id))["headline"] == "present"


async def test_numbers_inside_values_beyond_64_bits_are_refused_naming_the_field(
        env: Env) -> None:
    """values.projectId "99999999999999999999" or milestoneid 2**64 (a JSON float) is
    held to a parameter's bounds: -32602 naming the field. They once crashed (-32000)
    overflowing SQLite's binding or the log's JSON encoder; infinite hours too."""
    project = await env.project()
    ticket_id = await env.ticket(project, "present")
    before = (await env.get(ticket_id), await env.lt.call("tickets.getAll", {}))
    out_of_range = " is out of range (a signed 64-bit integer)"
    calls = [
        ("tickets.addTicket", {"values": {"headline": "x", "projectId": "99999999999999999999"}},
         "projectId" + out_of_range),
        ("tickets.addTicket", {"values": {"headline": "x", "projectId": project,
                                          "milestoneid": 2.0 ** 64}}, "milestoneid" + out_of_range),
        ("tickets.patchTicket", {"id": ticket_id, "values": {"priority": "-99999999999999999999"}},
         "priority" + out_of_range),
        ("tickets.updateTicket", {"values": {"id": "99999999999999999999"}}, "id" + out_of_range),
        ("sprints.addSprint", {"params": {"projectId": "99999999999999999999"}},
         "projectId" + out_of_range),
        ("timesheets.logTime", {"ticketId": ticket_id, "params": {"hours": "inf"}},
         "hours must be a finite number"),
    ]
    for method, params, reason in calls:
        assert await env.lt.error(method, params) == {
            "code": -32602, "message": "Invalid params", "data": reason}, method
    assert (await env.get(ticket_id), await env.lt.call("tickets.getAll", {})) == before
