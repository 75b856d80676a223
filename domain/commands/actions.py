"""Commands on a project's automatic actions."""
from __future__ import annotations

from typing import Any

from domain.commands.base import Command, command


@command
class CreateAction(Command):
    project_id: int
    event_name: str
    action_name: str
    params: Any  # Kanboard's `array $params`: name -> value


@command
class RemoveAction(Command):
    action_id: int
