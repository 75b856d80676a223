"""Domain events: frozen facts with a stable type name, a schema version and a stream.

Streams follow aggregates: `project-N` holds the project with its columns, swimlanes,
categories, tags and members; `task-N` holds a task with its subtasks, comments, tags and
metadata; `user-N` a user; `apikey-N` an API key; `app` the application settings. Sprints live in
their project's stream, logged time in its task's.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar

REGISTRY: dict[str, type["Event"]] = {}


@dataclass(frozen=True, slots=True)
class Event:
    TYPE: ClassVar[str] = ""
    VERSION: ClassVar[int] = 1
    STREAM: ClassVar[str] = ""  # the field naming the aggregate, or "" for the app stream

    @property
    def stream_id(self) -> str:
        if not self.STREAM:
            return "app"
        kind = self.STREAM.removesuffix("_id").replace("key", "apikey")
        return f"{kind}-{getattr(self, self.STREAM)}"

    def to_data(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


def event(name: str, stream: str = "", version: int = 1):
    """Register an event class under a stable type name."""

    def register(cls: type[Event]) -> type[Event]:
        cls.TYPE, cls.STREAM, cls.VERSION = name, stream, version
        REGISTRY[name] = cls
        return cls

    return register


def from_data(type_name: str, data: dict[str, Any]) -> Event:
    return REGISTRY[type_name](**data)


Changes = dict[str, Any]

# --- application -------------------------------------------------------------------


@event("ApplicationTokenSet")
@dataclass(frozen=True, slots=True)
class ApplicationTokenSet(Event):
    token_hash: str


# --- users ---------------------------------------------------------------------------


@event("UserCreated", "user_id")
@dataclass(frozen=True, slots=True)
class UserCreated(Event):
    user_id: int
    username: str
    password_hash: str
    name: str | None
    email: str | None
    role: str


@event("UserUpdated", "user_id")
@dataclass(frozen=True, slots=True)
class UserUpdated(Event):
    user_id: int
    changes: Changes


@event("UserPasswordChanged", "user_id")
@dataclass(frozen=True, slots=True)
class UserPasswordChanged(Event):
    user_id: int
    password_hash: str


@event("UserEnabled", "user_id")
@dataclass(frozen=True, slots=True)
class UserEnabled(Event):
    user_id: int


@event("UserDisabled", "user_id")
@dataclass(frozen=True, slots=True)
class UserDisabled(Event):
    user_id: int


@event("UserRemoved", "user_id")
@dataclass(frozen=True, slots=True)
class UserRemoved(Event):
    user_id: int


# --- projects ------------------------------------------------------------------------


@event("ProjectCreated", "project_id")
@dataclass(frozen=True, slots=True)
class ProjectCreated(Event):
    project_id: int
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


@event("ProjectUpdated", "project_id")
@dataclass(frozen=True, slots=True)
class ProjectUpdated(Event):
    project_id: int
    changes: Changes
    at: int


@event("ProjectEnabled", "project_id")
@dataclass(frozen=True, slots=True)
class ProjectEnabled(Event):
    project_id: int
    at: int


@event("ProjectDisabled", "project_id")
@dataclass(frozen=True, slots=True)
class ProjectDisabled(Event):
    project_id: int
    at: int


@event("ProjectPublicAccessEnabled", "project_id")
@dataclass(frozen=True, slots=True)
class ProjectPublicAccessEnabled(Event):
    project_id: int
    token: str
    at: int


@event("ProjectPublicAccessDisabled", "project_id")
@dataclass(frozen=True, slots=True)
class ProjectPublicAccessDisabled(Event):
    project_id: int
    at: int


@event("ProjectRemoved", "project_id")
@dataclass(frozen=True, slots=True)
class ProjectRemoved(Event):
    project_id: int


@event("ProjectMetadataSaved", "project_id")
@dataclass(frozen=True, slots=True)
class ProjectMetadataSaved(Event):
    project_id: int
    values: dict[str, str]


@event("ProjectMetadataRemoved", "project_id")
@dataclass(frozen=True, slots=True)
class ProjectMetadataRemoved(Event):
    project_id: int
    name: str


@event("ProjectUserAdded", "project_id")
@dataclass(frozen=True, slots=True)
class ProjectUserAdded(Event):
    project_id: int
    user_id: int
    role: str


@event("ProjectUserRoleChanged", "project_id")
@dataclass(frozen=True, slots=True)
class ProjectUserRoleChanged(Event):
    project_id: int
    user_id: int
    role: str


@event("ProjectUserRemoved", "project_id")
@dataclass(frozen=True, slots=True)
class ProjectUserRemoved(Event):
    project_id: int
    user_id: int


# --- columns, swimlanes, categories, tags (project stream) ---------------------------


@event("ColumnAdded", "project_id")
@dataclass(frozen=True, slots=True)
class ColumnAdded(Event):
    project_id: int
    column_id: int
    title: str
    task_limit: int
    description: str


@event("ColumnUpdated", "project_id")
@dataclass(frozen=True, slots=True)
class ColumnUpdated(Event):
    project_id: int
    column_id: int
    title: str
    task_limit: int
    description: str


@event("ColumnMoved", "project_id")
@dataclass(frozen=True, slots=True)
class ColumnMoved(Event):
    project_id: int
    column_id: int
    position: int


@event("ColumnRemoved", "project_id")
@dataclass(frozen=True, slots=True)
class ColumnRemoved(Event):
    project_id: int
    column_id: int


@event("SwimlaneAdded", "project_id")
@dataclass(frozen=True, slots=True)
class SwimlaneAdded(Event):
    project_id: int
    swimlane_id: int
    name: str
    description: str


@event("CategoryCreated", "project_id")
@dataclass(frozen=True, slots=True)
class CategoryCreated(Event):
    project_id: int
    category_id: int
    name: str
    color_id: str | None


@event("CategoryUpdated", "project_id")
@dataclass(frozen=True, slots=True)
class CategoryUpdated(Event):
    project_id: int
    category_id: int
    name: str
    color_id: str | None


@event("CategoryRemoved", "project_id")
@dataclass(frozen=True, slots=True)
class CategoryRemoved(Event):
    project_id: int
    category_id: int


@event("TagCreated", "project_id")
@dataclass(frozen=True, slots=True)
class TagCreated(Event):
    project_id: int
    tag_id: int
    name: str


# --- tasks ---------------------------------------------------------------------------


@event("TaskCreated", "task_id")
@dataclass(frozen=True, slots=True)
class TaskCreated(Event):
    task_id: int
    project_id: int
    column_id: int
    swimlane_id: int
    position: int
    fields: Changes
    at: int


@event("TaskUpdated", "task_id")
@dataclass(frozen=True, slots=True)
class TaskUpdated(Event):
    task_id: int
    changes: Changes
    at: int


@event("TaskMoved", "task_id", version=2)
@dataclass(frozen=True, slots=True)
class TaskMoved(Event):
    """v2: the move alone. `order_key` places the task between its new neighbours and
    evolve renumbers the siblings of both cells from the keys. A v1 move (upcast with
    order_key None) renumbered nothing itself: its TaskRepositioned events follow it."""

    task_id: int
    project_id: int
    column_id: int
    swimlane_id: int
    position: int
    at: int
    order_key: str | None = None


@event("TaskMovedToProject", "task_id")
@dataclass(frozen=True, slots=True)
class TaskMovedToProject(Event):
    task_id: int
    project_id: int
    column_id: int
    swimlane_id: int
    position: int
    at: int


@event("TaskRepositioned", "task_id")
@dataclass(frozen=True, slots=True)
class TaskRepositioned(Event):
    """A sibling's move renumbered this task (written by v1 moves only; a v2 TaskMoved
    derives the renumbering when folded). Old logs keep and fold these as they are."""

    task_id: int
    position: int


@event("TaskClosed", "task_id")
@dataclass(frozen=True, slots=True)
class TaskClosed(Event):
    task_id: int
    at: int


@event("TaskOpened", "task_id")
@dataclass(frozen=True, slots=True)
class TaskOpened(Event):
    task_id: int
    at: int


@event("TaskRemoved", "task_id")
@dataclass(frozen=True, slots=True)
class TaskRemoved(Event):
    task_id: int


@event("TaskTagsSet", "task_id")
@dataclass(frozen=True, slots=True)
class TaskTagsSet(Event):
    task_id: int
    tag_ids: list[int]


@event("TaskMetadataSaved", "task_id")
@dataclass(frozen=True, slots=True)
class TaskMetadataSaved(Event):
    task_id: int
    values: dict[str, str]


@event("TaskMetadataRemoved", "task_id")
@dataclass(frozen=True, slots=True)
class TaskMetadataRemoved(Event):
    task_id: int
    name: str


@event("SubtaskCreated", "task_id")
@dataclass(frozen=True, slots=True)
class SubtaskCreated(Event):
    task_id: int
    subtask_id: int
    title: str
    user_id: int
    time_estimated: float
    time_spent: float
    status: int


@event("SubtaskUpdated", "task_id")
@dataclass(frozen=True, slots=True)
class SubtaskUpdated(Event):
    task_id: int
    subtask_id: int
    changes: Changes


@event("SubtaskRemoved", "task_id")
@dataclass(frozen=True, slots=True)
class SubtaskRemoved(Event):
    task_id: int
    subtask_id: int


@event("CommentCreated", "task_id", version=2)
@dataclass(frozen=True, slots=True)
class CommentCreated(Event):
    """v2: the text is `comment`, as Kanboard names it (v1 said `content`)."""

    task_id: int
    comment_id: int
    user_id: int
    comment: str
    reference: str
    visibility: str
    at: int


@event("CommentUpdated", "task_id", version=2)
@dataclass(frozen=True, slots=True)
class CommentUpdated(Event):
    """v2: the text is `comment` (v1 said `content`)."""

    task_id: int
    comment_id: int
    comment: str
    at: int


@event("CommentRemoved", "task_id")
@dataclass(frozen=True, slots=True)
class CommentRemoved(Event):
    task_id: int
    comment_id: int




# --- API keys, sprints, time (Leantime) ----------------------------------------------


@event("ApiKeyCreated", "key_id")
@dataclass(frozen=True, slots=True)
class ApiKeyCreated(Event):
    key_id: int
    key_name: str  # the random public part of lt_{key_name}_{secret}
    label: str
    secret_hash: str
    role: str
    project_ids: list[int]


@event("ApiKeyRevoked", "key_id")
@dataclass(frozen=True, slots=True)
class ApiKeyRevoked(Event):
    key_id: int


@event("SprintAdded", "project_id")
@dataclass(frozen=True, slots=True)
class SprintAdded(Event):
    project_id: int
    sprint_id: int
    name: str
    start_date: str
    end_date: str


@event("SprintEdited", "project_id")
@dataclass(frozen=True, slots=True)
class SprintEdited(Event):
    project_id: int
    sprint_id: int
    changes: Changes


@event("SprintDeleted", "project_id")
@dataclass(frozen=True, slots=True)
class SprintDeleted(Event):
    project_id: int
    sprint_id: int


@event("TimeLogged", "task_id")
@dataclass(frozen=True, slots=True)
class TimeLogged(Event):
    task_id: int
    entry_id: int
    hours: float
    date: str
    description: str
    at: int
