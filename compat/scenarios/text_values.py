"""Parameters Kanboard keeps as text sent as other JSON values: integers, floats (1.0,
0.1 + 0.2, 1e20, -0.0, 2**64), true, false, null, arrays and objects for the names,
titles, descriptions, references, colours, contents, usernames and emails of projects,
tasks, comments, subtasks, categories, swimlanes, columns and users, each read back so
what was stored shows (PHP's (string) of the value, or a refusal, or a crash). Also
arrays given as JSON objects (tags, getProjectActivities' project_ids) and metadata
values given as a JSON list."""
from __future__ import annotations

from typing import Any

from compat.scenario import Step

TOKEN = None
MEMBER = ("tex", "tex-pass-1")

# What a client might send where a text is expected, other than a text.
VALUES: list[Any] = [7, 1.0, 0.30000000000000004, 1e20, -0.0, 18446744073709551616, True,
                     False, None, [1, "a"], {"a": 1}]


def _projects() -> list[Step]:
    steps: list[Step] = [(TOKEN, "createUser", {"username": "tex", "password": MEMBER[1]}),
                         (TOKEN, "createProject", {"name": "Text values"}),
                         (TOKEN, "addProjectUser", [1, 2, "project-member"])]
    steps += [(TOKEN, "createProject", {"name": v}) for v in VALUES]
    steps += [(TOKEN, "createProject", {"name": "described", "description": v})
              for v in VALUES]
    steps += [(TOKEN, "getAllProjects", {})]
    for v in VALUES:
        steps += [(TOKEN, "updateProject", {"project_id": 1, "name": v}),
                  (TOKEN, "updateProject", {"project_id": 1, "description": v}),
                  (TOKEN, "getProjectById", [1])]
    return steps + [(TOKEN, "updateProject", {"project_id": 1, "name": "Text values"})]


def _tasks() -> list[Step]:
    steps: list[Step] = []
    for field in ("title", "description", "reference", "color_id"):
        base = {} if field == "title" else {"title": "t"}
        steps += [(TOKEN, "createTask", {**base, field: v, "project_id": 1}) for v in VALUES]
    steps += [(TOKEN, "getAllTasks", {"project_id": 1, "status_id": 1})]
    for v in VALUES:
        for field in ("title", "description", "reference", "color_id"):
            steps += [(TOKEN, "updateTask", {"id": 1, field: v})]
        steps += [(TOKEN, "getTask", [1])]
    steps += [(TOKEN, "updateTask", {"id": 1, "title": "first", "reference": "r1"}),
              (TOKEN, "getTaskByReference", {"project_id": 1, "reference": 7}),
              (TOKEN, "getTaskByReference", {"project_id": 1, "reference": 1.0})]
    return steps


def _task_parts() -> list[Step]:
    steps: list[Step] = [(TOKEN, "createComment", {"task_id": 1, "user_id": 1, "content": v})
                         for v in VALUES]
    steps += [(MEMBER, "createComment", {"task_id": 1, "user_id": 2, "content": v})
              for v in (12.5, True, [2])]
    steps += [(TOKEN, "getAllComments", [1])]
    steps += [(TOKEN, "updateComment", {"id": 1, "content": v}) for v in (2.5, False, {"b": 1})]
    steps += [(TOKEN, "getComment", [1])]
    steps += [(TOKEN, "createSubtask", {"task_id": 1, "title": v}) for v in VALUES]
    steps += [(TOKEN, "getAllSubtasks", [1])]
    steps += [(TOKEN, "updateSubtask", {"id": 1, "task_id": 1, "title": v})
              for v in (1e20, True, [1])]
    steps += [(TOKEN, "getSubtask", [1])]
    return steps


def _structure() -> list[Step]:
    steps: list[Step] = [(TOKEN, "createCategory", {"project_id": 1, "name": v}) for v in VALUES]
    steps += [(TOKEN, "updateCategory", {"id": 1, "name": v}) for v in (2.5, False, [1])]
    steps += [(TOKEN, "getAllCategories", [1])]
    # renaming the default swimlane and the first column before any other has that name
    steps += [(TOKEN, "updateSwimlane", {"project_id": 1, "swimlane_id": 1, "name": v,
                                         "description": v}) for v in (4.5, [1], 1e21)]
    steps += [(TOKEN, "addSwimlane", {"project_id": 1, "name": v}) for v in VALUES]
    steps += [(TOKEN, "addSwimlane", {"project_id": 1, "name": f"lane{i}", "description": v})
              for i, v in enumerate((3, 2.5, True, False, [1], {"a": 1}))]
    steps += [(TOKEN, "getAllSwimlanes", [1])]
    steps += [(TOKEN, "updateColumn", {"column_id": 1, "title": v, "description": v})
              for v in (4.5, [1], 1e21)]
    steps += [(TOKEN, "addColumn", {"project_id": 1, "title": v}) for v in VALUES]
    steps += [(TOKEN, "addColumn", {"project_id": 1, "title": f"col{i}", "description": v})
              for i, v in enumerate((3, 2.5, True, False, [1], {"a": 1}))]
    steps += [(TOKEN, "getColumns", [1])]
    return steps


def _users() -> list[Step]:
    steps: list[Step] = []
    for index, v in enumerate(VALUES):
        steps += [(TOKEN, "createUser", {"username": v, "password": "pass-word-1"}),
                  (TOKEN, "createUser", {"username": f"named{index}", "password": "pass-word-1",
                                         "name": v}),
                  (TOKEN, "createUser", {"username": f"mailed{index}", "password": "pass-word-1",
                                         "email": v})]
    steps += [(TOKEN, "getAllUsers", {})]
    steps += [(TOKEN, "updateUser", {"id": 2, "name": v}) for v in (2.0, True, [1])]
    steps += [(TOKEN, "getUser", [2])]
    return steps


def _tags() -> list[Step]:
    return [
        (TOKEN, "setTaskTags", {"project_id": 1, "task_id": 1, "tags": {"a": "x", "b": 2.0}}),
        (TOKEN, "getTaskTags", [1]),
        (TOKEN, "setTaskTags", {"project_id": 1, "task_id": 1, "tags": {}}),
        (TOKEN, "getTaskTags", [1]),
        (TOKEN, "setTaskTags", {"project_id": 1, "task_id": 1, "tags": [True, [1], {"c": 1}]}),
        (TOKEN, "getTaskTags", [1]),
        (TOKEN, "createTask", {"title": "tagged", "project_id": 1, "tags": {"k": "y", "2": 3}}),
        (TOKEN, "getAllTasks", {"project_id": 1, "status_id": 1}),
        (TOKEN, "updateTask", {"id": 1, "tags": {"0": "z", "1": 1e20}}),
        (TOKEN, "getTaskTags", [1]),
        (TOKEN, "getTagsByProject", [1]),
        (TOKEN, "createTag", {"project_id": 1, "tag": 5.0}),
        (TOKEN, "createTag", {"project_id": 1, "tag": True}),
        (TOKEN, "getTagsByProject", [1]),
    ]


def _activities_and_metadata() -> list[Step]:
    return [
        (TOKEN, "getProjectActivities", {"project_ids": {"a": 1}}),
        (TOKEN, "getProjectActivities", {"project_ids": {"0": 1, "x": 99}}),
        (TOKEN, "getProjectActivities", {"project_ids": {}}),
        (MEMBER, "getProjectActivities", {"project_ids": {"a": 1, "b": 2}}),
        (TOKEN, "saveProjectMetadata", {"project_id": 1, "values": ["x", 2.0, True]}),
        (TOKEN, "getProjectMetadata", [1]),
        (TOKEN, "saveProjectMetadata", {"project_id": 1, "values": []}),
        (TOKEN, "getProjectMetadata", [1]),
        (TOKEN, "saveTaskMetadata", {"task_id": 1, "values": [None, "y"]}),
        (TOKEN, "getTaskMetadata", [1]),
        (TOKEN, "getTaskMetadataByName", {"task_id": 1, "name": 1}),
        (TOKEN, "getProjectMetadataByName", {"project_id": 1, "name": 0}),
        (TOKEN, "saveTaskMetadata", {"task_id": 1, "values": {"n": [1], "m": {"a": 1}}}),
        (TOKEN, "getTaskMetadata", [1]),
    ]


def steps() -> list[Step]:
    return (_projects() + _tasks() + _task_parts() + _structure() + _users() + _tags()
            + _activities_and_metadata())
