"""Domain events: frozen facts with a stable type name, a schema version and a stream.

Streams follow aggregates: `project-N` holds the project with its columns, swimlanes,
categories, tags and members; `task-N` holds a task with its subtasks, comments, tags and
metadata; `user-N` a user; `apikey-N` an API key; `app` the application settings. Sprints live in
their project's stream, logged time in its task's. An event's stream comes from its base
class (ProjectEvent, TaskEvent, ...), whose id field comes first.

An event's class name is the type name stored in the log: never rename an event class;
give it a new version (and an upcaster, domain/upcasters.py) instead.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

E = TypeVar("E", bound="Event")
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


@dataclass(frozen=True, slots=True)
class UserEvent(Event):
    STREAM: ClassVar[str] = "user_id"
    user_id: int


@dataclass(frozen=True, slots=True)
class ProjectEvent(Event):
    STREAM: ClassVar[str] = "project_id"
    project_id: int


@dataclass(frozen=True, slots=True)
class TaskEvent(Event):
    STREAM: ClassVar[str] = "task_id"
    task_id: int


@dataclass(frozen=True, slots=True)
class GroupEvent(Event):
    STREAM: ClassVar[str] = "group_id"
    group_id: int


@dataclass(frozen=True, slots=True)
class LinkEvent(Event):
    STREAM: ClassVar[str] = "link_id"
    link_id: int


@dataclass(frozen=True, slots=True)
class ApiKeyEvent(Event):
    STREAM: ClassVar[str] = "key_id"
    key_id: int


def event(cls: type[E] | None = None, *, version: int = 1) -> Any:
    """Declare an event class (frozen, slotted) and register it under its class name."""

    def register(declared: type[E]) -> type[E]:
        made = dataclass(frozen=True, slots=True)(declared)
        made.TYPE, made.VERSION = made.__name__, version
        REGISTRY[made.TYPE] = made
        return made

    return register(cls) if cls is not None else register


def from_data(type_name: str, data: dict[str, Any]) -> Event:
    return REGISTRY[type_name](**data)


Changes = dict[str, Any]

# --- application -------------------------------------------------------------------


@event
class ApplicationTokenSet(Event):
    token_hash: str


# --- users ---------------------------------------------------------------------------


@event
class UserCreated(UserEvent):
    username: str
    password_hash: str
    name: str | None
    email: str | None
    role: str


@event
class UserUpdated(UserEvent):
    changes: Changes


@event
class UserPasswordChanged(UserEvent):
    password_hash: str


@event
class UserEnabled(UserEvent):
    """The user may sign in again."""


@event
class UserDisabled(UserEvent):
    """The user may no longer sign in."""


@event
class UserRemoved(UserEvent):
    """The user is gone; their tasks become unassigned."""


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


# --- tasks ---------------------------------------------------------------------------


@event(version=2)
class TaskCreated(TaskEvent):
    """v2: planning fields under domain names (v1 stored Leantime's lt_* names)."""

    project_id: int
    column_id: int
    swimlane_id: int
    position: int
    fields: Changes
    at: int


@event(version=2)
class TaskUpdated(TaskEvent):
    """v2: planning fields under domain names (v1 stored Leantime's lt_* names)."""

    changes: Changes
    at: int


@event(version=2)
class TaskMoved(TaskEvent):
    """v2: the move alone. `order_key` places the task between its new neighbours and
    evolve renumbers the siblings of both cells from the keys. A v1 move (upcast with
    order_key None) renumbered nothing itself: its TaskRepositioned events follow it."""

    project_id: int
    column_id: int
    swimlane_id: int
    position: int
    at: int
    order_key: str | None = None


@event
class TaskMovedToProject(TaskEvent):
    project_id: int
    column_id: int
    swimlane_id: int
    position: int
    at: int


@event
class TaskRepositioned(TaskEvent):
    """A sibling's move renumbered this task (written by v1 moves only; a v2 TaskMoved
    derives the renumbering when folded). Old logs keep and fold these as they are."""

    position: int


@event
class TaskClosed(TaskEvent):
    at: int


@event
class TaskOpened(TaskEvent):
    at: int


@event
class TaskRemoved(TaskEvent):
    """The task is gone with its subtasks and comments."""


@event
class TaskTagsSet(TaskEvent):
    tag_ids: list[int]


@event
class TaskMetadataSaved(TaskEvent):
    values: dict[str, str]


@event
class TaskMetadataRemoved(TaskEvent):
    name: str


@event
class SubtaskCreated(TaskEvent):
    subtask_id: int
    title: str
    user_id: int
    time_estimated: float
    time_spent: float
    status: int


@event
class SubtaskUpdated(TaskEvent):
    subtask_id: int
    changes: Changes


@event
class SubtaskTimerStarted(TaskEvent):
    subtask_id: int
    user_id: int
    at: int


@event
class SubtaskTimerStopped(TaskEvent):
    """`hours` (Kanboard rounds to 0.01) are added to the subtask's time spent."""

    subtask_id: int
    user_id: int
    at: int
    hours: float


@event
class SubtaskRemoved(TaskEvent):
    subtask_id: int


@event(version=2)
class CommentCreated(TaskEvent):
    """v2: the text is `comment`, as Kanboard names it (v1 said `content`)."""

    comment_id: int
    user_id: int
    comment: str
    reference: str
    visibility: str
    at: int


@event(version=2)
class CommentUpdated(TaskEvent):
    """v2: the text is `comment` (v1 said `content`)."""

    comment_id: int
    comment: str
    at: int


@event
class CommentRemoved(TaskEvent):
    comment_id: int


# --- API keys, sprints, logged time -----------------------------------------------------


@event
class ApiKeyCreated(ApiKeyEvent):
    key_name: str  # the random public part of lt_{key_name}_{secret}
    label: str
    secret_hash: str
    role: str
    project_ids: list[int]


@event
class ApiKeyRevoked(ApiKeyEvent):
    """The key stops working at once."""


@event
class SprintAdded(ProjectEvent):
    sprint_id: int
    name: str
    start_date: str
    end_date: str


@event(version=2)
class SprintEdited(ProjectEvent):
    """v2: changes under start_date/end_date (v1 used Leantime's startDate/endDate)."""

    sprint_id: int
    changes: Changes


@event
class SprintDeleted(ProjectEvent):
    sprint_id: int


@event
class TimeLogged(TaskEvent):
    entry_id: int
    hours: float
    date: str
    description: str
    at: int


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


# --- link types (link-N) ------------------------------------------------------------


@event
class LinkCreated(LinkEvent):
    """A link type; `opposite_id` names its opposite (0: none; it is its own)."""

    label: str
    opposite_id: int


@event
class LinkUpdated(LinkEvent):
    label: str
    opposite_id: int


@event
class LinkRemoved(LinkEvent):
    """The link type is gone; the types that had it as opposite have none any more."""


# --- links between tasks (each row in its task's stream) -----------------------------


@event
class TaskLinkCreated(TaskEvent):
    task_link_id: int
    opposite_task_id: int
    link_id: int


@event
class TaskLinkUpdated(TaskEvent):
    """The row now belongs to `task_id` (an update may hand it to another task)."""

    task_link_id: int
    opposite_task_id: int
    link_id: int


@event
class TaskLinkRemoved(TaskEvent):
    task_link_id: int
