"""Events of projects' streams (project-N): the project, its members, metadata and board."""
from __future__ import annotations

from domain.events.base import Changes, ProjectEvent, event


# --- projects ------------------------------------------------------------------------


@event
class ProjectCreated(ProjectEvent):
    name: str
    description: str | None
    owner_id: int
    identifier: str
    start_date: str
    end_date: str
    priority_default: int
    priority_start: int
    priority_end: int
    email: str | None
    is_private: int
    at: int


@event
class ProjectUpdated(ProjectEvent):
    changes: Changes
    at: int


@event
class ProjectEnabled(ProjectEvent):
    at: int


@event
class ProjectDisabled(ProjectEvent):
    at: int


@event
class ProjectPublicAccessEnabled(ProjectEvent):
    token: str
    at: int


@event
class ProjectPublicAccessDisabled(ProjectEvent):
    at: int


@event
class ProjectRemoved(ProjectEvent):
    """The project is gone with everything in it."""


@event
class ProjectMetadataSaved(ProjectEvent):
    values: dict[str, str]


@event
class ProjectMetadataRemoved(ProjectEvent):
    name: str


@event
class ProjectUserAdded(ProjectEvent):
    user_id: int
    role: str


@event
class ProjectUserRoleChanged(ProjectEvent):
    user_id: int
    role: str


@event
class ProjectUserRemoved(ProjectEvent):
    user_id: int


# --- columns, swimlanes, categories, tags (project stream) ---------------------------


@event
class ColumnAdded(ProjectEvent):
    column_id: int
    title: str
    task_limit: int
    description: str


@event
class ColumnUpdated(ProjectEvent):
    column_id: int
    title: str
    task_limit: int
    description: str


@event
class ColumnMoved(ProjectEvent):
    column_id: int
    position: int


@event
class ColumnRemoved(ProjectEvent):
    column_id: int


@event
class SwimlaneAdded(ProjectEvent):
    swimlane_id: int
    name: str
    description: str


@event
class SwimlaneUpdated(ProjectEvent):
    swimlane_id: int
    name: str
    description: str | None  # None: left as it was


@event
class SwimlaneRemoved(ProjectEvent):
    swimlane_id: int


@event
class SwimlaneDisabled(ProjectEvent):
    """The swimlane leaves the board (position 0) and the active ones are numbered 1..n;
    for a swimlane not in the project, Kanboard still renumbers the active ones."""

    swimlane_id: int


@event
class SwimlaneEnabled(ProjectEvent):
    swimlane_id: int


@event
class SwimlaneMoved(ProjectEvent):
    swimlane_id: int
    position: int


@event
class CategoryCreated(ProjectEvent):
    category_id: int
    name: str
    color_id: str | None


@event
class CategoryUpdated(ProjectEvent):
    category_id: int
    name: str
    color_id: str | None


@event
class CategoryRemoved(ProjectEvent):
    category_id: int


@event(version=2)
class TagCreated(ProjectEvent):
    """v2: with its colour (v1 tags, made only by naming them on a task, had none)."""

    tag_id: int
    name: str
    color_id: str | None = None


@event
class TagUpdated(ProjectEvent):
    tag_id: int
    name: str
    color_id: str | None


@event
class TagRemoved(ProjectEvent):
    """The tag is gone, and from every task that had it."""

    tag_id: int
