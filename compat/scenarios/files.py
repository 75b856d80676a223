"""Project and task files: upload (base64), read, list (by name, any case), download,
remove one, remove all; images and not, empty and undecodable content, unknown ids,
files of another project, a long name; as the token and as users of each project role
(member, viewer, none), and what removing a task takes with it."""
from __future__ import annotations

import base64

from compat.scenario import Step

MEMBER = ("max", "max-pass-1")
VIEWER = ("vic", "vic-pass-1")
OUTSIDER = ("oli", "oli-pass-1")  # a member of project 2 only

# a 3x2 PNG, as PHP's GD writes it
PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAACXBIWXMAAA7EAAAOxAGVKw4bAAAAC0lEQVQI"
       "mWNgwAQAABQAAWX1h1kAAAAASUVORK5CYII=")


def b64(text: str | bytes) -> str:
    data = text.encode() if isinstance(text, str) else text
    return base64.b64encode(data).decode()


def _people() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "max", "password": MEMBER[1]}),
        (token, "createUser", {"username": "vic", "password": VIEWER[1], "name": "Vic"}),
        (token, "createUser", {"username": "oli", "password": OUTSIDER[1]}),
        (token, "createProject", {"name": "A"}),
        (token, "createProject", {"name": "B"}),
        (token, "addProjectUser", [1, 2, "project-member"]),
        (token, "addProjectUser", [1, 3, "project-viewer"]),
        (token, "addProjectUser", [2, 4, "project-member"]),
        (token, "createTask", {"title": "a1", "project_id": 1}),
        (token, "createTask", {"title": "a2", "project_id": 1}),
        (token, "createTask", {"title": "b1", "project_id": 2}),
    ]


def _project_files() -> list[Step]:
    token = None
    return [
        (token, "createProjectFile", [1, "notes.txt", b64("hello, world\n")]),
        (token, "createProjectFile", {"project_id": 1, "filename": "Photo.PNG", "blob": PNG}),
        (token, "createProjectFile", [1, "empty.txt", ""]),
        (token, "createProjectFile", [1, "bad.txt", "!!!!"]),
        (token, "createProjectFile", [99, "x.txt", b64("x")]),
        (MEMBER, "createProjectFile", [1, "b-member.txt", b64("by max")]),
        (VIEWER, "createProjectFile", [1, "viewer.txt", b64("no")]),
        (OUTSIDER, "createProjectFile", [1, "outsider.txt", b64("no")]),
        (MEMBER, "createProjectFile", [99, "x.txt", b64("x")]),
        (token, "getProjectFile", [1, 1]),
        (token, "getProjectFile", [1, 2]),
        (token, "getProjectFile", [2, 1]),
        (token, "getProjectFile", [1, 99]),
        (token, "getAllProjectFiles", [1]),
        (token, "getAllProjectFiles", [2]),
        (token, "getAllProjectFiles", [99]),
        (VIEWER, "getAllProjectFiles", [1]),
        (OUTSIDER, "getAllProjectFiles", [1]),
        (OUTSIDER, "getAllProjectFiles", [2]),
        (OUTSIDER, "getProjectFile", [1, 1]),
        (token, "downloadProjectFile", [1, 1]),
        (token, "downloadProjectFile", [1, 2]),
        (token, "downloadProjectFile", [2, 1]),
        (token, "downloadProjectFile", [1, 99]),
        (VIEWER, "downloadProjectFile", [1, 3]),
        (OUTSIDER, "downloadProjectFile", [1, 1]),
        (VIEWER, "removeProjectFile", [1, 1]),
        (MEMBER, "removeProjectFile", [2, 1]),
        (MEMBER, "removeProjectFile", [1, 99]),
        (token, "removeProjectFile", [2, 1]),
        (token, "removeProjectFile", [99, 1]),
        (token, "removeAllProjectFiles", [99]),
        (token, "removeProjectFile", [1, 1]),
        (token, "getProjectFile", [1, 1]),
        (token, "getAllProjectFiles", [1]),
        (token, "createProjectFile", [1, "again.txt", b64("hello, world\n")]),
        (token, "getAllProjectFiles", [1]),
        (token, "removeAllProjectFiles", [2]),
        (VIEWER, "removeAllProjectFiles", [1]),
        (MEMBER, "removeAllProjectFiles", [1]),
        (token, "getAllProjectFiles", [1]),
        (token, "downloadProjectFile", [1, 2]),
    ]


def _task_files() -> list[Step]:
    token = None
    return [
        (token, "createTaskFile", [1, 1, "report.pdf", b64(bytes(range(256)) * 40)]),
        (token, "createTaskFile", [1, 1, "shot.JPG", PNG]),
        (token, "createTaskFile", {"project_id": 1, "task_id": 1, "filename": "a.txt",
                                   "blob": b64("a")}),
        (token, "createTaskFile", [2, 1, "foreign.txt", b64("x")]),
        (token, "createTaskFile", [1, 3, "foreign.txt", b64("x")]),
        (token, "createTaskFile", [1, 99, "none.txt", b64("x")]),
        (token, "createTaskFile", [1, 1, "empty.txt", ""]),
        (token, "createTaskFile", [1, 1, "bad.txt", "%%%%"]),
        (token, "createTaskFile", [1, 1, "x" * 300 + ".txt", b64("long")]),
        (token, "createTaskFile", [1, 1, "Zürich ünïcode.md", b64("# ü\n")]),
        (MEMBER, "createTaskFile", [1, 2, "Member.txt", b64("by max")]),
        (VIEWER, "createTaskFile", [1, 1, "viewer.txt", b64("no")]),
        (OUTSIDER, "createTaskFile", [1, 1, "outsider.txt", b64("no")]),
        (OUTSIDER, "createTaskFile", [2, 1, "outsider.txt", b64("no")]),
        (OUTSIDER, "createTaskFile", [2, 3, "b.txt", b64("in b")]),
        (token, "getTaskFile", [1]),
        (token, "getTaskFile", [2]),
        (token, "getTaskFile", [99]),
        (VIEWER, "getTaskFile", [1]),
        (OUTSIDER, "getTaskFile", [1]),
        (OUTSIDER, "getTaskFile", [99]),
        (token, "getAllTaskFiles", [1]),
        (token, "getAllTaskFiles", [2]),
        (token, "getAllTaskFiles", [99]),
        (VIEWER, "getAllTaskFiles", [1]),
        (OUTSIDER, "getAllTaskFiles", [1]),
        (token, "downloadTaskFile", [1]),
        (token, "downloadTaskFile", [2]),
        (token, "downloadTaskFile", [6]),
        (token, "downloadTaskFile", [99]),
        (VIEWER, "downloadTaskFile", [3]),
        (OUTSIDER, "downloadTaskFile", [1]),
        (token, "getTask", [1]),
        (token, "getBoard", [1]),
        (VIEWER, "removeTaskFile", [1]),
        (OUTSIDER, "removeTaskFile", [1]),
        (OUTSIDER, "removeTaskFile", [99]),
        (token, "removeTaskFile", [99]),
        (token, "removeAllTaskFiles", [99]),
        (MEMBER, "removeTaskFile", [1]),
        (token, "getTaskFile", [1]),
        (token, "getAllTaskFiles", [1]),
        (token, "createTaskFile", [1, 1, "copy.pdf", b64(bytes(range(256)) * 40)]),
        (token, "getAllTaskFiles", [1]),
        (token, "downloadTaskFile", [1]),
        (OUTSIDER, "removeAllTaskFiles", [1]),
        (VIEWER, "removeAllTaskFiles", [1]),
        (token, "removeAllTaskFiles", [3]),
        (token, "getAllTaskFiles", [3]),
        (MEMBER, "removeAllTaskFiles", [1]),
        (token, "getAllTaskFiles", [1]),
        (token, "getBoard", [1]),
        (token, "removeTask", [2]),
        (token, "getAllTaskFiles", [2]),
        (token, "getTaskFile", [7]),
        (token, "createTaskFile", [1, 1, "after.txt", b64("after")]),
        (token, "getAllTaskFiles", [1]),
        (token, "createProjectFile", [2, "in-b.txt", b64("b")]),
        (token, "removeProject", [2]),
        (token, "getAllProjectFiles", [2]),
        (token, "getProjectFile", [2, 1]),
        (token, "getTaskFile", [8]),
        # PHP's base64_decode skips what is not base64: Kanboard stores "hello" here,
        # boardlog refuses the param (compat/allowed.py "lenient-base64")
        (token, "createTaskFile", [1, 1, "lenient.txt", "aGVsbG8*"]),
    ]


def steps() -> list[Step]:
    return _people() + _project_files() + _task_files()
