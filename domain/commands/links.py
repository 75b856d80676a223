"""Commands on link types."""
from __future__ import annotations

from domain.commands.base import Command, command


# --- link types --------------------------------------------------------------------------


@command
class CreateLink(Command):
    label: str
    opposite_label: str | None = ""


@command
class UpdateLink(Command):
    link_id: int
    opposite_link_id: int
    label: str


@command
class RemoveLink(Command):
    link_id: int
