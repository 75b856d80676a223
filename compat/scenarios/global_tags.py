"""Global tags (project 0): found by name before a project's own when a task is tagged,
renamed and removed, as the board, the task list and the task's tags show them."""
from __future__ import annotations

from compat.scenario import Step


def steps() -> list[Step]:
    token = None
    return [
        (token, "createProject", {"name": "P"}),
        (token, "createTag", [0, "Shared"]),
        (token, "createTag", [1, "local"]),
        (token, "createTask", {"title": "t", "project_id": 1, "tags": ["shared", "local", "new"]}),
        (token, "getTaskTags", [1]),
        (token, "getTagsByProject", [1]),
        (token, "getAllTags", []),
        (token, "updateTag", [1, "Renamed", "red"]),
        (token, "getTaskTags", [1]),
        (token, "getBoard", [1]),
        (token, "getAllTasks", {"project_id": 1, "status_id": 1}),
        (token, "setTaskTags", [1, 1, ["renamed", "other"]]),
        (token, "getTaskTags", [1]),
        (token, "removeTag", [1]),
        (token, "getTaskTags", [1]),
        (token, "getBoard", [1]),
        (token, "getAllTags", []),
    ]
