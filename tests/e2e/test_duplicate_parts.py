"""What duplicateTaskToProject copies besides the task, over real HTTP: its files (the
same stored content, uploaded by the caller) and its external links (created by the
caller), as Kanboard 1.2.53 does (recorded on the real Kanboard in
tests/fidelity/recordings/duplicate_parts-scenario.jsonl); carried by history, time
travel, rebuild, verify and export/import."""
from __future__ import annotations

import base64
import hashlib
import itertools
from pathlib import Path

import aiohttp
import orjson

from tests.conftest import TOKEN, Rpc, Server, basic, start_server
from tests.e2e.cli_support import cli, imported_copy
from tests.e2e.test_files import blobs_of

A, B = 1, 2
TEXT = b"minutes of the meeting\n" * 40
IMAGE = b"\x89PNG\r\n\x1a\n pretend pixels"


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


async def _source(kanboard: Rpc) -> Rpc:
    """Task 1 in A with a text file (the token's), an image (mia's) and two external
    links (mia's, the token's); mia is a member of A and B. Answers as mia."""
    await kanboard.call("createUser", {"username": "mia", "password": "mia-pass-1",
                                       "name": "Mia"})
    for name in ("A", "B"):
        await kanboard.call("createProject", {"name": name})
    for project_id in (A, B):
        await kanboard.call("addProjectUser", [project_id, 2, "project-member"])
    mia = kanboard.as_user("mia", "mia-pass-1")
    await kanboard.call("createTask", {"title": "source", "project_id": A})
    assert await kanboard.call("createTaskFile", [A, 1, "minutes.txt", b64(TEXT)]) == 1
    assert await mia.call("createTaskFile", [A, 1, "Board.PNG", b64(IMAGE)]) == 2
    assert await mia.call("createExternalTaskLink", [1, "https://example.invalid/spec",
                                                     "blocks", "weblink", "Spec"]) == 1
    assert await kanboard.call("createExternalTaskLink", [1, "file:///srv/notes.txt",
                                                          "related", "file", "notes"]) == 2
    return mia


async def test_a_duplicate_carries_the_files_and_external_links_as_the_callers(
        kanboard: Rpc, server: Server) -> None:
    """The copy's files have the source's names, sizes, kinds and stored object (no new
    content stored), downloaded the same; uploaded by mia, who duplicated it. Its
    external links keep kind, dependency, title and URL; mia created them."""
    mia = await _source(kanboard)
    source_files = await kanboard.call("getAllTaskFiles", [1])
    blobs_before = sorted(blobs_of(server.db_path).digests())
    assert await mia.call("duplicateTaskToProject", [1, B]) == 2
    files = await mia.call("getAllTaskFiles", [2])
    assert [(f["id"], f["name"], f["is_image"], f["size"], f["task_id"], f["user_id"],
             f["username"]) for f in files] == [
        (3, "Board.PNG", 1, len(IMAGE), 2, 2, "mia"), (4, "minutes.txt", 0, len(TEXT), 2, 2,
                                                       "mia")]
    assert [(f["path"], f["etag"]) for f in files] == [(f["path"], f["etag"])
                                                       for f in source_files]
    assert base64.b64decode(await mia.call("downloadTaskFile", [3])) == IMAGE
    assert base64.b64decode(await kanboard.call("downloadTaskFile", [4])) == TEXT
    assert (await kanboard.call("getTaskFile", [4]))["name"] == "minutes.txt"
    assert sorted(blobs_of(server.db_path).digests()) == blobs_before
    links = await mia.call("getAllExternalTaskLinks", [2])
    assert [(x["id"], x["link_type"], x["dependency"], x["title"], x["url"], x["task_id"],
             x["creator_username"]) for x in links] == [
        (3, "weblink", "blocks", "Spec", "https://example.invalid/spec", 2, "mia"),
        (4, "file", "related", "notes", "file:///srv/notes.txt", 2, "mia")]
    assert [(x["task_id"], x["label"]) for x in await mia.call("getAllTaskLinks", [2])] == [
        (1, "duplicates")]
    # the copy's parts are its own: removing them leaves the source's
    assert await kanboard.call("removeAllTaskFiles", [2]) is True
    assert await kanboard.call("removeExternalTaskLink", [2, 3]) is True
    assert base64.b64decode(await kanboard.call("downloadTaskFile", [2])) == IMAGE
    assert [x["id"] for x in await kanboard.call("getAllExternalTaskLinks", [1])] == [1, 2]


async def test_the_token_s_copies_are_nobody_s_and_a_refused_duplicate_copies_nothing(
        kanboard: Rpc) -> None:
    await _source(kanboard)
    assert await kanboard.call("duplicateTaskToProject", [1, 99]) == 0
    assert await kanboard.call("duplicateTaskToProject", [1, B]) == 2
    assert [(f["id"], f["user_id"], f["username"])
            for f in await kanboard.call("getAllTaskFiles", [2])] == [(3, 0, None), (4, 0, None)]
    assert [(x["id"], x["creator_id"])
            for x in await kanboard.call("getAllExternalTaskLinks", [2])] == [(3, 0), (4, 0)]


async def test_history_and_time_travel_carry_the_copied_parts(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """One request: the copy's history lists its file and link events with the task's
    creation; before the duplicate B's board has no copy, after it counts the parts."""
    mia = await _source(kanboard)
    async with session.get(f"{server.url}/health") as response:
        before = (await response.json())["log_head"]
    assert await mia.call("duplicateTaskToProject", [1, B]) == 2
    history = await kanboard.call("getTaskHistory", [2])
    assert [e["type"] for e in history] == ["TaskCreated", "TaskLinkCreated",
                                           "TaskFileCreated", "TaskFileCreated",
                                           "ExternalLinkCreated", "ExternalLinkCreated"]
    assert len({e["request_id"] for e in history}) == 1
    assert {e["rpc_method"] for e in history} == {"duplicateTaskToProject"}
    board_then = await kanboard.call("getBoardAt", [B, before])
    assert [t for lane in board_then for c in lane["columns"] for t in c["tasks"]] == []
    after = history[-1]["position"]
    task = (await kanboard.call("getBoardAt", [B, after]))[0]["columns"][0]["tasks"][0]
    assert (task["id"], task["nb_files"], task["nb_external_links"], task["nb_links"]) == (
        2, 2, 2, 1)
    assert await kanboard.call("getTaskAt", [2, after]) == await kanboard.call("getTask", [2])


async def test_rebuild_verify_and_export_import_carry_a_duplicated_file(
        kanboard: Rpc, server: Server, tmp_path: Path, session: aiohttp.ClientSession) -> None:
    """The export carries each content once, though two files name it; the imported
    log verifies and its server answers the copy's files and downloads as the source."""
    mia = await _source(kanboard)
    assert await mia.call("duplicateTaskToProject", [1, B]) == 2
    files, links = (await kanboard.call("getAllTaskFiles", [2]),
                    await kanboard.call("getAllExternalTaskLinks", [2]))
    assert cli("rebuild", "--db", server.db_path, "--check").returncode == 0
    assert cli("verify", "--db", server.db_path).returncode == 0
    export = tmp_path / "log.ndjson"
    result = cli("export", "--db", server.db_path, "--out", str(export))
    assert result.returncode == 0, result.stderr
    lines = export.read_bytes().splitlines()
    carried = [orjson.loads(line)["blob"] for line in lines if line.startswith(b'{"blob":')]
    assert sorted(carried) == sorted(hashlib.sha256(d).hexdigest() for d in (TEXT, IMAGE))
    assert not any(b64(TEXT).encode() in line for line in lines if not line.startswith(b'{"blob":'))
    imported = imported_copy(export, tmp_path)
    runner, url = await start_server(imported)
    try:
        rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
        assert await rpc.call("getAllTaskFiles", [2]) == files
        assert await rpc.call("getAllExternalTaskLinks", [2]) == links
        assert base64.b64decode(await rpc.call("downloadTaskFile", [3])) == IMAGE
        assert base64.b64decode(await rpc.call("downloadTaskFile", [4])) == TEXT
    finally:
        await runner.cleanup()
