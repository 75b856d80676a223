"""Task files in the activity stream: uploads and removals by a member and by the token,
an image and a text file, a file removed with its task, then the project's, the task's
and the member's activity."""
from __future__ import annotations

import base64

from compat.scenario import Step

MAX = ("max", "max-pass-1")
TEXT = base64.b64encode(b"minutes of the meeting\n").decode()
# A real 1x1 PNG: Kanboard makes a thumbnail of an image and crashes on a broken one.
IMAGE = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5"
         "ErkJggg==")


def steps() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "max", "password": MAX[1], "name": "Max <b>"}),
        (token, "createProject", {"name": "Files"}),
        (token, "addProjectUser", [1, 2, "project-member"]),
        (MAX, "createTask", {"title": "with files", "project_id": 1}),
        (MAX, "createTask", {"title": "short-lived", "project_id": 1}),
        (MAX, "createTaskFile", [1, 1, "notes & <minutes>.txt", TEXT]),
        (MAX, "createTaskFile", [1, 1, "screenshot.png", IMAGE]),
        (token, "createTaskFile", [1, 1, "by-token.txt", TEXT]),
        (MAX, "createTaskFile", [1, 2, "doomed.txt", TEXT]),
        (MAX, "getProjectActivity", [1]),
        (MAX, "removeTaskFile", [1]),
        (token, "removeTaskFile", [2]),
        (MAX, "removeAllTaskFiles", [1]),
        (MAX, "getProjectActivity", [1]),
        (MAX, "removeTask", [2]),
        (token, "getProjectActivity", [1]),
        (token, "getProjectActivities", {"project_ids": [1]}),
        (MAX, "getMyActivityStream", []),
    ]
