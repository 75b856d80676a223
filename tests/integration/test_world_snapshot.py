"""World snapshots: a restart reads the newest usable snapshot and the events after it,
and ends with the world a full fold gives; a snapshot that does not fit is ignored."""
from __future__ import annotations

import asyncio
import dataclasses
import random
from typing import Callable

import pytest

from bench.generate_log import META, Mix
import domain.decide  # noqa: F401  (registers the decisions)
from domain import commands as cmd, rows
from domain.decision import decide
from domain.evolve import apply
from domain.state import World
from eventstore import world_snapshot
from eventstore.fold import fold
from eventstore.recorder import Recorder
from eventstore.writer import Snapshots, Writer
from tests.integration.test_writer import NoProjections
from tests.unit.test_rows import bytes_per_row

OpenRecorder = Callable[..., Recorder]


async def write_mix(writer: Writer, commands: int, seed: int = 3) -> None:
    """Users, projects, tasks, moves, updates, comments, subtasks, closes: a varied world."""
    mix = Mix(random.Random(seed), projects=2, tasks_per_project=15)
    for command in mix.setup_commands() + mix.members():
        await writer.execute(command, META)
    mix.columns = {p: list(writer.world.projects[p].column_order) for p in (1, 2)}
    for _ in range(commands // 8):
        batch = [mix.next(1_700_000_000) for _ in range(8)]
        results = await asyncio.gather(*(writer.execute(c, META) for c in batch),
                                       return_exceptions=True)
        for command, result in zip(batch, results):
            mix.record(command, result)


async def written(recorder: Recorder, commands: int, snapshots: Snapshots) -> int:
    writer = Writer(recorder, NoProjections(), snapshots)
    writer.start()
    try:
        await write_mix(writer, commands)
    finally:
        await writer.close()
    return writer.position


async def appended(recorder: Recorder, tasks: int) -> int:
    """More tasks in project 1, written without keeping a snapshot."""
    writer = Writer(recorder, NoProjections(), Snapshots(every=10**9, on_close=False))
    writer.start()
    try:
        for n in range(tasks):
            await writer.execute(cmd.CreateTask(at=1, actor_id=0, project_id=1,
                                                title=f"past the snapshot {n}"), META)
    finally:
        await writer.close()
    return writer.position


def restarted(recorder: Recorder) -> Writer:
    return Writer(recorder, NoProjections())


def keep(recorder: Recorder, snapshot: world_snapshot.WorldSnapshot) -> None:
    with recorder.transaction() as txn:
        txn.keep_snapshot(snapshot)


def assert_as_full_fold(writer: Writer, recorder: Recorder) -> None:
    assert writer.world == fold(recorder).world
    assert dict(writer._versions) == recorder.stream_versions()


@pytest.mark.parametrize("in_background", [True, False], ids=["forked", "in-transaction"])
async def test_a_restart_between_snapshots_is_the_full_fold(open_recorder: OpenRecorder,
                                                            in_background: bool) -> None:
    """Snapshots every 40 events (made by a forked copy of the process while writes go
    on, or in the transaction that reaches them), none at the stop: the restart starts
    from the last one and folds the events after it, and writes on from there."""
    await written(open_recorder(), 240, Snapshots(every=40, on_close=False,
                                                  in_background=in_background))
    # the last snapshot may fall on the last write (a forked one is kept at the stop):
    # a few writes that keep none put events after it whatever the timing
    head = await appended(open_recorder(), 3)
    recorder = open_recorder()
    kept = recorder.latest_snapshot()
    assert kept is not None and 0 < kept.position < head
    writer = restarted(recorder)
    assert writer.snapshot_position == kept.position
    assert_as_full_fold(writer, recorder)
    writer.start()
    try:  # the stream versions read from the snapshot continue the log
        task_id = await writer.execute(cmd.CreateTask(at=1, actor_id=0, project_id=1, title="after"), META)
        await writer.execute(cmd.UpdateTask(at=2, task_id=1, title="renamed after"), META)
    finally:
        await writer.close()
    assert writer.world.tasks[task_id].row["title"] == "after"
    again = restarted(open_recorder())
    assert again.snapshot_position == writer.position  # the clean stop kept one at the head
    assert_as_full_fold(again, open_recorder())


async def test_a_clean_stop_keeps_a_snapshot_at_the_head(open_recorder: OpenRecorder) -> None:
    head = await written(open_recorder(), 120, Snapshots(every=10**9))
    recorder = open_recorder()
    assert recorder.latest_snapshot().position == head
    writer = restarted(recorder)
    assert writer.snapshot_position == head
    assert_as_full_fold(writer, recorder)


async def test_a_snapshot_of_another_log_is_ignored(open_recorder: OpenRecorder) -> None:
    """A snapshot whose position holds another hash in this log (another history), or
    lies past this log's head, is not used: the whole log is folded."""
    await written(open_recorder("other"), 200, Snapshots(every=10**9))
    foreign = open_recorder("other").latest_snapshot()
    await written(open_recorder(), 300, Snapshots(on_close=False))  # another seed of history
    recorder = open_recorder()
    keep(recorder, foreign)
    writer = restarted(recorder)
    assert writer.snapshot_position == 0
    assert_as_full_fold(writer, recorder)
    keep(recorder, dataclasses.replace(foreign, position=recorder.head().position + 5))
    assert restarted(recorder).snapshot_position == 0


async def _kept_and_valid(open_recorder: OpenRecorder) -> tuple[Recorder,
                                                                  world_snapshot.WorldSnapshot]:
    await written(open_recorder(), 120, Snapshots(every=10**9))
    recorder = open_recorder()
    snapshot = recorder.latest_snapshot()
    assert restarted(recorder).snapshot_position == snapshot.position  # it is usable as is
    return recorder, snapshot


@pytest.mark.parametrize("spoil", ["version", "bytes", "truncated", "digest"])
async def test_a_foreign_or_corrupt_snapshot_is_ignored(open_recorder: OpenRecorder,
                                                        spoil: str) -> None:
    recorder, good = await _kept_and_valid(open_recorder)
    if spoil == "version":  # made by other code, with a digest that fits it
        version = good.version.replace("world-", "world-0")
        bad = world_snapshot.WorldSnapshot(good.position, good.hash, version, world_snapshot._digest(
            good.position, good.hash, version, good.data, None), good.data)
    elif spoil == "bytes":
        middle = len(good.data) // 2
        data = good.data[:middle] + bytes([good.data[middle] ^ 1]) + good.data[middle + 1:]
        bad = dataclasses.replace(good, data=data)
    elif spoil == "truncated":  # even with a digest that fits the bytes, they do not load
        data = good.data[: len(good.data) // 3]
        bad = dataclasses.replace(good, data=data, digest=world_snapshot._digest(
            good.position, good.hash, good.version, data, None))
    else:
        bad = dataclasses.replace(good, digest="0" * 64)
    keep(recorder, bad)
    writer = restarted(recorder)
    assert writer.snapshot_position == 0
    assert_as_full_fold(writer, recorder)


async def test_a_snapshot_is_read_only_under_the_key_it_was_made_with() -> None:
    """Under a chain key the digest is an HMAC: whoever can write the file but lacks the
    key cannot plant a world that a keyed server would load."""
    world = fold_world()
    made = world_snapshot.make(world, {"user-1": 1}, 1, "h", key=b"k" * 32)
    assert world_snapshot.read(made, "h", key=b"k" * 32) == (world, {"user-1": 1})
    assert world_snapshot.read(made, "h", key=b"x" * 32) is None
    assert world_snapshot.read(made, "h", key=None) is None
    unkeyed = world_snapshot.make(world, {}, 1, "h")
    assert world_snapshot.read(unkeyed, "h", key=b"k" * 32) is None


def fold_world():
    from domain.state import World
    world = World()
    world.users[1] = {"id": 1, "username": "one"}
    return world


async def test_a_snapshot_that_cannot_be_made_costs_no_write(
        open_recorder: OpenRecorder, monkeypatch: pytest.MonkeyPatch) -> None:
    """Making a snapshot fails (say the world holds something marshal cannot store): the
    group commit it was part of stands, and the next start folds the log."""
    def cannot(*args, **kwargs):
        raise ValueError("unmarshallable object")

    monkeypatch.setattr(world_snapshot, "dump", cannot)
    head = await written(open_recorder(), 80, Snapshots(every=10))
    recorder = open_recorder()
    assert head > 10 and recorder.latest_snapshot() is None
    writer = restarted(recorder)
    assert writer.snapshot_position == 0 and writer.position == head
    assert_as_full_fold(writer, recorder)


async def test_comments_and_subtasks_come_back_as_the_rows_they_were(
        open_recorder: OpenRecorder) -> None:
    """They are stored column by column and loaded as rows that share their keys: equal
    to the full fold's, as small as such rows are (tests/unit/test_rows.py), and still
    ordinary dicts to change."""
    await written(open_recorder(), 240, Snapshots(every=10**9))
    writer = restarted(open_recorder())
    assert writer.snapshot_position == writer.position
    assert_as_full_fold(writer, open_recorder())
    world = writer.world
    assert world.comments and world.subtasks
    for table, shape in ((world.comments, rows.COMMENT), (world.subtasks, rows.SUBTASK)):
        assert all(type(row) is dict and tuple(row) == shape.names for row in table.values())
        assert bytes_per_row(lambda: table[next(iter(table))].copy()) < 0.7 * bytes_per_row(
            lambda: dict(table[next(iter(table))]))
    comment_id, comment = next(iter(world.comments.items()))
    comment["comment"] = "changed"
    assert world.comments[comment_id] == {**comment, "comment": "changed"}


def test_rows_of_another_shape_are_kept_as_they_are() -> None:
    """A world folded by older code may hold comments with other keys: the snapshot keeps
    them (and every other row) as they were."""
    from domain.state import World
    world = World()
    world.comments[1] = {"id": 1, "task_id": 1, "comment": "older, fewer keys"}
    world.comments[2] = rows.COMMENT.make(
        id=2, task_id=1, user_id=0, date_creation=5, date_modification=5, comment="now",
        reference="", visibility="app-user")
    world.subtasks[3] = rows.SUBTASK.make(id=3, title="s", status=0, time_estimated=0,
                                          time_spent=0, task_id=1, user_id=0, position=1)
    for share in (False, True):
        made = world_snapshot.make(world, {}, 1, "h", share=share)
        loaded, _ = world_snapshot.read(made, "h")
        assert loaded.comments == world.comments and list(loaded.comments) == [1, 2]
        assert loaded.subtasks == world.subtasks


async def test_a_stops_snapshot_holds_equal_texts_once(open_recorder: OpenRecorder) -> None:
    """The stop's snapshot (share=True) loads equal values as one object: a comment
    pasted twice, whatever its length."""
    await written(open_recorder(), 240, Snapshots(every=10**9))
    world = restarted(open_recorder()).world
    pasted = "the same long comment, pasted on two tasks " * 3
    first, second = list(world.comments.values())[:2]
    first["comment"], second["comment"] = pasted, "".join(reversed(pasted))[::-1]
    for share in (False, True):
        loaded, _ = world_snapshot.read(world_snapshot.make(world, {}, 1, "h", share=share), "h")
        assert loaded == world
        texts = [row["comment"] for row in loaded.comments.values() if row["comment"] == pasted]
        assert (texts[0] is texts[1]) == share


def test_a_stops_snapshot_holds_the_order_keys_of_cells_alike_once() -> None:
    """Cells of one size are keyed alike (order_keys.spread_keys): the stop's snapshot
    loads each key once, for the tasks and their cells' orders alike."""
    world = World()
    run(world, cmd.CreateUser(username="a", password_hash="h", role="app-user"))
    for project in (1, 2):
        run(world, cmd.CreateProject(at=1, name=f"P{project}"))
    for _ in range(70):  # more than one character of keys
        for project in (1, 2):
            run(world, cmd.CreateTask(at=1, actor_id=0, title="t", project_id=project))
    for project in (1, 2):  # a move keys the cell
        row = world.tasks[min(world.projects[project].task_ids)].row
        run(world, cmd.MoveTask(project_id=project, task_id=row["id"], position=3,
                                column_id=row["column_id"], swimlane_id=row["swimlane_id"],
                                at=2))
    for share in (False, True):
        loaded, _ = world_snapshot.read(world_snapshot.make(world, {}, 1, "h", share=share), "h")
        assert loaded == world
        keys = [task.order_key for task in loaded.tasks.values()]
        assert len(set(keys)) < len(keys)
        assert (len({id(k) for k in keys}) == len(set(keys))) == share
        assert all(loaded.tasks[t].order_key is key for cell in loaded.keyed.values()
                   for key, t in cell)


def run(world: World, command: cmd.Command) -> None:
    for event in decide(world, command).events:
        apply(world, event)
