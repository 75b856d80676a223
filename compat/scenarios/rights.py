"""Who may do what to comments and users, as Kanboard answers it (issue #11): a user
comments only as themselves and for readers no more privileged than they are, changes
only their own comments whatever their role, a viewer does not comment; an app-admin
(Basic) may create app-admins and demote `admin`; and a member removed from a project
still gets its tasks from getMyOverdueTasks/getMyDashboard in Kanboard (boardlog does not:
the allowed divergence `removed-member-tasks`)."""
from __future__ import annotations

from compat.scenario import Step

ANN = ("ann", "ann-pass-1")  # app-user, project member
BOB = ("bob", "bob-pass-1")  # app-user, project viewer
CARL = ("carl", "carl-pass-1")  # app-admin, project manager


def steps() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "ann", "password": ANN[1], "name": "Ann"}),
        (token, "createUser", {"username": "bob", "password": BOB[1]}),
        (token, "createUser", {"username": "carl", "password": CARL[1], "role": "app-admin"}),
        (token, "createProject", {"name": "Team"}),
        (token, "addProjectUser", [1, 2, "project-member"]),
        (token, "addProjectUser", [1, 3, "project-viewer"]),
        (token, "addProjectUser", [1, 4, "project-manager"]),
        (token, "createTask", {"title": "late", "project_id": 1, "owner_id": 2,
                               "date_due": "2020-01-01"}),
        (ANN, "createComment", {"task_id": 1, "user_id": 2, "content": "ann's"}),
        (ANN, "createComment", {"task_id": 1, "user_id": 3, "content": "as bob"}),
        (ANN, "createComment", {"task_id": 1, "user_id": 2, "content": "for admins",
                                "visibility": "app-admin"}),
        (BOB, "createComment", {"task_id": 1, "user_id": 3, "content": "viewer"}),
        (CARL, "createComment", {"task_id": 1, "user_id": 1, "content": "as admin"}),
        (CARL, "createComment", {"task_id": 1, "user_id": 4, "content": "carl's",
                                 "visibility": "app-admin"}),
        (CARL, "updateComment", {"id": 1, "content": "defaced"}),
        (CARL, "removeComment", {"comment_id": 1}),
        (BOB, "updateComment", {"id": 1, "content": "defaced"}),
        (ANN, "removeComment", {"comment_id": 2}),
        (ANN, "updateComment", {"id": 1, "content": "ann's, edited"}),
        (ANN, "getAllComments", [1]),
        (CARL, "getAllComments", [1]),
        (token, "updateComment", {"id": 2, "content": "the token may"}),
        (ANN, "getMyOverdueTasks", {}),
        (ANN, "getMyDashboard", {}),
        (token, "removeProjectUser", [1, 2]),
        (ANN, "getMyProjects", {}),
        (ANN, "getMyOverdueTasks", {}),
        (ANN, "getMyDashboard", {}),
        (ANN, "getTask", [1]),
        (CARL, "createUser", {"username": "dave", "password": "dave-pass-1",
                              "role": "app-admin"}),
        (CARL, "updateUser", {"id": 1, "role": "app-user"}),
        (CARL, "getUser", [1]),
        (token, "updateUser", {"id": 1, "role": "app-admin"}),
        (CARL, "disableUser", [5]),
        (CARL, "removeUser", [5]),
        (ANN, "createUser", {"username": "eve", "password": "eve-pass-1",
                             "role": "app-admin"}),
    ]
