"""Automatic actions: the catalogue, createAction valid and refused (unknown action,
incompatible event, missing and extra parameters, unknown project, every project role),
getActions, removeAction, and actions firing on task creation, moves, updates, assignee
changes and closing, chained (a move closes, the close moves), as the token (no user
session: the "current user" actions do nothing) and as users."""
from __future__ import annotations

from compat.scenario import Step

MANAGER = ("mia", "mia-pass-1")
MEMBER = ("max", "max-pass-1")
VIEWER = ("vic", "vic-pass-1")
OUTSIDER = ("oz", "oz-pass-1")
ADMIN = ("admin", "admin")
A = "\\Kanboard\\Action\\"


def _people() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "mia", "password": MANAGER[1]}),
        (token, "createUser", {"username": "max", "password": MEMBER[1]}),
        (token, "createUser", {"username": "vic", "password": VIEWER[1]}),
        (token, "createUser", {"username": "oz", "password": OUTSIDER[1]}),
        (token, "createProject", {"name": "A"}),
        (token, "createProject", {"name": "B"}),
        (token, "addProjectUser", [1, 2, "project-manager"]),
        (token, "addProjectUser", [1, 3, "project-member"]),
        (token, "addProjectUser", [1, 4, "project-viewer"]),
        (token, "addProjectUser", [2, 2, "project-manager"]),
        (token, "createCategory", {"project_id": 1, "name": "bug"}),
        (token, "createCategory", {"project_id": 1, "name": "feature"}),
    ]


def _catalogue() -> list[Step]:
    token = None
    return [
        (token, "getAvailableActions", []),
        (token, "getAvailableActionEvents", []),
        (token, "getCompatibleActionEvents", [A + "TaskAssignColorColumn"]),
        (token, "getCompatibleActionEvents", {"action_name": A + "TaskMoveColumnAssigned"}),
        (token, "getCompatibleActionEvents", [A + "TaskClose"]),
        (token, "getCompatibleActionEvents", [A + "Nope"]),
        (token, "getCompatibleActionEvents", []),
        (MEMBER, "getAvailableActions", []),
        (OUTSIDER, "getAvailableActionEvents", []),
        (VIEWER, "getCompatibleActionEvents", [A + "TaskEmail"]),
        (token, "getActions", [1]),
    ]


def _refused() -> list[Step]:
    token = None
    color = {"column_id": 2, "color_id": "red"}
    return [
        (token, "createAction", [1, "task.move.column", A + "Nope", color]),
        (token, "createAction", [1, "task.close", A + "TaskAssignColorColumn", color]),
        (token, "createAction", [1, "task.nope", A + "TaskAssignColorColumn", color]),
        (token, "createAction", [1, "task.move.column", A + "TaskAssignColorColumn",
                                 {"column_id": 2}]),
        (token, "createAction", [1, "task.move.column", A + "TaskAssignColorColumn",
                                 {**color, "user_id": 2}]),
        (token, "createAction", [1, "task.move.column", A + "TaskAssignColorColumn",
                                 {"column_id": 2, "color_id": None}]),
        (token, "createAction", [1, "", A + "TaskAssignColorColumn", color]),
        (token, "createAction", [1, "task.move.column", "", color]),
        (token, "createAction", [1, "task.move.column", A + "TaskClose", {}]),
        (token, "createAction", [1, "task.create", A + "TaskCreation", {}]),
        (token, "createAction", [99, "task.move.column", A + "TaskAssignColorColumn", color]),
        (token, "createAction", ["x", "task.move.column", A + "TaskAssignColorColumn", color]),
        (MEMBER, "createAction", [1, "task.move.column", A + "TaskAssignColorColumn", color]),
        (VIEWER, "createAction", [1, "task.move.column", A + "TaskAssignColorColumn", color]),
        (OUTSIDER, "createAction", [1, "task.move.column", A + "TaskAssignColorColumn", color]),
        (ADMIN, "createAction", [1, "task.move.column", A + "TaskAssignColorColumn", color]),
        (MANAGER, "createAction", [99, "task.move.column", A + "TaskAssignColorColumn", color]),
        (MANAGER, "createAction", [1, "task.move.column", A + "Nope", color]),
    ]


def _created() -> list[Step]:
    token = None
    return [
        (token, "createAction", [1, "task.move.column", A + "TaskAssignColorColumn",
                                 {"column_id": 2, "color_id": "red"}]),
        (MANAGER, "createAction", {"project_id": 1, "event_name": "task.move.column",
                                   "action_name": A + "TaskCloseColumn",
                                   "params": {"column_id": "4"}}),
        (MANAGER, "createAction", [1, "task.create", A + "TaskAssignCurrentUser", {}]),
        (token, "createAction", [1, "task.create_update", A + "TaskAssignColorCategory",
                                 {"color_id": "green", "category_id": 1}]),
        (token, "createAction", [1, "task.assignee_change", A + "TaskMoveColumnAssigned",
                                 {"src_column_id": 1, "dest_column_id": 3}]),
        (token, "createAction", [1, "task.close", A + "TaskMoveColumnClosed",
                                 {"dest_column_id": 4}]),
        (token, "createAction", [1, "task.create", A + "TaskAssignPrioritySwimlane",
                                 {"swimlane_id": 1, "priority": 2}]),
        (token, "createAction", [1, "task.assignee_change", A + "TaskAssignColorUser",
                                 {"color_id": "purple", "user_id": 3}]),
        (token, "createAction", [1, "task.move.column", A + "TaskUpdateStartDate",
                                 {"column_id": 3}]),
        (token, "getActions", [1]),
        (MANAGER, "getActions", [1]),
        (MEMBER, "getActions", [1]),
        (VIEWER, "getActions", [1]),
        (OUTSIDER, "getActions", [1]),
        (token, "getActions", [99]),
        (token, "getActions", [2]),
    ]


def _fired() -> list[Step]:
    token = None
    return [
        (MANAGER, "createTask", {"title": "t1", "project_id": 1}),
        (token, "getTask", [1]),
        (token, "createTask", {"title": "t2", "project_id": 1}),
        (token, "getTask", [2]),
        (token, "moveTaskPosition", [1, 1, 2, 1, 1]),
        (token, "getTask", [1]),
        (token, "updateTask", {"id": 1, "category_id": 1}),
        (token, "getTask", [1]),
        (token, "updateTask", {"id": 2, "owner_id": 3}),
        (token, "getTask", [2]),
        (MEMBER, "moveTaskPosition", [1, 2, 4, 1, 1]),
        (token, "getTask", [2]),
        (token, "closeTask", [1]),
        (token, "getTask", [1]),
        (MEMBER, "createTask", {"title": "t3", "project_id": 1, "owner_id": 3}),
        (token, "getTask", [3]),
        (MEMBER, "updateTask", {"id": 3, "title": "t3 renamed"}),
        (token, "getTask", [3]),
        (token, "getAllTasks", [1, 0]),
        (token, "getAllTasks", [1, 1]),
    ]


def _removed() -> list[Step]:
    token = None
    return [
        (MEMBER, "removeAction", [1]),
        (OUTSIDER, "removeAction", [1]),
        (token, "removeAction", [99]),
        (MANAGER, "removeAction", [99]),
        (MANAGER, "removeAction", [1]),
        (token, "removeAction", [1]),
        (token, "getActions", [1]),
        (token, "createTask", {"title": "t4", "project_id": 1}),
        (token, "moveTaskPosition", [1, 4, 2, 1, 1]),
        (token, "getTask", [4]),
        (token, "createAction", [1, "task.move.column", A + "TaskAssignColorColumn",
                                 {"column_id": 3, "color_id": "orange"}]),
        (ADMIN, "moveTaskPosition", [1, 4, 3, 1, 1]),
        (token, "getTask", [4]),
        (token, "createAction", [2, "task.move.column", A + "TaskAssignColorColumn",
                                 {"column_id": 6, "color_id": "blue"}]),
        (token, "getActions", [2]),
        (token, "removeProject", [2]),
        (token, "getActions", [2]),
        (token, "createAction", [2, "task.move.column", A + "TaskAssignColorColumn",
                                 {"column_id": 6, "color_id": "blue"}]),
        (token, "createAction", [1, "task.create", A + "TaskAssignDueDateOnCreation",
                                 {"duration": 3}]),
        (token, "createTask", {"title": "t5", "project_id": 1}),
        (token, "getTask", [5]),
        (token, "getActions", [1]),
    ]


def _more() -> list[Step]:
    """A comment as the mover; two pairs of actions that undo each other (a swimlane's
    priority, and an update moving the task to the other swimlane) until Kanboard's
    "never twice on the same data" stops them."""
    token = None
    return [
        (token, "createAction", [1, "task.move.column", A + "CommentCreationMoveTaskColumn",
                                 {"column_id": 1}]),
        (MANAGER, "moveTaskPosition", [1, 4, 1, 1, 1]),
        (token, "getAllComments", [4]),
        (token, "moveTaskPosition", [1, 4, 2, 1, 1]),
        (token, "getAllComments", [4]),
        (token, "createProject", {"name": "Loop"}),
        (token, "addSwimlane", [2, "Second"]),
        (token, "getAllSwimlanes", [2]),
        (token, "createTask", {"title": "t6", "project_id": 2}),
        (token, "createAction", [2, "task.move.swimlane", A + "TaskAssignPrioritySwimlane",
                                 {"swimlane_id": 2, "priority": 1}]),
        (token, "createAction", [2, "task.move.swimlane", A + "TaskAssignPrioritySwimlane",
                                 {"swimlane_id": 3, "priority": 2}]),
        (token, "createAction", [2, "task.update", A + "TaskMoveSwimlaneAssigned",
                                 {"user_id": 0, "dest_swimlane_id": 3}]),
        (token, "createAction", [2, "task.update", A + "TaskMoveSwimlaneAssigned",
                                 {"user_id": 0, "dest_swimlane_id": 2}]),
        (token, "updateTask", {"id": 6, "title": "go"}),
        (token, "getTask", [6]),
        (token, "getActions", [2]),
    ]


def steps() -> list[Step]:
    return (_people() + _catalogue() + _refused() + _created() + _fired() + _removed()
            + _more())
