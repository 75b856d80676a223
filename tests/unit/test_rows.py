"""Rows that share their keys (domain.rows): ordinary dicts to every reader and writer,
and smaller than the plain dicts they replace."""
from __future__ import annotations

import marshal
import tracemalloc
from typing import Callable

import orjson
import pytest

from domain.journal import Journal
from domain.rows import COMMENT, SUBTASK, RowShape
from domain.state import World

def bytes_per_row(make: Callable[[], dict], count: int = 2000) -> float:
    """What `count` rows allocate, per row (their values are shared: only the dicts)."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = [make() for _ in range(count)]
        return (tracemalloc.get_traced_memory()[0] - before) / len(kept)
    finally:
        tracemalloc.stop()


VALUES = dict(id=7, title="a subtask", status=0, time_estimated=1.5, time_spent=0,
              task_id=3, user_id=2, position=1)


def test_a_shared_row_is_an_ordinary_dict_only_smaller() -> None:
    row = SUBTASK.make(**VALUES)
    plain = dict(VALUES)
    assert type(row) is dict and row == plain and list(row) == list(plain)
    assert orjson.dumps(row) == orjson.dumps(plain)
    assert marshal.loads(marshal.dumps(row)) == plain
    row["status"] = 2
    row.update(time_spent=3)
    assert row == {**plain, "status": 2, "time_spent": 3}
    row["extra"] = 1
    del row["title"]
    assert "title" not in row and row["extra"] == 1


def test_a_shared_row_takes_about_half_the_memory_of_a_plain_dict() -> None:
    def changed() -> dict:
        row = SUBTASK.make(**VALUES)
        row.update(status=2, time_spent=3)  # changed values keep it small
        return row

    plain = bytes_per_row(lambda: dict(VALUES))
    assert bytes_per_row(lambda: SUBTASK.make(**VALUES)) < 0.7 * plain
    assert bytes_per_row(changed) < 0.7 * plain
    assert bytes_per_row(lambda: SUBTASK.make(**VALUES).copy()) < 0.7 * plain


def test_a_row_of_other_keys_is_left_as_it_is() -> None:
    other = {"id": 1, "comment": "fewer keys"}
    assert COMMENT.of(other) is other
    reordered = dict(reversed(VALUES.items()))
    assert SUBTASK.of(reordered) is reordered
    assert SUBTASK.of(dict(VALUES)) == VALUES


def test_the_journal_undoes_a_change_to_a_shared_row() -> None:
    world = World()
    world.subtasks[7] = SUBTASK.make(**VALUES)
    journal = Journal(world)
    with journal.recording():
        world.subtasks[7]["status"] = 2
    journal.undo(0)
    assert world.subtasks[7] == VALUES


def test_a_shape_needs_names_a_class_can_hold() -> None:
    with pytest.raises(ValueError):
        RowShape("bad", ("id", "class"))
    with pytest.raises(ValueError):
        RowShape("wide", tuple(f"f{i}" for i in range(40)))
