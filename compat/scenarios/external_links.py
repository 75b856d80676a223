"""External task links: the providers and their dependencies; links created by every
provider (auto-detected and named), with and without a title, refused for an unknown or
empty type, a URL the type does not parse, an invalid URL, an empty or over-long
dependency, a missing task; read, updated (title, URL, dependency, nothing) and removed,
also through another task's id or an unknown link id; as the token, the project's
manager, member and viewer, and a user of another project; removing a task or project
takes its links; a removed link's id is handed out again.

Deterministic by construction: Kanboard fetches a web link's page for its title when none
is given, so those URLs name hosts that never resolve (RFC 2606 `.invalid`: the fetch
fails and Kanboard falls back to host and path, or the URL) or a closed local port
(a private address: Kanboard answers with the URL and fetches nothing)."""
from __future__ import annotations

from compat.scenario import Step

MANAGER = ("mia", "mia-pass-1")
MEMBER = ("max", "max-pass-1")
VIEWER = ("vic", "vic-pass-1")
OUTSIDER = ("oz", "oz-pass-1")  # a member of project B only


def _setup() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "mia", "password": MANAGER[1]}),
        (token, "createUser", {"username": "max", "password": MEMBER[1], "name": "Max"}),
        (token, "createUser", {"username": "vic", "password": VIEWER[1]}),
        (token, "createUser", {"username": "oz", "password": OUTSIDER[1]}),
        (token, "createProject", {"name": "A"}),
        (token, "createProject", {"name": "B"}),
        (token, "addProjectUser", [1, 2, "project-manager"]),
        (token, "addProjectUser", [1, 3, "project-member"]),
        (token, "addProjectUser", [1, 4, "project-viewer"]),
        (token, "addProjectUser", [2, 5, "project-member"]),
        (token, "createTask", {"title": "a1", "project_id": 1}),
        (token, "createTask", {"title": "a2", "project_id": 1}),
        (token, "createTask", {"title": "b1", "project_id": 2}),
    ]


def _providers() -> list[Step]:
    token = None
    return [
        (token, "getExternalTaskLinkTypes", []),
        (VIEWER, "getExternalTaskLinkTypes", []),
        (OUTSIDER, "getExternalTaskLinkTypes", {}),
        (token, "getExternalTaskLinkProviderDependencies", ["weblink"]),
        (token, "getExternalTaskLinkProviderDependencies", {"providerName": "attachment"}),
        (token, "getExternalTaskLinkProviderDependencies", ["file"]),
        (token, "getExternalTaskLinkProviderDependencies", ["auto"]),
        (token, "getExternalTaskLinkProviderDependencies", [""]),
        (token, "getExternalTaskLinkProviderDependencies", ["WebLink"]),
        (VIEWER, "getExternalTaskLinkProviderDependencies", ["weblink"]),
        (token, "getExternalTaskLinkProviderDependencies", []),
    ]


def _creates() -> list[Step]:
    token = None
    create = "createExternalTaskLink"
    return [
        # auto: a private address is not fetched, its title is the URL
        (token, create, [1, "http://127.0.0.1:9/spec", "related"]),
        # auto: the fetch fails, the title is host and path
        (token, create, {"task_id": 1, "url": "https://docs.example.invalid/guide/intro",
                         "dependency": "related"}),
        # no path: the title is the URL
        (token, create, {"task_id": 1, "url": "https://example.invalid",
                         "dependency": "related", "type": "weblink"}),
        (token, create, {"task_id": 1, "url": "https://example.invalid/home",
                         "dependency": "related", "type": "weblink", "title": "Home page"}),
        (token, create, [1, "  https://example.invalid/padded  ", "related", "auto", "Padded"]),
        # attachments: a file name at the end of an http(s) URL, not a page extension
        (token, create, [1, "https://files.example.invalid/reports/q3.PDF", "related"]),
        (token, create, [1, "https://example.invalid/page.html", "related"]),
        (token, create, [1, "https://example.invalid/d/get?name=a.zip", "related"]),
        (token, create, [1, "https://example.invalid/a/b.tar.gz", "related", "attachment",
                         "Archive"]),
        # local files: any other scheme://
        (token, create, [1, "file:///tmp/notes.txt", "related"]),
        (token, create, [1, "smb://server/share/plan.doc", "blocks"]),
        (token, create, [1, "file:///C:/Users/a/Report%20Q3.docx", "related", "file"]),
        # "0" is no title to PHP
        (token, create, [1, "https://example.invalid/zero", "related", "weblink", "0"]),
        (token, "getAllExternalTaskLinks", [1]),
        # refusals
        (token, create, [1, "https://example.invalid/page", "related", "attachment"]),
        (token, create, [1, "https://example.invalid/x", "related", "file"]),
        (token, create, [1, "file:///tmp/x", "related", "weblink"]),
        (token, create, [1, "https://example.invalid/x", "related", "nope"]),
        (token, create, [1, "https://example.invalid/x", "related", ""]),
        (token, create, [1, "not a url", "related"]),
        (token, create, [1, "http://exa mple.invalid/", "related"]),
        (token, create, [1, "http://-bad.invalid/", "related"]),
        (token, create, [1, "http://under_score.invalid/p", "related"]),
        (token, create, [1, "javascript:alert(1)", "related"]),
        (token, create, [1, "ftp://files.example.invalid/a.zip", "related"]),
        (token, create, [1, "", "related"]),
        (token, create, [1, "https://example.invalid/dep", ""]),
        (token, create, [1, "https://example.invalid/dep", "d" * 101]),
        (token, create, [1, "https://example.invalid/dep", "d" * 100, "auto", "Long dep"]),
        (token, create, [1, "https://example.invalid/dep", "related", "auto", "t" * 70000]),
        (token, create, [99, "https://example.invalid/x", "related"]),
        (token, create, [1, "https://example.invalid/x"]),
        # roles
        (MEMBER, create, [1, "https://example.invalid/by-member", "related", "auto",
                          "By member"]),
        (MANAGER, create, [1, "https://example.invalid/by-manager", "related"]),
        (VIEWER, create, [1, "https://example.invalid/by-viewer", "related"]),
        (OUTSIDER, create, [1, "https://example.invalid/by-outsider", "related"]),
        (OUTSIDER, create, [3, "https://example.invalid/b", "related", "auto", "B link"]),
        (MEMBER, create, [99, "https://example.invalid/x", "related"]),
        (MEMBER, create, [3, "https://example.invalid/x", "related"]),
    ]


def _reads() -> list[Step]:
    token = None
    return [
        (token, "getAllExternalTaskLinks", [1]),
        (VIEWER, "getAllExternalTaskLinks", [1]),
        (OUTSIDER, "getAllExternalTaskLinks", [1]),
        (OUTSIDER, "getAllExternalTaskLinks", [3]),
        (token, "getAllExternalTaskLinks", [2]),
        (token, "getAllExternalTaskLinks", [99]),
        (MEMBER, "getAllExternalTaskLinks", [99]),
        (token, "getExternalTaskLinkById", [1, 1]),
        (token, "getExternalTaskLinkById", {"task_id": 1, "link_id": 4}),
        (token, "getExternalTaskLinkById", [2, 1]),
        (token, "getExternalTaskLinkById", [1, 99]),
        (token, "getExternalTaskLinkById", [99, 1]),
        (VIEWER, "getExternalTaskLinkById", [1, 2]),
        (OUTSIDER, "getExternalTaskLinkById", [1, 2]),
        (OUTSIDER, "getExternalTaskLinkById", [3, 2]),
        (token, "getTask", [1]),
        (token, "getBoard", [1]),
        (token, "searchTasks", [1, "a1"]),
    ]


def _updates() -> list[Step]:
    token = None
    update = "updateExternalTaskLink"
    return [
        (token, update, [1, 1, "Spec"]),
        (token, "getExternalTaskLinkById", [1, 1]),
        (token, update, {"task_id": 1, "link_id": 1, "url": "https://new.example.invalid/x"}),
        (token, update, {"task_id": 1, "link_id": 1, "dependency": "blocks"}),
        (token, update, {"task_id": 1, "link_id": 1}),
        (token, "getExternalTaskLinkById", [1, 1]),
        (token, update, [1, 1, "Both", "file:///tmp/moved.txt", "related"]),
        (token, "getExternalTaskLinkById", [1, 1]),
        (token, update, [1, 1, None, "not a url"]),
        (token, update, [1, 1, ""]),
        (token, update, [1, 1, None, None, ""]),
        (token, update, [1, 1, None, ""]),
        (token, update, [1, 1, None, None, "d" * 101]),
        (token, update, [1, 1, "0"]),
        (token, "getExternalTaskLinkById", [1, 1]),
        (token, update, [2, 1, "Other task"]),
        (token, update, [1, 99, "Unknown"]),
        (token, update, [99, 1, "Unknown task"]),
        (MEMBER, update, [1, 2, "By member"]),
        (MANAGER, update, [1, 2, None, None, "relates"]),
        (VIEWER, update, [1, 2, "By viewer"]),
        (OUTSIDER, update, [1, 2, "By outsider"]),
        (token, "getAllExternalTaskLinks", [1]),
    ]


def _removals() -> list[Step]:
    token = None
    remove = "removeExternalTaskLink"
    return [
        (token, remove, [2, 1]),
        (token, remove, [1, 99]),
        (VIEWER, remove, [1, 1]),
        (OUTSIDER, remove, [1, 1]),
        (token, remove, [1, 1]),
        (token, remove, [1, 1]),
        (MEMBER, remove, [1, 2]),
        (token, "getAllExternalTaskLinks", [1]),
        (token, "getBoard", [1]),
        # the newest link's id is handed out again once it is removed
        (token, "createExternalTaskLink", [2, "https://example.invalid/a2", "related"]),
        (token, remove, [2, 18]),
        (token, "createExternalTaskLink", [2, "https://example.invalid/a2-again", "related"]),
        (token, "createExternalTaskLink", [2, "file:///tmp/a2.txt", "related"]),
        (token, "getAllExternalTaskLinks", [2]),
        # a removed task takes its links; its reused id starts with none
        (token, "removeTask", [2]),
        (token, "getAllExternalTaskLinks", [2]),
        (token, "getExternalTaskLinkById", [2, 18]),
        (token, "createTask", {"title": "a2 again", "project_id": 1}),
        (token, "getAllExternalTaskLinks", [4]),
        (token, "createExternalTaskLink", [2, "https://example.invalid/new", "related"]),
        # a removed project takes its tasks' links
        (token, "removeProject", [2]),
        (token, "getAllExternalTaskLinks", [3]),
        (token, "getExternalTaskLinkById", [3, 17]),
    ]


def _default_titles() -> list[Step]:
    """More URLs whose title Kanboard finds without fetching anything (private
    addresses) or after a fetch that cannot succeed (.invalid names)."""
    token = None
    return [(token, "createExternalTaskLink", [1, url, "related"]) for url in (
        "http://localhost:9/admin",
        "http://user:secret@10.0.0.5:9/x",
        "http://2130706433/x",
        "http://169.254.169.254/latest/meta-data/",
        "https://Example.INVALID:8443/Mixed/Case?q=1#frag",
        "https://example.invalid/",
        "HTTP://example.invalid/upper",
        "file:///srv/share/",
        "file:///",
        "smb://server/sp ace.doc",
        "https://exa mple.invalid/a.pdf",
    )] + [(token, "getAllExternalTaskLinks", [1])]


def _odd_types() -> list[Step]:
    """Params of other JSON types than Kanboard's defaults."""
    token = None
    create = "createExternalTaskLink"
    return [
        (token, create, [1, "https://example.invalid/t1", "related", None]),
        (token, create, [1, "https://example.invalid/t2", "related", "auto", None]),
        (token, create, [1, "https://example.invalid/t3", "related", 5]),
        (token, create, ["1", "https://example.invalid/t4", "related"]),
        (token, create, [1, "https://example.invalid/t5", "related", "auto", 7]),
        (token, "updateExternalTaskLink", [1, 17, 5]),
        (token, "getExternalTaskLinkById", ["1", "17"]),
        (token, "getAllExternalTaskLinks", ["1"]),
    ]


def steps() -> list[Step]:
    return (_setup() + _providers() + _creates() + _reads() + _updates() + _removals()
            + _default_titles() + _odd_types())
