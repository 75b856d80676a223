"""getBoard and getAllTasks keep their encoded answers per project (rpc/answer_cache.py):
a write to one project leaves the others' answers as they were, and every write that
changes what a project's answers show is seen by the very next read, even when it comes
from another project's task, a link between tasks or a user."""
from __future__ import annotations

from typing import Any

from tests.conftest import Rpc


def board_tasks(board: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [t for lane in board for column in lane["columns"] for t in column["tasks"]]


async def two_projects(kanboard: Rpc) -> None:
    for name in ("A", "B"):
        await kanboard.call("createProject", {"name": name})
    await kanboard.call("createTask", {"title": "a1", "project_id": 1})
    await kanboard.call("createTask", {"title": "b1", "project_id": 2})


async def test_a_write_to_one_project_leaves_the_other_answer_unchanged(kanboard: Rpc) -> None:
    await two_projects(kanboard)
    board_a, tasks_a = await kanboard.call("getBoard", [1]), await kanboard.call("getAllTasks", [1])
    await kanboard.call("createTask", {"title": "b2", "project_id": 2})
    await kanboard.call("updateTask", {"id": 2, "title": "b1 renamed"})
    assert await kanboard.call("getBoard", [1]) == board_a
    assert await kanboard.call("getAllTasks", [1]) == tasks_a
    assert [t["title"] for t in await kanboard.call("getAllTasks", [2])] == ["b1 renamed", "b2"]
    await kanboard.call("updateTask", {"id": 1, "title": "a1 renamed"})
    assert [t["title"] for t in board_tasks(await kanboard.call("getBoard", [1]))] == [
        "a1 renamed"]


async def test_a_task_moved_to_another_project_leaves_both_answers(kanboard: Rpc) -> None:
    await two_projects(kanboard)
    assert [t["id"] for t in await kanboard.call("getAllTasks", [1])] == [1]
    assert [t["id"] for t in await kanboard.call("getAllTasks", [2])] == [2]
    assert await kanboard.call("moveTaskToProject", [1, 2]) is True
    assert await kanboard.call("getAllTasks", [1]) == []
    assert [t["id"] for t in await kanboard.call("getAllTasks", [2])] == [1, 2]
    assert board_tasks(await kanboard.call("getBoard", [1])) == []


async def test_a_link_from_another_project_counts_on_this_board(kanboard: Rpc) -> None:
    await two_projects(kanboard)
    assert board_tasks(await kanboard.call("getBoard", [2]))[0]["nb_links"] == 0
    assert await kanboard.call("createTaskLink", [1, 2, 2]) == 1  # a1 (A) blocks b1 (B)
    assert board_tasks(await kanboard.call("getBoard", [2]))[0]["nb_links"] == 1


async def test_a_renamed_assignee_shows_on_every_board(kanboard: Rpc) -> None:
    await two_projects(kanboard)
    user_id = await kanboard.call("createUser", {"username": "ann", "password": "secret123"})
    await kanboard.call("addProjectUser", [2, user_id, "project-member"])
    await kanboard.call("updateTask", {"id": 2, "owner_id": user_id})
    assert board_tasks(await kanboard.call("getBoard", [2]))[0]["assignee_username"] == "ann"
    assert await kanboard.call("updateUser", {"id": user_id, "username": "anne"}) is True
    assert board_tasks(await kanboard.call("getBoard", [2]))[0]["assignee_username"] == "anne"

