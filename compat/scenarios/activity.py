"""The activity stream: every kind of activity Kanboard records (task created, updated
field by field, assignee changed and removed, moved in a column, to another column and
swimlane, closed and opened twice; subtasks, comments and task links created,
updated and removed), by users of each application role, read back by each of them (an
app-user sees only app-user comments, a manager not admin ones) and by the token; then
what goes with a removed task and a removed author."""
from __future__ import annotations

from compat.scenario import Step

ANN, MAX, ADMIN = ("ann", "ann-pass-1"), ("max", "max-pass-2"), ("admin", "admin")


def _setup() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "ann", "password": ANN[1], "name": "Ann <A&B>"}),
        (token, "createUser", {"username": "max", "password": MAX[1], "role": "app-manager"}),
        (token, "createProject", {"name": "Acts"}),
        (token, "createProject", {"name": "Elsewhere"}),
        (token, "addProjectUser", [1, 2, "project-member"]),
        (token, "addProjectUser", [1, 3, "project-manager"]),
        (token, "addProjectUser", [2, 2, "project-member"]),
        (token, "addProjectUser", [1, 1, "project-member"]),
        (token, "createCategory", {"project_id": 1, "name": "Bugs"}),
        (token, "addSwimlane", {"project_id": 1, "name": "Fast lane"}),
        (token, "createTask", {"title": "by token", "project_id": 1}),  # no activity
    ]


def _tasks() -> list[Step]:
    return [
        (ANN, "createTask", {"title": "Write <docs>", "project_id": 1,
                             "description": "first text", "owner_id": 2}),
        (ANN, "createTask", {"title": "Second", "project_id": 1}),
        (ANN, "updateTask", {"id": 2, "title": "Renamed", "color_id": "red", "score": 5,
                             "category_id": 1, "date_due": "2027-01-15 10:30",
                             "reference": "R-1", "priority": 2}),
        (ANN, "updateTask", {"id": 2, "description": "new text\n\nsecond paragraph",
                             "time_estimated": 3.5, "time_spent": 1,
                             "date_started": "2027-01-10 09:00"}),
        (ANN, "updateTask", {"id": 2, "description": "", "category_id": 0, "date_due": ""}),
        (ANN, "updateTask", {"id": 2, "owner_id": 3}),
        (MAX, "updateTask", {"id": 2, "owner_id": 0}),
        (ANN, "updateTask", {"id": 2, "title": "Renamed"}),  # nothing differs
        (ANN, "moveTaskPosition", [1, 3, 1, 2, 1]),  # within the column
        (ANN, "moveTaskPosition", [1, 2, 2, 1, 1]),  # to another column
        (ANN, "moveTaskPosition", [1, 2, 3, 1, 2]),  # to another swimlane and column
        (ANN, "moveTaskPosition", [1, 2, 3, 1, 2]),  # where it is
        (ANN, "closeTask", [3]),
        (ANN, "closeTask", [3]),
        (MAX, "openTask", [3]),
        (MAX, "openTask", [3]),
    ]


def _parts() -> list[Step]:
    return [
        (ANN, "createSubtask", {"task_id": 2, "title": "sub one", "time_estimated": 2}),
        (ANN, "createSubtask", {"task_id": 2, "title": "sub <two>", "user_id": 3,
                                "time_estimated": 1.5, "time_spent": 0.5}),
        (MAX, "updateSubtask", {"id": 1, "task_id": 2, "status": 1, "user_id": 2}),
        (MAX, "updateSubtask", {"id": 1, "task_id": 2, "title": "sub one"}),
        (ANN, "removeSubtask", [2]),
        (ANN, "createComment", {"task_id": 2, "user_id": 2, "content": "line one\nline two"}),
        (ADMIN, "createComment", {"task_id": 2, "user_id": 1, "content": "for managers",
                                  "visibility": "app-manager"}),
        (ADMIN, "createComment", {"task_id": 2, "user_id": 1, "content": "for admins",
                                  "visibility": "app-admin"}),
        (ANN, "updateComment", {"id": 1, "content": "edited & <b>bold</b>"}),
        (ANN, "updateComment", {"id": 1, "content": ""}),
        (ADMIN, "removeComment", [2]),
        (ANN, "createTaskLink", [2, 3, 2]),
        (ANN, "updateTaskLink", [1, 2, 3, 4]),
        (ANN, "removeTaskLink", [1]),
    ]


def _reads() -> list[Step]:
    token = None
    return [
        (token, "getProjectActivity", [1]),
        (token, "getTask", None),  # params null: as if none were given
        (ANN, "getProjectActivity", [1]),
        (MAX, "getProjectActivity", [1]),
        (ADMIN, "getProjectActivity", [1]),
        (token, "getProjectActivities", {"project_ids": [1, 2]}),
        (ANN, "getMyActivityStream", None),
        (MAX, "getMyActivityStream", None),
        (token, "getProjectActivity", [99]),
        (ANN, "getProjectActivities", {"project_ids": [1, 2]}),
    ]


def steps() -> list[Step]:
    token = None
    return [
        *_setup(), *_tasks(), *_parts(), *_reads(),
        (token, "removeTask", [1]),  # its activities go with it
        (ANN, "createTask", {"title": "After", "project_id": 1}),  # a freed id again
        (token, "getProjectActivity", [1]),
        (token, "removeUser", [3]),  # max's activities go with them
        (token, "getProjectActivity", [1]),
        (ANN, "getMyActivityStream", None),
    ]
