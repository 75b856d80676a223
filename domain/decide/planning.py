"""Decisions on API keys, sprints and logged time."""
from __future__ import annotations

from domain import commands as cmd
from domain.commands import given
from domain import events as ev
from domain.decision import Decision, decides
from domain.errors import Invalid
from domain.keys import KEY_ROLES
from domain.rules import existing, project as get_project, require_text, task as get_task
from domain.state import Row, World


@decides(cmd.CreateApiKey)
def create_api_key(world: World, c: cmd.CreateApiKey) -> Decision:
    require_text(c.label, "name", 100)
    if c.role not in KEY_ROLES:
        raise Invalid(f"unknown key role {c.role!r} (one of {', '.join(KEY_ROLES)})")
    for project_id in c.project_ids:
        get_project(world, project_id)
    key_id = world.next_id("apikey")
    return Decision([ev.ApiKeyCreated(key_id, c.key_name, c.label, c.secret_hash, c.role,
                                      sorted(set(c.project_ids)))], key_id)


@decides(cmd.RevokeApiKey)
def revoke_api_key(world: World, c: cmd.RevokeApiKey) -> Decision:
    key = existing(world.api_keys, c.key_id, "API key")
    return Decision([ev.ApiKeyRevoked(c.key_id)] if key["active"] else [])


def _sprint(world: World, sprint_id: int) -> Row:
    return existing(world.sprints, sprint_id, "sprint")


@decides(cmd.AddSprint)
def add_sprint(world: World, c: cmd.AddSprint) -> Decision:
    get_project(world, c.project_id)
    require_text(c.name, "name", 255)
    sprint_id = world.next_id("sprint")
    return Decision([ev.SprintAdded(c.project_id, sprint_id, c.name, c.start_date or "",
                                    c.end_date or "")], sprint_id)


@decides(cmd.EditSprint)
def edit_sprint(world: World, c: cmd.EditSprint) -> Decision:
    sprint = _sprint(world, c.sprint_id)
    changes = given(c, leave_out=("sprint_id",))
    if "name" in changes:
        require_text(changes["name"], "name", 255)
    return Decision([ev.SprintEdited(sprint["project_id"], c.sprint_id, changes)])


@decides(cmd.DeleteSprint)
def delete_sprint(world: World, c: cmd.DeleteSprint) -> Decision:
    sprint = _sprint(world, c.sprint_id)
    return Decision([ev.SprintDeleted(sprint["project_id"], c.sprint_id)])


@decides(cmd.LogTime)
def log_time(world: World, c: cmd.LogTime) -> Decision:
    get_task(world, c.task_id)
    if c.hours <= 0:
        raise Invalid("hours must be more than 0")
    entry_id = world.next_id("timesheet")
    return Decision([ev.TimeLogged(c.task_id, entry_id, float(c.hours), c.date or "",
                                   c.description or "", c.at)], entry_id)
