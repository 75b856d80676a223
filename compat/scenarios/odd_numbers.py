"""Numbers where Kanboard expects text or ids, as PHP converts them: getProjectByName
with a number, a boolean, null or an array for the name (projects named "1", "12.5",
"0", "1.0E+20"... so PHP's float-to-text matters); ids beyond 64 bits and large floats
as plain ids and inside lists (getProjectActivities, tags, metadata values); createAction
with params that is no array."""
from __future__ import annotations

from compat.scenario import Step

TOKEN = None
MEMBER = ("mo", "mo-pass-1")
A = "\\Kanboard\\Action\\"

# Past 64 bits (PHP's json_decode and orjson make them floats), at the unsigned edge
# (orjson keeps 2**64 - 1 an int, PHP a float), at the signed edge, and a large float.
HUGE = [18446744073709551616, 99999999999999999999999, -9223372036854775809,
        18446744073709551615, 9223372036854775808, 9223372036854775807, 1e20]

# What PHP's (string) makes of the numbers below (precision 14), and other texts a
# number or a boolean might be mistaken for.
NAMES = ["1", "12.5", "1.0", "0", "10", "-0", "0.3", "1.0E+20", "1.844674407371E+19",
         "1.0E+23", "1e1", " 1", "Array", "true", "9223372036854775807"]


def _projects() -> list[Step]:
    steps: list[Step] = [(TOKEN, "createUser", {"username": "mo", "password": MEMBER[1]})]
    steps += [(TOKEN, "createProject", {"name": name}) for name in NAMES]
    steps += [(TOKEN, "createProject", {"name": ""}),
              (TOKEN, "addProjectUser", [1, 2, "project-member"])]
    return steps


def _by_name() -> list[Step]:
    names = [1, 12.5, 1.0, 10, 0, -0.0, 0.30000000000000004, 1e1, 1e20, 1e23,
             18446744073709551616, 9223372036854775807, 9223372036854775808,
             True, False, None, [1], ["1"], [], {"a": 1}, {}, "1", "12.50", "1e1", " 1"]
    steps: list[Step] = [(TOKEN, "getProjectByName", {"name": n}) for n in names]
    steps += [(TOKEN, "getProjectByName", [1]), (TOKEN, "getProjectByName", [True]),
              (TOKEN, "getProjectByName", [None]), (TOKEN, "getProjectByName", [[1]]),
              (MEMBER, "getProjectByName", {"name": 1}),
              (MEMBER, "getProjectByName", {"name": 12.5})]
    return steps


def _plain_ids() -> list[Step]:
    steps: list[Step] = [(TOKEN, "createTask", {"title": "t", "project_id": 1})]
    for huge in HUGE + [1.0, "1.0", 1.5, "18446744073709551616"]:
        steps += [(TOKEN, "getTask", {"task_id": huge}),
                  (TOKEN, "getProjectById", {"project_id": huge}),
                  (TOKEN, "getAllTasks", {"project_id": huge, "status_id": 1}),
                  (TOKEN, "getAllTasks", {"project_id": 1, "status_id": huge}),
                  (TOKEN, "getColumns", {"project_id": huge})]
    steps += [(MEMBER, "getTask", {"task_id": 18446744073709551616}),
              (MEMBER, "getProjectById", {"project_id": 1e20})]
    return steps


def _ids_in_lists() -> list[Step]:
    return [
        (TOKEN, "getProjectActivities", {"project_ids": HUGE}),
        (TOKEN, "getProjectActivities", {"project_ids": [1e20, 1]}),
        (TOKEN, "getProjectActivities", {"project_ids": [1.0, "99999999999999999999"]}),
        (MEMBER, "getProjectActivities", {"project_ids": [1, 18446744073709551616]}),
        (MEMBER, "getProjectActivities", {"project_ids": [1, 1.0]}),
        (TOKEN, "setTaskTags", {"project_id": 1, "task_id": 1, "tags": HUGE}),
        (TOKEN, "getTaskTags", [1]),
        (TOKEN, "setTaskTags", {"project_id": 1, "task_id": 1,
                                "tags": [12.5, 2.0, 7, 0.30000000000000004, -0.0]}),
        (TOKEN, "getTaskTags", [1]),
        (TOKEN, "setTaskTags", {"project_id": 1, "task_id": 1,
                                "tags": [1.0, True, False, None, 0, "", "x"]}),
        (TOKEN, "getTaskTags", [1]),
        (TOKEN, "getTagsByProject", [1]),
        (TOKEN, "createTask", {"title": "u", "project_id": 1,
                               "tags": [99999999999999999999999, 2.0, 1e20, "x"]}),
        (TOKEN, "getTaskTags", [2]),
        (TOKEN, "updateTask", {"id": 2, "tags": [18446744073709551616, 3.25]}),
        (TOKEN, "getTaskTags", [2]),
        (TOKEN, "setTaskTags", {"project_id": 18446744073709551616, "task_id": 1,
                                "tags": ["y"]}),
        (TOKEN, "setTaskTags", {"project_id": 1, "task_id": 1e20, "tags": ["y"]}),
        (TOKEN, "saveProjectMetadata", {"project_id": 1, "values": {
            "a": 18446744073709551616, "b": 1e20, "c": 12.5, "d": 2.0, "e": True,
            "f": False, "g": -9223372036854775809}}),
        (TOKEN, "getProjectMetadata", [1]),
        (TOKEN, "saveTaskMetadata", {"task_id": 1, "values": {
            "a": 99999999999999999999999, "b": 0.30000000000000004, "c": -0.0}}),
        (TOKEN, "getTaskMetadata", [1]),
        (TOKEN, "saveProjectMetadata", {"project_id": 18446744073709551616,
                                        "values": {"a": "b"}}),
    ]


def _action_params() -> list[Step]:
    event, action = "task.move.column", A + "TaskCloseColumn"
    steps: list[Step] = [
        (TOKEN, "createAction", {"project_id": 1, "event_name": event, "action_name": action,
                                 "params": params})
        for params in ("x", "", 5, 0, 1.5, True, False, None, [], {}, ["2"], [2],
                       {"column_id": 1e20}, {"column_id": 18446744073709551616},
                       {"column_id": 2.0}, {"column_id": True}, {"column_id": 12.5})]
    steps += [(TOKEN, "createAction", [1, event, action, "x"]),
              (TOKEN, "createAction", [1, event, action, None]),
              (TOKEN, "createAction", {"project_id": 1, "event_name": event,
                                       "action_name": action}),
              (TOKEN, "getActions", [1])]
    return steps


def steps() -> list[Step]:
    return _projects() + _by_name() + _plain_ids() + _ids_in_lists() + _action_params()
