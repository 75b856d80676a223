"""Commands on a project's board: swimlanes, columns, categories."""
from __future__ import annotations

from domain.commands.base import Command, changes_of, command, supplied


# --- swimlanes -------------------------------------------------------------------------


@command
class AddSwimlane(Command):
    project_id: int
    name: str
    description: str = ""


@command
class UpdateSwimlane(Command):
    project_id: int
    swimlane_id: int
    name: str
    description: str | None = None


@command
class RemoveSwimlane(Command):
    project_id: int
    swimlane_id: int


@command
class SetSwimlaneActive(Command):
    project_id: int
    swimlane_id: int
    active: bool = supplied()


@command
class ChangeSwimlanePosition(Command):
    project_id: int
    swimlane_id: int
    position: int


# --- columns and categories ------------------------------------------------------------


@command
class AddColumn(Command):
    project_id: int
    title: str
    task_limit: int = 0
    description: str = ""


UpdateColumn = changes_of(AddColumn, "UpdateColumn", "column_id", drop=("project_id",),
                          optional=False)


@command
class ChangeColumnPosition(Command):
    project_id: int
    column_id: int
    position: int


@command
class ShiftColumn(Command):
    """One step towards the first (-1) or last (+1) position, refused at either end."""

    project_id: int
    column_id: int
    offset: int = supplied()


@command
class RemoveColumn(Command):
    column_id: int


@command
class CreateCategory(Command):
    project_id: int
    name: str
    color_id: str | None = None


UpdateCategory = changes_of(CreateCategory, "UpdateCategory", "category_id",
                            drop=("project_id",), optional=False)


@command
class RemoveCategory(Command):
    category_id: int
