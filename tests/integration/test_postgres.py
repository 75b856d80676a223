"""What only the PostgreSQL recorder has to show beyond the contract suite: TRUNCATE is
refused too, a NOTIFY per committed append, a failed statement fails the commit, and a
location's schema keeps its log apart from another's."""
from __future__ import annotations

from typing import Iterator

import psycopg
import pytest

from eventstore.backends import open_blobs, open_recorder
from eventstore.recorder import ChainKeyError, Recorder
from tests.integration.test_recorder_contract import append, token, user
from tests.pg_support import PG_URL, pg_location, requires_pg

pytestmark = requires_pg


@pytest.fixture
def location() -> Iterator[str]:
    with pg_location() as fresh:
        yield fresh


@pytest.fixture
def recorder(location: str) -> Iterator[Recorder]:
    opened = open_recorder(location)
    yield opened
    opened.close()


def test_truncate_is_refused_as_update_and_delete_are(recorder: Recorder) -> None:
    rows = append(recorder, user(1))
    with pytest.raises(psycopg.Error, match="append-only"):
        recorder.connection.execute("TRUNCATE events")
    assert list(recorder.read()) == rows


def test_each_committed_append_notifies_its_head_position(recorder: Recorder,
                                                          location: str) -> None:
    listener = psycopg.connect(PG_URL, autocommit=True)
    try:
        listener.execute("LISTEN boardlog_log")
        append(recorder, user(1), user(2))
        with pytest.raises(RuntimeError):
            with recorder.transaction() as txn:
                txn.append([user(3)], 2, {})
                raise RuntimeError("rolled back: no one hears of it")
        append(recorder, token("t"))
        heard = [n.payload for n in listener.notifies(timeout=10, stop_after=2)]
    finally:
        listener.close()
    assert heard == ["2", "3"]


def test_a_transaction_whose_statement_failed_does_not_pretend_to_commit(
        recorder: Recorder) -> None:
    heard: list = []
    recorder.subscribe(heard.append)
    with pytest.raises(psycopg.errors.InFailedSqlTransaction):
        with recorder.transaction() as txn:
            txn.append([user(1)], 0, {})
            try:
                txn.connection.execute("SELECT no_such_column FROM events")
            except psycopg.errors.UndefinedColumn:
                pass  # swallowed: PostgreSQL would now roll back at COMMIT, silently
    assert heard == [] and recorder.head().position == 0
    append(recorder, user(1))
    assert recorder.head().position == 1


def test_each_schema_holds_a_log_of_its_own(recorder: Recorder) -> None:
    append(recorder, user(1), user(2))
    with pg_location() as other:
        second = open_recorder(other)
        try:
            assert second.head().position == 0
            append(second, token("t"))
            assert [r.stream_id for r in second.read()] == ["app"]
        finally:
            second.close()
    assert recorder.head().position == 2


def test_a_keyed_log_refuses_to_open_without_its_key(location: str) -> None:
    key = b"k" * 32
    keyed = open_recorder(location, key)
    append(keyed, user(1))
    keyed.close()
    with pytest.raises(ChainKeyError, match="keyed"):
        open_recorder(location)
    open_recorder(location, key).close()


def test_blobs_live_in_the_locations_schema(location: str) -> None:
    store = open_blobs(location)
    digest = store.put(b"content")
    store.close()
    assert open_blobs(location).get(digest) == b"content"
    with pg_location() as other:
        assert not open_blobs(other).has(digest)
