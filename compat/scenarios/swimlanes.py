"""Swimlanes: add, rename, disable, enable, move and remove them, with ids forged from
another project, duplicates, positions out of range, and tasks in the way; as the token
and as a project member (managers only may change them)."""
from __future__ import annotations

from compat.scenario import Step

MEMBER = ("sam", "sam-pass-1")


def steps() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "sam", "password": MEMBER[1]}),
        (token, "createProject", {"name": "Lanes"}),
        (token, "createProject", {"name": "Other lanes"}),
        (token, "addProjectUser", [1, 2, "project-member"]),
        (token, "addSwimlane", [1, "Swimlane 1"]),
        (token, "addSwimlane", {"project_id": 1, "name": "Swimlane 2", "description": "two"}),
        (token, "addSwimlane", [1, "Swimlane 1"]),
        (token, "addSwimlane", [99, "Nowhere"]),
        (token, "addSwimlane", [1, ""]),
        (token, "addSwimlane", {"project_id": 1}),
        (token, "addSwimlane", [2, "Theirs"]),
        (MEMBER, "addSwimlane", [1, "Not allowed"]),
        (token, "getAllSwimlanes", [1]),
        (token, "getActiveSwimlanes", [1]),
        (token, "updateSwimlane", [1, 3, "Another swimlane"]),
        (token, "updateSwimlane", [1, 3, "Swimlane 2"]),
        (token, "updateSwimlane", [1, 3, ""]),
        (token, "updateSwimlane", [1, 7, "Forged"]),
        (token, "updateSwimlane", [1, 99, "Missing"]),
        (token, "updateSwimlane", {"project_id": 1, "swimlane_id": 4, "name": "S2",
                                   "description": "changed"}),
        (token, "getSwimlane", [3]),
        (token, "getSwimlaneById", [4]),
        (token, "disableSwimlane", [1, 3]),
        (token, "getSwimlaneById", [3]),
        (token, "getAllSwimlanes", [1]),
        (token, "getActiveSwimlanes", [1]),
        (token, "disableSwimlane", [1, 7]),
        (token, "disableSwimlane", [1, 99]),
        (token, "disableSwimlane", [99, 1]),
        (token, "enableSwimlane", [1, 3]),
        (token, "getAllSwimlanes", [1]),
        (token, "enableSwimlane", [1, 3]),
        (token, "getAllSwimlanes", [1]),
        (token, "enableSwimlane", [1, 99]),
        (token, "changeSwimlanePosition", [1, 4, 1]),
        (token, "getAllSwimlanes", [1]),
        (token, "changeSwimlanePosition", [1, 4, 0]),
        (token, "changeSwimlanePosition", [1, 4, 9]),
        (token, "changeSwimlanePosition", [1, 7, 1]),
        (token, "changeSwimlanePosition", [1, 3, 3]),
        (token, "getAllSwimlanes", [1]),
        (token, "createTask", {"title": "in lane", "project_id": 1, "swimlane_id": 4}),
        (token, "removeSwimlane", [1, 4]),
        (token, "removeSwimlane", [1, 7]),
        (token, "removeSwimlane", [1, 3]),
        (token, "removeSwimlane", [1, 3]),
        (token, "getAllSwimlanes", [1]),
        (token, "getBoard", [1]),
        (MEMBER, "disableSwimlane", [1, 4]),
        (token, "disableSwimlane", [1, 4]),
        (token, "getBoard", [1]),
        (token, "getAllSwimlanes", [1]),
    ]
