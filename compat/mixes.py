"""Workload mixes: how often each family of procedures and each kind of mistake is drawn."""
from __future__ import annotations

from dataclasses import dataclass, field

FAMILIES: dict[str, tuple[str, ...]] = {
    "app": ("getVersion", "getTimezone", "getDefaultTaskColor", "getDefaultTaskColors",
            "getColorList", "getApplicationRoles", "getProjectRoles", "getAllLinks",
            "getAllTags", "getOverdueTasks"),
    "me": ("getMe", "getMyProjects", "getMyProjectsList", "getMyOverdueTasks",
           "getMyActivityStream", "createMyPrivateProject"),
    "users": ("createUser", "getUser", "getUserByName", "getAllUsers", "updateUser",
              "disableUser", "enableUser", "isActiveUser", "removeUser"),
    "projects": ("createProject", "getProjectById", "getProjectByName",
                 "getProjectByIdentifier", "getProjectByEmail", "getAllProjects",
                 "updateProject", "removeProject", "enableProject", "disableProject",
                 "enableProjectPublicAccess", "disableProjectPublicAccess",
                 "getProjectActivity", "getProjectActivities"),
    "members": ("addProjectUser", "changeProjectUserRole", "removeProjectUser",
                "getProjectUsers", "getProjectUserRole", "getAssignableUsers"),
    "metadata": ("saveProjectMetadata", "getProjectMetadata", "getProjectMetadataByName",
                 "removeProjectMetadata", "saveTaskMetadata", "getTaskMetadata",
                 "getTaskMetadataByName", "removeTaskMetadata"),
    "structure": ("addColumn", "getColumn", "getColumns", "updateColumn",
                  "changeColumnPosition", "removeColumn", "getSwimlane", "getSwimlaneById",
                  "getSwimlaneByName", "getAllSwimlanes", "getActiveSwimlanes",
                  "createCategory", "getCategory", "getAllCategories", "updateCategory",
                  "removeCategory", "getBoard"),
    "tasks": ("createTask", "getTask", "getTaskByReference", "getAllTasks", "updateTask",
              "openTask", "closeTask", "removeTask", "moveTaskPosition", "searchTasks",
              "getOverdueTasksByProject", "setTaskTags", "getTaskTags", "getTagsByProject",
              "getAllTaskLinks"),
    "children": ("createSubtask", "getSubtask", "getAllSubtasks", "updateSubtask",
                 "removeSubtask", "createComment", "getComment", "getAllComments",
                 "updateComment", "removeComment"),
}


@dataclass(frozen=True)
class Mix:
    families: dict[str, float]
    invalid: float = 0.17  # share of ordinary calls given one mistake
    protocol: float = 0.03
    batch: float = 0.03
    bad_auth: float = 0.02
    duplicate: float = 0.02
    as_user: float = 0.4  # share of calls made with a user's password, not the token
    extra: dict[str, float] = field(default_factory=dict)


MIXES: dict[str, Mix] = {
    "balanced": Mix({"app": 1, "me": 1, "users": 1.5, "projects": 2, "members": 1.5,
                     "metadata": 1, "structure": 2, "tasks": 4, "children": 3}),
    "tasks": Mix({"app": 0.5, "me": 0.5, "users": 0.5, "projects": 1, "members": 1,
                  "metadata": 1, "structure": 1.5, "tasks": 7, "children": 4},
                 as_user=0.3),
    "people": Mix({"app": 0.5, "me": 3, "users": 4, "projects": 2, "members": 4,
                   "metadata": 0.5, "structure": 1, "tasks": 2, "children": 1.5},
                  as_user=0.7),
    "structure": Mix({"app": 0.5, "me": 0.5, "users": 0.5, "projects": 2, "members": 1,
                      "metadata": 3, "structure": 6, "tasks": 3, "children": 1}),
    "hostile": Mix({"app": 1, "me": 1, "users": 1.5, "projects": 2, "members": 1.5,
                    "metadata": 1, "structure": 2, "tasks": 3, "children": 2},
                   invalid=0.16, protocol=0.05, batch=0.05, bad_auth=0.03, duplicate=0.03),
    "viewer": Mix({"app": 0.5, "me": 2, "users": 1, "projects": 2, "members": 2,
                   "metadata": 1, "structure": 2, "tasks": 4, "children": 3}, as_user=0.85),
}
