"""Project tags: create, rename, recolour and remove them, also where Kanboard checks
nothing (a project that does not exist, a tag that does not exist), as the token, a
member and a viewer, and what tasks show after a tag changes or goes."""
from __future__ import annotations

from compat.scenario import Step

MEMBER, VIEWER = ("mia", "mia-pass-1"), ("vic", "vic-pass-2")


def steps() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "mia", "password": MEMBER[1]}),
        (token, "createUser", {"username": "vic", "password": VIEWER[1]}),
        (token, "createProject", {"name": "Tagged"}),
        (token, "createProject", {"name": "Elsewhere"}),
        (token, "addProjectUser", [1, 2, "project-member"]),
        (token, "addProjectUser", [1, 3, "project-viewer"]),
        (token, "createTag", {"project_id": 1, "tag": "bug"}),
        (token, "createTag", [1, "feature", "green"]),
        (token, "createTag", [1, "bug"]),
        (token, "createTag", [1, "Bug"]),
        (token, "createTag", [2, "bug"]),
        (token, "createTag", [99, "orphan"]),
        (token, "createTag", [1, ""]),
        (token, "createTag", {"project_id": 1}),
        (token, "getTagsByProject", [1]),
        (token, "getAllTags", {}),
        (MEMBER, "createTag", [1, "mine"]),
        (VIEWER, "createTag", [1, "theirs"]),
        (MEMBER, "createTag", [2, "not mine"]),
        (token, "createTask", {"title": "t", "project_id": 1, "tags": ["bug", "feature"]}),
        (token, "getTaskTags", [1]),
        (token, "updateTag", [1, "defect"]),
        (token, "updateTag", [2, "feature", "red"]),
        (token, "updateTag", [1, "feature"]),
        (token, "updateTag", [99, "nothing"]),
        (MEMBER, "updateTag", [99, "nothing"]),
        (MEMBER, "updateTag", [1, "defect", "blue"]),
        (VIEWER, "updateTag", [1, "no"]),
        (MEMBER, "updateTag", [3, "other project"]),
        (token, "getTaskTags", [1]),
        (token, "getTagsByProject", [1]),
        (token, "removeTag", [1]),
        (token, "removeTag", [1]),
        (MEMBER, "removeTag", [99]),
        (VIEWER, "removeTag", [2]),
        (token, "getTaskTags", [1]),
        (token, "getTask", [1]),
        (token, "getTagsByProject", [1]),
        (MEMBER, "getAllTags", {}),
        (token, "getAllTags", {}),
        (token, "createTag", [1, "again"]),
        (token, "getTagsByProject", [1]),
    ]
