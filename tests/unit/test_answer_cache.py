"""rpc/answer_cache.py: which committed events retire which projects' cached answers."""
from __future__ import annotations

from types import SimpleNamespace

from eventstore.records import Recorded
from rpc.answer_cache import AnswerCache


def row(position: int, stream_id: str, type_: str = "TaskUpdated") -> Recorded:
    return Recorded(position, stream_id, 1, type_, 1, "{}", "{}", "", "")


def task(project_id: int) -> SimpleNamespace:
    return SimpleNamespace(row={"project_id": project_id})


class Counting:
    """The answers' computations, counted."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> list[int]:
        self.calls += 1
        return [self.calls]


def cache_over(world: SimpleNamespace) -> AnswerCache:
    cache = AnswerCache()
    cache.follow(lambda: world)
    return cache


def test_only_the_written_project_is_computed_again() -> None:
    world = SimpleNamespace(tasks={1: task(1), 2: task(2)})
    cache, one, two = cache_over(world), Counting(), Counting()
    cache.get("a", 1, 0, one), cache.get("b", 2, 0, two)
    world.tasks[3] = task(2)
    cache.on_events([row(1, "task-3", "TaskCreated"), row(2, "project-2", "ColumnAdded")])
    cache.get("a", 1, 2, one), cache.get("b", 2, 2, two)
    assert (one.calls, two.calls) == (1, 2)


def test_a_task_that_changed_project_retires_both() -> None:
    world = SimpleNamespace(tasks={1: task(1)})
    cache, one, two = cache_over(world), Counting(), Counting()
    cache.get("a", 1, 0, one), cache.get("b", 2, 0, two)
    world.tasks[1] = task(2)
    cache.on_events([row(1, "task-1", "TaskMoved")])  # moved without a cross-project type
    cache.get("a", 1, 1, one), cache.get("b", 2, 1, two)
    assert (one.calls, two.calls) == (2, 2)


def test_cross_project_events_and_other_streams_retire_everything() -> None:
    world = SimpleNamespace(tasks={1: task(1), 2: task(2)})
    for rows in ([row(1, "task-1", "TaskLinkCreated")], [row(1, "user-4", "UserUpdated")],
                 [row(1, "app", "LinkUpdated")], [row(1, "project-0", "TagUpdated")]):
        cache, one, two = cache_over(world), Counting(), Counting()
        cache.get("a", 1, 0, one), cache.get("b", 2, 0, two)
        cache.on_events(rows)
        cache.get("a", 1, 1, one), cache.get("b", 2, 1, two)
        assert (one.calls, two.calls) == (2, 2), rows


def test_an_answer_computed_before_a_write_is_not_served_after_it() -> None:
    world = SimpleNamespace(tasks={1: task(1)})
    cache, one = cache_over(world), Counting()
    cache.get("a", 1, 0, one)  # computed while the log was at 0
    cache.on_events([row(5, "task-1")])
    assert cache.get("a", 1, 5, one) == cache.get("a", 1, 5, one)
    assert one.calls == 2


def test_an_unfollowed_cache_retires_everything_at_each_write() -> None:
    cache, one = AnswerCache(), Counting()
    cache.get("a", 1, 0, one), cache.get("a", 1, 0, one), cache.get("a", 1, 3, one)
    assert one.calls == 2


def test_sign_ins_and_keys_retire_nothing() -> None:
    world = SimpleNamespace(tasks={1: task(1)})
    cache, one = cache_over(world), Counting()
    cache.get("a", 1, 0, one)
    cache.on_events([row(1, "user-3", "UserLoginFailed"), row(2, "apikey-1", "ApiKeyCreated")])
    cache.get("a", 1, 2, one)
    assert one.calls == 1
