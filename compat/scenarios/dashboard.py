"""getMyDashboard: a user's open tasks (assigned, or with one of their subtasks), not
closed ones, not those of disabled projects; and the token, which may not call it."""
from __future__ import annotations

from compat.scenario import Step

DEE = ("dee", "dee-pass-1")


def steps() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "dee", "password": DEE[1], "name": "Dee"}),
        (token, "createProject", {"name": "Mine"}),
        (token, "createProject", {"name": "Paused"}),
        (token, "addProjectUser", [1, 2, "project-member"]),
        (token, "addProjectUser", [2, 2, "project-member"]),
        (DEE, "getMyDashboard", {}),
        (token, "createTask", {"title": "assigned", "project_id": 1, "owner_id": 2,
                               "tags": ["x"]}),
        (token, "createTask", {"title": "with my subtask", "project_id": 1}),
        (token, "createSubtask", {"task_id": 2, "title": "mine", "user_id": 2}),
        (token, "createSubtask", {"task_id": 2, "title": "not mine"}),
        (token, "createTask", {"title": "closed", "project_id": 1, "owner_id": 2}),
        (token, "closeTask", [3]),
        (token, "createTask", {"title": "elsewhere", "project_id": 2, "owner_id": 2}),
        (token, "disableProject", [2]),
        (token, "createTask", {"title": "not for me", "project_id": 1}),
        (DEE, "getMyDashboard", {}),
        (DEE, "getMyDashboard", [1]),
        (token, "getMyDashboard", {}),
    ]
