"""Events of groups (group-N) and of their roles in projects (project stream)."""
from __future__ import annotations

from domain.events.base import Changes, GroupEvent, ProjectEvent, event


# --- groups (group-N), and their roles in projects (project stream) --------------------


@event
class GroupCreated(GroupEvent):
    name: str
    external_id: str | None


@event
class GroupUpdated(GroupEvent):
    changes: Changes


@event
class GroupRemoved(GroupEvent):
    """The group is gone, with its memberships and its roles in projects."""


@event
class GroupMemberAdded(GroupEvent):
    user_id: int


@event
class GroupMemberRemoved(GroupEvent):
    user_id: int


@event
class ProjectGroupAdded(ProjectEvent):
    group_id: int
    role: str


@event
class ProjectGroupRoleChanged(ProjectEvent):
    group_id: int
    role: str


@event
class ProjectGroupRemoved(ProjectEvent):
    group_id: int
