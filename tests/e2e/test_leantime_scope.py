"""Key roles and project scopes, for every role against a project inside and outside its
scope: reads outside give false or [], writes outside give -32001, each role may do
exactly what the reference grants; and the same keys on the Kanboard endpoint."""
from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from typing import Any, Iterator

import aiohttp
import pytest

from domain.keys import KEY_ROLES
from tests.conftest import TOKEN, Rpc, basic
from tests.e2e.leantime_support import (ROLES, Leantime, ThreadedServer, kb_key, kb_project,
                                         kb_task)

NOT_ALLOWED = {"code": -32001, "message": "You are not allowed to perform this action."}


@dataclass
class World:
    """Project 1 "Inside" and project 2 "Outside", each with a ticket, a subtask, a
    comment, a sprint and member "uma"; every key made here is scoped to project 1."""

    server: ThreadedServer
    inside: int
    outside: int
    t_in: int
    t_out: int
    c_out: int
    s_in: int
    s_out: int
    uma: int


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    threaded = ThreadedServer(str(tmp_path_factory.mktemp("leantime-scope") / "b.db"))

    async def populate(kb: Rpc) -> World:
        inside, outside = await kb_project(kb, "Inside"), await kb_project(kb, "Outside")
        uma = await kb.call("createUser", {"username": "uma", "password": "secret123"})
        t_in = await kb_task(kb, inside, "Inside ticket")
        t_out = await kb_task(kb, outside, "Outside ticket")
        for project, task in ((inside, t_in), (outside, t_out)):
            await kb.call("addProjectUser", [project, uma, "project-member"])
            await kb.call("createSubtask", {"task_id": task, "title": f"sub of {task}"})
        await kb.call("createComment", {"task_id": t_in, "user_id": uma, "content": "in"})
        c_out = await kb.call("createComment", {"task_id": t_out, "user_id": uma,
                                                "content": "out"})
        async with aiohttp.ClientSession() as session:
            owner = Leantime(session, threaded.url, (await kb_key(kb, "owner"))["key"])
            s_in = await owner.call("sprints.addSprint", {"params": {
                "projectId": inside, "name": "S in", "startDate": "2030-01-01",
                "endDate": "2030-01-14"}})
            s_out = await owner.call("sprints.addSprint", {"params": {
                "projectId": outside, "name": "S out", "startDate": "2030-01-01",
                "endDate": "2030-01-14"}})
        return World(threaded, inside, outside, t_in, t_out, c_out, s_in, s_out, uma)

    try:
        yield threaded.setup(populate)
    finally:
        threaded.stop()


@pytest.fixture
def kb(world: World, session: aiohttp.ClientSession) -> Rpc:
    return Rpc(session, f"{world.server.url}/jsonrpc.php", basic("jsonrpc", TOKEN),
               itertools.count(1))


async def scoped(kb: Rpc, world: World, session: aiohttp.ClientSession, role: str) -> Leantime:
    return Leantime(session, world.server.url,
                    (await kb_key(kb, role, [world.inside]))["key"])


def sees_all(role: str) -> bool:
    return KEY_ROLES[role] >= KEY_ROLES["admin"]


def at_least(role: str, least: str) -> bool:
    return KEY_ROLES[role] >= KEY_ROLES[least]


def outside_reads(w: World) -> list[tuple[str, dict, Any]]:
    """(method, params, what a key that must not see project 2 gets)."""
    return [
        ("tickets.getTicket", {"id": w.t_out}, False),
        ("tickets.getAll", {"searchCriteria": {"currentProject": w.outside}}, []),
        ("tickets.getAll", {"searchCriteria": {"term": "Outside"}}, []),
        ("tickets.getAllOpenUserTickets", {"project": w.outside}, []),
        ("tickets.findTicket", {"term": "Outside", "projectId": w.outside}, []),
        ("tickets.getAllSubtasks", {"ticketId": w.t_out}, False),
        ("tickets.getStatusLabels", {"projectId": w.outside}, []),
        ("projects.getProject", {"id": w.outside}, False),
        ("projects.findProject", {"term": "Outside"}, []),
        ("projects.getUsersAssignedToProject", {"projectId": w.outside}, []),
        ("comments.getComments", {"module": "ticket", "entityId": w.t_out}, []),
        ("sprints.getAllSprints", {"projectId": w.outside}, []),
        ("sprints.getSprint", {"id": w.s_out}, False),
        ("history.getTicketHistory", {"id": w.t_out}, False),
    ]


def nothing_of_project_2(value: Any, w: World) -> bool:
    """True when no object in an answer belongs to (or names) project 2 or its ticket."""
    text = json.dumps(value)
    return "Outside" not in text and f'"projectId": {w.outside}' not in text


@pytest.mark.parametrize("role", ROLES)
async def test_reads_inside_and_outside_the_scope(role: str, world: World, kb: Rpc,
                                                  session: aiohttp.ClientSession) -> None:
    """Every role reads its project; only admin and owner keys see project 2. For the
    others each read outside is false or [] and no list (getAll, getAllOpenUserTickets,
    getAllSprints, projects.getAll, getProjectsUserHasAccessTo) carries anything of it."""
    lt = await scoped(kb, world, session, role)
    inside = await lt.call("tickets.getTicket", {"id": world.t_in})
    assert inside["headline"] == "Inside ticket" and inside["projectId"] == world.inside
    assert (await lt.call("projects.getProject", {"id": world.inside}))["name"] == "Inside"
    assert [c["text"] for c in await lt.call("comments.getComments",
                                             {"module": "ticket", "entityId": world.t_in})] \
        == ["in"]
    assert (await lt.call("sprints.getSprint", {"id": world.s_in}))["name"] == "S in"
    assert len(await lt.call("tickets.getAllSubtasks", {"ticketId": world.t_in})) == 1

    lists = {m: await lt.call(m, p) for m, p in (
        ("tickets.getAll", {}), ("tickets.getAllOpenUserTickets", {}),
        ("projects.getAll", {"showClosedProjects": True}), ("sprints.getAllSprints", {}),
        ("projects.getProjectsUserHasAccessTo", {}),
        ("projects.getProjectsUserHasAccessTo", {"userId": world.uma}))}
    for method, value in lists.items():  # each list has project 1's things
        assert "Inside" in json.dumps(value) or "S in" in json.dumps(value), (method, value)
    if sees_all(role):
        ticket = await lt.call("tickets.getTicket", {"id": world.t_out})
        assert ticket["headline"] == "Outside ticket"
        assert (await lt.call("projects.getProject", {"id": world.outside}))["name"] == "Outside"
        assert all("Outside" in json.dumps(v) or "S out" in json.dumps(v)
                   for v in lists.values()), lists
        comments = await lt.call("comments.getComments", {"module": "ticket",
                                                          "entityId": world.t_out})
        assert [c["text"] for c in comments] == ["out"]
    else:
        for method, params, expected in outside_reads(world):
            assert await lt.call(method, params) == expected, (role, method)
        for method, value in lists.items():
            assert nothing_of_project_2(value, world), (role, method, value)
            assert "S out" not in json.dumps(value)


@pytest.mark.parametrize("role", ROLES)
async def test_nothing_outside_the_scope_leaks_through_a_batch(
        role: str, world: World, kb: Rpc, session: aiohttp.ClientSession) -> None:
    """A batch mixing inside and outside reads answers each exactly as alone would."""
    lt = await scoped(kb, world, session, role)
    requests = [lt.envelope("tickets.getAll", {}, id="all"),
                lt.envelope("tickets.getTicket", {"id": world.t_in}, id="in")]
    requests += [lt.envelope(m, p, id=f"out{i}")
                 for i, (m, p, _) in enumerate(outside_reads(world))]
    answers = await lt.batch(requests)
    assert [a["id"] for a in answers] == [r["id"] for r in requests]
    assert answers[1]["result"]["id"] == world.t_in
    if sees_all(role):
        assert {t["id"] for t in answers[0]["result"]} >= {world.t_in, world.t_out}
        assert answers[2]["result"]["id"] == world.t_out
    else:
        assert world.t_out not in {t["id"] for t in answers[0]["result"]}
        assert nothing_of_project_2(answers[0]["result"], world)
        for answer, (method, _, expected) in zip(answers[2:], outside_reads(world)):
            assert answer["result"] == expected, (role, method, answer)


def outside_writes(w: World, fresh_user: int) -> list[tuple[str, dict]]:
    return [
        ("tickets.addTicket", {"values": {"headline": "sneak", "projectId": w.outside}}),
        ("tickets.quickAddTicket", {"params": {"headline": "sneak", "projectId": w.outside}}),
        ("tickets.patchTicket", {"id": w.t_out, "values": {"headline": "pwned"}}),
        ("tickets.updateTicket", {"values": {"id": w.t_out, "headline": "pwned"}}),
        ("tickets.markTicketDone", {"id": w.t_out}),
        ("tickets.markTicketReopen", {"id": w.t_out}),
        ("tickets.setTicketStatusByType", {"ticketId": w.t_out, "statusType": "DONE"}),
        ("tickets.moveTicket", {"id": w.t_out, "projectId": w.inside}),
        ("tickets.moveTicket", {"id": w.t_in, "projectId": w.outside}),
        ("tickets.delete", {"id": w.t_out}),
        ("timesheets.logTime", {"ticketId": w.t_out, "params": {"hours": 1}}),
        ("comments.addComment", {"values": {"text": "x"}, "module": "ticket",
                                 "entityId": w.t_out}),
        ("comments.editComment", {"values": {"text": "pwned"}, "id": w.c_out}),
        ("comments.deleteComment", {"commentId": w.c_out}),
        ("sprints.addSprint", {"params": {"projectId": w.outside, "name": "x"}}),
        ("sprints.editSprint", {"params": {"id": w.s_out, "name": "pwned"}}),
        ("sprints.deleteSprint", {"id": w.s_out}),
        ("projects.patchProject", {"id": w.outside, "values": {"name": "pwned"}}),
        ("projects.editProject", {"values": {"name": "pwned"}, "id": w.outside}),
        ("projects.addUserToProject", {"userId": fresh_user, "projectId": w.outside}),
        ("projects.deleteProject", {"id": w.outside}),
    ]


async def outside_state(kb: Rpc, w: World) -> Any:
    """Everything of project 2 a refused write could have changed, read through Kanboard."""
    task = await kb.call("getTask", [w.t_out])
    return (await kb.call("getProjectById", [w.outside]),
            {k: task[k] for k in ("title", "project_id", "column_id", "is_active",
                                  "time_spent")},
            await kb.call("getAllComments", [w.t_out]),
            await kb.call("getAllTasks", {"project_id": w.outside, "status_id": 1}),
            await kb.call("getProjectUsers", [w.outside]),
            (await kb.call("getTask", [w.t_in]))["project_id"])


@pytest.mark.parametrize("role", [r for r in ROLES if not sees_all(r)])
async def test_writes_outside_the_scope_are_refused_and_change_nothing(
        role: str, world: World, kb: Rpc, session: aiohttp.ClientSession) -> None:
    """Every write that touches project 2 answers -32001, whatever the scoped key's role,
    and project 2 is exactly as before (tickets, comments, sprints, members)."""
    lt = await scoped(kb, world, session, role)
    fresh = await kb.call("createUser", {"username": f"x-{role}", "password": "secret123"})
    before = await outside_state(kb, world)
    sprints_before = await Leantime(session, world.server.url,
                                    (await kb_key(kb, "owner"))["key"]).call(
        "sprints.getAllSprints", {"projectId": world.outside})
    for method, params in outside_writes(world, fresh):
        assert await lt.error(method, params) == NOT_ALLOWED, (role, method)
    assert await outside_state(kb, world) == before
    owner = Leantime(session, world.server.url, (await kb_key(kb, "owner"))["key"])
    assert await owner.call("sprints.getAllSprints", {"projectId": world.outside}) \
        == sprints_before
    assert await lt.error("projects.addProject", {"values": {"name": "mine"}}) == NOT_ALLOWED


@pytest.mark.parametrize("role", ["admin", "owner"])
async def test_admin_and_owner_keys_write_everywhere(role: str, world: World, kb: Rpc,
                                                    session: aiohttp.ClientSession) -> None:
    """Admin and owner keys see and change every project, and may create projects."""
    lt = await scoped(kb, world, session, role)  # the scope list does not limit them
    ticket_id = await lt.call("tickets.addTicket",
                              {"values": {"headline": f"{role} was here",
                                          "projectId": world.outside}})
    assert await lt.call("tickets.patchTicket", {"id": ticket_id,
                                                 "values": {"description": "ok"}}) is True
    assert await lt.call("comments.addComment", {"values": {"text": role}, "module": "ticket",
                                                 "entityId": ticket_id}) is True
    assert await lt.call("timesheets.logTime", {"ticketId": ticket_id, "params": {"hours": 1}})
    assert await lt.call("tickets.delete", {"id": ticket_id}) is True
    assert await lt.call("projects.patchProject", {"id": world.outside,
                                                   "values": {"name": "Outside"}}) is True
    project_id = await lt.call("projects.addProject", {"values": {"name": f"{role} project"}})
    assert (await lt.call("projects.getProject", {"id": project_id}))["name"] == f"{role} project"
    assert await lt.call("projects.deleteProject", {"id": project_id}) is True
    assert await lt.call("projects.getProject", {"id": project_id}) is False


@pytest.mark.parametrize("role", ROLES)
async def test_each_role_may_do_what_the_reference_grants_inside_its_scope(
        role: str, world: World, kb: Rpc, session: aiohttp.ClientSession) -> None:
    """readonly only reads; commenter also comments; editor also creates, edits and
    deletes tickets (and sprints and time); manager also manages projects and members."""
    lt = await scoped(kb, world, session, role)
    denied: list[str] = []

    async def attempt(least: str, method: str, params: dict) -> Any:
        answer = await lt.answer(method, params)
        if at_least(role, least):
            assert "error" not in answer, (role, method, answer)
            return answer["result"]
        assert answer.get("error") == NOT_ALLOWED, (role, method, answer)
        denied.append(method)
        return None

    comment = await attempt("commenter", "comments.addComment",
                            {"values": {"text": f"by {role}"}, "module": "ticket",
                             "entityId": world.t_in})
    if comment:
        mine = [c for c in await lt.call("comments.getComments",
                                          {"module": "ticket", "entityId": world.t_in})
                if c["text"] == f"by {role}"]
        assert len(mine) == 1
        assert await attempt("commenter", "comments.editComment",
                             {"values": {"text": f"by {role}!"}, "id": mine[0]["id"]})
        assert await attempt("commenter", "comments.deleteComment", {"commentId": mine[0]["id"]})

    ticket_id = await attempt("editor", "tickets.addTicket",
                              {"values": {"headline": f"{role} ticket", "projectId": world.inside}})
    target = ticket_id or world.t_in
    await attempt("editor", "tickets.patchTicket", {"id": target, "values": {"priority": 2}})
    await attempt("editor", "tickets.updateTicket", {"values": {"id": target, "storypoints": 3}})
    await attempt("editor", "tickets.markTicketDone", {"id": target})
    await attempt("editor", "tickets.markTicketReopen", {"id": target})
    await attempt("editor", "tickets.setTicketStatusByType",
                  {"ticketId": target, "statusType": "NEW"})
    await attempt("editor", "timesheets.logTime", {"ticketId": target, "params": {"hours": 0.5}})
    sprint = await attempt("editor", "sprints.addSprint",
                           {"params": {"projectId": world.inside, "name": f"{role} sprint"}})
    await attempt("editor", "sprints.editSprint", {"params": {"id": sprint or world.s_in,
                                                              "name": f"{role} sprint!"}})
    if sprint:
        await attempt("editor", "sprints.deleteSprint", {"id": sprint})
    await attempt("editor", "tickets.delete", {"id": target})
    await attempt("editor", "tickets.quickAddTicket",
                  {"params": {"headline": f"{role} quick", "projectId": world.inside}})

    fresh = await kb.call("createUser", {"username": f"in-{role}", "password": "secret123"})
    await attempt("manager", "projects.patchProject", {"id": world.inside,
                                                       "values": {"details": f"by {role}"}})
    await attempt("manager", "projects.editProject", {"values": {"name": "Inside"},
                                                      "id": world.inside})
    await attempt("manager", "projects.addUserToProject", {"userId": fresh,
                                                           "projectId": world.inside,
                                                           "projectRole": "editor"})
    await attempt("admin", "api.getAPIKeys", {})

    expected_denied = {
        "readonly": 16, "commenter": 15, "editor": 4, "manager": 1, "admin": 0, "owner": 0}
    assert len(denied) == expected_denied[role], (role, denied)
    task = await kb.call("getTask", [world.t_in])  # editors worked on their own ticket
    assert task["project_id"] == world.inside and task["is_active"] == 1


async def test_readonly_may_not_write_at_all(world: World, kb: Rpc,
                                             session: aiohttp.ClientSession) -> None:
    """A readonly key is refused (-32001) by every write method, even in its own project,
    and nothing changes."""
    lt = await scoped(kb, world, session, "readonly")
    fresh = await kb.call("createUser", {"username": "ro-target", "password": "secret123"})
    before = await kb.call("getTask", [world.t_in])
    writes = [(m, p) for m, p in outside_writes(
        World(world.server, world.outside, world.inside, world.t_out, world.t_in, world.c_out,
              world.s_out, world.s_in, world.uma), fresh)]  # the same calls, on project 1
    writes += [("projects.addProject", {"values": {"name": "x"}}),
               ("api.createAPIKey", {"values": {"name": "x", "role": "owner"}})]
    for method, params in writes:
        assert await lt.error(method, params) == NOT_ALLOWED, method
    after = await kb.call("getTask", [world.t_in])
    assert {k: after[k] for k in ("title", "project_id", "is_active", "time_spent")} == \
        {k: before[k] for k in ("title", "project_id", "is_active", "time_spent")}


async def test_scoped_keys_on_the_kanboard_endpoint(world: World, kb: Rpc,
                                                    session: aiohttp.ClientSession) -> None:
    """On /jsonrpc.php a key sends x-api-key: a scoped key reads its project (200) and gets
    403 for any other project or its tasks; its role limits writes; admin keys see all."""
    async def as_key(key: str, method: str, params: Any) -> tuple[int, Any]:
        request = {"jsonrpc": "2.0", "method": method, "id": 1}
        if params is not None:
            request["params"] = params
        body = json.dumps(request)
        status, payload, _ = await Rpc(session, kb.url, None).post(body, {"x-api-key": key})
        return status, payload

    readonly = (await kb_key(kb, "readonly", [world.inside]))["key"]
    commenter = (await kb_key(kb, "commenter", [world.inside]))["key"]
    editor = (await kb_key(kb, "editor", [world.inside]))["key"]
    admin = (await kb_key(kb, "admin"))["key"]

    status, payload = await as_key(readonly, "getBoard", [world.inside])
    assert status == 200 and isinstance(payload["result"], list)
    assert payload["result"][0]["columns"]
    status, payload = await as_key(readonly, "getProjectById", [world.inside])
    assert status == 200 and payload["result"]["name"] == "Inside"
    for method, params in (("getProjectById", [world.outside]), ("getBoard", [world.outside]),
                           ("getTask", [world.t_out]), ("getAllTasks", [world.outside, 1]),
                           ("getAllComments", [world.t_out]), ("getAllProjects", None),
                           ("searchTasks", [world.outside, "Outside"]),
                           ("getProjectUsers", [world.outside])):
        status, _ = await as_key(readonly, method, params)
        assert status == 403, (method, status)
    status, payload = await as_key(readonly, "getProjectByName", ["Outside"])
    assert status == 403 or payload["result"] is False
    status, _ = await as_key(readonly, "createTask", {"project_id": world.inside, "title": "x"})
    assert status == 403
    status, payload = await as_key(commenter, "createComment",
                                   {"task_id": world.t_in, "user_id": 0, "content": "hi"})
    assert status == 200 and payload["result"], payload
    status, _ = await as_key(commenter, "createTask", {"project_id": world.inside, "title": "x"})
    assert status == 403
    status, payload = await as_key(editor, "createTask", {"project_id": world.inside,
                                                          "title": "via kanboard key"})
    assert status == 200 and isinstance(payload["result"], int)
    status, _ = await as_key(editor, "createTask", {"project_id": world.outside, "title": "x"})
    assert status == 403
    status, payload = await as_key(admin, "getProjectById", [world.outside])
    assert status == 200 and payload["result"]["name"] == "Outside"
    status, payload = await as_key(admin, "getAllProjects", None)
    assert status == 200 and {"Inside", "Outside"} <= {p["name"] for p in payload["result"]}


async def test_a_scoped_key_cannot_create_projects_it_could_not_see(
        world: World, kb: Rpc, session: aiohttp.ClientSession) -> None:
    """A scoped manager key may not create projects, on either endpoint: Leantime's
    addProject answers -32001, and Kanboard's createProject must be refused (403) too,
    since a new project lies outside the key's scope and the key could never see it."""
    manager = await scoped(kb, world, session, "manager")
    assert await manager.error("projects.addProject", {"values": {"name": "Mine"}}) \
        == NOT_ALLOWED
    before = len(await kb.call("getAllProjects"))
    body = json.dumps({"jsonrpc": "2.0", "method": "createProject", "id": 1,
                       "params": {"name": "Mine via Kanboard"}})
    status, payload, _ = await Rpc(session, kb.url, None).post(body, {"x-api-key": manager.key})
    assert status == 403, (status, payload)
    assert len(await kb.call("getAllProjects")) == before
