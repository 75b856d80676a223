"""leantime.rpc.projects, comments, users, sprints, timesheets and api.config end to end,
over real HTTP, checked through Leantime and through the Kanboard API on the same store."""
from __future__ import annotations

import itertools



from tests.e2e.leantime_support import owner_server
from tests.e2e.leantime_support import LEANTIME_COLUMNS, Env, kb_key


shared = owner_server("leantime-services", key_name="services owner")
_names = itertools.count(1)


# --- projects --------------------------------------------------------------------------

async def test_add_and_get_project(env: Env) -> None:
    """addProject(values) returns the id; getProject answers Leantime's fields; Kanboard
    sees the same project with Leantime's five columns."""
    project_id = await env.lt.call("projects.addProject", {"values": {
        "name": "Website", "details": "the new site", "start": "2030-01-01",
        "end": "2030-06-30"}})
    assert isinstance(project_id, int)
    project = await env.lt.call("projects.getProject", {"id": project_id})
    assert (project["id"], project["name"], project["details"], project["state"]) == \
        (project_id, "Website", "the new site", 0)
    assert project["start"].startswith("2030-01-01") and project["end"].startswith("2030-06-30")
    kanboard = await env.kb.call("getProjectById", [project_id])
    assert kanboard["name"] == "Website" and kanboard["description"] == "the new site"
    assert [c["title"] for c in await env.kb.call("getColumns", [project_id])] == \
        LEANTIME_COLUMNS
    assert await env.lt.call("projects.getProject", {"id": 99999}) is False


async def test_patch_and_edit_project_change_only_what_is_given(env: Env) -> None:
    """patchProject(id, values) and editProject(values, id) change the given fields only."""
    project_id = await env.lt.call("projects.addProject", {"values": {
        "name": "Intranet", "details": "keep", "start": "2030-01-01"}})
    assert await env.lt.call("projects.patchProject", {"id": project_id,
                                                       "values": {"name": "Intranet 2"}}) is True
    project = await env.lt.call("projects.getProject", {"id": project_id})
    assert (project["name"], project["details"]) == ("Intranet 2", "keep")
    assert project["start"].startswith("2030-01-01")
    assert await env.lt.call("projects.editProject", {"values": {"details": "edited"},
                                                      "id": project_id}) is True
    project = await env.lt.call("projects.getProject", {"id": project_id})
    assert (project["name"], project["details"]) == ("Intranet 2", "edited")
    assert (await env.kb.call("getProjectById", [project_id]))["name"] == "Intranet 2"


async def test_get_all_projects_and_closed_ones(env: Env) -> None:
    """projects.getAll lists open projects by name; closed ones only with
    showClosedProjects; findProject matches part of a name in any case."""
    tag = f"zz{next(_names)}"
    ids = [await env.project(f"{tag} {n}") for n in ("b", "a", "c")]
    assert await env.kb.call("disableProject", [ids[2]]) is True
    names = [p["name"] for p in await env.lt.call("projects.getAll", {})
             if p["name"].startswith(tag)]
    assert names == [f"{tag} a", f"{tag} b"]
    everything = await env.lt.call("projects.getAll", {"showClosedProjects": True})
    closed = [p for p in everything if p["name"].startswith(tag)]
    assert [p["name"] for p in closed] == [f"{tag} a", f"{tag} b", f"{tag} c"]
    assert [p["state"] for p in closed if p["id"] == ids[2]] == [-1]
    found = await env.lt.call("projects.findProject", {"term": tag.upper() + " A"})
    assert [p["id"] for p in found] == [ids[1]]
    assert await env.lt.call("projects.findProject", {"term": "no project is named so"}) == []


async def test_delete_project(env: Env) -> None:
    """deleteProject(id) removes the project and its tickets from both APIs."""
    project_id = await env.project()
    ticket_id = await env.ticket(project_id, "goes too")
    assert await env.lt.call("projects.deleteProject", {"id": project_id}) is True
    assert await env.lt.call("projects.getProject", {"id": project_id}) is False
    assert not await env.kb.call("getProjectById", [project_id])
    assert await env.lt.call("tickets.getTicket", {"id": ticket_id}) is False


async def test_project_members(env: Env) -> None:
    """addUserToProject(userId, projectId, projectRole) adds a member with a role;
    getUsersAssignedToProject lists them; getProjectsUserHasAccessTo(userId) lists a
    user's projects; Kanboard sees the same members and roles."""
    project_id, other = await env.project(), await env.project()
    uma = await env.kb.call("createUser", {"username": f"m{next(_names)}",
                                           "password": "secret123", "name": "Uma"})
    bob = await env.kb.call("createUser", {"username": f"m{next(_names)}",
                                           "password": "secret123"})
    assert await env.lt.call("projects.addUserToProject", {
        "userId": uma, "projectId": project_id, "projectRole": "manager"}) is True
    assert await env.lt.call("projects.addUserToProject", {
        "userId": bob, "projectId": project_id}) is True
    assert await env.lt.call("projects.addUserToProject", {
        "userId": uma, "projectId": other, "projectRole": "readonly"}) is True
    members = await env.lt.call("projects.getUsersAssignedToProject", {"projectId": project_id})
    by_id = {m["id"]: m for m in members}
    assert set(by_id) == {uma, bob}
    assert by_id[uma]["firstname"] == "Uma" and by_id[uma]["status"] == "a"
    assert await env.kb.call("getProjectUserRole", [project_id, uma]) == "project-manager"
    assert await env.kb.call("getProjectUserRole", [project_id, bob]) == "project-member"
    assert await env.kb.call("getProjectUserRole", [other, uma]) == "project-viewer"
    mine = await env.lt.call("projects.getProjectsUserHasAccessTo", {"userId": uma})
    assert sorted(p["id"] for p in mine) == sorted([project_id, other])
    assert [p["id"] for p in await env.lt.call("projects.getProjectsUserHasAccessTo",
                                               {"userId": bob})] == [project_id]
    visible = await env.lt.call("projects.getProjectsUserHasAccessTo", {})
    assert {project_id, other} <= {p["id"] for p in visible}  # no user: what the key sees



async def test_a_groups_members_and_role_reach_the_leantime_facade(env: Env) -> None:
    """Kanboard's groups give project roles on this endpoint too: the members of a group
    added to a project are listed with the group's role, and their projects include it."""
    project_id = await env.project()
    vic = await env.kb.call("createUser", {"username": f"m{next(_names)}",
                                           "password": "secret123", "name": "Vic"})
    group = await env.kb.call("createGroup", {"name": f"crew-{next(_names)}"})
    assert await env.kb.call("addGroupMember", [group, vic]) is True
    assert await env.kb.call("addProjectGroup", [project_id, group, "project-manager"]) is True
    members = await env.lt.call("projects.getUsersAssignedToProject", {"projectId": project_id})
    assert [(m["id"], m["projectRole"]) for m in members] == [(vic, "project-manager")]
    mine = await env.lt.call("projects.getProjectsUserHasAccessTo", {"userId": vic})
    assert [p["id"] for p in mine] == [project_id]
    assert await env.kb.call("removeProjectGroup", [project_id, group]) is True
    assert await env.lt.call("projects.getUsersAssignedToProject",
                             {"projectId": project_id}) == []
    assert await env.lt.call("projects.getProjectsUserHasAccessTo", {"userId": vic}) == []

# --- comments --------------------------------------------------------------------------

async def test_comments_add_get_edit_delete(env: Env) -> None:
    """addComment(values, module, entityId), getComments(module, entityId), editComment,
    deleteComment; the comments are the Kanboard task's comments."""
    project = await env.project()
    ticket_id = await env.ticket(project, "discussed")
    for text in ("first", "second"):
        assert await env.lt.call("comments.addComment", {
            "values": {"text": text}, "module": "ticket", "entityId": ticket_id}) is True
    comments = await env.lt.call("comments.getComments", {"module": "ticket",
                                                          "entityId": ticket_id})
    assert [c["text"] for c in comments] == ["first", "second"]
    assert all(c["moduleId"] == ticket_id and c["module"] == "ticket" for c in comments)
    newest_first = await env.lt.call("comments.getComments", {
        "module": "ticket", "entityId": ticket_id, "commentOrder": 1})
    assert [c["text"] for c in newest_first] == ["second", "first"]
    assert await env.lt.call("comments.editComment", {"values": {"text": "first!"},
                                                      "id": comments[0]["id"]}) is True
    assert await env.lt.call("comments.deleteComment", {"commentId": comments[1]["id"]}) is True
    assert [c["comment"] for c in await env.kb.call("getAllComments", [ticket_id])] == ["first!"]
    await env.kb.call("createComment", {"task_id": ticket_id, "user_id": 0,
                                        "content": "from kanboard"})
    assert [c["text"] for c in await env.lt.call(
        "comments.getComments", {"module": "ticket", "entityId": ticket_id})] == \
        ["first!", "from kanboard"]
    assert await env.lt.call("comments.getComments", {"module": "ticket",
                                                      "entityId": 99999}) == []
    error = await env.lt.error("comments.addComment", {"values": {"text": "x"},
                                                       "module": "wiki", "entityId": ticket_id})
    assert error["code"] == -32602


# --- users -----------------------------------------------------------------------------

async def test_get_user_without_id_is_the_calling_key(env: Env) -> None:
    """users.getUser() with no id answers for the calling key (its id, name, role and
    projects); getUser(id) answers a user; a missing user is false."""
    me = await env.lt.call("users.getUser")
    assert me["username"] == "services owner" and me["role"] == "owner"
    assert me["source"] == "api" and isinstance(me["id"], int)
    also_me = await env.lt.call("users.getUser", {})
    assert also_me == me
    scoped = env.lt.as_key((await kb_key(env.kb, "readonly", [await env.project()],
                                         name="scoped reader"))["key"])
    scoped_me = await scoped.call("users.getUser", {})
    assert scoped_me["username"] == "scoped reader" and scoped_me["role"] == "readonly"
    assert len(scoped_me["projects"]) == 1
    admin = await env.lt.call("users.getUser", {"id": 1})
    assert admin["username"] == "admin" and admin["status"] == "a"
    assert "password" not in admin and not any("hash" in k for k in admin)
    assert await env.lt.call("users.getUser", {"id": 99999}) is False


async def test_get_all_users(env: Env) -> None:
    """users.getAll lists users; activeOnly leaves out disabled users; no secrets."""
    name = f"quiet{next(_names)}"
    user_id = await env.kb.call("createUser", {"username": name, "password": "secret123"})
    assert await env.kb.call("disableUser", [user_id]) is True
    everyone = await env.lt.call("users.getAll", {})
    assert {"admin", name} <= {u["username"] for u in everyone}
    assert [u["status"] for u in everyone if u["id"] == user_id] == ["i"]
    active = await env.lt.call("users.getAll", {"activeOnly": True})
    assert name not in {u["username"] for u in active} and "admin" in {
        u["username"] for u in active}
    assert "secret123" not in str(everyone) and "scrypt" not in str(everyone)


# --- sprints ---------------------------------------------------------------------------

async def test_sprints_add_get_edit_delete(env: Env) -> None:
    """addSprint(params) returns the id; getSprint, getAllSprints(projectId); editSprint
    returns the sprint; deleteSprint removes it and its tickets keep no sprint."""
    project, other = await env.project(), await env.project()
    sprint_id = await env.lt.call("sprints.addSprint", {"params": {
        "projectId": project, "name": "Sprint 1", "startDate": "2030-01-01",
        "endDate": "2030-01-14"}})
    assert isinstance(sprint_id, int)
    await env.lt.call("sprints.addSprint", {"params": {"projectId": other, "name": "X"}})
    sprint = await env.lt.call("sprints.getSprint", {"id": sprint_id})
    assert (sprint["id"], sprint["name"], sprint["projectId"]) == (sprint_id, "Sprint 1", project)
    assert sprint["startDate"].startswith("2030-01-01")
    assert sprint["endDate"].startswith("2030-01-14")
    assert [s["id"] for s in await env.lt.call("sprints.getAllSprints",
                                               {"projectId": project})] == [sprint_id]
    edited = await env.lt.call("sprints.editSprint", {"params": {"id": sprint_id,
                                                                 "name": "Sprint 1b"}})
    assert edited["name"] == "Sprint 1b" and edited["startDate"].startswith("2030-01-01")
    ticket_id = await env.ticket(project, "in the sprint", sprint=sprint_id)
    assert (await env.lt.call("tickets.getAll", {"searchCriteria": {
        "currentProject": project, "sprint": sprint_id}}))[0]["id"] == ticket_id
    await env.lt.call("sprints.deleteSprint", {"id": sprint_id})
    assert await env.lt.call("sprints.getSprint", {"id": sprint_id}) is False
    assert await env.lt.call("sprints.getAllSprints", {"projectId": project}) == []
    assert (await env.lt.call("tickets.getTicket", {"id": ticket_id}))["sprint"] is None
    error = await env.lt.error("tickets.patchTicket", {"id": ticket_id,
                                                       "values": {"sprint": sprint_id}})
    assert error["code"] == -32602  # no longer a sprint of this project


# --- timesheets ------------------------------------------------------------------------

async def test_log_time_adds_to_booked_hours(env: Env) -> None:
    """timesheets.logTime(ticketId, params) adds hours to the ticket's booked hours, which
    Kanboard shows as the task's time_spent; bad hours are refused."""
    project = await env.project()
    ticket_id = await env.ticket(project, "billable", planHours=10)
    entry = await env.lt.call("timesheets.logTime", {"ticketId": ticket_id, "params": {
        "hours": 1.5, "date": "2030-01-02", "description": "setup"}})
    assert entry and entry["ticketId"] == ticket_id and entry["hours"] == 1.5
    await env.lt.call("timesheets.logTime", {"ticketId": ticket_id, "params": {"hours": "2"}})
    assert (await env.kb.call("getTask", [ticket_id]))["time_spent"] == 3.5
    ticket = await env.lt.call("tickets.getTicket", {"id": ticket_id})
    assert ticket["bookedHours"] == 3.5 and ticket["planHours"] == 10
    for hours in (0, -1, "abc"):
        error = await env.lt.error("timesheets.logTime", {"ticketId": ticket_id,
                                                          "params": {"hours": hours}})
        assert error["code"] == -32602, hours
    error = await env.lt.error("timesheets.logTime", {"ticketId": ticket_id, "params": {}})
    assert error["code"] == -32602  # no hours: a clear error, not a server error
    assert (await env.kb.call("getTask", [ticket_id]))["time_spent"] == 3.5


# --- api.config ------------------------------------------------------------------------

async def test_system_info_follows_the_log(env: Env) -> None:
    """Api.Config.getSystemInfo names the product and version, and its log head moves on
    with every write."""
    before = await env.lt.call("leantime.rpc.api.config.getSystemInfo")
    assert before["product"] == "boardlog" and before["version"]
    await env.project()
    after = await env.lt.call("leantime.rpc.Api.Config.getSystemInfo", {})
    assert after["logHead"] > before["logHead"]
    assert after["version"] == (await env.kb.call("getVersion"))
