"""Links between tasks over real HTTP, as Kanboard answers them (the same calls recorded on
the real Kanboard replay in tests/fidelity/recordings/task-links-scenario.jsonl)."""
from __future__ import annotations

from tests.conftest import Rpc


async def test_a_link_is_two_rows_that_live_and_die_together(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "A"})
    for title in ("a1", "a2", "a3"):
        await kanboard.call("createTask", {"title": title, "project_id": 1})
    assert await kanboard.call("createTaskLink", [1, 2, 2]) == 1  # 1 blocks 2
    assert await kanboard.call("getTaskLinkById", [2]) == {
        "id": 2, "opposite_task_id": 1, "task_id": 2, "link_id": 3, "label": "is blocked by",
        "opposite_link_id": 2}
    assert [(link["task_id"], link["label"], link["title"])
            for link in await kanboard.call("getAllTaskLinks", [1])] == [(2, "blocks", "a2")]
    assert (await kanboard.call("getBoard", [1]))[0]["columns"][0]["tasks"][0]["nb_links"] == 1
    assert await kanboard.call("createTaskLink", [1, 99, 2]) is False  # no such task
    assert await kanboard.call("updateTaskLink", [1, 1, 3, 4]) is True  # 1 duplicates 3
    assert [link["task_id"] for link in await kanboard.call("getAllTaskLinks", [2])] == []
    assert [link["label"] for link in await kanboard.call("getAllTaskLinks", [3])] == [
        "is duplicated by"]
    assert await kanboard.call("updateTaskLink", [1, 2, 3, 4]) is False  # not task 2's
    await kanboard.call("removeTask", [3])  # the rows go with the task
    assert await kanboard.call("getAllTaskLinks", [1]) == []
    assert await kanboard.call("removeTaskLink", [1]) is False
