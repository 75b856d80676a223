"""Decisions on automatic actions: Kanboard's createAction checks, in its order."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain import events as ev
from domain.action_catalogue import ACTIONS, AVAILABLE
from domain.decision import Decision, decides
from domain.errors import Invalid, NotFound
from domain.php import php_text
from domain.rules import is_digits, project as get_project
from domain.state import World


def _is_integer(value: Any) -> bool:
    """SimpleValidator's Integer: an int, or text of digits (a leading minus allowed)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, str) and is_digits(value.removeprefix("-"))


def _given(value: Any) -> bool:
    """Kanboard's Required (and PHP's isset): present, not null, not ""."""
    return value is not None and value != ""


def checked_params(c: cmd.CreateAction) -> list[list[str]]:
    """The parameters as stored, or Invalid where Kanboard's createAction answers false.
    params that is no array (a number, a string) is refused as a missing one is (PHP
    stops at the `array $params` type first: the Kanboard dialect answers -32602)."""
    if not (_given(c.project_id) and _is_integer(c.project_id) and _given(c.event_name)
            and _given(c.action_name) and _given(c.params)):
        raise Invalid("project_id, event_name, action_name and params are required")
    if not isinstance(c.params, (dict, list)):
        raise Invalid("params must be an array")
    params = c.params if isinstance(c.params, dict) else dict(enumerate(c.params))
    if c.action_name not in AVAILABLE:
        raise Invalid(f"no automatic action {c.action_name}")
    spec = ACTIONS[c.action_name]
    if c.event_name not in spec.events:
        raise Invalid(f"{c.action_name} does not listen to {c.event_name}")
    required = {name for name, _ in spec.params}
    if any(params.get(name) is None for name in required):
        raise Invalid("a required parameter is missing")
    if any(str(name) not in required for name in params):
        raise Invalid("an unknown parameter is given")
    return [[str(name), php_text(value)] for name, value in params.items()]


@decides(cmd.CreateAction)
def create_action(world: World, c: cmd.CreateAction) -> Decision:
    params = checked_params(c)
    project_id = int(c.project_id)
    get_project(world, project_id)  # the foreign key refuses the insert
    action_id = world.next_id("action")
    return Decision([ev.ActionCreated(project_id, action_id, c.event_name, c.action_name,
                                      params)], action_id)


@decides(cmd.RemoveAction)
def remove_action(world: World, c: cmd.RemoveAction) -> Decision:
    action = world.actions.get(c.action_id)
    if action is None:
        raise NotFound(f"action {c.action_id} does not exist")
    return Decision([ev.ActionRemoved(action["project_id"], c.action_id)])
