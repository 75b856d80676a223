"""Kanboard positions derived from order keys, against the renumbering they replace.

Today's moves append one TaskMoved (v2, with an order key); logs written before appended
a TaskMoved v1 plus one TaskRepositioned per renumbered sibling. Both must fold to the
same positions after any mix of creates, moves, closes, reopens, removals and moves to
another project, and an old log continued by today's code must too.
"""
from __future__ import annotations

from typing import Any

from hypothesis import example, given, settings, strategies as st

from domain import events as ev
from domain.decide.tasks import move_events
from domain.evolve import apply
from domain.evolve.ordering import defer_renumbering, settle_all
from domain.state import Cell, World
from domain.upcasters import upcast

PROJECTS = {1: (1, (1, 2)), 2: (2, (3,))}  # project: (swimlane, columns)


def board() -> World:
    world = World()
    for project_id, (swimlane_id, columns) in PROJECTS.items():
        apply(world, ev.ProjectCreated(project_id, f"P{project_id}", None, 0, "", "", "", 0,
                                       0, 3, None, 0, 1))
        apply(world, ev.SwimlaneAdded(project_id, swimlane_id, "Default swimlane", ""))
        for column_id in columns:
            apply(world, ev.ColumnAdded(project_id, column_id, f"C{column_id}", 0, ""))
    return world


def v1_move_events(world: World, task_id: int, target: Cell, position: int,
                   at: int) -> list[ev.Event]:
    """The moves of logs written before order keys, read back as the store reads them."""
    source = world.cell_of(world.tasks[task_id].row)
    order = [t for t in world.cell_order(target) if t != task_id]
    final = min(position, len(order) + 1)
    order.insert(final - 1, task_id)
    v1 = {"task_id": task_id, "project_id": target[0], "column_id": target[2],
          "swimlane_id": target[1], "position": final, "at": at}
    events: list[ev.Event] = [ev.from_data("TaskMoved", upcast("TaskMoved", 1, v1)[1])]
    renumbered = {t: i for i, t in enumerate(order, start=1) if t != task_id}
    if source != target:
        remaining = [t for t in world.cell_order(source) if t != task_id]
        renumbered.update({t: i for i, t in enumerate(remaining, start=1)})
    for sibling, new_position in sorted(renumbered.items()):
        if world.tasks[sibling].row["position"] != new_position:
            events.append(ev.TaskRepositioned(sibling, new_position))
    return events


def step(world: World, op: tuple, mover, replica: World | None = None) -> int:
    """Apply one operation as the deciders would (decided on `world`, applied to it and
    to `replica`); returns the events appended."""
    kind, *args = op
    ids = sorted(world.tasks)
    if kind == "create":
        project_id, column_index = args
        swimlane_id, columns = PROJECTS[project_id]
        cell = (project_id, swimlane_id, columns[column_index % len(columns)])
        events: list[ev.Event] = [ev.TaskCreated(world.next_id("task"), cell[0], cell[2],
                                                 cell[1], world.open_in_cell(cell) + 1, {}, 2)]
    elif not ids:
        return 0
    else:
        task_id = ids[args[0] % len(ids)]
        row = world.tasks[task_id].row
        if kind == "move":
            swimlane_id, columns = PROJECTS[row["project_id"]]
            column_id = columns[args[1] % len(columns)]
            if (row["column_id"], row["position"]) == (column_id, args[2]):
                return 0  # move_task refuses a move that changes nothing
            events = mover(world, task_id, (row["project_id"], swimlane_id, column_id),
                           args[2], 3)
        elif kind == "close":
            events = [ev.TaskClosed(task_id, 4)] if row["is_active"] else []
        elif kind == "open":
            events = [] if row["is_active"] else [ev.TaskOpened(task_id, 5)]
        elif kind == "remove":
            events = [ev.TaskRemoved(task_id)]
        else:  # to the other project's first column, last and reopened, as Kanboard does
            project_id = 3 - row["project_id"]
            swimlane_id, columns = PROJECTS[project_id]
            cell = (project_id, swimlane_id, columns[0])
            events = [ev.TaskMovedToProject(task_id, project_id, cell[2], cell[1],
                                            world.open_in_cell(cell) + 1, 6, {"is_active": 1})]
    for event in events:
        apply(world, event)
        if replica is not None:
            apply(replica, event)
    return len(events)


def positions(world: World) -> dict[int, tuple[Any, ...]]:
    return {tid: (t.row["project_id"], t.row["column_id"], t.row["position"], t.row["is_active"])
            for tid, t in world.tasks.items()}


operations = st.lists(st.one_of(
    st.tuples(st.just("create"), st.sampled_from([1, 1, 1, 2]), st.integers(0, 1)),
    st.tuples(st.just("move"), st.integers(0, 99), st.integers(0, 1), st.integers(1, 9)),
    st.tuples(st.just("move"), st.integers(0, 99), st.just(0), st.integers(1, 4)),
    st.tuples(st.just("close"), st.integers(0, 99)),
    st.tuples(st.just("open"), st.integers(0, 99)),
    st.tuples(st.just("remove"), st.integers(0, 99)),
    st.tuples(st.just("to_project"), st.integers(0, 99)),
), min_size=5, max_size=80)


# Task 3 closed while task 1 moves behind task 2, reopened, then task 1 moved first.
REOPENED_BEHIND_A_MOVE = [("create", 1, 0)] * 3 + [("close", 2), ("move", 0, 0, 9), ("open", 2),
                                                   ("move", 0, 0, 1)]


# Task 3 moved first, so task 1 is second: it then leaves the middle of the cell.
MOVED_THEN_LEFT_FROM_THE_MIDDLE = [("create", 1, 0)] * 3 + [("move", 2, 0, 1)]


# Two gaps (tasks 3 and 5 closed): the created task 6 ties at position 4, before task 1.
CREATED_BETWEEN_GAPS = [("create", 1, 0)] * 5 + [("move", 0, 0, 9), ("close", 2), ("close", 4),
                                                 ("create", 1, 0), ("move", 1, 0, 9)]


@settings(max_examples=400, deadline=None)
@given(operations, st.sampled_from([0.0, 0.0, 0.25, 0.5, 0.75]))
@example(REOPENED_BEHIND_A_MOVE, 0.0)
@example(CREATED_BETWEEN_GAPS, 0.0)
def test_keyed_moves_fold_to_the_positions_renumbering_gave(ops: list[tuple],
                                                            old_share: float) -> None:
    """Today's moves from the start (share 0), or an old log of renumbering events
    continued by today's keyed moves after that share of the operations."""
    switch = int(len(ops) * old_share)
    old, new = board(), board()
    for index, op in enumerate(ops):
        step(old, op, v1_move_events)
        step(new, op, v1_move_events if index < switch else move_events)
        assert positions(new) == positions(old), (index, op)
        for cell in old.cells:
            assert new.cell_order(cell) == old.cell_order(cell)


@settings(max_examples=300, deadline=None)
@given(operations, st.lists(st.integers(0, 80), max_size=3), st.sampled_from([0.0, 0.5]))
@example(REOPENED_BEHIND_A_MOVE, [], 0.0)
@example(CREATED_BETWEEN_GAPS, [], 0.0)
@example(MOVED_THEN_LEFT_FROM_THE_MIDDLE + [("to_project", 0)], [], 0.0)
@example(MOVED_THEN_LEFT_FROM_THE_MIDDLE + [("remove", 0)], [], 0.0)
@example(MOVED_THEN_LEFT_FROM_THE_MIDDLE + [("close", 0)], [], 0.0)
def test_time_travel_defers_renumbering_and_settles_to_the_same_positions(
        ops: list[tuple], reads: list[int], old_share: float) -> None:
    """Folding with deferred renumbering (a log of old and new moves), positions read
    (settled) after some steps."""
    eager, deferred = board(), board()
    defer_renumbering(deferred)
    switch = int(len(ops) * old_share)
    for index, op in enumerate(ops):
        step(eager, op, v1_move_events if index < switch else move_events, replica=deferred)
        if index in reads:
            settle_all(deferred)
            assert positions(deferred) == positions(eager), (index, op)
            defer_renumbering(deferred)
    settle_all(deferred)
    assert positions(deferred) == positions(eager)


def test_a_move_is_one_event_whatever_the_column_holds() -> None:
    world = board()
    for _ in range(1000):
        step(world, ("create", 1, 0), move_events)
    assert step(world, ("move", 999, 0, 1), move_events) == 1
    order = sorted(world.tasks, key=lambda t: world.tasks[t].row["position"])
    assert order == [1000, *range(1, 1000)]
    assert [world.tasks[t].row["position"] for t in order] == list(range(1, 1001))


def test_moving_to_another_column_renumbers_both_cells() -> None:
    world = board()
    for column in (0, 0, 0, 1, 1):
        step(world, ("create", 1, column), move_events)
    step(world, ("move", 1, 1, 2), move_events)  # task 2: column 1 -> column 2, second
    assert world.cell_order((1, 1, 1)) == [1, 3]
    assert world.cell_order((1, 1, 2)) == [4, 2, 5]
    assert [world.tasks[t].row["position"] for t in (1, 3, 4, 2, 5)] == [1, 2, 1, 2, 3]


def test_closed_tasks_keep_their_position_and_leave_a_gap() -> None:
    """As in Kanboard: closing renumbers nothing; a create counts open tasks only, so it
    can tie with a sibling; a reopened task comes back at the position it had."""
    world = board()
    for _ in range(4):
        step(world, ("create", 1, 0), move_events)
    step(world, ("close", 1), move_events)  # task 2
    step(world, ("create", 1, 0), move_events)  # task 5: 3 open, so position 4 (ties task 4)
    assert {t: world.tasks[t].row["position"] for t in world.tasks} == {
        1: 1, 2: 2, 3: 3, 4: 4, 5: 4}
    step(world, ("move", 0, 0, 9), move_events)  # task 1 last: 3, 4, 5, 1
    assert {t: world.tasks[t].row["position"] for t in world.tasks} == {
        1: 4, 2: 2, 3: 1, 4: 2, 5: 3}
    step(world, ("open", 1), move_events)  # task 2 back at 2, beside task 4
    assert world.cell_order((1, 1, 1)) == [3, 2, 4, 5, 1]
    step(world, ("move", 0, 0, 1), move_events)  # task 1 first: the next move renumbers
    assert world.cell_order((1, 1, 1)) == [1, 3, 2, 4, 5]
    assert [world.tasks[t].row["position"] for t in (1, 3, 2, 4, 5)] == [1, 2, 3, 4, 5]
