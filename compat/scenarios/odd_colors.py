"""Colours of unexpected JSON types in createTask and updateTask, as Kanboard stores them."""
from __future__ import annotations

from compat.scenario import Step


def steps() -> list[Step]:
    token = None
    return [
        (token, "createProject", {"name": "P"}),
        (token, "createTask", {"title": "t", "project_id": 1}),
        (token, "updateTask", {"id": 1, "color_id": ["red"]}),
        (token, "getTask", [1]),
        (token, "updateTask", {"id": 1, "color_id": {"a": "red"}}),
        (token, "getTask", [1]),
        (token, "updateTask", {"id": 1, "color_id": 7}),
        (token, "getTask", [1]),
        (token, "createTask", {"title": "u", "project_id": 1, "color_id": ["blue"]}),
        (token, "getTask", [2]),
    ]
