"""Project tags over real HTTP, as Kanboard answers them (tests/fidelity/recordings/
tags-scenario.jsonl replays the same calls recorded on the real Kanboard)."""
from __future__ import annotations

from tests.conftest import Rpc
from tests.e2e.test_rpc_access import make_member, status_of


async def test_tags_are_created_renamed_and_removed_as_kanboard_does(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "Tagged"})
    assert await kanboard.call("createTag", [1, "bug"]) == 1
    assert await kanboard.call("createTag", [1, "feature", "green"]) == 2
    assert await kanboard.call("createTag", [1, "bug"]) is False  # unique in its project
    assert await kanboard.call("createTag", [1, "Bug"]) == 3  # exact, case counts
    assert [t["name"] for t in await kanboard.call("getTagsByProject", [1])] == [
        "Bug", "bug", "feature"]  # by name, as Kanboard sorts
    task = await kanboard.call("createTask", {"title": "t", "project_id": 1,
                                              "tags": ["BUG", "feature"]})
    assert await kanboard.call("getTaskTags", [task]) == {"3": "Bug", "2": "feature"}
    assert await kanboard.call("updateTag", [2, "enhancement", "red"]) is True
    assert await kanboard.call("updateTag", [2, "Bug"]) is False  # taken
    assert await kanboard.call("updateTag", [99, "nothing"]) is True  # matches no row
    assert await kanboard.call("getTaskTags", [task]) == {"3": "Bug", "2": "enhancement"}
    assert await kanboard.call("removeTag", [3]) is True
    assert await kanboard.call("removeTag", [3]) is False
    assert await kanboard.call("getTaskTags", [task]) == {"2": "enhancement"}


async def test_tag_writes_need_a_member_of_the_tags_project(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "Tagged"})
    await kanboard.call("createTag", [1, "bug"])
    await make_member(kanboard, "viewer", "project-viewer")
    await make_member(kanboard, "member")
    viewer, member = kanboard.as_user("viewer", "secret123"), kanboard.as_user("member", "secret123")
    assert (await status_of(viewer, "updateTag", {"tag_id": 1, "tag": "x"}))[0] == 403
    assert (await status_of(member, "updateTag", {"tag_id": 1, "tag": "x"}))[1]["result"] is True
    # Kanboard checks nothing for a tag that is not there: the update matches no row.
    assert (await status_of(viewer, "updateTag", {"tag_id": 9, "tag": "y"}))[1]["result"] is True
