"""Links between tasks: create (both directions), read, update, remove; missing tasks and
types, ids of another task, a type without opposite, removing a linked task; as the
token, a member, and a member linking to a project they have no role in."""
from __future__ import annotations

from compat.scenario import Step

MEMBER = ("max", "max-pass-1")


def steps() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "max", "password": MEMBER[1]}),
        (token, "createProject", {"name": "A"}),
        (token, "createProject", {"name": "B"}),
        (token, "addProjectUser", [1, 2, "project-member"]),
        (token, "createTask", {"title": "a1", "project_id": 1}),
        (token, "createTask", {"title": "a2", "project_id": 1}),
        (token, "createTask", {"title": "b1", "project_id": 2}),
        (token, "createTask", {"title": "a3", "project_id": 1}),
        (token, "createTaskLink", [1, 2, 2]),
        (token, "getTaskLinkById", [1]),
        (token, "getTaskLinkById", [2]),
        (token, "getTaskLinkById", [99]),
        (token, "getAllTaskLinks", [1]),
        (token, "getAllTaskLinks", [2]),
        (token, "createTaskLink", [1, 3, 1]),
        (token, "createTaskLink", [1, 99, 2]),
        (token, "createTaskLink", [1, 2, 99]),
        (token, "getAllTaskLinks", [1]),
        (token, "getTask", [1]),
        (token, "getBoard", [1]),
        (MEMBER, "createTaskLink", [1, 3, 2]),
        (MEMBER, "createTaskLink", [1, 4, 8]),
        (token, "getAllTaskLinks", [4]),
        (token, "getTask", [4]),
        (token, "updateTaskLink", [1, 1, 4, 4]),
        (token, "getAllTaskLinks", [1]),
        (token, "getAllTaskLinks", [4]),
        (token, "getAllTaskLinks", [2]),
        (token, "updateTaskLink", [1, 2, 4, 4]),
        (token, "updateTaskLink", [99, 1, 4, 4]),
        (MEMBER, "updateTaskLink", [1, 1, 3, 2]),
        (token, "removeTaskLink", [1]),
        (token, "removeTaskLink", [1]),
        (token, "getAllTaskLinks", [1]),
        (token, "removeTask", [4]),
        (token, "getAllTaskLinks", [1]),
        (token, "getTaskLinkById", [3]),
        (token, "createTaskLink", [2, 1, 6]),
        (token, "getAllTaskLinks", [2]),
        (token, "getAllTaskLinks", [1]),
    ]
