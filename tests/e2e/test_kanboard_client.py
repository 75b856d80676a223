"""The official Python client (`kanboard` 1.1.8 from PyPI) against a real boardlog server.

The client's `*_async` methods run its blocking urllib call in the loop's default
executor, so the in-process `server` fixture keeps serving on the event loop meanwhile;
its plain methods block and are called through `asyncio.to_thread`.
"""
from __future__ import annotations

import asyncio
from typing import Any

import pytest
from kanboard import Client, ClientError

from tests.conftest import TOKEN, Server

USERNAME, PASSWORD = "alice", "alice-password"


def client_for(server: Server, username: str = "jsonrpc", password: str = TOKEN) -> Client:
    return Client(f"{server.url}/jsonrpc.php", username, password, timeout=10,
                  loop=asyncio.get_running_loop())


def cells(board: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The first swimlane's tasks by column title, in board order."""
    return {column["title"]: column["tasks"] for column in board[0]["columns"]}


async def test_a_whole_kanboard_workflow_through_the_official_client(server: Server) -> None:
    """A team's day through the client people already use: project, columns, tasks, a new
    member assigned to a task that moves across the board, a comment and subtasks, a
    closed task; the board, task lists and the member's own view show what a user expects,
    and the member is refused (HTTP 403 -> ClientError) what only an admin may do."""
    kb = client_for(server)

    project_id = await kb.create_project_async(name="Website relaunch",
                                               description="Q3 relaunch")
    assert isinstance(project_id, int) and project_id > 0
    columns = await kb.get_columns_async(project_id=project_id)
    assert [c["title"] for c in columns] == ["Backlog", "Ready", "Work in progress", "Done"]
    assert [int(c["position"]) for c in columns] == [1, 2, 3, 4]
    column = {c["title"]: c["id"] for c in columns}
    swimlane_id = (await kb.get_active_swimlanes_async(project_id=project_id))[0]["id"]

    design = await kb.create_task_async(project_id=project_id, title="Design mockups")
    copy = await kb.create_task_async(project_id=project_id, title="Write copy")
    seo = await kb.create_task_async(project_id=project_id, title="SEO audit", score=3)
    hosting = await kb.create_task_async(project_id=project_id, title="Pick hosting",
                                         column_id=column["Work in progress"])
    assert all(isinstance(t, int) and t > 0 for t in (design, copy, seo, hosting))
    assert len({design, copy, seo, hosting}) == 4

    user_id = await kb.create_user_async(username=USERNAME, password=PASSWORD, name="Alice")
    assert isinstance(user_id, int) and user_id > 0
    assert await kb.add_project_user_async(project_id=project_id, user_id=user_id,
                                           role="project-member") is True
    assert await kb.update_task_async(id=design, owner_id=user_id) is True
    assert await kb.move_task_position_async(project_id=project_id, task_id=design,
                                             column_id=column["Work in progress"], position=1,
                                             swimlane_id=swimlane_id) is True
    comment_id = await kb.create_comment_async(task_id=design, user_id=user_id,
                                               content="First draft attached")
    assert isinstance(comment_id, int) and comment_id > 0
    for title in ("Home page", "Pricing page"):
        subtask_id = await kb.create_subtask_async(task_id=design, title=title, user_id=user_id)
        assert isinstance(subtask_id, int) and subtask_id > 0
    assert await kb.close_task_async(task_id=copy) is True

    moved = await kb.get_task_async(task_id=design)
    assert (moved["column_id"], moved["position"], moved["owner_id"]) == (
        column["Work in progress"], 1, user_id)

    board = await kb.get_board_async(project_id=project_id)
    assert len(board) == 1 and board[0]["id"] == swimlane_id
    by_column = cells(board)
    # As on the real Kanboard, a closed task stays in its cell (is_active 0) at its place.
    assert [(t["id"], int(t["is_active"])) for t in by_column["Backlog"]] == [(copy, 0), (seo, 1)]
    assert by_column["Ready"] == [] and by_column["Done"] == []
    wip = by_column["Work in progress"]
    assert [(t["id"], t["position"]) for t in wip] == [(design, 1), (hosting, 2)]
    card = wip[0]
    assert (card["nb_comments"], card["nb_subtasks"], card["nb_completed_subtasks"]) == (1, 2, 0)
    assert (card["assignee_username"], card["column_name"]) == (USERNAME, "Work in progress")
    counts = {c["title"]: (c["nb_tasks"], c["nb_open_tasks"]) for c in board[0]["columns"]}
    assert counts == {"Backlog": (2, 1), "Ready": (0, 0), "Work in progress": (2, 2),
                      "Done": (0, 0)}
    assert board[0]["nb_tasks"] == 4

    # The plain (blocking) methods work too, off the event loop.
    closed = await asyncio.to_thread(kb.get_all_tasks, project_id=project_id, status_id=0)
    assert [(t["id"], int(t["is_active"])) for t in closed] == [(copy, 0)]
    open_tasks = await kb.get_all_tasks_async(project_id=project_id, status_id=1)
    assert {t["id"] for t in open_tasks} == {design, seo, hosting}
    comments = await kb.get_all_comments_async(task_id=design)
    assert [(c["id"], c["comment"], c["user_id"]) for c in comments] == [
        (comment_id, "First draft attached", user_id)]
    subtasks = await kb.get_all_subtasks_async(task_id=design)
    assert [s["title"] for s in subtasks] == ["Home page", "Pricing page"]

    # The member, with their own username and password.
    alice = client_for(server, USERNAME, PASSWORD)
    mine = await alice.get_my_projects_async()
    assert [p["id"] for p in mine] == [project_id]
    assert (await alice.get_me_async())["username"] == USERNAME
    their_board = await alice.get_board_async(project_id=project_id)
    assert cells(their_board)["Work in progress"][0]["id"] == design
    with pytest.raises(ClientError, match="403"):
        await alice.get_all_projects_async()
    with pytest.raises(ClientError, match="403"):
        await alice.create_user_async(username="mallory", password="mallory-password")

    # A wrong password is refused as such (HTTP 401), not as a JSON-RPC answer.
    intruder = client_for(server, USERNAME, "not-the-password")
    with pytest.raises(ClientError, match="401"):
        await intruder.get_my_projects_async()


async def test_tags_set_through_the_client_read_back(server: Server) -> None:
    """Tags given when a task is created, or set later, are what getTaskTags answers (a
    Kanboard client reads a task's labels this way)."""
    kb = client_for(server)
    project_id = await kb.create_project_async(name="Tagged")
    task_id = await kb.create_task_async(project_id=project_id, title="Tagged task",
                                         tags=["frontend", "urgent"])
    assert isinstance(task_id, int) and task_id > 0
    tags = await kb.get_task_tags_async(task_id=task_id)
    assert sorted(tags.values()) == ["frontend", "urgent"]
    assert await kb.set_task_tags_async(project_id=project_id, task_id=task_id,
                                        tags=["backend"]) is True
    tags = await kb.get_task_tags_async(task_id=task_id)
    assert list(tags.values()) == ["backend"]
    project_tags = await kb.get_tags_by_project_async(project_id=project_id)
    assert {t["name"] for t in project_tags} >= {"frontend", "urgent", "backend"}
