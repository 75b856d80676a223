"""Events of tasks' streams (task-N): the task, its subtasks, comments, timers and links."""
from __future__ import annotations

from domain.events.base import Changes, TaskEvent, event


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


@event(version=2)
class TaskMovedToProject(TaskEvent):
    """v2: Kanboard's move to a project. `changes` are the row's other new values (owner,
    category, priority, is_active: Kanboard reopens the task; planning fields), `tag_ids`
    its tags after they were re-linked to the destination's (None: unchanged). v1 (the
    first Leantime move) cleared the category, sprint and tags and touched the dates: it
    is upcast to those changes and no tags."""

    project_id: int
    column_id: int
    swimlane_id: int
    position: int
    at: int
    changes: Changes
    tag_ids: list[int] | None = None


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


@event
class ExternalLinkCreated(TaskEvent):
    external_link_id: int
    link_type: str
    dependency: str
    title: str
    url: str
    creator_id: int
    at: int


@event
class ExternalLinkUpdated(TaskEvent):
    """`changes`: the title, url and dependency given (none: only the time moves)."""

    external_link_id: int
    changes: Changes
    at: int


@event
class ExternalLinkRemoved(TaskEvent):
    external_link_id: int


# --- brought across from another system ----------------------------------------------


@event
class ActivityImported(TaskEvent):
    """A row of Kanboard's activity stream (`project_activities`) brought across by
    `boardlog import-kanboard`, as Kanboard stored it: its id, time, author and the task
    (and subtask, comment...) snapshot in `data`. It changes no state; the activity read
    model keeps it, so getProjectActivity goes on showing the past."""

    activity_id: int
    project_id: int
    creator_id: int
    event_name: str
    date_creation: int
    data: dict
