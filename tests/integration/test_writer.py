"""The group-commit writer over every recorder backend: it knows the log only through
the recorder contract, so these hold for each backend alike."""
from __future__ import annotations

import asyncio
from typing import Any, Callable, cast

import pytest

from domain import commands as cmd
from domain.commands import Command, command
from domain.decision import DECIDERS
from domain.errors import DomainError, Invalid
from domain.events import TaskCreated, UserCreated
from domain.state import Key, World
from eventstore.fold import fold
from eventstore.recorder import NewEvent, Recorder
from eventstore.records import Recorded, encode
from eventstore.writer import StoreError, Writer

META = {"actor": "test"}


class NoProjections:
    def setup(self, conn: Any, world: World, position: int) -> None:
        pass

    def apply(self, conn: Any, world: World, touched: set[Key], position: int) -> None:
        pass

    def finish(self, conn: Any, position: int) -> None:
        pass


class PoisonedProjection(NoProjections):
    """Cannot store a task titled "poison" (as a full disk or a bad row would)."""

    def apply(self, conn: Any, world: World, touched: set[Key], position: int) -> None:
        if any(kind == "task" and world.tasks.get(i) and world.tasks[i].row["title"] == "poison"
               for kind, i in touched):
            raise OSError("disk says no")


@command
class Faulty(Command):
    """A command whose decider has a bug."""


def create_task(title: str) -> Command:
    return cmd.CreateTask(at=1, actor_id=0, title=title, project_id=1)


async def run_batch(writer: Writer, *commands: Command) -> list[Any]:
    """Queue the commands together, so they share one group commit."""
    return await asyncio.gather(*[writer.execute(c, META) for c in commands],
                                return_exceptions=True)


@pytest.fixture
async def writer(open_recorder: Callable[..., Recorder]):
    writer = Writer(open_recorder(), NoProjections())
    writer.start()
    await writer.execute(cmd.CreateProject(at=1, name="P"), META)
    yield writer
    await writer.close()


def titles(recorder: Recorder) -> list[str]:
    return [cast(TaskCreated, r.event()).fields["title"] for r in recorder.read()
            if r.type == "TaskCreated"]


async def test_a_faulty_decision_fails_alone_as_an_error_not_a_refusal(
        writer: Writer, open_recorder: Callable[..., Recorder],
        monkeypatch: pytest.MonkeyPatch) -> None:
    def faulty(world: World, command: Faulty) -> None:
        raise TypeError("a bug in a decision")

    monkeypatch.setitem(DECIDERS, Faulty, faulty)
    results = await run_batch(writer, create_task("a"), Faulty(),
                              create_task(""), create_task("b"))
    assert results[0] == 1 and results[3] == 2
    assert isinstance(results[1], TypeError) and not isinstance(results[1], DomainError)
    assert isinstance(results[2], Invalid)  # a refusal stays a refusal
    log = open_recorder()
    assert titles(log) == ["a", "b"]
    assert writer.world == fold(log).world  # nothing of the faulty command in the world


async def test_a_write_failure_fails_only_its_command(open_recorder: Callable[..., Recorder]
                                                     ) -> None:
    writer = Writer(open_recorder(), PoisonedProjection())
    writer.start()
    try:
        await writer.execute(cmd.CreateProject(at=1, name="P"), META)
        results = await run_batch(writer, create_task("a"), create_task("poison"),
                                  create_task("b"))
        assert await writer.execute(create_task("c"), META) == 3
    finally:
        await writer.close()
    assert results[0] == 1 and isinstance(results[1], StoreError) and results[2] == 2
    log = open_recorder()
    assert titles(log) == ["a", "b", "c"]
    assert writer.world == fold(log).world


async def test_what_another_process_appends_is_folded_in_and_announced(
        writer: Writer, open_recorder: Callable[..., Recorder]) -> None:
    heard: list[Recorded] = []
    writer.listeners.append(heard.extend)
    other = open_recorder()
    with other.transaction() as txn:
        txn.append([NewEvent.of(UserCreated(7, "seven", "x", None, None, "app-user"),
                                encode(META))], txn.head.position, other.stream_versions())
    await writer.sync()
    assert writer.world.users[7]["username"] == "seven"
    assert [r.type for r in heard] == ["UserCreated"]
    assert await writer.execute(create_task("after"), META) == 1
    assert writer.position == other.head().position


@pytest.mark.parametrize("way", ["catch_up", "reach"])
async def test_a_read_only_catch_up_folds_in_what_another_process_appends(
        writer: Writer, open_recorder: Callable[..., Recorder], way: str) -> None:
    """Without a write transaction: the world, the listeners and `committed` follow
    the log, and the writer's next command is decided against it."""
    heard: list[Recorded] = []
    writer.listeners.append(heard.extend)
    other = open_recorder()
    with other.transaction() as txn:
        txn.append([NewEvent.of(UserCreated(7, "seven", "x", None, None, "app-user"),
                                encode(META))], txn.head.position, other.stream_versions())
    head = other.head().position
    await (writer.catch_up() if way == "catch_up" else writer.reach(head))
    assert writer.world.users[7]["username"] == "seven"
    assert [r.type for r in heard] == ["UserCreated"]
    assert writer.committed == writer.position == head
    await writer.reach(head)  # already there: nothing more folded or announced
    assert len(heard) == 1
    with pytest.raises(DomainError):  # the name is taken, as the other process decided
        await writer.execute(cmd.CreateUser(username="seven", password_hash="x", name=None,
                                            email=None, role="app-user"), META)


async def test_commands_arriving_a_loop_pass_apart_share_one_group_commit(
        writer: Writer) -> None:
    """A loaded server's requests reach the writer a few event-loop passes apart (each
    handler takes some steps from its bytes to its command): the writer waits while
    each pass brings more, so they share one commit and its fsync, rather than the
    first committing alone and the rest after it."""
    commits: list[int] = []
    writer.listeners.append(lambda rows: commits.append(len(rows)))

    async def after_passes(passes: int, title: str) -> Any:
        for _ in range(passes):
            await asyncio.sleep(0)
        return await writer.execute(create_task(title), META)

    assert await asyncio.gather(*[after_passes(n, t) for n, t in enumerate("abc")]) \
        == [1, 2, 3]
    assert commits == [3]


async def _colour_on_create(writer: Writer, color: str) -> None:
    await writer.execute(cmd.CreateAction(project_id=1, event_name="task.create",
                                          action_name="\\Kanboard\\Action\\TaskAssignColorColumn",
                                          params={"column_id": 1, "color_id": color}), META)


async def test_consequences_commit_with_their_cause_in_one_group(
        writer: Writer, open_recorder: Callable[..., Recorder]) -> None:
    """Two creates in one group commit, each painted by the action: every consequence
    follows its own cause in the log and names it."""
    await _colour_on_create(writer, "red")
    head = writer.position
    assert await run_batch(writer, create_task("a"), create_task("b")) == [1, 2]
    rows = list(open_recorder().read(after=head))
    assert [(r.type, r.stream_id, r.meta().get("causation_id")) for r in rows] == [
        ("TaskCreated", "task-1", None), ("TaskUpdated", "task-1", head + 1),
        ("TaskCreated", "task-2", None), ("TaskUpdated", "task-2", head + 3)]
    assert writer.world == fold(open_recorder()).world
    assert {t.row["color_id"] for t in writer.world.tasks.values()} == {"red"}


async def test_a_refused_consequence_leaves_its_cause_standing(
        writer: Writer, open_recorder: Callable[..., Recorder]) -> None:
    """An action whose update is refused (an unknown category here) does nothing;
    the create that fired it commits."""
    await writer.execute(cmd.CreateAction(
        project_id=1, event_name="task.create",
        action_name="\\Kanboard\\Action\\TaskAssignCategorySwimlaneChange",
        params={"swimlane_id": 1, "category_id": 99}), META)
    assert await writer.execute(create_task("a"), META) == 1
    assert writer.world.tasks[1].row["category_id"] == 0
    assert titles(open_recorder()) == ["a"]
    assert writer.world == fold(open_recorder()).world


class PoisonedTitles(NoProjections):
    """Cannot store a task (or its comment) once its title says "poison", as a row the
    database refuses would: the failure comes after the command was folded."""

    def apply(self, conn: Any, world: World, touched: set[Key], position: int) -> None:
        for kind, i in touched:
            task = world.tasks.get(i) if kind == "task" else None
            if task is not None and task.row["title"].startswith("poison"):
                raise OverflowError("Python int too large to convert to SQLite INTEGER")


async def test_a_failing_command_in_a_group_is_undone_alone_without_reloading(
        open_recorder: Callable[..., Recorder], monkeypatch: pytest.MonkeyPatch) -> None:
    """The poisoned update changes a task that others in the same group also change
    (moved, commented, retitled): only its own effect is taken back, and the world is
    the log's, though nothing was folded from the log again."""
    writer = Writer(open_recorder(), PoisonedTitles())
    writer.start()
    try:
        await writer.execute(cmd.CreateProject(at=1, name="P"), META)
        for title in ("a", "b", "c"):
            await writer.execute(create_task(title), META)

        def no_reload(*args: Any) -> None:
            raise AssertionError("the writer reloaded the world from the log")

        monkeypatch.setattr(Writer, "_load", no_reload)
        monkeypatch.setattr("eventstore.writer.fold", no_reload)
        results = await run_batch(
            writer,
            cmd.MoveTask(project_id=1, task_id=1, column_id=2, position=1, swimlane_id=1, at=2),
            cmd.UpdateTask(task_id=2, title="poison", at=2),
            cmd.CreateComment(task_id=2, user_id=0, content="kept", at=2),
            cmd.UpdateTask(task_id=2, title="b2", at=2),
            create_task("poison too"),
            create_task("d"))
        assert results[0] is True and results[2] == 1 and results[3] is True
        assert isinstance(results[1], StoreError) and isinstance(results[4], StoreError)
        assert results[5] == 4
        assert await writer.execute(create_task("e"), META) == 5
    finally:
        await writer.close()
    log = open_recorder()
    assert titles(log) == ["a", "b", "c", "d", "e"]
    assert writer.world == fold(log).world
    assert writer.world.tasks[2].row["title"] == "b2" and writer.world.tasks[2].comment_ids


async def test_a_failed_commit_undoes_the_whole_batch_in_the_world(
        writer: Writer, open_recorder: Callable[..., Recorder],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """COMMIT itself failing (a full disk): no command of the batch stays in the world."""
    await writer.execute(create_task("a"), META)
    recorder = writer._recorder
    real_commit = type(recorder)._commit

    def failing_commit(self: Recorder, txn: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(type(recorder), "_commit", failing_commit)
    results = await run_batch(writer, create_task("b"),
                              cmd.UpdateTask(task_id=1, title="a2", at=2))
    assert all(isinstance(r, StoreError) for r in results)
    monkeypatch.setattr(type(recorder), "_commit", real_commit)
    assert await writer.execute(create_task("c"), META) == 2
    assert titles(open_recorder()) == ["a", "c"]
    assert writer.world == fold(open_recorder()).world
