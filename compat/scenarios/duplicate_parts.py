"""What duplicateTaskToProject copies besides the task: its files (images and not, listed
by name in any case, uploaded by the token and by users: the copy shares the source's
stored object and is the caller's upload, now) and its external links (every kind and
dependency, created by the token and by users: the copy's creator is the caller), and
the "duplicates" task link; copies read, listed and downloaded as the token and as users
of each role in the destination (member, viewer, none); a copy of a copy; a task with
nothing to copy; a copy's file removed (the source's still downloads) and its link
changed (the source's unchanged); refused duplicates copy nothing.

External links carry titles, so Kanboard fetches no page."""
from __future__ import annotations

from compat.scenario import Step
from compat.scenarios.files import PNG, b64

MIA = ("mia", "mia-pass-1")  # member of A and B
MAX = ("max", "max-pass-1")  # member of A, viewer of B
OZ = ("oz", "oz-pass-1")  # member of C only

A, B, C = 1, 2, 3
SOURCE, BARE, OTHER = 1, 2, 3
COPY, MIA_COPY, BARE_COPY, COPY_OF_COPY = 4, 5, 6, 7


def _setup() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "mia", "password": MIA[1], "name": "Mia"}),
        (token, "createUser", {"username": "max", "password": MAX[1]}),
        (token, "createUser", {"username": "oz", "password": OZ[1]}),
        (token, "createProject", {"name": "A"}),
        (token, "createProject", {"name": "B"}),
        (token, "createProject", {"name": "C"}),
        (token, "addProjectUser", [A, 2, "project-member"]),
        (token, "addProjectUser", [B, 2, "project-member"]),
        (token, "addProjectUser", [A, 3, "project-member"]),
        (token, "addProjectUser", [B, 3, "project-viewer"]),
        (token, "addProjectUser", [C, 4, "project-member"]),
        (token, "createTask", {"title": "source", "project_id": A}),
        (token, "createTask", {"title": "bare", "project_id": A}),
        (token, "createTask", {"title": "other", "project_id": A}),
    ]


def _parts() -> list[Step]:
    token = None
    link = "createExternalTaskLink"
    return [
        (token, "createTaskFile", [A, SOURCE, "notes.txt", b64("hello, world\n")]),
        (MIA, "createTaskFile", [A, SOURCE, "Photo.PNG", PNG]),
        (token, "createTaskFile", [A, SOURCE, "b-Notes.TXT", b64("second\n")]),
        (MAX, "createTaskFile", [A, SOURCE, "same.txt", b64("hello, world\n")]),
        (token, "createTaskFile", [A, OTHER, "other.txt", b64("not copied")]),
        (token, link, [SOURCE, "https://example.invalid/zed", "related", "weblink", "Zed"]),
        (MIA, link, [SOURCE, "https://files.example.invalid/q3.pdf", "blocks", "attachment",
                     "Q3 report"]),
        (MAX, link, [SOURCE, "file:///tmp/notes.txt", "related", "file", "local notes"]),
        (token, link, [SOURCE, "https://example.invalid/a", "is blocked by", "auto", "Alpha"]),
        (token, link, [OTHER, "https://example.invalid/o", "related", "auto", "not copied"]),
        (token, "getAllTaskFiles", [SOURCE]),
        (token, "getAllExternalTaskLinks", [SOURCE]),
    ]


def _reads_of(task_id: int, first_file: int, first_link: int) -> list[Step]:
    """The copy as the token, a member and a viewer of B, and an outsider."""
    token = None
    steps: list[Step] = [
        (token, "getTask", [task_id]),
        (token, "getAllTaskFiles", [task_id]),
        (token, "getAllExternalTaskLinks", [task_id]),
        (token, "getAllTaskLinks", [task_id]),
    ]
    for offset in range(4):
        steps += [(token, "getTaskFile", [first_file + offset]),
                  (token, "downloadTaskFile", [first_file + offset])]
    for offset in range(4):
        steps.append((token, "getExternalTaskLinkById", [task_id, first_link + offset]))
    for caller in (MIA, MAX, OZ):
        steps += [
            (caller, "getAllTaskFiles", [task_id]),
            (caller, "getTaskFile", [first_file + 1]),
            (caller, "downloadTaskFile", [first_file + 1]),
            (caller, "getAllExternalTaskLinks", [task_id]),
            (caller, "getExternalTaskLinkById", [task_id, first_link]),
            (caller, "getAllTaskLinks", [task_id]),
        ]
    return steps


def _duplicates() -> list[Step]:
    token = None
    # files 1-4 and links 1-4 are the source's, file 5 and link 5 task 3's
    return [
        (token, "duplicateTaskToProject", [SOURCE, B]),
        *_reads_of(COPY, 6, 6),
        (token, "getAllTaskLinks", [SOURCE]),
        (token, "getAllTaskFiles", [SOURCE]),
        (token, "getAllExternalTaskLinks", [SOURCE]),
        (MIA, "duplicateTaskToProject", [SOURCE, B]),
        *_reads_of(MIA_COPY, 10, 10),
        (token, "duplicateTaskToProject", [BARE, B]),
        (token, "getAllTaskFiles", [BARE_COPY]),
        (token, "getAllExternalTaskLinks", [BARE_COPY]),
        (token, "getAllTaskLinks", [BARE_COPY]),
        (MIA, "duplicateTaskToProject", [COPY, A]),
        (token, "getAllTaskFiles", [COPY_OF_COPY]),
        (token, "downloadTaskFile", [17]),
        (token, "getAllExternalTaskLinks", [COPY_OF_COPY]),
        (token, "getAllTaskLinks", [COPY_OF_COPY]),
        (token, "getAllTaskLinks", [COPY]),
    ]


def _refusals() -> list[Step]:
    token = None
    return [
        (MAX, "duplicateTaskToProject", [SOURCE, B]),  # a viewer of the destination
        (OZ, "duplicateTaskToProject", [SOURCE, C]),  # not a member of the source
        (token, "duplicateTaskToProject", [SOURCE, 99]),
        (token, "duplicateTaskToProject", [99, B]),
        (token, "getAllTaskFiles", [8]),
        (token, "getTaskFile", [18]),
        (token, "getAllExternalTaskLinks", [8]),
        (token, "getExternalTaskLinkById", [8, 18]),
    ]


def _afterwards() -> list[Step]:
    """A copy's parts are its own: removing or changing them leaves the source's."""
    token = None
    return [
        (token, "removeTaskFile", [6]),
        (token, "getAllTaskFiles", [COPY]),
        (token, "downloadTaskFile", [1]),
        (token, "downloadTaskFile", [10]),
        (token, "removeAllTaskFiles", [SOURCE]),
        (token, "getAllTaskFiles", [SOURCE]),
        (token, "downloadTaskFile", [7]),
        (MIA, "downloadTaskFile", [11]),
        (token, "updateExternalTaskLink", {"task_id": COPY, "link_id": 6,
                                           "title": "renamed", "url": "https://example.invalid/r",
                                           "dependency": "related"}),
        (token, "getAllExternalTaskLinks", [COPY]),
        (token, "getAllExternalTaskLinks", [SOURCE]),
        (token, "removeExternalTaskLink", [SOURCE, 1]),
        (token, "getAllExternalTaskLinks", [MIA_COPY]),
        (token, "removeTask", [SOURCE]),
        (token, "getAllTaskFiles", [COPY]),
        (token, "downloadTaskFile", [8]),
        (token, "getAllExternalTaskLinks", [COPY]),
        (token, "getAllTaskLinks", [COPY]),
        (token, "createTaskFile", [B, COPY, "later.txt", b64("hello, world\n")]),
        (token, "getAllTaskFiles", [COPY]),
    ]


def steps() -> list[Step]:
    return _setup() + _parts() + _duplicates() + _refusals() + _afterwards()
