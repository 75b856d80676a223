"""The text parameters text_values leaves out, sent as other JSON values (integers,
floats 1.0, 0.1 + 0.2, 1e20, -0.0, true, false, null, a list, an object): tag names,
group names and external ids, link labels, external links (url, title, dependency,
type), file names and blobs, metadata values and names, swimlane and column
descriptions (also null), a comment's reference, project identifiers and emails, user
roles, tag and category colours; each object read back so what Kanboard stored shows.
Last, the texts reads compare with a column (names, labels, references, queries)."""
from __future__ import annotations

import base64
from typing import Any

from compat.scenario import Step

TOKEN = None
VALUES: list[Any] = [7, 1.0, 0.30000000000000004, 1e20, -0.0, True, False, None, [1, "a"],
                     {"a": 1}]
BLOB = base64.b64encode(b"x").decode()
# a private address: Kanboard answers a web link with the URL and fetches nothing
URL = "http://127.0.0.1:9/page"


def _setup() -> list[Step]:
    return [(TOKEN, "createProject", {"name": "More text"}),
            (TOKEN, "createTask", {"title": "t", "project_id": 1}),
            (TOKEN, "createUser", {"username": "tex", "password": "tex-pass-1"})]


def _tags() -> list[Step]:
    steps: list[Step] = [(TOKEN, "createTag", {"project_id": 1, "tag": "base"})]
    for v in VALUES:
        steps += [(TOKEN, "updateTag", {"tag_id": 1, "tag": v}),
                  (TOKEN, "getTagsByProject", [1])]
    steps += [(TOKEN, "createTag", {"project_id": 1, "tag": v}) for v in ([1], {"a": 1}, None)]
    return steps + [(TOKEN, "getAllTags", [])]


def _groups() -> list[Step]:
    steps: list[Step] = [(TOKEN, "createGroup", {"name": v}) for v in VALUES]
    steps += [(TOKEN, "createGroup", {"name": f"g{i}", "external_id": v})
              for i, v in enumerate(VALUES)]
    steps += [(TOKEN, "getAllGroups", [])]
    steps += [(TOKEN, "createGroup", {"name": "renamed"})]
    for v in VALUES:
        steps += [(TOKEN, "updateGroup", {"group_id": 1, "name": v}),
                  (TOKEN, "updateGroup", {"group_id": 2, "external_id": v}),
                  (TOKEN, "getGroup", [1]), (TOKEN, "getGroup", [2])]
    return steps


def _links() -> list[Step]:
    steps: list[Step] = [(TOKEN, "createLink", {"label": v}) for v in VALUES]
    steps += [(TOKEN, "createLink", {"label": f"lab{i}", "opposite_label": v})
              for i, v in enumerate(VALUES)]
    steps += [(TOKEN, "getAllLinks", [])]
    for v in VALUES:
        steps += [(TOKEN, "updateLink", {"link_id": 1, "opposite_link_id": 1, "label": v}),
                  (TOKEN, "getLinkById", [1])]
    return steps + [(TOKEN, "getLinkByLabel", [v]) for v in (7, 1.0, True)]


def _external_links() -> list[Step]:
    base = {"task_id": 1, "url": URL, "dependency": "related", "type": "weblink",
            "title": "x"}
    steps: list[Step] = []
    for field in ("url", "title", "dependency", "type"):
        steps += [(TOKEN, "createExternalTaskLink", {**base, field: v}) for v in VALUES]
    steps += [(TOKEN, "getAllExternalTaskLinks", [1])]
    steps += [(TOKEN, "createExternalTaskLink", base)]
    for v in VALUES:
        for field in ("title", "url", "dependency"):
            steps += [(TOKEN, "updateExternalTaskLink", {"task_id": 1, "link_id": 1,
                                                         field: v})]
        steps += [(TOKEN, "getAllExternalTaskLinks", [1])]
    return steps


def _files() -> list[Step]:
    steps: list[Step] = [(TOKEN, "createTaskFile", {"project_id": 1, "task_id": 1,
                                                    "filename": v, "blob": BLOB})
                         for v in VALUES]
    steps += [(TOKEN, "createProjectFile", {"project_id": 1, "filename": v, "blob": BLOB})
              for v in VALUES]
    steps += [(TOKEN, "createProjectFile", {"project_id": 1, "filename": f"b{i}.txt",
                                            "blob": v}) for i, v in enumerate(VALUES)]
    return steps + [(TOKEN, "getAllTaskFiles", {"task_id": 1}),
                    (TOKEN, "getAllProjectFiles", {"project_id": 1})]


def _metadata() -> list[Step]:
    steps: list[Step] = []
    for kind, key in (("Task", "task_id"), ("Project", "project_id")):
        steps += [(TOKEN, f"save{kind}Metadata",
                   {key: 1, "values": {f"k{i}": v for i, v in enumerate(VALUES)}}),
                  (TOKEN, f"get{kind}Metadata", [1])]
        steps += [(TOKEN, f"save{kind}Metadata", {key: 1, "values": {"7": "seven", "1": "one",
                                                                      "": "empty"}})]
        steps += [(TOKEN, f"get{kind}MetadataByName", {key: 1, "name": v}) for v in VALUES]
        steps += [(TOKEN, f"remove{kind}Metadata", {key: 1, "name": v}) for v in VALUES]
        steps += [(TOKEN, f"get{kind}Metadata", [1])]
    return steps


def _descriptions() -> list[Step]:
    steps: list[Step] = []
    for v in VALUES:
        steps += [(TOKEN, "updateSwimlane", {"project_id": 1, "swimlane_id": 1,
                                             "name": "Default swimlane", "description": v}),
                  (TOKEN, "getSwimlane", [1]),
                  (TOKEN, "updateColumn", {"column_id": 1, "title": "Backlog",
                                           "description": v}),
                  (TOKEN, "getColumn", [1])]
    steps += [(TOKEN, "addSwimlane", {"project_id": 1, "name": "nulled", "description": None}),
              (TOKEN, "addColumn", {"project_id": 1, "title": "nulled", "description": None}),
              (TOKEN, "addColumn", {"project_id": 1, "title": "limited", "task_limit": None}),
              (TOKEN, "getAllSwimlanes", [1]), (TOKEN, "getColumns", [1])]
    return steps


def _comments() -> list[Step]:
    steps: list[Step] = [(TOKEN, "createComment", {"task_id": 1, "user_id": 1, "content": "c",
                                                   "reference": v}) for v in VALUES]
    return steps + [(TOKEN, "getAllComments", [1])]


def _projects() -> list[Step]:
    steps: list[Step] = []
    for i, v in enumerate(VALUES):
        steps += [(TOKEN, "createProject", {"name": f"ident{i}", "identifier": v}),
                  (TOKEN, "createProject", {"name": f"mail{i}", "email": v})]
    steps += [(TOKEN, "getAllProjects", [])]
    for v in VALUES:
        steps += [(TOKEN, "updateProject", {"project_id": 1, "identifier": v}),
                  (TOKEN, "updateProject", {"project_id": 1, "email": v}),
                  (TOKEN, "getProjectById", [1])]
    steps += [(TOKEN, "getProjectByIdentifier", [v]) for v in (7, True, [1])]
    return steps + [(TOKEN, "getProjectByEmail", [v]) for v in (7, True, [1])]


def _roles() -> list[Step]:
    steps: list[Step] = [(TOKEN, "createUser", {"username": f"role{i}", "password": "pass-word-1",
                                                "role": v}) for i, v in enumerate(VALUES)]
    steps += [(TOKEN, "getAllUsers", [])]
    for v in VALUES:
        steps += [(TOKEN, "updateUser", {"id": 2, "role": v}), (TOKEN, "getUser", [2])]
    steps += [(TOKEN, "addProjectUser", [1, 2, v]) for v in (7, True, None, [1])]
    return steps + [(TOKEN, "getProjectUsers", [1])]


def _lookups() -> list[Step]:
    """Texts a read compares with a column (a name, a label, a query) and colours."""
    odd: list[Any] = [7, True, None, [1], {"a": 1}]
    steps: list[Step] = []
    for v in odd:
        steps += [(TOKEN, "getSwimlaneByName", {"project_id": 1, "name": v}),
                  (TOKEN, "getLinkByLabel", [v]),
                  (TOKEN, "getUserByName", [v]),
                  (TOKEN, "getTaskByReference", {"project_id": 1, "reference": v}),
                  (TOKEN, "searchTasks", {"project_id": 1, "query": v}),
                  (TOKEN, "getExternalTaskLinkProviderDependencies", [v]),
                  (TOKEN, "getCompatibleActionEvents", [v]),
                  (TOKEN, "getProjectByName", [v])]
    for i, v in enumerate(odd):
        steps += [(TOKEN, "createTag", {"project_id": 1, "tag": f"c{i}", "color_id": v}),
                  (TOKEN, "createCategory", {"project_id": 1, "name": f"c{i}", "color_id": v})]
    steps += [(TOKEN, "getTagsByProject", [1]), (TOKEN, "getAllCategories", [1])]
    return steps


def steps() -> list[Step]:
    return (_setup() + _tags() + _groups() + _links() + _external_links() + _files()
            + _metadata() + _descriptions() + _comments() + _projects() + _roles()
            + _lookups())
