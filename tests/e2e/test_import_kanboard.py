"""`boardlog import-kanboard` on a real Kanboard 1.2.53's data directory (made by
compat/import_fixture.py, which also recorded what that Kanboard answered about every
object in it): boardlog then answers every one of those reads as Kanboard did, the users
sign in with their Kanboard passwords, and the imported log is an ordinary log."""
from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from compat.client import Credentials, post
from compat.local_boardlog import serving
from compat.replay import load, replay
from compat.report import example
from compat.import_fixture import ALICE, BOB
from tests.e2e.cli_support import cli, database_copy, imported_copy

FIXTURE = Path(__file__).parents[1] / "fixtures" / "kanboard-import"
DATA = FIXTURE / "data"


def _kanboard(sql: str) -> list[tuple]:
    db = sqlite3.connect(DATA / "db.sqlite")
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("imported") / "boardlog.db"
    result = cli("import-kanboard", str(DATA), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def _token() -> Credentials:
    """The application token Kanboard kept in its settings, which comes across."""
    return Credentials("jsonrpc", _kanboard("SELECT value FROM settings "
                                            "WHERE option = 'api_token'")[0][0])


def _call(url: str, method: str, params: object, auth: Credentials) -> object:
    body = json.dumps({"jsonrpc": "2.0", "method": method, "params": params, "id": 1})
    answer = post(url, body, auth)
    assert answer.status == 200, answer.body
    return answer.body.get("result") if isinstance(answer.body, dict) else answer.body


def test_every_read_answers_as_kanboard_did(imported: Path, tmp_path: Path) -> None:
    db = database_copy(imported, tmp_path)
    recording = load(FIXTURE / "reads.jsonl")
    with serving(str(db), None) as url:
        results = list(replay(recording, url))
    procedures = {r.procedure for r in results}
    assert {"getBoard", "getAllTaskFiles", "downloadTaskFile", "getActions",
            "getProjectActivity", "getAllExternalTaskLinks", "getGroupMembers",
            "getTaskMetadata", "getSubtaskTimeSpent", "getAllTaskLinks"} <= procedures
    differing = [r for r in results if not r.matched]
    assert not differing, "\n".join([f"{len(differing)} of {len(results)} reads differ; "
                                     "the first:", *example(differing[0])])


def test_users_sign_in_with_their_kanboard_passwords(imported: Path, tmp_path: Path) -> None:
    db = database_copy(imported, tmp_path)
    with serving(str(db), None) as url:
        for username, password in (ALICE, BOB, ("admin", "admin")):
            me = _call(url, "getMe", [], Credentials(username, password))
            assert isinstance(me, dict) and me["username"] == username
        wrong = post(url, '{"jsonrpc":"2.0","method":"getMe","id":1}',
                     Credentials(ALICE[0], "not-her-password"))
        assert wrong.status == 401


def test_a_sign_in_replaces_the_bcrypt_hash_by_scrypt_as_an_event(imported: Path,
                                                                    tmp_path: Path) -> None:
    db = database_copy(imported, tmp_path)
    alice = Credentials(*ALICE)
    with serving(str(db), None) as url:
        assert _call(url, "getMe", [], alice)["username"] == ALICE[0]
        events = _call(url, "getEvents", [0, 100_000], _token())
    upgrades = [e for e in events if e["type"] == "UserPasswordChanged"]
    assert [(e["stream_id"], e["metadata"]["rpc_method"]) for e in upgrades] == [
        ("user-2", "sign-in:kdf-upgrade")]
    stored = sqlite3.connect(db).execute(
        "SELECT data FROM events WHERE type = 'UserPasswordChanged'").fetchone()[0]
    assert json.loads(stored)["password_hash"].startswith("scrypt$")
    with serving(str(db), None) as url:  # a new process: nothing cached
        assert _call(url, "getMe", [], alice)["username"] == ALICE[0]
        events = _call(url, "getEvents", [0, 100_000], _token())
    assert sum(e["type"] == "UserPasswordChanged" for e in events) == 1


def test_new_ids_continue_after_the_highest_imported(imported: Path, tmp_path: Path) -> None:
    db = database_copy(imported, tmp_path)
    highest_task = _kanboard("SELECT max(id) FROM tasks")[0][0]
    highest_comment = _kanboard("SELECT max(id) FROM comments")[0][0]
    project, = _kanboard("SELECT min(id) FROM projects")[0]
    with serving(str(db), None) as url:
        task_id = _call(url, "createTask", {"title": "after", "project_id": project}, _token())
        comment_id = _call(url, "createComment",
                           {"task_id": task_id, "user_id": 1, "content": "x"}, _token())
    assert (task_id, comment_id) == (highest_task + 1, highest_comment + 1)


def test_the_imported_log_verifies_rebuilds_exports_and_tells_history(
        imported: Path, tmp_path: Path) -> None:
    db = str(imported)
    assert cli("verify", "--db", db).returncode == 0
    check = cli("rebuild", "--check", "--db", db)
    assert check.returncode == 0 and "no differences" in check.stdout, check.stderr
    history = cli("history", "task", "1", "--db", db)
    assert history.returncode == 0 and "TaskCreated" in history.stdout
    assert "import-kanboard" in history.stdout
    export = tmp_path / "log.ndjson"
    assert cli("export", "--db", db, "--out", str(export)).returncode == 0
    events = [json.loads(line) for line in export.read_text().splitlines()]
    first_user = next(e for e in events if e.get("stream_id") == "user-1")
    assert json.loads(first_user["metadata"])["imported"] == {
        "from": str(DATA), "table": "users", "id": 1}
    imported_copy(export, tmp_path)


def test_time_travel_reaches_back_to_the_import(imported: Path, tmp_path: Path) -> None:
    db = database_copy(imported, tmp_path)
    head = cli("head", "--db", str(db)).stdout.split(":")[0]
    with serving(str(db), None) as url:
        _call(url, "updateTask", {"id": 1, "title": "changed after the import"}, _token())
        then = _call(url, "getTaskAt", [1, int(head)], _token())
        now = _call(url, "getTask", [1], _token())
    kanboard_title = _kanboard("SELECT title FROM tasks WHERE id = 1")[0][0]
    assert isinstance(then, dict) and then["title"] == kanboard_title
    assert isinstance(now, dict) and now["title"] == "changed after the import"


def test_a_database_holding_a_log_is_refused_unless_replaced(imported: Path,
                                                            tmp_path: Path) -> None:
    db = database_copy(imported, tmp_path)
    before = db.read_bytes()
    refused = cli("import-kanboard", str(DATA), "--db", str(db))
    assert refused.returncode == 2 and "already holds a log" in refused.stderr
    assert db.read_bytes() == before
    replaced = cli("import-kanboard", str(DATA), "--db", str(db), "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert cli("verify", "--db", str(db)).returncode == 0


def test_a_file_that_is_not_a_boardlog_database_is_left_alone(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    other.write_text("my notes, not a database")
    refused = cli("import-kanboard", str(DATA), "--db", str(other))
    assert refused.returncode == 2 and "is not a boardlog database" in refused.stderr
    assert other.read_text() == "my notes, not a database"


def _changed_copy(tmp_path: Path, sql: str) -> Path:
    source = tmp_path / "kanboard"
    shutil.copytree(DATA, source)
    db = sqlite3.connect(source / "db.sqlite")
    db.execute(sql)
    db.commit()
    db.close()
    return source


@pytest.mark.parametrize("sql, named", [
    ("ALTER TABLE subtasks DROP COLUMN position", "table subtasks lacks column(s) position"),
    ("DROP TABLE task_has_external_links", "table task_has_external_links is missing"),
    ("UPDATE project_activities SET data = '{not json' WHERE id = "
     "(SELECT min(id) FROM project_activities)", "project_activities row"),
    ("PRAGMA user_version = 300", "schema version 300"),
])
def test_an_unreadable_source_is_refused_naming_what_and_leaves_nothing(
        tmp_path: Path, sql: str, named: str) -> None:
    source = _changed_copy(tmp_path, sql)
    db = tmp_path / "new.db"
    result = cli("import-kanboard", str(source), "--db", str(db))
    assert result.returncode == 1
    assert named in result.stderr and "nothing was imported" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("new.db")) in (
        [], ["new.db.blobs"])


def test_the_timezone_and_default_colour_come_across(tmp_path: Path) -> None:
    source = _changed_copy(tmp_path, "UPDATE settings SET value = CASE option "
                           "WHEN 'application_timezone' THEN 'Europe/Paris' "
                           "WHEN 'default_color' THEN 'green' ELSE value END")
    db = tmp_path / "new.db"
    assert cli("import-kanboard", str(source), "--db", str(db)).returncode == 0
    project, = _kanboard("SELECT min(id) FROM projects")[0]
    with serving(str(db), None) as url:
        assert _call(url, "getTimezone", [], _token()) == "Europe/Paris"
        assert _call(url, "getDefaultTaskColor", [], _token()) == "green"
        task_id = _call(url, "createTask", {"title": "t", "project_id": project}, _token())
        assert _call(url, "getTask", [task_id], _token())["color_id"] == "green"


def test_a_missing_file_content_is_named(tmp_path: Path) -> None:
    source = tmp_path / "kanboard"
    shutil.copytree(DATA, source)
    path, file_id = _kanboard("SELECT path, id FROM task_has_files ORDER BY id")[0]
    (source / "files" / path).unlink()
    result = cli("import-kanboard", str(source), "--db", str(tmp_path / "new.db"))
    assert result.returncode == 1
    assert f"task_has_files row {file_id}" in result.stderr
    assert not (tmp_path / "new.db").exists()


@pytest.mark.parametrize("path", ["/etc/passwd", "../db.sqlite", "tasks/../../db.sqlite"])
def test_a_file_path_leading_out_of_files_is_not_read(tmp_path: Path, path: str) -> None:
    source = _changed_copy(tmp_path, f"UPDATE project_has_files SET path = '{path}'")
    result = cli("import-kanboard", str(source), "--db", str(tmp_path / "new.db"))
    assert result.returncode == 1
    assert "project_has_files row" in result.stderr and repr(path) in result.stderr
    assert not (tmp_path / "new.db").exists()


def test_the_sqlite_file_alone_is_a_source_and_shows_a_summary(tmp_path: Path) -> None:
    result = cli("import-kanboard", str(DATA / "db.sqlite"), "--db", str(tmp_path / "b.db"))
    assert result.returncode == 0, result.stderr
    tasks = _kanboard("SELECT count(*) FROM tasks")[0][0]
    assert any(line.split() == ["tasks", str(tasks)] for line in result.stdout.splitlines())
    assert "import: " in result.stderr  # progress lines (not a terminal)


def test_an_import_under_a_chain_key_is_keyed_from_its_first_event(tmp_path: Path) -> None:
    db = str(tmp_path / "keyed.db")
    keyed = {**os.environ, "BOARDLOG_CHAIN_KEY": "k" * 32}
    assert cli("import-kanboard", str(DATA), "--db", db, env=keyed).returncode == 0
    assert cli("verify", "--db", db, env=keyed).returncode == 0
    unkeyed = {k: v for k, v in keyed.items() if k != "BOARDLOG_CHAIN_KEY"}
    assert cli("verify", "--db", db, env=unkeyed).returncode == 1


def test_verify_names_a_read_model_table_a_database_lacks(imported: Path,
                                                          tmp_path: Path) -> None:
    """A database last served by code before a projection existed has no table for it."""
    db = database_copy(imported, tmp_path)
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE settings")
    result = cli("verify", "--db", str(db))
    assert result.returncode == 1 and "settings: row 0 is missing" in result.stderr
