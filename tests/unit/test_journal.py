"""The world's undo log: whatever a command's fold changed, undo puts back exactly, and
only what was changed since the mark it is undone to."""
from __future__ import annotations

import copy
import pickle
import random
from typing import Any

import domain.decide  # noqa: F401  (registers the decisions)
from domain import commands as cmd
from domain.decision import decide
from domain.errors import DomainError
from domain.evolve import apply
from domain.journal import Journal
from domain.state import World


def fold_command(world: World, journal: Journal, command: Any) -> None:
    try:
        decision = decide(world, command)
    except DomainError:
        return
    with journal.recording():
        for event in decision.events:
            apply(world, event)


def random_command(rng: random.Random, world: World) -> Any:
    tasks = sorted(world.tasks)
    task = rng.choice(tasks)
    row = world.tasks[task].row
    columns = world.projects[1].column_order
    return rng.choice([
        lambda: cmd.CreateTask(at=2, actor_id=0, title=f"n{rng.random()}", project_id=1,
                               column_id=rng.choice(columns)),
        lambda: cmd.MoveTask(project_id=1, task_id=task, column_id=rng.choice(columns),
                             position=rng.randint(1, 6), swimlane_id=row["swimlane_id"], at=3),
        lambda: cmd.UpdateTask(task_id=task, title=f"u{rng.random()}", at=3),
        lambda: cmd.CreateComment(task_id=task, user_id=1, content="c", at=3),
        lambda: cmd.CreateSubtask(task_id=task, title="s"),
        # a task's first link or tag replaces its shared empty set or list (state.own)
        lambda: cmd.CreateTaskLink(task_id=task, opposite_task_id=rng.choice(tasks),
                                   link_id=rng.randint(1, 11)),
        lambda: cmd.RemoveTaskLink(task_link_id=rng.choice(sorted(world.task_links) or [1])),
        lambda: cmd.SetTaskTags(project_id=1, task_id=task,
                                tags=rng.choice([[], ["a"], ["a", "b"]])),
        lambda: cmd.RemoveTask(task_id=task),
        lambda: cmd.AddColumn(project_id=1, title=f"c{rng.random()}"),
        lambda: cmd.RemoveColumn(column_id=rng.choice(columns)),
        lambda: cmd.CreateUser(username=f"u{rng.random()}", password_hash="h", role="app-user"),
        lambda: cmd.AddProjectUser(project_id=1, user_id=1),
        lambda: cmd.RemoveUser(user_id=1),
        lambda: cmd.SetApplicationToken(token_hash=f"t{rng.random()}"),
    ])()


def test_undo_to_any_mark_restores_the_world_as_it_was_there() -> None:
    for seed in range(30):
        rng = random.Random(seed)
        world = World()
        journal = Journal(world)
        fold_command(world, journal, cmd.CreateUser(username="a", password_hash="h",
                                                    role="app-user"))
        fold_command(world, journal, cmd.CreateProject(at=1, name="Board"))
        for i in range(8):
            fold_command(world, journal, cmd.CreateTask(at=1, actor_id=0, title=f"t{i}",
                                                        project_id=1))
        saved: list[tuple[int, World]] = []
        for _ in range(12):
            saved.append((journal.mark(), copy.deepcopy(world)))
            for _ in range(rng.randint(1, 4)):
                fold_command(world, journal, random_command(rng, world))
        while saved:  # newest first, as the writer undoes a command, then its group
            mark, before = saved.pop(rng.randint(len(saved) - 1, len(saved) - 1)
                                     if rng.random() < 0.7 else rng.randrange(len(saved)))
            journal.undo(mark)
            del saved[next((i for i, (m, _) in enumerate(saved) if m > mark), len(saved)):]
            assert world == before, seed


def test_outside_recording_the_tables_are_plain_and_untracked() -> None:
    world = World()
    journal = Journal(world)
    mark = journal.mark()
    world.users[5] = {"id": 5}  # not recording: nothing to undo
    journal.undo(mark)
    assert 5 in world.users and type(world.users).__name__ == "Table"


def test_after_a_restart_undo_goes_back_to_the_restart_not_to_the_start() -> None:
    """The writer keeps one journal for its world and restarts it at each commit: an
    undo then takes back that commit's folds only, however many commits came before."""
    world = World()
    journal = Journal(world)
    fold_command(world, journal, cmd.CreateProject(at=1, name="Board"))
    for commit in range(3):
        journal.restart()
        before = copy.deepcopy(world)
        fold_command(world, journal, cmd.CreateTask(at=1, actor_id=0, title=f"t{commit}",
                                                    project_id=1))
        fold_command(world, journal, cmd.UpdateTask(task_id=commit + 1, title="u", at=2))
        kept = copy.deepcopy(world)
        journal.undo(0)
        assert world == before
        fold_command(world, journal, cmd.CreateTask(at=1, actor_id=0, title=f"t{commit}",
                                                    project_id=1))
        fold_command(world, journal, cmd.UpdateTask(task_id=commit + 1, title="u", at=2))
        assert world == kept
    assert sorted(world.tasks) == [1, 2, 3] and 1 in world.projects


def test_a_create_in_a_big_cell_logs_no_copy_of_it_and_undo_computes_it_again() -> None:
    """A cell's open tasks (as a set and as its keyed order) and a project's tasks are
    derived from the tasks: the journal never copies them (a create in a cell of 15,000
    copied three containers of 15,000), and an undo computes them again exactly."""
    world = World()
    journal = Journal(world)
    fold_command(world, journal, cmd.CreateProject(at=1, name="Board"))
    for i in range(400):
        fold_command(world, journal, cmd.CreateTask(at=1, actor_id=0, title=f"t{i}",
                                                    project_id=1))
    fold_command(world, journal, cmd.MoveTask(project_id=1, task_id=7, column_id=1,
                                              position=3, swimlane_id=1, at=2))
    cell = world.cell_of(world.tasks[1].row)
    assert cell in world.keyed and len(world.cells[cell]) == 400  # the keyed path
    journal.restart()
    before = copy.deepcopy(world)
    fold_command(world, journal, cmd.CreateTask(at=3, actor_id=0, title="new", project_id=1))
    fold_command(world, journal, cmd.MoveTask(project_id=1, task_id=401, column_id=1,
                                              position=1, swimlane_id=1, at=4))
    fold_command(world, journal, cmd.UpdateTask(task_id=9, is_active=False, at=5))
    logged = [old for _, _, old in journal._log]
    assert max(len(old) for old in logged if isinstance(old, (set, list, dict))) < 100
    projects = [old for old in logged if hasattr(old, "task_ids")]
    assert projects and all(old.task_ids is world.projects[1].task_ids for old in projects)
    journal.undo(0)
    assert world == before


def test_after_recording_no_table_carries_the_journal() -> None:
    """A project snapshot pickles a slice sharing the world's user tables: a table that
    kept the journal's attributes carried the journal, and with it the whole world."""
    world = World()
    journal = Journal(world)
    fold_command(world, journal, cmd.CreateUser(username="a", password_hash="h",
                                                role="app-user"))
    assert world.users and pickle.loads(pickle.dumps(world.users)).__dict__ == {}
