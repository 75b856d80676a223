"""The operator tools on PostgreSQL, through the real command line: a SQLite log moved
to PostgreSQL and back byte for byte, verify (and what it catches), head, history,
replay in both directions, keys and the token. Skipped without BOARDLOG_TEST_PG."""
from __future__ import annotations

import asyncio
import base64
import itertools
from pathlib import Path
from typing import Iterator

import aiohttp
import psycopg
import pytest

from eventstore import reader
from eventstore.schema import connect
from tests.conftest import TOKEN, Rpc, basic, start_server
from tests.e2e.cli_support import cli
from tests.pg_support import PG_URL, pg_location, requires_pg

pytestmark = requires_pg

CONTENT = bytes(range(256)) * 4


async def _populate(db: str) -> None:
    """A project with tasks, a move, a comment, a closed task and a file, written over
    HTTP to a server on `db`."""
    runner, url = await start_server(db)
    try:
        async with aiohttp.ClientSession() as session:
            rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
            await rpc.call("createProject", {"name": "Ops"})
            for title in ("one", "two", "three"):
                await rpc.call("createTask", {"title": title, "project_id": 1})
            await rpc.call("moveTaskPosition", [1, 3, 2, 1, 1])
            await rpc.call("updateTask", {"id": 1, "title": "one!"})
            await rpc.call("createComment", {"task_id": 1, "user_id": 1, "content": "note"})
            await rpc.call("closeTask", [2])
            await rpc.call("createTaskFile", [1, 1, "data.bin", base64.b64encode(CONTENT).decode()])
    finally:
        await runner.cleanup()


@pytest.fixture(scope="module")
def sqlite_log(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("source") / "source.db")
    asyncio.run(_populate(db))
    return db


@pytest.fixture
def pg() -> Iterator[str]:
    with pg_location() as location:
        yield location


@pytest.fixture
def pg_log(sqlite_log: str, pg: str, tmp_path: Path) -> str:
    """`sqlite_log` imported into a fresh PostgreSQL schema by the CLI."""
    export = tmp_path / "source.ndjson"
    assert cli("export", "--db", sqlite_log, "--out", str(export)).returncode == 0
    result = cli("import", "--db", pg, str(export))
    assert result.returncode == 0, result.stderr
    return pg


def ok(*args: str) -> str:
    result = cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_sqlite_log_moves_to_postgresql_and_back_byte_for_byte(
        sqlite_log: str, pg_log: str, tmp_path: Path) -> None:
    original = tmp_path / "source.ndjson"
    from_pg = tmp_path / "from-pg.ndjson"
    ok("export", "--db", pg_log, "--out", str(from_pg))
    assert from_pg.read_bytes() == original.read_bytes()
    assert b'{"blob":' in from_pg.read_bytes()  # the file's content travelled too
    back = str(tmp_path / "back.db")
    ok("import", "--db", back, str(from_pg))
    again = tmp_path / "again.ndjson"
    ok("export", "--db", back, "--out", str(again))
    assert again.read_bytes() == original.read_bytes()
    assert ok("head", "--db", pg_log) == ok("head", "--db", sqlite_log) == ok("head", "--db", back)


def test_verify_passes_on_postgresql_and_names_a_rewritten_row(pg_log: str) -> None:
    verified = ok("verify", "--db", pg_log)
    assert "file contents: 1 referenced blobs checked" in verified and "OK" in verified
    head = ok("head", "--db", pg_log).strip()
    assert cli("verify", "--db", pg_log, "--expect", head).returncode == 0
    position = head.partition(":")[0]
    wrong = cli("verify", "--db", pg_log, "--expect", f"{position}:{'0' * 64}")
    assert wrong.returncode == 1 and f"position {position}" in wrong.stderr
    # Whoever owns the database can switch the append-only triggers off: the chain shows it.
    conn = connect(pg_log)
    conn.execute("ALTER TABLE events DISABLE TRIGGER USER")
    conn.execute("UPDATE events SET data = replace(data, 'one!', 'ONE') WHERE position = "
                 "(SELECT MIN(position) FROM events WHERE data LIKE '%one!%')")
    conn.close()
    tampered = cli("verify", "--db", pg_log)
    assert tampered.returncode == 1 and "does not match its hash" in tampered.stderr


def test_verify_catches_a_missing_blob_on_postgresql(pg_log: str) -> None:
    conn = connect(pg_log)
    conn.execute("DELETE FROM blobs")
    conn.close()
    result = cli("verify", "--db", pg_log)
    assert result.returncode == 1 and "is missing" in result.stderr


def test_an_import_into_a_log_that_holds_events_is_refused(pg_log: str, tmp_path: Path) -> None:
    result = cli("import", "--db", pg_log, str(tmp_path / "source.ndjson"))
    assert result.returncode == 2 and "already holds events" in result.stderr


def test_history_reads_the_same_on_both_backends(sqlite_log: str, pg_log: str) -> None:
    for kind in ("task", "project"):
        on_pg = ok("history", "--db", pg_log, kind, "1")
        assert on_pg == ok("history", "--db", sqlite_log, kind, "1")
    assert "task.title: 'one' -> 'one!'" in ok("history", "--db", pg_log, "task", "1")


def test_replay_from_postgresql_to_sqlite_and_to_postgresql(pg_log: str,
                                                           tmp_path: Path) -> None:
    until = reader.head(connect(pg_log))[0] - 2
    to_sqlite = str(tmp_path / "past.db")
    ok("replay", "--db", pg_log, "--until", str(until), "--out", to_sqlite)
    with pg_location() as to_pg:
        ok("replay", "--db", pg_log, "--until", str(until), "--out", to_pg)
        prefix = list(reader.read_all(connect(pg_log), until=until))
        assert list(reader.read_all(connect(to_pg))) == prefix
        assert list(reader.read_all(connect(to_sqlite))) == prefix
        assert "OK" in ok("verify", "--db", to_pg)
        taken = cli("replay", "--db", pg_log, "--until", "1", "--out", to_pg)
        assert taken.returncode == 2 and "exists" in taken.stderr


def test_keys_and_the_token_are_managed_on_postgresql(pg_log: str) -> None:
    def tokens_set() -> int:
        return [row.type for row in reader.read_all(connect(pg_log))].count("ApplicationTokenSet")

    before = tokens_set()
    assert len(ok("token", "rotate", "--db", pg_log).strip()) >= 32
    assert tokens_set() == before + 1
    created = ok("keys", "create", "--db", pg_log, "--name", "ci", "--role", "editor")
    assert created.splitlines()[-1].startswith("lt_")
    listed = ok("keys", "list", "--db", pg_log)
    assert "ci" in listed and "active" in listed
    ok("keys", "revoke", "--db", pg_log, "1")
    assert "revoked" in ok("keys", "list", "--db", pg_log)
    assert "OK" in ok("verify", "--db", pg_log)


def test_an_unreachable_server_is_named_without_its_password() -> None:
    result = cli("head", "--db", "postgresql://boardlog:s3cret@127.0.0.1:1/none")
    assert result.returncode == 2 and "cannot connect to" in result.stderr
    assert "s3cret" not in result.stderr and "boardlog:***@127.0.0.1:1" in result.stderr


def test_a_location_without_a_log_is_no_database(pg: str) -> None:
    result = cli("verify", "--db", pg)
    assert result.returncode == 2 and "no database at" in result.stderr
    with psycopg.connect(PG_URL) as conn:  # and looking left nothing behind
        assert conn.execute("SELECT count(*) FROM pg_namespace WHERE nspname = %s",
                            (pg.rpartition("schema=")[2],)).fetchone()[0] == 0
