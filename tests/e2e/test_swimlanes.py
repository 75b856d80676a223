"""Swimlane writes over real HTTP, as Kanboard answers them (the same calls recorded on
the real Kanboard replay in tests/fidelity/recordings/swimlanes-scenario.jsonl)."""
from __future__ import annotations

from tests.conftest import Rpc


async def positions(kanboard: Rpc, project_id: int) -> dict[str, tuple[int, int]]:
    lanes = await kanboard.call("getAllSwimlanes", [project_id])
    return {lane["name"]: (lane["position"], lane["is_active"]) for lane in lanes}


async def test_swimlanes_are_added_disabled_moved_and_removed_as_kanboard_does(
        kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "Lanes"})
    await kanboard.call("createProject", {"name": "Other"})
    one = await kanboard.call("addSwimlane", [1, "One"])
    two = await kanboard.call("addSwimlane", [1, "Two"])
    assert await kanboard.call("addSwimlane", [1, "One"]) is False  # unique in the project
    assert await kanboard.call("addSwimlane", [99, "Nowhere"]) == 0
    theirs = await kanboard.call("addSwimlane", [2, "Theirs"])
    assert await positions(kanboard, 1) == {"Default swimlane": (1, 1), "One": (2, 1),
                                            "Two": (3, 1)}
    assert await kanboard.call("updateSwimlane", [1, theirs, "Forged"]) is False
    assert await kanboard.call("updateSwimlane", [1, one, "First"]) is True
    assert await kanboard.call("disableSwimlane", [1, one]) is True
    assert await positions(kanboard, 1) == {"Default swimlane": (1, 1), "First": (0, 0),
                                            "Two": (2, 1)}
    assert await kanboard.call("disableSwimlane", [1, theirs]) is True  # matches nothing
    assert (await kanboard.call("getSwimlane", [theirs]))["is_active"] == 1
    assert await kanboard.call("enableSwimlane", [1, one]) is True
    assert await kanboard.call("changeSwimlanePosition", [1, one, 1]) is True
    assert await positions(kanboard, 1) == {"First": (1, 1), "Default swimlane": (2, 1),
                                            "Two": (3, 1)}
    assert await kanboard.call("changeSwimlanePosition", [1, one, 4]) is False  # past the end
    await kanboard.call("createTask", {"title": "t", "project_id": 1, "swimlane_id": two})
    assert await kanboard.call("removeSwimlane", [1, two]) is False  # it has a task
    assert await kanboard.call("removeSwimlane", [1, one]) is True
    assert await positions(kanboard, 1) == {"Default swimlane": (1, 1), "Two": (2, 1)}
