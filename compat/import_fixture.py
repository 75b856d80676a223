"""Make the fixture `boardlog import-kanboard` is tested on: a real Kanboard's data
directory and what Kanboard answers about every object in it.

python -m compat.import_fixture --out tests/fixtures/kanboard-import

Serves Kanboard on a new data directory, drives it through a scripted scenario (what the
random mixes do not reach: files, automatic actions, external links, groups, metadata,
timers, tags, links, activity by signed-in users) and then a seeded random workload of the
fidelity harness, then calls every read procedure on every object as `admin` (a signed-in
user: its bcrypt password is what the import must keep) and records the answers
(`reads.jsonl`, the shape of the harness's recordings). Last, copies the data directory
(db.sqlite, compacted, and files/) into OUT/data."""
from __future__ import annotations

import argparse
import base64
import io
import json
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any, Iterator

from compat.client import Credentials, RecordingClient
from compat.kanboard_server import kanboard_process, kanboard_source
from compat.mixes import MIXES
from compat.recording import DEFAULT_TOKEN, write_header
from compat.workload import Workload

ADMIN = ("admin", "admin")
# Users the scenario creates, with the passwords the imported logins are tested with.
ALICE, BOB = ("alice", "alice-pass-1"), ("bob", "bob-pass-2")
SEED, MIX, CALLS = 14, "balanced", 400


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def scenario() -> list[tuple[tuple[str, str] | None, str, Any]]:
    """The objects the random workload does not make, made by signed-in users where
    Kanboard records activity for them."""
    token = None
    return [
        (token, "createUser", {"username": ALICE[0], "password": ALICE[1], "name": "Alice A",
                               "email": "alice@example.com", "role": "app-manager"}),
        (token, "createUser", {"username": BOB[0], "password": BOB[1]}),
        (token, "createProject", {"name": "Imported", "description": "from Kanboard",
                                  "identifier": "IMP"}),
        (token, "createProject", {"name": "Second"}),
        (token, "addProjectUser", [1, 2, "project-manager"]),
        (token, "addProjectUser", [1, 3, "project-member"]),
        (token, "createGroup", {"name": "Reviewers", "external_id": "ext-1"}),
        (token, "addGroupMember", [1, 3]),
        (token, "addProjectGroup", [2, 1, "project-viewer"]),
        (token, "addSwimlane", {"project_id": 1, "name": "Urgent"}),
        (token, "addSwimlane", {"project_id": 1, "name": "Later"}),
        (token, "disableSwimlane", [1, 3]),
        (token, "addColumn", {"project_id": 1, "title": "Review", "task_limit": 3}),
        (token, "createCategory", {"project_id": 1, "name": "Bug", "color_id": "red"}),
        (token, "createTag", {"project_id": 1, "tag": "backend", "color_id": "blue"}),
        (token, "saveProjectMetadata", {"project_id": 1, "values": {"budget": "12"}}),
        (token, "createAction", {"project_id": 1, "event_name": "task.move.column",
                                 "action_name": "\\Kanboard\\Action\\TaskCloseColumn",
                                 "params": {"column_id": 4}}),
        (ALICE, "createTask", {"title": "First", "project_id": 1, "owner_id": 3,
                               "category_id": 1, "tags": ["backend", "api"],
                               "date_due": "2027-01-15", "score": 3}),
        (ALICE, "createTask", {"title": "Second", "project_id": 1, "swimlane_id": 2}),
        (BOB, "createTask", {"title": "Third", "project_id": 1, "color_id": "green"}),
        (ALICE, "updateTask", {"id": 1, "title": "First, renamed", "priority": 2}),
        (ALICE, "moveTaskPosition", [1, 3, 2, 1, 1]),
        (ALICE, "closeTask", [2]),
        (ALICE, "createSubtask", {"task_id": 1, "title": "Write it", "user_id": 3,
                                  "time_estimated": 2}),
        (ALICE, "createSubtask", {"task_id": 1, "title": "Test it"}),
        (BOB, "setSubtaskStartTime", [1, 3]),
        (BOB, "setSubtaskEndTime", [1, 3]),
        (BOB, "setSubtaskStartTime", [2, 3]),
        (ALICE, "updateSubtask", {"id": 2, "task_id": 1, "status": 1}),
        (BOB, "createComment", {"task_id": 1, "user_id": 3, "content": "On it"}),
        (ALICE, "createComment", {"task_id": 1, "user_id": 2, "content": "Managers only"}),
        (ALICE, "updateComment", {"id": 1, "content": "On it, really"}),
        (ALICE, "createTaskLink", [1, 3, 2]),
        (token, "createExternalTaskLink", {"task_id": 1, "url": "http://127.0.0.1/spec",
                                           "dependency": "related"}),
        (token, "saveTaskMetadata", {"task_id": 1, "values": {"sprint": "7"}}),
        (ALICE, "createTaskFile", [1, 1, "notes.txt", _b64("imported notes\n")]),
        (ALICE, "createProjectFile", [1, "plan.md", _b64("# Plan\n")]),
        (token, "createTask", {"title": "In the second project", "project_id": 2}),
        (token, "createLink", {"label": "supersedes", "opposite_label": "is superseded by"}),
    ]


def drive(url: str, token: str) -> None:
    sink = io.StringIO()  # what building the data answered is not the fixture
    client = RecordingClient(url, sink)
    for request_id, (auth, method, params) in enumerate(scenario(), start=1):
        credentials = Credentials(*auth) if auth else Credentials("jsonrpc", token)
        client.send(json.dumps({"jsonrpc": "2.0", "method": method, "params": params,
                                "id": request_id}), credentials)
    Workload(client, token, MIXES[MIX], SEED).run(CALLS)


def _ids(db: Any, sql: str) -> list[Any]:
    return [row if len(row) > 1 else row[0] for row in db.execute(sql)]


def reads(db: Any) -> Iterator[tuple[str, list[Any]]]:
    """Every read procedure on every object the database holds."""
    yield from (("getAllProjects", []), ("getAllUsers", []), ("getAllGroups", []),
                ("getAllLinks", []), ("getAllTags", []), ("getMyProjects", []),
                ("getMyActivityStream", []), ("getMyDashboard", []), ("getOverdueTasks", []))
    for project in _ids(db, "SELECT id FROM projects ORDER BY id"):
        for name in ("getProjectById", "getBoard", "getColumns", "getAllSwimlanes",
                     "getActiveSwimlanes", "getAllCategories", "getTagsByProject",
                     "getProjectUsers", "getAssignableUsers", "getProjectMetadata",
                     "getAllProjectFiles", "getActions", "getProjectActivity"):
            yield name, [project]
        yield "getAllTasks", [project, 1]
        yield "getAllTasks", [project, 0]
    yield "getProjectActivities", [_ids(db, "SELECT id FROM projects ORDER BY id")]
    for task in _ids(db, "SELECT id FROM tasks ORDER BY id"):
        for name in ("getTask", "getTaskTags", "getTaskMetadata", "getAllSubtasks",
                     "getAllComments", "getAllTaskLinks", "getAllExternalTaskLinks",
                     "getAllTaskFiles"):
            yield name, [task]
    for user in _ids(db, "SELECT id FROM users ORDER BY id"):
        yield "getUser", [user]
        yield "getMemberGroups", [user]
    for group in _ids(db, "SELECT id FROM groups ORDER BY id"):
        yield "getGroupMembers", [group]
    for subtask in _ids(db, "SELECT id FROM subtasks ORDER BY id"):
        yield "getSubtask", [subtask]
    for subtask, user in _ids(db, "SELECT DISTINCT subtask_id, user_id FROM "
                                  "subtask_time_tracking ORDER BY 1, 2"):
        yield "getSubtaskTimeSpent", [subtask, user]
        yield "hasSubtaskTimer", [subtask, user]
    for comment in _ids(db, "SELECT id FROM comments ORDER BY id"):
        yield "getComment", [comment]
    for link in _ids(db, "SELECT id FROM task_has_links ORDER BY id"):
        yield "getTaskLinkById", [link]
    for task, link in _ids(db, "SELECT task_id, id FROM task_has_external_links ORDER BY id"):
        yield "getExternalTaskLinkById", [task, link]
    for file_id in _ids(db, "SELECT id FROM task_has_files ORDER BY id"):
        yield "getTaskFile", [file_id]
        yield "downloadTaskFile", [file_id]
    for project, file_id in _ids(db, "SELECT project_id, id FROM project_has_files ORDER BY id"):
        yield "getProjectFile", [project, file_id]
        yield "downloadProjectFile", [project, file_id]
    for project, user in _ids(db, "SELECT project_id, user_id FROM project_has_users "
                                  "ORDER BY 1, 2"):
        yield "getProjectUserRole", [project, user]


def record_reads(url: str, db: Any, out: Path, token: str) -> int:
    """Record Kanboard's answers to `reads(db)`; `db` is a connection to its database
    (sqlite3's or psycopg's: both `execute` and iterate)."""
    calls = list(reads(db))
    with out.open("w") as sink:
        write_header(sink, url, token, fixture="kanboard-import", seed=SEED, mix=MIX)
        client = RecordingClient(url, sink)
        for request_id, (method, params) in enumerate(calls, start=1):
            client.send(json.dumps({"jsonrpc": "2.0", "method": method, "params": params,
                                    "id": request_id}), Credentials(*ADMIN))
        for request_id, (username, password) in enumerate((ALICE, BOB), start=len(calls) + 1):
            client.send(json.dumps({"jsonrpc": "2.0", "method": "getMe", "id": request_id}),
                        Credentials(username, password))
    return len(calls) + 2


def copy_data(data_dir: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    db = sqlite3.connect(data_dir / "db.sqlite")
    db.execute("VACUUM INTO ?", (str(out / "db.sqlite"),))
    db.close()
    if (data_dir / "files").is_dir():
        shutil.copytree(data_dir / "files", out / "files")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--kanboard-src", help="Kanboard's source tree (or KANBOARD_SRC)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kanboard-fixture-") as data_dir:
        with kanboard_process(kanboard_source(args.kanboard_src), DEFAULT_TOKEN,
                              data_dir=data_dir) as (url, _pid):
            drive(url, DEFAULT_TOKEN)
            db = sqlite3.connect(Path(data_dir) / "db.sqlite")
            try:
                count = record_reads(url, db, args.out / "reads.jsonl", DEFAULT_TOKEN)
            finally:
                db.close()
        copy_data(Path(data_dir), args.out / "data")
    print(f"{count} reads recorded in {args.out / 'reads.jsonl'}; data in {args.out / 'data'}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
