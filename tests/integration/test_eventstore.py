"""The event log's contract: append-only, ordered, versioned per stream, hash-chained."""
from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from typing import Any

import pytest

from domain import commands as cmd
from domain.errors import Invalid
from eventstore import reader
from eventstore.schema import connect
from eventstore.sqlite import SqliteRecorder
from eventstore.verify import verify_chain
from eventstore.writer import Writer
from projections.projector import Projector, checkpoints
from projections.rebuild import check

# SQLite's own file, errors and triggers; on PostgreSQL the same behaviours are the recorder
# contract's and tests/integration/test_postgres.py's.
pytestmark = pytest.mark.sqlite_only


def check_projections(path: str) -> list:
    return check(path)[1]

META = {"actor": "test"}


async def seed(path: str) -> None:
    writer = Writer(SqliteRecorder.open(path), Projector())
    writer.start()
    try:
        await writer.execute(cmd.CreateProject(at=1, name="P"), META)
        await asyncio.gather(*[
            writer.execute(cmd.CreateTask(at=2, actor_id=0, title=f"t{i}",
                                                   project_id=1), META) for i in range(5)])
    finally:
        await writer.close()


@pytest.fixture
async def log(db_path: str) -> sqlite3.Connection:
    await seed(db_path)
    return connect(db_path)


def verify(db_path: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rpc.cli", "verify", "--db", db_path],
                          capture_output=True, text=True, timeout=60)


async def test_streams_are_versioned_and_positions_global(log: sqlite3.Connection) -> None:
    rows = list(reader.read_all(log))
    assert [r.position for r in rows] == list(range(1, len(rows) + 1))
    project_rows = [r for r in rows if r.stream_id == "project-1"]
    assert [r.stream_version for r in project_rows] == list(range(1, len(project_rows) + 1))
    assert {r.stream_id for r in rows if r.type == "TaskCreated"} == {f"task-{i}" for i in range(1, 6)}


async def test_every_event_carries_its_metadata(log: sqlite3.Connection) -> None:
    for row in reader.read_all(log):
        meta = row.meta()
        assert meta["actor"] == "test" and meta["command"]
        assert row.recorded_at.endswith("Z")


async def test_the_log_refuses_update_and_delete(log: sqlite3.Connection) -> None:
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        log.execute("UPDATE events SET data = '{}' WHERE position = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        log.execute("DELETE FROM events WHERE position = 1")


async def test_a_refused_command_fails_alone_in_its_batch(db_path: str) -> None:
    writer = Writer(SqliteRecorder.open(db_path), Projector())
    writer.start()
    try:
        await writer.execute(cmd.CreateProject(at=1, name="P"), META)
        good = cmd.CreateTask(at=1, actor_id=0, title="ok", project_id=1)
        bad = cmd.CreateTask(at=1, actor_id=0, title="", project_id=1)
        results: list[Any] = await asyncio.gather(
            writer.execute(good, META), writer.execute(bad, META), writer.execute(good, META),
            return_exceptions=True)
    finally:
        await writer.close()
    assert results[0] == 1 and isinstance(results[1], Invalid) and results[2] == 2
    conn = connect(db_path)
    assert conn.execute("SELECT COUNT(*) FROM tasks").fetchone()[0] == 2


async def test_projection_checkpoints_move_with_the_log(log: sqlite3.Connection) -> None:
    head = reader.head(log)[0]
    assert {pos for _, pos in checkpoints(log).values()} == {head}


async def test_a_clean_log_verifies(log: sqlite3.Connection, db_path: str) -> None:
    assert verify_chain(log).problem is None
    result = verify(db_path)
    assert result.returncode == 0, result.stderr
    assert "events checked" in result.stdout and "OK" in result.stdout


def _drop_guards(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("DROP TRIGGER events_no_delete")


@pytest.mark.parametrize("tamper, position", [
    ("UPDATE events SET data = replace(data, 'fields', 'fieldz') WHERE position = 9", 9),
    ("DELETE FROM events WHERE position = 4", 4),
    ("UPDATE events SET position = position + 100 WHERE position >= 7", 7),
])
async def test_verify_names_the_first_bad_position(log: sqlite3.Connection, db_path: str,
                                                   tamper: str, position: int) -> None:
    _drop_guards(log)
    log.execute(tamper)
    result = verify(db_path)
    assert result.returncode == 1
    assert f"position {position}" in result.stderr


async def test_verify_catches_an_inserted_row(log: sqlite3.Connection, db_path: str) -> None:
    _drop_guards(log)
    row = log.execute("SELECT * FROM events WHERE position = 8").fetchone()
    log.execute("UPDATE events SET position = position + 1000 WHERE position >= 8")
    log.execute("UPDATE events SET position = position - 999 WHERE position >= 1008")
    forged = (8, "task-99", 1, *row[3:])
    log.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?)", forged)
    result = verify(db_path)
    assert result.returncode == 1 and "position 8" in result.stderr


async def test_verify_catches_a_projection_that_differs_from_the_log(
        log: sqlite3.Connection, db_path: str) -> None:
    log.execute("UPDATE tasks SET doc_head = replace(doc_head, 't1', 'forged') WHERE key = 2")
    result = verify(db_path)
    assert result.returncode == 1 and "tasks: row 2" in result.stderr


async def test_a_command_from_another_process_is_folded_in(db_path: str) -> None:
    """The CLI writes while the server runs: the server's writer catches up, no collision."""
    first, second = Writer(SqliteRecorder.open(db_path), Projector()), None
    first.start()
    try:
        await first.execute(cmd.CreateProject(at=1, name="A"), META)
        second = Writer(SqliteRecorder.open(db_path), Projector())
        second.start()
        await second.execute(cmd.CreateProject(at=1, name="B"), META)
        assert await first.execute(cmd.CreateProject(at=1, name="C"), META) == 3
    finally:
        await first.close()
        if second:
            await second.close()
    assert verify_chain(connect(db_path)).problem is None


async def test_a_command_failing_mid_write_fails_alone_and_leaves_nothing(db_path: str) -> None:
    """A write error inside a group (here: a projection that cannot store one task) is
    retried command by command: the others commit, the failing one leaves no trace."""
    from eventstore.writer import StoreError

    class Fragile(Projector):
        def apply(self, conn, world, touched, position):
            if any(k == "task" and world.tasks.get(i) and world.tasks[i].row["title"] == "poison"
                   for k, i in touched):
                raise sqlite3.OperationalError("disk says no")
            super().apply(conn, world, touched, position)

    writer = Writer(SqliteRecorder.open(db_path), Fragile())
    writer.start()
    try:
        await writer.execute(cmd.CreateProject(at=1, name="P"), META)
        titles = ["a", "poison", "b"]
        results = await asyncio.gather(*[
            writer.execute(cmd.CreateTask(at=1, actor_id=0, title=t,
                                                   project_id=1), META) for t in titles],
            return_exceptions=True)
        assert await writer.execute(cmd.CreateTask(at=1, actor_id=0,
                                                            title="c", project_id=1),
                                    META) == 3
    finally:
        await writer.close()
    assert results[0] == 1 and isinstance(results[1], StoreError) and results[2] == 2
    conn = connect(db_path)
    titles_in_log = [r.event().fields["title"] for r in reader.read_all(conn)
                     if r.type == "TaskCreated"]
    assert titles_in_log == ["a", "b", "c"]
    assert verify_chain(conn).problem is None
    assert check_projections(db_path) == []
