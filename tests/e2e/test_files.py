"""Project and task files over real HTTP and the operator tools: contents in the blob
store beside the log, carried by export/import and replay, checked by verify, and the
size limit (the answers themselves replay against the real Kanboard's in
tests/fidelity/recordings/files-scenario.jsonl)."""
from __future__ import annotations

import base64
import hashlib
import itertools
import os
from pathlib import Path

import aiohttp
import orjson
import pytest

from eventstore.backends import open_blobs
from eventstore.blobs import BlobStore
from tests.conftest import TOKEN, Rpc, basic, start_server
from tests.e2e.cli_support import cli, imported_copy

CONTENT = bytes(range(256)) * 50 + b"\x00 the end"  # every byte value, 12,809 bytes


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def blobs_of(db_path: str) -> BlobStore:
    return open_blobs(db_path)


async def with_files(rpc: Rpc) -> None:
    await rpc.call("createProject", {"name": "Docs"})
    await rpc.call("createTask", {"title": "t", "project_id": 1})
    assert await rpc.call("createTaskFile", [1, 1, "data.bin", b64(CONTENT)]) == 1
    assert await rpc.call("createProjectFile", [1, "Logo.png", b64(b"\x89PNG not really")]) == 1


async def test_a_file_round_trips_through_export_and_import(
        kanboard: Rpc, server, tmp_path: Path, session: aiohttp.ClientSession) -> None:
    await with_files(kanboard)
    assert base64.b64decode(await kanboard.call("downloadTaskFile", [1])) == CONTENT
    export = tmp_path / "log.ndjson"
    result = cli("export", "--db", server.db_path, "--out", str(export))
    assert result.returncode == 0 and "2 file contents" in result.stderr, result.stderr
    blob_lines = [orjson.loads(line) for line in export.read_bytes().splitlines()
                  if line.startswith(b'{"blob":')]
    assert {line["blob"] for line in blob_lines} == {hashlib.sha256(CONTENT).hexdigest(),
                                                    hashlib.sha256(b"\x89PNG not really").hexdigest()}
    assert b64(CONTENT) not in "".join(  # events name the content, never carry it
        line.decode() for line in export.read_bytes().splitlines() if b'"blob"' not in line)
    imported = imported_copy(export, tmp_path)
    runner, url = await start_server(imported)
    try:
        rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
        assert base64.b64decode(await rpc.call("downloadTaskFile", [1])) == CONTENT
        assert await rpc.call("downloadProjectFile", [1, 1]) == b64(b"\x89PNG not really")
        assert await rpc.call("getAllTaskFiles", [1]) == await kanboard.call("getAllTaskFiles", [1])
    finally:
        await runner.cleanup()


async def test_import_refuses_an_altered_or_absent_blob(kanboard: Rpc, server,
                                                        tmp_path: Path) -> None:
    await with_files(kanboard)
    export = tmp_path / "log.ndjson"
    cli("export", "--db", server.db_path, "--out", str(export))
    lines = export.read_bytes().splitlines()
    first_blob = next(i for i, line in enumerate(lines) if line.startswith(b'{"blob":'))
    altered = orjson.loads(lines[first_blob])
    altered["data"] = b64(b"something else")
    for name, changed in (("altered", lines[:first_blob] + [orjson.dumps(altered)]
                           + lines[first_blob + 1:]),
                          ("absent", lines[:first_blob] + lines[first_blob + 1:])):
        source = tmp_path / f"{name}.ndjson"
        source.write_bytes(b"\n".join(changed) + b"\n")
        target = tmp_path / f"{name}.db"
        result = cli("import", "--db", str(target), str(source))
        assert result.returncode != 0 and altered["blob"] in result.stderr, result.stderr
        assert not Path(f"{target}.blobs").exists()  # nothing was stored


@pytest.mark.sqlite_only  # alters a blob's file
async def test_verify_names_a_corrupted_or_missing_blob(kanboard: Rpc, server) -> None:
    await with_files(kanboard)
    result = cli("verify", "--db", server.db_path)
    assert result.returncode == 0 and "2 referenced blobs checked" in result.stdout, result.stderr
    store = blobs_of(server.db_path)
    digest = hashlib.sha256(CONTENT).hexdigest()
    store.path_of(digest).write_bytes(CONTENT[:-1] + b"!")
    result = cli("verify", "--db", server.db_path)
    assert result.returncode == 1
    assert f"blob {digest} does not match its hash" in result.stderr
    assert "position" in result.stderr
    assert await kanboard.call("downloadTaskFile", [1]) != b64(CONTENT)  # served as stored
    os.remove(store.path_of(digest))
    result = cli("verify", "--db", server.db_path)
    assert result.returncode == 1 and f"blob {digest} is missing" in result.stderr
    assert await kanboard.call("downloadTaskFile", [1]) == ""  # as Kanboard: storage failed
    assert cli("export", "--db", server.db_path).returncode == 2  # no export without it


async def test_an_orphan_blob_is_information_not_a_failure(kanboard: Rpc, server) -> None:
    await with_files(kanboard)
    blobs_of(server.db_path).put(b"written, then the server crashed before the commit")
    result = cli("verify", "--db", server.db_path)
    assert result.returncode == 0 and "1 unreferenced" in result.stdout


async def test_the_same_content_is_stored_once_and_stays_after_removal(
        kanboard: Rpc, server) -> None:
    await with_files(kanboard)
    assert await kanboard.call("createTaskFile", [1, 1, "copy.bin", b64(CONTENT)]) == 2
    assert await kanboard.call("createProjectFile", [1, "again.bin", b64(CONTENT)]) == 2
    assert len(list(blobs_of(server.db_path).digests())) == 2
    assert await kanboard.call("removeAllTaskFiles", [1]) is True
    assert await kanboard.call("getAllTaskFiles", [1]) == []
    # the log still names the content, so it stays: history, export and replay keep it
    assert await kanboard.call("downloadProjectFile", [1, 2]) == b64(CONTENT)
    assert cli("verify", "--db", server.db_path).returncode == 0


async def test_replay_carries_the_files_of_its_moment(kanboard: Rpc, server, tmp_path: Path,
                                                      session: aiohttp.ClientSession) -> None:
    await with_files(kanboard)
    history = await kanboard.call("getTaskHistory", [1])
    position = next(e["position"] for e in history if e["type"] == "TaskFileCreated")
    assert await kanboard.call("removeTaskFile", [1]) is True
    board = await kanboard.call("getBoardAt", [1, position])
    assert board[0]["columns"][0]["tasks"][0]["nb_files"] == 1
    out = str(tmp_path / "past.db")
    result = cli("replay", "--db", server.db_path, "--until", str(position), "--out", out)
    assert result.returncode == 0, result.stderr
    runner, url = await start_server(out)
    try:
        rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
        assert base64.b64decode(await rpc.call("downloadTaskFile", [1])) == CONTENT
    finally:
        await runner.cleanup()


async def test_the_size_limit_refuses_clearly_and_stores_nothing(
        tmp_path: Path, session: aiohttp.ClientSession) -> None:
    db_path = str(tmp_path / "small.db")
    runner, url = await start_server(db_path, max_file_size=1000)
    try:
        rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
        await rpc.call("createProject", {"name": "Small"})
        await rpc.call("createTask", {"title": "t", "project_id": 1})
        assert await rpc.call("createTaskFile", [1, 1, "fits.bin", b64(b"x" * 1000)]) == 1
        for data in (b"y" * 1001, b"z" * 5000):
            answer = await rpc.answer("createTaskFile", [1, 1, "big.bin", b64(data)])
            assert answer["error"]["code"] == -32602, answer
            assert "blob" in answer["error"]["data"] and "1000 bytes" in answer["error"]["data"]
        answer = await rpc.answer("createProjectFile", [1, "big.bin", b64(b"y" * 1001)])
        assert answer["error"]["code"] == -32602
        assert [f["name"] for f in await rpc.call("getAllTaskFiles", [1])] == ["fits.bin"]
        assert len(list(blobs_of(db_path).digests())) == 1
    finally:
        await runner.cleanup()


async def test_content_must_be_base64(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "P"})
    await kanboard.call("createTask", {"title": "t", "project_id": 1})
    answer = await kanboard.answer("createTaskFile", [1, 1, "x.txt", "aGVsbG8*"])
    assert answer["error"]["code"] == -32602 and "blob is not base64" in answer["error"]["data"]
    assert await kanboard.call("createTaskFile", [1, 1, "x.txt", "!!!!"]) is False  # as Kanboard
    assert await kanboard.call("createTaskFile", [1, 1, "x.txt", ""]) is False
    assert await kanboard.call("createTaskFile", [1, 1, "x.txt", "MA=="]) is False  # "0": PHP empty
    # line breaks (MIME) and missing padding are still base64
    assert await kanboard.call("createTaskFile", [1, 1, "x.txt", "aGVs\nbG8"]) == 1
    assert await kanboard.call("downloadTaskFile", [1]) == b64(b"hello")
    assert await kanboard.call("getAllTaskFiles", [1]) != []


async def test_leantime_lists_a_tickets_files_within_the_keys_scope(
        kanboard: Rpc, server, session: aiohttp.ClientSession) -> None:
    from tests.e2e.leantime_support import leantime_as

    await with_files(kanboard)
    await kanboard.call("createProject", {"name": "Other"})
    uploader = await kanboard.call("createUser", {"username": "ann", "password": "secret123",
                                                  "name": "Ann"})
    await kanboard.call("addProjectUser", [1, uploader, "project-member"])
    ann = kanboard.as_user("ann", "secret123")
    assert await ann.call("createTaskFile", [1, 1, "notes.txt", b64(b"by ann")]) == 2
    scoped = await leantime_as(kanboard, server, session, "readonly", [1])
    files = await scoped.call("files.getFilesByModule", {"module": "ticket", "entityId": 1})
    assert [(f["id"], f["realName"], f["extension"], f["module"], f["moduleId"], f["userId"],
             f["firstname"]) for f in files] == [
        (1, "data.bin", "bin", "ticket", 1, 0, None), (2, "notes.txt", "txt", "ticket", 1,
                                                       uploader, "Ann")]
    assert [f["id"] for f in await scoped.call("files.getFilesByModule", {
        "module": "ticket", "entityId": 1, "userId": uploader})] == [2]
    assert [f["realName"] for f in await scoped.call("files.getFilesByModule", {
        "module": "project", "entityId": 1})] == ["Logo.png"]
    outside = await leantime_as(kanboard, server, session, "readonly", [2])
    assert await outside.call("files.getFilesByModule", {"module": "ticket", "entityId": 1}) == []
    assert await scoped.call("files.getFilesByModule", {"module": "lead", "entityId": 1}) == []


async def test_a_users_upload_is_in_the_task_history_and_activity(kanboard: Rpc) -> None:
    await kanboard.call("createProject", {"name": "P"})
    await kanboard.call("createTask", {"title": "t", "project_id": 1})
    await kanboard.call("createUser", {"username": "ann", "password": "secret123"})
    await kanboard.call("addProjectUser", [1, 2, "project-member"])
    ann = kanboard.as_user("ann", "secret123")
    assert await ann.call("createTaskFile", [1, 1, "a.txt", b64(b"a")]) == 1
    assert await ann.call("removeTaskFile", [1]) is True
    history = [e["type"] for e in await kanboard.call("getTaskHistory", [1])]
    assert history[-2:] == ["TaskFileCreated", "TaskFileRemoved"]
    activity = [a["event_name"] for a in await kanboard.call("getProjectActivity", [1])]
    assert activity == ["task.file.destroy", "task.file.create"]


async def test_a_file_at_the_default_limit_fits_the_default_body(kanboard: Rpc) -> None:
    from rpc.app import DEFAULT_MAX_FILE_SIZE

    await kanboard.call("createProject", {"name": "Big"})
    await kanboard.call("createTask", {"title": "t", "project_id": 1})
    data = os.urandom(DEFAULT_MAX_FILE_SIZE)
    assert await kanboard.call("createTaskFile", [1, 1, "big.bin", b64(data)]) == 1
    assert base64.b64decode(await kanboard.call("downloadTaskFile", [1])) == data
    answer = await kanboard.answer("createTaskFile", [1, 1, "over.bin", b64(data + b"!")])
    assert answer["error"]["code"] == -32602 and "--max-file-size" in answer["error"]["data"]
