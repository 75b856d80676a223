"""Automatic actions in memory: createAction's refusals, which Kanboard events a domain
event fires, and the listeners' consequences as Kanboard runs them."""
from __future__ import annotations

from typing import Any

import pytest

import domain.decide  # noqa: F401  (registers the decisions)
from domain import commands as cmd
from domain import events as ev
from domain.automation import Reaction, Run, fold_firing, kanboard_events, loose_eq, react
from domain.commands import Command
from domain.decision import decide
from domain.errors import Invalid, NotFound
from domain.state import World
from tests.unit.support import run

A = "\\Kanboard\\Action\\"


@pytest.fixture
def world() -> World:
    w = World()
    run(w, cmd.CreateUser, username="alice", password_hash="h", role="app-user")
    run(w, cmd.CreateProject, at=1, name="Board")
    run(w, cmd.CreateTask, title="t", project_id=1, at=2, actor_id=0)
    return w


def action(world: World, event: str, name: str, **params: Any) -> int:
    return run(world, cmd.CreateAction, project_id=1, event_name=event, action_name=A + name,
               params=params)


@pytest.mark.parametrize("event, name, params", [
    ("task.move.column", "Nope", {"column_id": 2, "color_id": "red"}),
    ("task.close", "TaskAssignColorColumn", {"column_id": 2, "color_id": "red"}),
    ("task.move.column", "TaskAssignColorColumn", {"column_id": 2}),
    ("task.move.column", "TaskAssignColorColumn", {"column_id": 2, "color_id": None}),
    ("task.move.column", "TaskAssignColorColumn", {"column_id": 2, "color_id": "r", "x": 1}),
    ("task.move.column", "TaskClose", {}),  # no events: not available
    ("", "TaskAssignColorColumn", {"column_id": 2, "color_id": "red"}),
])
def test_create_action_refuses_as_kanboard(world: World, event: str, name: str,
                                           params: dict) -> None:
    with pytest.raises(Invalid):
        action(world, event, name, **params)
    assert world.actions == {}


def test_actions_are_stored_as_text_and_go_with_their_project(world: World) -> None:
    assert action(world, "task.move.column", "TaskAssignColorColumn", column_id=2,
                  color_id="red") == 1
    assert world.actions[1]["params"] == {"column_id": "2", "color_id": "red"}
    with pytest.raises(NotFound):
        run(world, cmd.CreateAction, project_id=9, event_name="task.create",
            action_name=A + "TaskAssignCurrentUser", params={})
    run(world, cmd.RemoveProject, project_id=1)
    assert world.actions == {}


def test_an_update_of_the_assignee_alone_is_an_assignee_change(world: World) -> None:
    assert [f.name for f in kanboard_events(world, ev.TaskUpdated(1, {"owner_id": 1}, 3))] == [
        "task.assignee_change"]
    assert [f.name for f in kanboard_events(world, ev.TaskUpdated(1, {"owner_id": 1,
                                                                     "title": "u"}, 3))] == [
        "task.create_update", "task.update"]
    assert kanboard_events(world, ev.TaskUpdated(1, {"title": "t"}, 3)) == []  # no change
    assert loose_eq(2, "2") and loose_eq(None, "") and not loose_eq("red", "blue")


def _react(world: World, command: Command, session_user: int | None = None) -> list[Reaction]:
    """Decide `command`, then run its actions; the reactions performed, in order."""
    done: list[Reaction] = []

    def perform(reaction: Reaction, fired: Any, depth: int) -> list:
        done.append(reaction)
        try:
            decision = decide(world, reaction.command)
        except Exception:
            return []
        return [f for _, f in fold_firing(world, decision.events)[1]]

    state = Run(session_user, 5)
    for _, fired in fold_firing(world, decide(world, command).events)[1]:
        react(world, fired, state, perform)
    return done


def test_a_quiet_consequence_fires_nothing_further(world: World) -> None:
    """TaskMoveColumnAssigned moves without firing events, so the colour of column 3
    is not applied (as the recorded Kanboard shows)."""
    action(world, "task.assignee_change", "TaskMoveColumnAssigned", src_column_id=1,
           dest_column_id=3)
    action(world, "task.move.column", "TaskAssignColorColumn", column_id=3, color_id="red")
    run(world, cmd.AddProjectUser, project_id=1, user_id=1, role="project-member")
    _react(world, cmd.UpdateTask(task_id=1, owner_id=1, at=5))
    row = world.tasks[1].row
    assert (row["column_id"], row["color_id"]) == (3, "yellow")


def test_current_user_actions_need_a_user_session(world: World) -> None:
    action(world, "task.create", "TaskAssignCurrentUser")
    run(world, cmd.AddProjectUser, project_id=1, user_id=1, role="project-member")
    assert _react(world, cmd.CreateTask(title="x", project_id=1, at=5, actor_id=0)) == []
    _react(world, cmd.CreateTask(title="y", project_id=1, at=5, actor_id=1), session_user=1)
    assert world.tasks[3].row["owner_id"] == 1


def test_a_user_fires_only_the_actions_of_projects_they_belong_to(world: World) -> None:
    action(world, "task.move.column", "TaskAssignColorColumn", column_id=2, color_id="red")
    assert _react(world, cmd.MoveTask(project_id=1, task_id=1, column_id=2, position=1,
                                      swimlane_id=1, at=5), session_user=1) == []
    assert world.tasks[1].row["color_id"] == "yellow"
