"""Subtask timers: start, ask, stop, twice, for missing subtasks and users, as the
token, as the member timing themselves and as a member timing someone else."""
from __future__ import annotations

from compat.scenario import Step

TIM, UMA = ("tim", "tim-pass-1"), ("uma", "uma-pass-2")


def steps() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "tim", "password": TIM[1]}),
        (token, "createUser", {"username": "uma", "password": UMA[1]}),
        (token, "createProject", {"name": "Timed"}),
        (token, "addProjectUser", [1, 2, "project-member"]),
        (token, "addProjectUser", [1, 3, "project-member"]),
        (token, "createTask", {"title": "t", "project_id": 1}),
        (token, "createSubtask", {"task_id": 1, "title": "s"}),
        (token, "hasSubtaskTimer", [1, 2]),
        (token, "setSubtaskStartTime", [1, 2]),
        (token, "hasSubtaskTimer", [1, 2]),
        (token, "setSubtaskStartTime", [1, 2]),
        (token, "getSubtaskTimeSpent", [1, 2]),
        (token, "setSubtaskEndTime", [1, 2]),
        (token, "setSubtaskEndTime", [1, 2]),
        (token, "hasSubtaskTimer", [1, 2]),
        (token, "getSubtaskTimeSpent", [1, 2]),
        (token, "setSubtaskStartTime", [1, 99]),
        (token, "setSubtaskStartTime", [99, 2]),
        (token, "setSubtaskEndTime", [99, 2]),
        (TIM, "setSubtaskStartTime", [1, 2]),
        (TIM, "setSubtaskStartTime", [1, 3]),
        (UMA, "hasSubtaskTimer", [1, 2]),
        (TIM, "setSubtaskEndTime", [1, 2]),
        (TIM, "getSubtaskTimeSpent", [1, 2]),
        (token, "getSubtask", [1]),
        (token, "getTask", [1]),
    ]
