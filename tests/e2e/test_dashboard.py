"""getMyDashboard and createLdapUser over real HTTP, as Kanboard answers them (the same
calls recorded on the real Kanboard replay in tests/fidelity/recordings/)."""
from __future__ import annotations

from tests.conftest import Rpc
from tests.e2e.test_rpc_access import status_of


async def test_the_dashboard_lists_my_open_tasks_with_my_subtasks(kanboard: Rpc) -> None:
    user = await kanboard.call("createUser", {"username": "dee", "password": "secret123"})
    await kanboard.call("createProject", {"name": "Mine"})
    await kanboard.call("addProjectUser", [1, user, "project-member"])
    assigned = await kanboard.call("createTask", {"title": "a", "project_id": 1,
                                                  "owner_id": user})
    helping = await kanboard.call("createTask", {"title": "b", "project_id": 1})
    await kanboard.call("createSubtask", {"task_id": helping, "title": "mine", "user_id": user})
    await kanboard.call("createSubtask", {"task_id": helping, "title": "theirs"})
    closed = await kanboard.call("createTask", {"title": "c", "project_id": 1,
                                                "owner_id": user})
    await kanboard.call("closeTask", [closed])
    dashboard = await kanboard.as_user("dee", "secret123").call("getMyDashboard")
    assert [(t["id"], [s["title"] for s in t["subtasks"]]) for t in dashboard] == [
        (assigned, []), (helping, ["mine"])]
    assert (await status_of(kanboard, "getMyDashboard"))[0] == 403  # a user's procedure


async def test_create_ldap_user_answers_as_a_kanboard_without_ldap(kanboard: Rpc) -> None:
    answer = await kanboard.answer("createLdapUser", {"username": "someone"})
    assert answer["error"] == {"code": 0, "message": "LDAP server not configured, check "
                                                     "the parameter LDAP_SERVER"}
    assert [u["username"] for u in await kanboard.call("getAllUsers")] == ["admin"]
