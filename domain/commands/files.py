"""Commands on project and task files. A file's content is not in the command: the
facade stores it in the blob store first and the command carries what the log records
of it (its SHA-256, size and media type)."""
from __future__ import annotations

from domain.commands.base import Command, command, supplied


@command
class CreateProjectFile(Command):
    project_id: int
    filename: str
    sha256: str = supplied()
    size: int = supplied()
    content_type: str = supplied()
    at: int = supplied()
    actor_id: int = supplied()


@command
class RemoveProjectFile(Command):
    project_id: int
    file_id: int


@command
class RemoveAllProjectFiles(Command):
    project_id: int


@command
class CreateTaskFile(Command):
    project_id: int
    task_id: int
    filename: str
    sha256: str = supplied()
    size: int = supplied()
    content_type: str = supplied()
    at: int = supplied()
    actor_id: int = supplied()


@command
class RemoveTaskFile(Command):
    file_id: int


@command
class RemoveAllTaskFiles(Command):
    task_id: int
