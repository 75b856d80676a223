"""`boardlog import-kanboard postgresql://...` on a real Kanboard 1.2.53 that ran on
PostgreSQL (its database dumped, its files/ and what it answered about every object in it
recorded by compat/import_fixture_pg.py): loaded into a new database of the test server,
imported, boardlog answers every one of those reads as that Kanboard did and its users
sign in with their Kanboard passwords."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import psycopg
from psycopg import sql
import pytest

from compat.allowed import ALLOWED, KANBOARD_ON_POSTGRESQL
from compat.client import Credentials, post
from compat.import_fixture import ALICE, BOB
from compat.import_fixture_pg import new_database
from compat.local_boardlog import serving
from compat.replay import load, replay
from compat.report import example
from kanboard_import.source import open_source
from tests.e2e.cli_support import cli, database_copy
from tests.pg_support import PG_URL, requires_pg

pytestmark = requires_pg

FIXTURE = Path(__file__).parents[1] / "fixtures" / "kanboard-import-pg"
FILES = FIXTURE / "files"


@pytest.fixture(scope="module")
def kanboard_db() -> Iterator[str]:
    """A new database of the test server holding the dumped Kanboard."""
    with new_database(PG_URL, "boardlog_test_kanboard") as url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute((FIXTURE / "kanboard.sql").read_text())
        yield url


@pytest.fixture(scope="module")
def imported(kanboard_db: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("imported-pg") / "boardlog.db"
    result = cli("import-kanboard", kanboard_db, "--files", str(FILES), "--db", str(db))
    assert result.returncode == 0, result.stderr
    return db


def test_every_read_answers_as_kanboard_on_postgresql_did(imported: Path,
                                                           tmp_path: Path) -> None:
    """As the SQLite import's test compares, but for what Kanboard's two backends answer
    differently (compat/allowed.py's KANBOARD_ON_POSTGRESQL: booleans, dropped columns,
    the order of rows Kanboard leaves to the database)."""
    recording = load(FIXTURE / "reads.jsonl")
    with serving(str(database_copy(imported, tmp_path)), None) as url:
        results = list(replay(recording, url, ALLOWED + KANBOARD_ON_POSTGRESQL))
    procedures = {r.procedure for r in results}
    assert {"getBoard", "getAllTaskFiles", "downloadTaskFile", "downloadProjectFile",
            "getActions", "getProjectActivity", "getGroupMembers", "getAllSwimlanes",
            "getSubtaskTimeSpent", "getMe"} <= procedures
    differing = [r for r in results if not r.matched]
    assert not differing, "\n".join([f"{len(differing)} of {len(results)} reads differ; "
                                     "the first:", *example(differing[0])])
    explained = {name for r in results for name in r.allowed}
    assert {"postgresql-booleans", "postgresql-dropped-columns"} <= explained


def test_users_sign_in_with_their_kanboard_passwords(imported: Path, tmp_path: Path) -> None:
    with serving(str(database_copy(imported, tmp_path)), None) as url:
        for username, password in (ALICE, BOB, ("admin", "admin")):
            answer = post(url, '{"jsonrpc":"2.0","method":"getMe","id":1}',
                          Credentials(username, password))
            assert answer.status == 200 and answer.body["result"]["username"] == username
        wrong = post(url, '{"jsonrpc":"2.0","method":"getMe","id":1}',
                     Credentials(BOB[0], "not-his-password"))
        assert wrong.status == 401


def test_a_named_schema_is_read_and_the_kanboard_is_left_unchanged(
        kanboard_db: str, tmp_path: Path) -> None:
    """Kanboard's tables in a schema of their own, `?schema=` names it; the import's
    transaction is read-only, so the Kanboard database is as it was."""
    with new_database(PG_URL, "boardlog_test_kanboard") as url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute((FIXTURE / "kanboard.sql").read_text())
            conn.execute("ALTER SCHEMA public RENAME TO kanboard")
            conn.execute("CREATE SCHEMA public")
            before = _fingerprint(conn)
        db = tmp_path / "named.db"
        result = cli("import-kanboard", f"{url}?schema=kanboard", "--files", str(FILES),
                     "--db", str(db))
        assert result.returncode == 0, result.stderr
        refused = cli("import-kanboard", url, "--db", str(tmp_path / "public.db"))
        with psycopg.connect(url) as conn:
            assert _fingerprint(conn) == before
    assert refused.returncode == 1 and "no table schema_version" in refused.stderr
    assert cli("verify", "--db", str(db)).returncode == 0


def _fingerprint(conn: psycopg.Connection) -> dict[str, str]:
    """Every table of the schema `kanboard`, its rows as text, hashed."""
    tables = [row[0] for row in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'kanboard'")]
    return {table: conn.execute(sql.SQL("SELECT md5(coalesce(string_agg(t::text, '|' "
                                        "ORDER BY t::text), '')) FROM kanboard.{} t")
                                .format(sql.Identifier(table))).fetchone()[0]
            for table in tables}


@pytest.mark.parametrize("change, named", [
    ("ALTER TABLE subtasks DROP COLUMN position", "table subtasks lacks column(s) position"),
    ("DROP TABLE task_has_external_links", "table task_has_external_links is missing"),
    ("UPDATE schema_version SET version = 300", "schema version 300"),
])
def test_an_unreadable_kanboard_database_is_refused_naming_what(
        tmp_path: Path, change: str, named: str) -> None:
    with new_database(PG_URL, "boardlog_test_kanboard") as url:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute((FIXTURE / "kanboard.sql").read_text())
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(change)
        result = cli("import-kanboard", url, "--files", str(FILES),
                     "--db", str(tmp_path / "new.db"))
    assert result.returncode == 1
    assert named in result.stderr and "nothing was imported" in result.stderr
    assert not (tmp_path / "new.db").exists()


def test_without_files_a_file_content_is_refused_naming_the_option(
        kanboard_db: str, tmp_path: Path) -> None:
    result = cli("import-kanboard", kanboard_db, "--db", str(tmp_path / "new.db"))
    assert result.returncode == 1
    assert "_files row" in result.stderr and "--files" in result.stderr
    assert not (tmp_path / "new.db").exists()


def test_an_unreachable_server_is_named_with_its_password_masked(tmp_path: Path) -> None:
    result = cli("import-kanboard", "postgresql://kanboard:s3cret@127.0.0.1:1/kanboard",
                 "--db", str(tmp_path / "new.db"))
    assert result.returncode == 1
    assert "postgresql://kanboard:***@127.0.0.1:1/kanboard: cannot connect" in result.stderr
    assert "s3cret" not in result.stderr and not (tmp_path / "new.db").exists()


def test_the_source_reads_postgresql_rows_as_the_sqlite_source_does(kanboard_db: str) -> None:
    """One interface, two backends: PostgreSQL's booleans come as SQLite's 0 and 1, and
    the rows in the order asked for, so the one conversion sees the same values."""
    source = open_source(kanboard_db)
    try:
        users = list(source.rows("users"))
        members = list(source.rows("group_has_users", order="rowid"))
        assert source.count("users") == len(users) > 0
    finally:
        source.close()
    assert [u["id"] for u in users] == sorted(u["id"] for u in users)
    for flag in ("is_ldap_user", "is_active"):
        assert {type(u[flag]) for u in users} == {int}
    assert {u["is_active"] for u in users} == {0, 1}  # the fixture disabled two users
    assert members and all(type(m["user_id"]) is int for m in members)
