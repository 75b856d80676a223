"""Subtask timers decided and folded in memory: hours as Kanboard rounds them, added to
the subtask and its task when the timer stops."""
from __future__ import annotations

import pytest

from domain import commands as cmd
from domain.errors import Conflict, NotFound
from domain.state import World
from tests.unit.test_domain import run


@pytest.fixture
def world() -> World:
    w = World()
    run(w, cmd.CreateUser, username="ann", password_hash="h", role="app-user")
    run(w, cmd.CreateProject, at=1, name="Board")
    run(w, cmd.CreateTask, at=1, actor_id=0, title="t", project_id=1)
    run(w, cmd.CreateSubtask, task_id=1, title="s", time_spent=1)
    return w


def test_a_stopped_timer_adds_its_hours_to_the_subtask_and_task(world: World) -> None:
    run(world, cmd.StartSubtaskTimer, subtask_id=1, user_id=1, at=1_000)
    with pytest.raises(Conflict):  # one timer per user and subtask at a time
        run(world, cmd.StartSubtaskTimer, subtask_id=1, user_id=1, at=1_001)
    run(world, cmd.StopSubtaskTimer, subtask_id=1, user_id=1, at=1_000 + 5_400)
    assert world.subtasks[1]["time_spent"] == 2.5  # 1 + 1.5 hours
    assert world.tasks[1].row["time_spent"] == 2.5
    assert (1, 1) not in world.timers
    assert run(world, cmd.StopSubtaskTimer, subtask_id=1, user_id=1, at=9_999) is True


def test_a_timer_needs_the_subtask_and_the_user(world: World) -> None:
    with pytest.raises(NotFound):
        run(world, cmd.StartSubtaskTimer, subtask_id=9, user_id=1, at=1)
    with pytest.raises(NotFound):
        run(world, cmd.StartSubtaskTimer, subtask_id=1, user_id=9, at=1)
