"""The recorder contract, run against every backend (see conftest.RECORDER_FACTORIES)."""
from __future__ import annotations

import threading
from typing import Callable

import pytest

from domain.events import ApplicationTokenSet, UserCreated, UserUpdated
from eventstore.recorder import ConcurrencyError, Head, NewEvent, Recorder
from eventstore.records import GENESIS_HASH, Recorded, encode
from eventstore.verify import verify_rows

META = encode({"actor": "test"})


def user(user_id: int) -> NewEvent:
    return NewEvent.of(UserCreated(user_id, f"u{user_id}", "x", None, None, "app-user"), META)


def rename(user_id: int, name: str) -> NewEvent:
    return NewEvent.of(UserUpdated(user_id, {"name": name}), META)


def token(value: str) -> NewEvent:
    return NewEvent.of(ApplicationTokenSet(value), META)


def append(recorder: Recorder, *events: NewEvent) -> list[Recorded]:
    """Append in a transaction of its own, at the head and versions the log has now."""
    with recorder.transaction() as txn:
        return txn.append(events, txn.head.position, recorder.stream_versions())


def test_appended_events_read_back_as_they_were_given(recorder: Recorder) -> None:
    appended = append(recorder, user(1), token("t"))
    rows = list(recorder.read())
    assert rows == appended
    assert [(r.stream_id, r.type, r.schema_version, r.data, r.metadata) for r in rows] == [
        (e.stream_id, e.type, e.schema_version, e.data, e.metadata) for e in (user(1), token("t"))]
    assert rows[0].event() == UserCreated(1, "u1", "x", None, None, "app-user")
    assert [(p, e) for p, e in recorder.read_events()] == [(r.position, r.event()) for r in rows]


def test_positions_are_gapless_and_ordered_across_transactions(recorder: Recorder) -> None:
    append(recorder, user(1), user(2))
    append(recorder, rename(1, "a"))
    append(recorder, rename(2, "b"), token("t"))
    rows = list(recorder.read())
    assert [r.position for r in rows] == [1, 2, 3, 4, 5]
    assert [(r.stream_id, r.stream_version) for r in rows] == [
        ("user-1", 1), ("user-2", 1), ("user-1", 2), ("user-2", 2), ("app", 1)]
    assert recorder.stream_versions() == {"user-1": 2, "user-2": 2, "app": 1}
    assert recorder.stream_versions(until=2) == {"user-1": 1, "user-2": 1}


def test_a_taken_stream_version_raises_and_writes_nothing(recorder: Recorder) -> None:
    append(recorder, user(1))
    with recorder.transaction() as txn:
        with pytest.raises(ConcurrencyError):
            # user-2 alone would fit; user-1 at expected version 0 is already taken
            txn.append([user(2), rename(1, "late")], 1, {})
        assert txn.head.position == 1
    assert [r.stream_id for r in recorder.read()] == ["user-1"]
    assert recorder.head().position == 1


def test_a_stale_expected_head_raises_and_writes_nothing(open_recorder: Callable[..., Recorder]
                                                        ) -> None:
    first, second = open_recorder(), open_recorder()
    append(first, user(1))
    with pytest.raises(ConcurrencyError):
        with second.transaction() as txn:  # its caller still believes the log is empty
            txn.append([user(2)], 0, {})
    assert [r.stream_id for r in second.read()] == ["user-1"]


def test_reads_one_or_more_streams_in_log_order(recorder: Recorder) -> None:
    append(recorder, user(1), user(2), token("t"), rename(1, "a"), rename(2, "b"))
    assert [r.position for r in recorder.read_streams(["user-1"])] == [1, 4]
    assert [r.position for r in recorder.read_streams(["user-2", "user-1"])] == [1, 2, 4, 5]
    assert [r.position for r in recorder.read_streams(["user-1", "user-2"], after=1, until=4)
            ] == [2, 4]
    assert recorder.read_streams(["user-9"]) == []


def test_reads_from_a_position_in_pages(recorder: Recorder) -> None:
    append(recorder, *(user(i) for i in range(1, 12)))
    assert [r.position for r in recorder.read(after=3, page=4)] == list(range(4, 12))
    assert [r.position for r in recorder.read(after=3, until=6, page=2)] == [4, 5, 6]
    assert [p for p, _ in recorder.read_events(after=9)] == [10, 11]
    assert list(recorder.read(after=11)) == []


def test_the_head_is_the_last_position_and_its_chained_hash(recorder: Recorder) -> None:
    assert recorder.head() == Head(0, GENESIS_HASH)
    append(recorder, user(1), user(2))
    rows = append(recorder, token("t"))
    assert recorder.head() == Head(3, rows[-1].hash)
    assert recorder.head(until=2) == Head(2, list(recorder.read())[1].hash)
    assert verify_rows(recorder.read()).problem is None


def test_reads_inside_a_transaction_see_its_appends(recorder: Recorder) -> None:
    with recorder.transaction() as txn:
        txn.append([user(1)], 0, {})
        assert txn.head.position == 1 and recorder.head() == txn.head
        assert [r.stream_id for r in recorder.read()] == ["user-1"]


def test_subscribers_hear_of_commits_only(recorder: Recorder) -> None:
    heard: list[list[Recorded]] = []
    recorder.subscribe(heard.append)
    with recorder.transaction() as txn:
        rows = txn.append([user(1)], 0, {})
        assert heard == []  # not before COMMIT
    assert heard == [rows]
    with pytest.raises(RuntimeError):
        with recorder.transaction() as txn:
            txn.append([user(2)], 1, {"user-1": 1})
            raise RuntimeError("rolled back")
    assert heard == [rows] and recorder.head().position == 1


def test_a_rolled_back_savepoint_keeps_the_earlier_appends(recorder: Recorder) -> None:
    heard: list[list[Recorded]] = []
    recorder.subscribe(heard.append)
    with recorder.transaction() as txn:
        kept = txn.append([user(1)], 0, {})
        with pytest.raises(RuntimeError):
            with txn.savepoint():
                txn.append([user(2)], 1, {"user-1": 1})
                raise RuntimeError("undo this command only")
        assert txn.head == Head(1, kept[0].hash)
        later = txn.append([token("t")], 1, {"user-1": 1})
    assert [r.stream_id for r in recorder.read()] == ["user-1", "app"]
    assert heard == [kept + later]
    assert verify_rows(recorder.read()).problem is None


def test_copied_rows_keep_their_hashes(open_recorder: Callable[..., Recorder]) -> None:
    source = open_recorder("source")
    append(source, user(1), token("t"))
    rows = list(source.read())
    target = open_recorder("target")
    with target.transaction() as txn:
        assert txn.copy(rows) == rows
    assert list(target.read()) == rows and target.head() == source.head()
    with pytest.raises(ConcurrencyError):  # they no longer continue the target's log
        with target.transaction() as txn:
            txn.copy(rows)
    assert list(target.read()) == rows


def test_the_log_refuses_to_change_or_remove_a_row(recorder: Recorder) -> None:
    rows = append(recorder, user(1), token("t"))
    conn = recorder.connection
    for statement in ("UPDATE events SET data = '{}' WHERE position = 1",
                      "DELETE FROM events WHERE position = 2", "DELETE FROM events"):
        with pytest.raises(conn.Error, match="append-only"):
            conn.execute(statement)
    assert list(recorder.read()) == rows


def test_appenders_on_two_connections_interleave_into_one_gapless_chain(
        open_recorder: Callable[..., Recorder]) -> None:
    """Two writers (as two processes would be) appending at once: each transaction sees
    the other's commits under the log's write lock, so none conflicts and no position is
    skipped or taken twice."""
    recorders = [open_recorder(), open_recorder()]

    def appends(recorder: Recorder, first_user: int) -> None:
        for user_id in range(first_user, first_user + 40):
            with recorder.transaction() as txn:
                txn.append([user(user_id), rename(user_id, "x")], txn.head.position, {})

    threads = [threading.Thread(target=appends, args=(r, 1 + 1000 * i))
               for i, r in enumerate(recorders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rows = list(recorders[0].read())
    assert [r.position for r in rows] == list(range(1, 161))
    assert {r.stream_id for r in rows} == {f"user-{n}" for n in (*range(1, 41),
                                                               *range(1001, 1041))}
    assert verify_rows(rows).problem is None and recorders[1].head() == recorders[0].head()
