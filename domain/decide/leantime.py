"""Decisions the Leantime facade adds: API keys, sprints, logged time."""
from __future__ import annotations

from typing import Any

from domain import events as ev
from domain.decision import Decision, decider
from domain.errors import Invalid
from domain.keys import KEY_ROLES
from domain.rules import existing, project as get_project, require_text, task as get_task
from domain.state import Row, World


@decider
def create_api_key(world: World, key_name: str, label: str, secret_hash: str, role: str,
                   project_ids: list[int]) -> Decision:
    require_text(label, "name", 100)
    if role not in KEY_ROLES:
        raise Invalid(f"unknown key role {role!r} (one of {', '.join(KEY_ROLES)})")
    for project_id in project_ids:
        get_project(world, project_id)
    key_id = world.next_id("apikey")
    return Decision([ev.ApiKeyCreated(key_id, key_name, label, secret_hash, role,
                                      sorted(set(project_ids)))], key_id)


@decider
def revoke_api_key(world: World, key_id: int) -> Decision:
    key = existing(world.api_keys, key_id, "API key")
    return Decision([ev.ApiKeyRevoked(key_id)] if key["active"] else [])


def _sprint(world: World, sprint_id: int) -> Row:
    return existing(world.sprints, sprint_id, "sprint")


@decider
def add_sprint(world: World, project_id: int, name: str, start_date: str = "",
               end_date: str = "") -> Decision:
    get_project(world, project_id)
    require_text(name, "name", 255)
    sprint_id = world.next_id("sprint")
    return Decision([ev.SprintAdded(project_id, sprint_id, name, start_date or "",
                                    end_date or "")], sprint_id)


@decider
def edit_sprint(world: World, sprint_id: int, changes: dict[str, Any]) -> Decision:
    sprint = _sprint(world, sprint_id)
    if "name" in changes:
        require_text(changes["name"], "name", 255)
    return Decision([ev.SprintEdited(sprint["projectId"], sprint_id, changes)])


@decider
def delete_sprint(world: World, sprint_id: int) -> Decision:
    sprint = _sprint(world, sprint_id)
    return Decision([ev.SprintDeleted(sprint["projectId"], sprint_id)])


@decider
def log_time(world: World, at: int, task_id: int, hours: Any, date: str = "",
             description: str = "") -> Decision:
    get_task(world, task_id)
    try:
        amount = float(hours)
    except (TypeError, ValueError) as exc:
        raise Invalid("hours must be a number") from exc
    if amount <= 0:
        raise Invalid("hours must be more than 0")
    entry_id = world.next_id("timesheet")
    return Decision([ev.TimeLogged(task_id, entry_id, amount, date or "", description or "",
                                   at)], entry_id)
