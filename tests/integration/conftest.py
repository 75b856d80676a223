"""Every recorder backend the contract suite runs against.

A factory opens a recorder on the store kept in a directory: called twice with the same
directory, it opens the same store (as a second process would); one that has `drop`
removes the store after the test. Adding a backend is one entry here. PostgreSQL's runs
when BOARDLOG_TEST_PG names a server (tests/pg_support.py), and is skipped otherwise."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator

import pytest

from eventstore.recorder import Recorder
from eventstore.sqlite import SqliteRecorder
from tests.pg_support import SchemaPerDirectory, requires_pg


def _open_postgres(location: str) -> Recorder:
    from eventstore.postgres import PostgresRecorder

    return PostgresRecorder.open(location)


RecorderFactory = Callable[[Path], Recorder]

RECORDER_FACTORIES = [
    pytest.param(lambda directory: SqliteRecorder.open(str(directory / "log.db")), id="sqlite"),
    pytest.param(SchemaPerDirectory(_open_postgres), id="postgresql", marks=requires_pg),
]


@pytest.fixture(params=RECORDER_FACTORIES)
def open_recorder(request: pytest.FixtureRequest,
                  tmp_path: Path) -> Iterator[Callable[..., Recorder]]:
    """`open_recorder(store="main")` opens a recorder on a fresh store of that name (the
    same one again for the same name); all are closed after the test."""
    opened: list[Recorder] = []
    directories: set[Path] = set()

    def open_one(store: str = "main") -> Recorder:
        directory = tmp_path / store
        directory.mkdir(exist_ok=True)
        directories.add(directory)
        opened.append(request.param(directory))
        return opened[-1]

    yield open_one
    for recorder in opened:
        recorder.close()
    for directory in directories if hasattr(request.param, "drop") else ():
        request.param.drop(directory)


@pytest.fixture
def recorder(open_recorder: Callable[..., Recorder]) -> Recorder:
    return open_recorder()
