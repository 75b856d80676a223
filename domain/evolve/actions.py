"""Automatic actions: a project's rows, dropped with it."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.state import Key, World


@on(ev.ActionCreated)
def _action_created(world: World, e: ev.ActionCreated) -> set[Key]:
    world.saw_id("action", e.action_id)
    world.actions[e.action_id] = {"id": e.action_id, "project_id": e.project_id,
                                  "event_name": e.event_name, "action_name": e.action_name,
                                  "params": {name: value for name, value in e.params}}
    return {("action", e.action_id)}


@on(ev.ActionRemoved)
def _action_removed(world: World, e: ev.ActionRemoved) -> set[Key]:
    world.actions.pop(e.action_id, None)
    return {("action", e.action_id)}


def drop_actions_of(world: World, project_id: int) -> set[Key]:
    """Kanboard's ON DELETE CASCADE from projects to actions."""
    gone = [a for a, row in world.actions.items() if row["project_id"] == project_id]
    for action_id in gone:
        del world.actions[action_id]
    return {("action", a) for a in gone}
