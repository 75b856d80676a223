"""Link types over real HTTP, as Kanboard answers them (tests/fidelity/recordings/
links-scenario.jsonl replays the same calls recorded on the real Kanboard)."""
from __future__ import annotations

from tests.conftest import Rpc
from tests.e2e.test_rpc_access import make_member, status_of


async def test_link_types_start_as_kanboard_s_and_can_be_changed(kanboard: Rpc) -> None:
    links = await kanboard.call("getAllLinks")
    assert [(link["id"], link["label"], link["opposite_id"]) for link in links[:3]] == [
        (1, "relates to", 0), (2, "blocks", 3), (3, "is blocked by", 2)]
    assert len(links) == 11
    assert await kanboard.call("getOppositeLinkId", [1]) == 1  # its own opposite
    assert await kanboard.call("getOppositeLinkId", [2]) == 3
    assert (await kanboard.call("getLinkByLabel", ["duplicates"]))["opposite_id"] == 5
    assert await kanboard.call("createLink", {"label": "test"}) == 12
    assert await kanboard.call("createLink", {"label": "foo", "opposite_label": "bar"}) == 13
    assert await kanboard.call("getLinkById", [14]) == {"id": 14, "label": "bar",
                                                        "opposite_id": 13}
    assert await kanboard.call("createLink", {"label": "test"}) is False  # unique
    assert await kanboard.call("createLink", {"label": "x", "opposite_label": "x"}) is False
    assert await kanboard.call("updateLink", [14, 12, "my link"]) is True
    assert await kanboard.call("updateLink", [14, 12, "blocks"]) is False  # taken
    assert await kanboard.call("removeLink", [13]) is True
    assert await kanboard.call("getLinkById", [14]) == {"id": 14, "label": "my link",
                                                        "opposite_id": 12}
    assert await kanboard.call("removeLink", [13]) is False
    await make_member(kanboard, "user")
    assert (await status_of(kanboard.as_user("user", "secret123"), "getAllLinks"))[0] == 403
