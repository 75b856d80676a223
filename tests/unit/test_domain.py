"""Domain rules, decided and folded in memory: no database, no HTTP."""
from __future__ import annotations


import pytest

import domain.decide  # noqa: F401  (registers the decisions)
from domain import commands as cmd
from domain.commands import Command
from domain.decision import decide
from domain.errors import Conflict, Invalid, NotFound
from domain.evolve import apply, fold
from domain.state import World
from tests.unit.support import run


@pytest.fixture
def world() -> World:
    w = World()
    run(w, cmd.CreateUser, username="alice", password_hash="h", role="app-user")
    run(w, cmd.CreateProject, at=1, name="Board")
    return w


def positions(world: World, column_id: int) -> list[tuple[int, int]]:
    return sorted((t.row["position"], tid) for tid, t in world.tasks.items()
                  if t.row["column_id"] == column_id and t.row["is_active"])


def test_new_project_has_kanboard_default_columns_and_swimlane(world: World) -> None:
    project = world.projects[1]
    assert [world.columns[c]["title"] for c in project.column_order] == [
        "Backlog", "Ready", "Work in progress", "Done"]
    assert [world.swimlanes[s]["name"] for s in project.swimlane_order] == ["Default swimlane"]


def test_duplicate_invariants_are_refused(world: World) -> None:
    with pytest.raises(Conflict):
        run(world, cmd.CreateUser, username="alice", password_hash="h")
    run(world, cmd.AddColumn, project_id=1, title="QA")
    with pytest.raises(Conflict):
        run(world, cmd.AddColumn, project_id=1, title="QA")
    run(world, cmd.CreateCategory, project_id=1, name="Bug")
    with pytest.raises(Conflict):
        run(world, cmd.CreateCategory, project_id=1, name="bug")
    run(world, cmd.CreateProject, at=1, name="Other", identifier="abc")
    assert world.projects[2].row["identifier"] == "ABC"
    with pytest.raises(Conflict):
        run(world, cmd.CreateProject, at=1, name="Third", identifier="ABC")


@pytest.mark.parametrize("command, args", [
    (cmd.CreateProject, {"at": 1, "name": ""}),
    (cmd.CreateTask, {"at": 1, "actor_id": 0, "title": "", "project_id": 1}),
    (cmd.CreateUser, {"username": "bob", "password_hash": "h", "role": "superhero"}),
    (cmd.CreateProject, {"at": 1, "name": "X", "identifier": "not-alnum"}),
])
def test_invalid_values_are_refused(world: World, command: type[Command], args: dict) -> None:
    with pytest.raises(Invalid):
        run(world, command, **args)


def test_task_on_missing_project_is_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        run(world, cmd.CreateTask, at=1, actor_id=0, title="t", project_id=99)


def test_owner_must_be_an_assignable_member(world: World) -> None:
    with pytest.raises(Invalid):
        run(world, cmd.CreateTask, at=1, actor_id=0, title="t", project_id=1, owner_id=1)
    run(world, cmd.AddProjectUser, project_id=1, user_id=1, role="project-viewer")
    with pytest.raises(Invalid):
        run(world, cmd.CreateTask, at=1, actor_id=0, title="t", project_id=1, owner_id=1)
    run(world, cmd.ChangeProjectUserRole, project_id=1, user_id=1, role="project-member")
    assert run(world, cmd.CreateTask, at=1, actor_id=0, title="t", project_id=1, owner_id=1) == 1


def test_moves_renumber_both_columns_and_clamp_to_the_end(world: World) -> None:
    for title in "abc":
        run(world, cmd.CreateTask, at=1, actor_id=0, title=title, project_id=1)
    run(world, cmd.MoveTask, at=2, project_id=1, task_id=1, column_id=2, position=50,
        swimlane_id=1)
    assert positions(world, 1) == [(1, 2), (2, 3)]
    assert positions(world, 2) == [(1, 1)]
    run(world, cmd.MoveTask, at=3, project_id=1, task_id=3, column_id=2, position=1,
        swimlane_id=1)
    assert positions(world, 2) == [(1, 3), (2, 1)]
    with pytest.raises(Invalid):  # position 0 is refused, as is a move that changes nothing
        run(world, cmd.MoveTask, at=4, project_id=1, task_id=3, column_id=2, position=0,
            swimlane_id=1)
    with pytest.raises(Invalid):
        run(world, cmd.MoveTask, at=4, project_id=1, task_id=3, column_id=2, position=1,
            swimlane_id=1)


def test_closing_again_restamps_as_kanboard_and_completes_subtasks(world: World) -> None:
    run(world, cmd.CreateTask, at=1, actor_id=0, title="t", project_id=1)
    run(world, cmd.CreateSubtask, task_id=1, title="s", time_estimated=2, time_spent=1)
    assert world.tasks[1].row["time_estimated"] == 2  # sums of the subtasks
    run(world, cmd.UpdateTask, at=5, task_id=1, is_active=False)
    assert world.tasks[1].row["date_completed"] == 5
    assert world.subtasks[1]["status"] == 2
    world.subtasks[1]["status"] = 0  # as if reopened since
    run(world, cmd.UpdateTask, at=6, task_id=1, is_active=False)  # Kanboard's closeTask again
    assert world.tasks[1].row["date_completed"] == 6 and world.tasks[1].row["is_active"] == 0
    assert world.subtasks[1]["status"] == 2
    assert world.open_in_cell(world.cell_of(world.tasks[1].row)) == 0
    run(world, cmd.UpdateTask, at=7, task_id=1, is_active=True)
    assert world.tasks[1].row["date_completed"] == 0
    run(world, cmd.UpdateTask, at=8, task_id=1, is_active=True)  # openTask again: stamped
    assert world.tasks[1].row["date_modification"] == 8
    assert world.open_in_cell(world.cell_of(world.tasks[1].row)) == 1
    # with other changes, an open task's is_active=True adds no event of its own
    assert len(decide(world, cmd.UpdateTask(at=9, task_id=1, title="x",
                                            is_active=True)).events) == 1


def test_removing_a_project_cascades_to_its_tasks(world: World) -> None:
    run(world, cmd.CreateTask, at=1, actor_id=0, title="t", project_id=1)
    run(world, cmd.CreateComment, at=1, task_id=1, user_id=1, content="c")
    run(world, cmd.RemoveProject, project_id=1)
    assert not world.tasks and not world.comments and not world.columns


def test_the_newest_removed_id_is_handed_out_again_as_kanboard_sqlite_does(world: World) -> None:
    for _ in range(3):
        run(world, cmd.CreateTask, at=1, actor_id=0, title="t", project_id=1)
    run(world, cmd.RemoveTask, task_id=2)  # not the newest: its id stays unused
    assert run(world, cmd.CreateTask, at=1, actor_id=0, title="t", project_id=1) == 4
    run(world, cmd.RemoveTask, task_id=4)
    run(world, cmd.RemoveTask, task_id=3)
    assert run(world, cmd.CreateTask, at=1, actor_id=0, title="t", project_id=1) == 2
    assert run(world, cmd.CreateTask, at=1, actor_id=0, title="t", project_id=1) == 3


def test_fold_of_the_events_rebuilds_the_same_world(world: World) -> None:
    events = []
    for name, args in [(cmd.CreateTask, {"at": 1, "actor_id": 0, "title": "a", "project_id": 1}),
                       (cmd.CreateTask, {"at": 1, "actor_id": 0, "title": "b", "project_id": 1,
                                        "tags": ["x"]}),
                       (cmd.MoveTask, {"at": 2, "project_id": 1, "task_id": 2, "column_id": 1,
                                      "position": 1, "swimlane_id": 1})]:
        decision = decide(world, name(**args))
        events += decision.events
        for event in decision.events:
            apply(world, event)
    replayed = fold([*_setup_events(), *events])
    assert {t: s.row for t, s in replayed.tasks.items()} == {
        t: s.row for t, s in world.tasks.items()}


def _setup_events() -> list:
    w, out = World(), []
    for name, args in [(cmd.CreateUser, {"username": "alice", "password_hash": "h",
                                        "role": "app-user"}),
                       (cmd.CreateProject, {"at": 1, "name": "Board"})]:
        decision = decide(w, name(**args))
        out += decision.events
        for event in decision.events:
            apply(w, event)
    return out
