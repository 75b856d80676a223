"""PostgreSQL for the tests: the server `BOARDLOG_TEST_PG` names (a libpq URL, e.g.
postgresql://postgres@127.0.0.1:5432/test; `.ci/run` sets it), each store a schema of
its own, dropped after the test. Without the variable, PostgreSQL tests are skipped."""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from typing import Iterator

import pytest

PG_URL = os.environ.get("BOARDLOG_TEST_PG", "")
requires_pg = pytest.mark.skipif(not PG_URL, reason="BOARDLOG_TEST_PG is not set: no "
                                 "PostgreSQL to test against")


def new_schema() -> str:
    return f"boardlog_test_{uuid.uuid4().hex[:12]}"


def location_of(schema: str) -> str:
    """The location (as `--db` takes it) of a schema of the test server."""
    separator = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{separator}schema={schema}"


def drop_schema(schema: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True) as conn:
        conn.execute("SET lock_timeout = '20s'")  # a connection left open must not hang the run
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@contextmanager
def pg_location() -> Iterator[str]:
    """A fresh, empty location on the test server, dropped at the end."""
    schema = new_schema()
    try:
        yield location_of(schema)
    finally:
        drop_schema(schema)


class SchemaPerDirectory:
    """A test's stores kept "in a directory" (tests/integration/conftest.py's contract:
    the same directory opens the same store) as schemas of the test server named after
    the directory; `drop(directory)` removes one."""

    def __init__(self, open_store) -> None:
        self._open_store = open_store

    @staticmethod
    def location(directory) -> str:
        import hashlib

        return location_of("boardlog_test_" + hashlib.sha1(str(directory).encode()).hexdigest()[:16])

    def __call__(self, directory):
        return self._open_store(self.location(directory))

    def drop(self, directory) -> None:
        drop_schema(self.location(directory).rpartition("schema=")[2])
