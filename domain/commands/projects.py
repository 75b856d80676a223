"""Commands on projects, their members and the metadata of projects and tasks."""
from __future__ import annotations

from typing import Any

from domain.commands.base import Command, changes_of, command, supplied
from domain.roles import PROJECT_MEMBER


# --- projects ------------------------------------------------------------------------


@command
class CreateProject(Command):
    name: str
    description: str | None = None
    owner_id: int = 0
    identifier: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    priority_default: int | None = None
    priority_start: int | None = None
    priority_end: int | None = None
    email: str | None = None
    at: int = supplied()
    is_private: int = supplied(0)
    owner_is_member: bool = supplied(False)  # a user's call makes the owner its manager
    columns: tuple[str, ...] | None = supplied(None)  # the first columns (Kanboard's four)


UpdateProject = changes_of(CreateProject, "UpdateProject", "project_id")


@command
class SetProjectActive(Command):
    project_id: int
    active: bool = supplied()
    at: int = supplied()


@command
class SetProjectPublic(Command):
    project_id: int
    token: str | None = supplied()  # random (I/O), so made by the caller; None: turn off
    at: int = supplied()


@command
class RemoveProject(Command):
    project_id: int


@command
class AddProjectUser(Command):
    project_id: int
    user_id: int
    role: str = PROJECT_MEMBER


@command
class ChangeProjectUserRole(Command):
    project_id: int
    user_id: int
    role: str


@command
class RemoveProjectUser(Command):
    project_id: int
    user_id: int


# --- metadata of projects and tasks --------------------------------------------------


@command
class SaveMetadata(Command):
    owner: str  # "project" or "task"
    owner_id: int
    values: dict[str, Any]


@command
class RemoveMetadata(Command):
    owner: str
    owner_id: int
    name: str
