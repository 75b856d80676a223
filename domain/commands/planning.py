"""Commands on API keys, sprints and logged time."""
from __future__ import annotations

from domain.commands.base import Command, changes_of, command, supplied


# --- API keys, sprints, logged time ----------------------------------------------------


@command
class CreateApiKey(Command):
    label: str
    role: str
    project_ids: tuple[int, ...] = ()
    key_name: str = supplied()  # the random public part of the key
    secret_hash: str = supplied()


@command
class RevokeApiKey(Command):
    key_id: int


@command
class AddSprint(Command):
    project_id: int
    name: str
    start_date: str = ""
    end_date: str = ""


EditSprint = changes_of(AddSprint, "EditSprint", "sprint_id", drop=("project_id",))


@command
class DeleteSprint(Command):
    sprint_id: int


@command
class LogTime(Command):
    task_id: int
    hours: float
    date: str = ""
    description: str = ""
    at: int = supplied()
