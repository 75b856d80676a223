"""Groups over real HTTP: the group procedures as Kanboard answers them, and a group's
role in a project counting in every access check and member list."""
from __future__ import annotations

from projections.rebuild import check
from tests.conftest import Rpc, Server
from tests.e2e.test_rpc_access import status_of

PASSWORD = "secret123"


async def user(kanboard: Rpc, username: str) -> int:
    return await kanboard.call("createUser", {"username": username, "password": PASSWORD,
                                              "name": username.title()})


async def test_groups_and_their_members_answer_as_kanboard(kanboard: Rpc,
                                                           server: Server) -> None:
    devs = await kanboard.call("createGroup", {"name": "Developers"})
    ops = await kanboard.call("createGroup", ["Ops", "ldap-ops"])
    assert (devs, ops) == (1, 2)
    assert await kanboard.call("createGroup", {"name": "Developers"}) is False  # unique
    assert await kanboard.call("createGroup", {"name": "developers"}) == 3  # case counts
    assert await kanboard.call("getGroup", {"group_id": ops}) == {
        "id": ops, "external_id": "ldap-ops", "name": "Ops"}
    assert await kanboard.call("getGroup", {"group_id": 99}) is None
    alice, bob = await user(kanboard, "alice"), await user(kanboard, "bob")
    assert await kanboard.call("addGroupMember", {"group_id": devs, "user_id": alice}) is True
    assert await kanboard.call("addGroupMember", [devs, bob]) is True
    assert await kanboard.call("addGroupMember", [devs, bob]) is False  # already in
    assert await kanboard.call("addGroupMember", [devs, 99]) is False  # no such user
    assert await kanboard.call("isGroupMember", [devs, alice]) is True
    assert await kanboard.call("isGroupMember", [ops, alice]) is False
    members = await kanboard.call("getGroupMembers", {"group_id": devs})
    assert [(m["group_id"], m["user_id"], m["username"]) for m in members] == [
        (devs, alice, "alice"), (devs, bob, "bob")]
    assert not any("password" in m for m in members)  # Kanboard leaks the hash; never here
    assert [g["name"] for g in await kanboard.call("getMemberGroups", [alice])] == [
        "Developers"]
    groups = await kanboard.call("getAllGroups")
    assert [(g["name"], g["nb_users"]) for g in groups] == [
        ("Developers", 2), ("Ops", 0), ("developers", 0)]
    assert await kanboard.call("updateGroup", {"group_id": ops, "name": "Operations"}) is True
    assert await kanboard.call("updateGroup", {"group_id": 99, "name": "Nobody"}) is True
    assert await kanboard.call("updateGroup", {"group_id": ops, "name": "Developers"}) is False
    assert await kanboard.call("removeGroupMember", [devs, bob]) is True
    assert await kanboard.call("removeGroupMember", [devs, bob]) is False
    await kanboard.call("removeUser", {"user_id": alice})
    assert await kanboard.call("getGroupMembers", [devs]) == []  # a removed user leaves
    assert await kanboard.call("removeGroup", [devs]) is True
    assert await kanboard.call("removeGroup", [devs]) is False
    assert (await status_of(kanboard.as_user("bob", PASSWORD), "getAllGroups"))[0] == 403
    assert check(server.db_path)[1] == []  # the read models equal a fresh fold


async def test_a_groups_role_counts_in_access_checks_and_member_lists(kanboard: Rpc) -> None:
    project = await kanboard.call("createProject", {"name": "Team"})
    carol, dave = await user(kanboard, "carol"), await user(kanboard, "dave")
    group = await kanboard.call("createGroup", {"name": "Crew"})
    for member in (carol, dave):
        await kanboard.call("addGroupMember", [group, member])
    as_carol = kanboard.as_user("carol", PASSWORD)
    assert (await status_of(as_carol, "getBoard", {"project_id": project}))[0] == 403
    assert await kanboard.call("addProjectGroup", [project, group, "project-viewer"]) is True
    assert await kanboard.call("addProjectGroup", [project, group]) is False  # already in
    assert (await status_of(as_carol, "getBoard", {"project_id": project}))[0] == 200
    assert (await status_of(as_carol, "createTask", {"title": "t", "project_id": project})
            )[0] == 403
    assert await kanboard.call("getProjectUsers", [project]) == {
        str(carol): "Carol", str(dave): "Dave"}
    assert await kanboard.call("getAssignableUsers", [project]) == {}  # viewers
    assert [p["id"] for p in await as_carol.call("getMyProjects")] == [project]

    assert await kanboard.call("changeProjectGroupRole", [project, group, "project-member"])
    assert await as_carol.call("createTask", {"title": "t", "project_id": project,
                                              "owner_id": carol}) == 1
    assert await kanboard.call("getAssignableUsers", [project]) == {
        str(carol): "Carol", str(dave): "Dave"}
    assert await kanboard.call("getProjectUserRole", [project, carol]) == "project-member"
    # Kanboard: a user's own role in the project wins over the groups' roles.
    await kanboard.call("addProjectUser", [project, dave, "project-viewer"])
    assert await kanboard.call("getProjectUserRole", [project, dave]) == "project-viewer"
    as_dave = kanboard.as_user("dave", PASSWORD)
    assert (await status_of(as_dave, "createTask", {"title": "u", "project_id": project})
            )[0] == 403

    assert await kanboard.call("removeProjectGroup", [project, group]) is True
    assert await kanboard.call("removeProjectGroup", [project, group]) is False
    assert (await status_of(as_carol, "getBoard", {"project_id": project}))[0] == 403
    assert await kanboard.call("getProjectUsers", [project]) == {str(dave): "Dave"}
