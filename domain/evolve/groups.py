"""Groups, their members, and their roles in projects."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.evolve.common import changed
from domain.state import Key, World


@on(ev.GroupCreated)
def _group_created(world: World, e: ev.GroupCreated) -> set[Key]:
    world.saw_id("group", e.group_id)
    world.groups[e.group_id] = {"id": e.group_id, "external_id": e.external_id,
                                "name": e.name}
    world.group_members[e.group_id] = []
    return {("group", e.group_id)}


@on(ev.GroupUpdated)
def _group_updated(world: World, e: ev.GroupUpdated) -> set[Key]:
    return changed(world.groups, e.group_id, ("group", e.group_id), **e.changes)


@on(ev.GroupRemoved)
def _group_removed(world: World, e: ev.GroupRemoved) -> set[Key]:
    """Kanboard's foreign keys cascade: memberships and project roles go with it."""
    world.groups.pop(e.group_id, None)
    world.group_members.pop(e.group_id, None)
    touched: set[Key] = {("group", e.group_id), ("group_members", e.group_id)}
    for project_id, project in world.projects.items():
        if project.group_roles.pop(e.group_id, None) is not None:
            touched.add(("project_groups", project_id))
    return touched


@on(ev.GroupMemberAdded)
def _member_added(world: World, e: ev.GroupMemberAdded) -> set[Key]:
    members = world.group_members.get(e.group_id)
    if members is not None and e.user_id not in members:
        members.append(e.user_id)
    return {("group_members", e.group_id), ("group", e.group_id)}


@on(ev.GroupMemberRemoved)
def _member_removed(world: World, e: ev.GroupMemberRemoved) -> set[Key]:
    members = world.group_members.get(e.group_id, [])
    if e.user_id in members:
        members.remove(e.user_id)
    return {("group_members", e.group_id), ("group", e.group_id)}


@on(ev.ProjectGroupAdded)
@on(ev.ProjectGroupRoleChanged)
def _project_group_set(world: World, e: ev.ProjectGroupAdded) -> set[Key]:
    project = world.projects.get(e.project_id)
    if project is not None:
        project.group_roles[e.group_id] = e.role
    return {("project_groups", e.project_id)}


@on(ev.ProjectGroupRemoved)
def _project_group_removed(world: World, e: ev.ProjectGroupRemoved) -> set[Key]:
    project = world.projects.get(e.project_id)
    if project is not None:
        project.group_roles.pop(e.group_id, None)
    return {("project_groups", e.project_id)}


def leave_groups(world: World, user_id: int) -> set[Key]:
    """A removed user leaves every group (Kanboard's foreign key cascades)."""
    touched: set[Key] = set()
    for group_id, members in world.group_members.items():
        if user_id in members:
            members.remove(user_id)
            touched |= {("group_members", group_id), ("group", group_id)}
    return touched
