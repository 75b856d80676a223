"""Tasks moved and duplicated to another project: owners who are not members there,
categories, swimlanes and columns found by name (or not), priorities out of the
destination's range, tags, subtasks, comments, links and metadata; explicit and default
placements, the same project, a closed task; unknown ids; callers of every project role
in the source and the destination (and an application admin who is neither)."""
from __future__ import annotations

from compat.scenario import Step

MIA = ("mia", "mia-pass-1")  # member of A and B
VIC = ("vic", "vic-pass-1")  # manager of A, viewer of B
SAM = ("sam", "sam-pass-1")  # member of A only
OLGA = ("olga", "olga-pass-1")  # member of B only
ADA = ("ada", "ada-pass-1")  # application admin, member of nothing
VERA = ("vera", "vera-pass-1")  # viewer of A, member of B
ADMIN = ("admin", "admin")  # application admin, member of A and B

A, B, C = 1, 2, 3
A_URGENT, B_URGENT = 4, 5  # swimlanes added to A and B (1, 2, 3 are the defaults)


def _setup() -> list[Step]:
    token = None
    users = [(token, "createUser", {"username": u, "password": p})
             for u, p in (MIA, VIC, SAM, OLGA, VERA)]
    users.append((token, "createUser", {"username": ADA[0], "password": ADA[1],
                                        "role": "app-admin"}))
    return users + [
        (token, "createProject", {"name": "A"}),
        (token, "createProject", {"name": "B", "priority_default": 1, "priority_start": 0,
                                  "priority_end": 2}),
        (token, "createProject", {"name": "C"}),
        (token, "addProjectUser", [A, 2, "project-member"]),
        (token, "addProjectUser", [B, 2, "project-member"]),
        (token, "addProjectUser", [A, 3, "project-manager"]),
        (token, "addProjectUser", [B, 3, "project-viewer"]),
        (token, "addProjectUser", [A, 4, "project-member"]),
        (token, "addProjectUser", [B, 5, "project-member"]),
        (token, "addProjectUser", [A, 6, "project-viewer"]),
        (token, "addProjectUser", [B, 6, "project-member"]),
        (token, "addProjectUser", [A, 1, "project-member"]),
        (token, "addProjectUser", [B, 1, "project-member"]),
        (token, "addSwimlane", [A, "Urgent"]),
        (token, "addSwimlane", [B, "Urgent"]),
        (token, "updateSwimlane", [C, 3, "Main"]),
        (token, "addSwimlane", [C, "Side"]),
        (token, "disableSwimlane", [C, 3]),
        (token, "updateColumn", [9, "Todo"]),
        (token, "updateColumn", [10, "Doing"]),
        (token, "createCategory", [A, "Bug"]),
        (token, "createCategory", [A, "Feature"]),
        (token, "createCategory", [B, "Bug"]),
        (token, "createTag", [B, "Red", "red"]),
        (token, "getAllSwimlanes", [C]),
        (token, "getColumns", [C]),
    ]


def _tasks() -> list[Step]:
    token = None
    return [
        (token, "createTask", {"title": "plain", "project_id": A}),  # 1
        (token, "createTask", {"title": "rich", "project_id": A, "owner_id": 2,
                               "category_id": 1, "swimlane_id": A_URGENT, "column_id": 3,
                               "priority": 3, "tags": ["red", "blue"], "color_id": "green",
                               "description": "d", "score": 5, "reference": "R1",
                               "date_due": "2026-12-01"}),  # 2
        (token, "createTask", {"title": "sam's", "project_id": A, "owner_id": 4,
                               "category_id": 2, "priority": 2}),  # 3
        (token, "createTask", {"title": "closed", "project_id": A}),  # 4
        (token, "closeTask", [4]),
        (token, "createTask", {"title": "b1", "project_id": B, "column_id": 5}),  # 5
        (token, "createTask", {"title": "b2", "project_id": B, "column_id": 7,
                               "swimlane_id": B_URGENT}),  # 6
        (token, "createTask", {"title": "source", "project_id": A, "owner_id": 4,
                               "category_id": 1, "swimlane_id": A_URGENT, "column_id": 2,
                               "priority": 3, "tags": ["red", "green"], "score": 8,
                               "time_estimated": 7, "reference": "S", "description": "src",
                               "date_due": "2026-11-30", "date_started": "2026-11-01"}),  # 7
        (token, "createTask", {"title": "to C", "project_id": A}),  # 8
        (token, "createTask", {"title": "explicit", "project_id": A, "owner_id": 2,
                               "category_id": 2}),  # 9
        (token, "createTask", {"title": "admin moves", "project_id": A, "owner_id": 4}),  # 10
        (token, "createTask", {"title": "explicit B ids", "project_id": A, "owner_id": 4}),  # 11
        (token, "createTask", {"title": "same project", "project_id": A, "column_id": 2}),  # 12
        (token, "createTask", {"title": "roles", "project_id": A}),  # 13
        (token, "createTask", {"title": "column zero", "project_id": A}),  # 14
        (token, "createSubtask", {"task_id": 2, "title": "s1", "user_id": 4,
                                  "time_estimated": 2}),
        (token, "createSubtask", {"task_id": 2, "title": "s2", "time_estimated": 1.5,
                                  "time_spent": 1, "status": 1}),
        (token, "createComment", [2, 2, "hi"]),
        (token, "createTaskLink", [2, 1, 1]),
        (token, "saveTaskMetadata", [2, {"k": "v"}]),
        (token, "createSubtask", {"task_id": 7, "title": "s3", "user_id": 2,
                                  "time_estimated": 1}),
        (token, "createSubtask", {"task_id": 7, "title": "s4", "time_estimated": 0.5,
                                  "time_spent": 1, "status": 2}),
        (token, "updateTask", {"id": 7, "time_estimated": 9}),
        (token, "createComment", [7, 4, "source comment"]),
        (token, "createTaskLink", [7, 1, 2]),
        (token, "saveTaskMetadata", [7, {"m": "1"}]),
        (token, "getTask", [7]),
    ]


def _moves() -> list[Step]:
    token = None
    return [
        (token, "moveTaskToProject", [1, B]),
        (token, "getTask", [1]),
        (token, "getBoard", [B]),
        (token, "moveTaskToProject", {"task_id": 2, "project_id": B}),
        (token, "getTask", [2]),
        (token, "getTaskTags", [2]),
        (token, "getAllSubtasks", [2]),
        (token, "getAllComments", [2]),
        (token, "getAllTaskLinks", [2]),
        (token, "getAllTaskLinks", [1]),
        (token, "getTaskMetadata", [2]),
        (token, "getTagsByProject", [A]),
        (token, "getTagsByProject", [B]),
        (token, "moveTaskToProject", [3, B]),
        (token, "getTask", [3]),
        (token, "moveTaskToProject", [4, B]),
        (token, "getTask", [4]),
        (ADMIN, "moveTaskToProject", [10, B]),
        (token, "getTask", [10]),
        (token, "moveTaskToProject", {"task_id": 9, "project_id": B, "swimlane_id": A_URGENT,
                                      "column_id": 2, "category_id": 2, "owner_id": 5}),
        (token, "getTask", [9]),
        (token, "moveTaskToProject", [11, B, 2, 6, 3, 4]),
        (token, "getTask", [11]),
        (token, "moveTaskToProject", [8, C]),
        (token, "getTask", [8]),
        (token, "moveTaskToProject", [12, A]),
        (token, "getTask", [12]),
        (token, "moveTaskToProject", {"task_id": 14, "project_id": B, "column_id": 0}),
        (token, "getTask", [14]),
        (token, "moveTaskToProject", [99, B]),
        (token, "moveTaskToProject", [13, 99]),
        (token, "setTaskTags", [A, 12, ["pink", "red"]]),
        (token, "moveTaskToProject", [12, 99]),
        (token, "getTask", [12]),
        (token, "getTaskTags", [12]),
        (token, "getTask", [13]),
        (SAM, "moveTaskToProject", [13, B]),
        (OLGA, "moveTaskToProject", [13, B]),
        (VIC, "moveTaskToProject", [13, B]),
        (VERA, "moveTaskToProject", [13, B]),
        (ADA, "moveTaskToProject", [13, B]),
        (MIA, "moveTaskToProject", [13, 99]),
        (MIA, "moveTaskToProject", [99, B]),
        (MIA, "moveTaskToProject", [13, B]),
        (token, "getTask", [13]),
        (MIA, "moveTaskToProject", [13, A]),
        (token, "getTask", [13]),
    ]


def _duplicates() -> list[Step]:
    token = None
    return [
        (token, "duplicateTaskToProject", [7, B]),
        (token, "getTask", [15]),
        (token, "getAllSubtasks", [15]),
        (token, "getTaskTags", [15]),
        (token, "getAllComments", [15]),
        (token, "getAllTaskLinks", [15]),
        (token, "getAllTaskLinks", [7]),
        (token, "getTaskMetadata", [15]),
        (token, "getTask", [7]),
        (token, "duplicateTaskToProject", {"task_id": 7, "project_id": C}),
        (token, "getTask", [16]),
        (token, "getTaskTags", [16]),
        (token, "getTagsByProject", [C]),
        (token, "duplicateTaskToProject", [7, A]),
        (token, "getTask", [17]),
        (token, "getTaskTags", [17]),
        (token, "duplicateTaskToProject", [7, B, 2, 8, 3, 5]),
        (token, "getTask", [18]),
        (token, "closeTask", [3]),
        (token, "duplicateTaskToProject", [3, A]),
        (token, "getTask", [19]),
        (MIA, "duplicateTaskToProject", [2, A]),
        (token, "getTask", [20]),
        (token, "getAllSubtasks", [20]),
        (token, "getTaskTags", [20]),
        (SAM, "duplicateTaskToProject", [7, B]),
        (OLGA, "duplicateTaskToProject", [7, B]),
        (VIC, "duplicateTaskToProject", [7, B]),
        (VERA, "duplicateTaskToProject", [7, B]),
        (ADA, "duplicateTaskToProject", [7, B]),
        (ADMIN, "duplicateTaskToProject", [7, B]),
        (token, "getTask", [21]),
        (token, "duplicateTaskToProject", [99, B]),
        (token, "duplicateTaskToProject", [7, 99]),
        (MIA, "duplicateTaskToProject", [99, B]),
        (MIA, "duplicateTaskToProject", [7, 99]),
    ]


def _outcome() -> list[Step]:
    token = None
    return [
        (token, "getAllTasks", [A, 1]),
        (token, "getAllTasks", [B, 1]),
        (token, "getAllTasks", [B, 0]),
        (token, "getAllTasks", [C, 1]),
        (token, "getBoard", [A]),
        (token, "getBoard", [B]),
        (token, "getBoard", [C]),
        (token, "getTagsByProject", [A]),
        (token, "getTagsByProject", [B]),
        (token, "getTagsByProject", [C]),
        (token, "getAllTags", []),
    ]


def steps() -> list[Step]:
    return _setup() + _tasks() + _moves() + _duplicates() + _outcome()
