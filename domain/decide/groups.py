"""Decisions on groups, their members and their roles in projects, as Kanboard's models
answer them: a group name is unique (case-sensitive), a role is stored as given, a
removal of what is not there is refused, a role change of what is not there is a
success that changes nothing."""
from __future__ import annotations

from domain import commands as cmd
from domain import events as ev
from domain.commands import given
from domain.decision import Decision, decides
from domain.errors import Conflict, Invalid, NotFound
from domain.rules import existing, project as get_project, user_exists
from domain.state import Row, World


def _group(world: World, group_id: int) -> Row:
    return existing(world.groups, group_id, "group")


def _check_name_free(world: World, name: str | None, group_id: int = 0) -> None:
    if not isinstance(name, str):
        raise Invalid("a group needs a name")
    if any(g["name"] == name and g["id"] != group_id for g in world.groups.values()):
        raise Conflict(f"group {name!r} exists")


@decides(cmd.CreateGroup)
def create_group(world: World, c: cmd.CreateGroup) -> Decision:
    _check_name_free(world, c.name)
    group_id = world.next_id("group")
    return Decision([ev.GroupCreated(group_id, c.name, c.external_id)], group_id)


@decides(cmd.UpdateGroup)
def update_group(world: World, c: cmd.UpdateGroup) -> Decision:
    changes = given(c, leave_out=("group_id",))
    if not changes:
        raise Invalid("nothing to change")
    if c.group_id not in world.groups:
        return Decision([])  # Kanboard's UPDATE matches no row, and says true
    if "name" in changes:
        _check_name_free(world, changes["name"], c.group_id)
    return Decision([ev.GroupUpdated(c.group_id, changes)])


@decides(cmd.RemoveGroup)
def remove_group(world: World, c: cmd.RemoveGroup) -> Decision:
    _group(world, c.group_id)
    return Decision([ev.GroupRemoved(c.group_id)])


def _members(world: World, group_id: int) -> list[int]:
    _group(world, group_id)
    return world.group_members.get(group_id, [])


@decides(cmd.AddGroupMember)
def add_group_member(world: World, c: cmd.AddGroupMember) -> Decision:
    if c.user_id in _members(world, c.group_id):
        raise Conflict(f"user {c.user_id} is already in group {c.group_id}")
    user_exists(world, c.user_id)
    return Decision([ev.GroupMemberAdded(c.group_id, c.user_id)])


@decides(cmd.RemoveGroupMember)
def remove_group_member(world: World, c: cmd.RemoveGroupMember) -> Decision:
    if c.user_id not in _members(world, c.group_id):
        raise NotFound(f"user {c.user_id} is not in group {c.group_id}")
    return Decision([ev.GroupMemberRemoved(c.group_id, c.user_id)])


@decides(cmd.AddProjectGroup)
def add_project_group(world: World, c: cmd.AddProjectGroup) -> Decision:
    project = get_project(world, c.project_id)
    _group(world, c.group_id)
    if c.group_id in project.group_roles:
        raise Conflict(f"group {c.group_id} is already in project {c.project_id}")
    if not isinstance(c.role, str):
        raise Invalid("a role is required")
    return Decision([ev.ProjectGroupAdded(c.project_id, c.group_id, c.role)])


@decides(cmd.RemoveProjectGroup)
def remove_project_group(world: World, c: cmd.RemoveProjectGroup) -> Decision:
    if c.group_id not in get_project(world, c.project_id).group_roles:
        raise NotFound(f"group {c.group_id} is not in project {c.project_id}")
    return Decision([ev.ProjectGroupRemoved(c.project_id, c.group_id)])


@decides(cmd.ChangeProjectGroupRole)
def change_project_group_role(world: World, c: cmd.ChangeProjectGroupRole) -> Decision:
    project = world.projects.get(c.project_id)
    if project is None or c.group_id not in project.group_roles:
        return Decision([])  # Kanboard's UPDATE matches no row, and says true
    return Decision([ev.ProjectGroupRoleChanged(c.project_id, c.group_id, c.role)])
