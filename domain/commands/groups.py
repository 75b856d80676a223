"""Commands on groups, their members and their roles in projects."""
from __future__ import annotations

from domain.commands.base import Command, changes_of, command
from domain.roles import PROJECT_MEMBER


# --- groups ---------------------------------------------------------------------------


@command
class CreateGroup(Command):
    name: str
    external_id: str | None = ""


UpdateGroup = changes_of(CreateGroup, "UpdateGroup", "group_id")


@command
class RemoveGroup(Command):
    group_id: int


@command
class AddGroupMember(Command):
    group_id: int
    user_id: int


@command
class RemoveGroupMember(Command):
    group_id: int
    user_id: int


@command
class AddProjectGroup(Command):
    project_id: int
    group_id: int
    role: str = PROJECT_MEMBER


@command
class RemoveProjectGroup(Command):
    project_id: int
    group_id: int


@command
class ChangeProjectGroupRole(Command):
    project_id: int
    group_id: int
    role: str
