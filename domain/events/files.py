"""Events of project and task files, each in its owner's stream. An event records the
file's name, size, media type and the SHA-256 of its content (kept in the blob store
beside the log, never in the event), so the hash chain covers the content too."""
from __future__ import annotations

from domain.events.base import ProjectEvent, TaskEvent, event

# The events that reference a blob by their `sha256` (verify, export and replay use it).
BLOB_EVENTS = ("ProjectFileCreated", "TaskFileCreated")


@event
class ProjectFileCreated(ProjectEvent):
    file_id: int
    name: str
    size: int
    content_type: str
    sha256: str
    user_id: int
    at: int


@event
class ProjectFileRemoved(ProjectEvent):
    file_id: int


@event(version=2)
class TaskFileCreated(TaskEvent):
    """`path`: the object path of the file a duplicated task's copy shares (Kanboard's
    copy keeps its source's path, so its content is stored once); None for an upload,
    whose path is its own (`tasks/ID/sha1(name . at)`). v1 had no `path`."""

    file_id: int
    name: str
    size: int
    content_type: str
    sha256: str
    user_id: int
    at: int
    path: str | None = None


@event
class TaskFileRemoved(TaskEvent):
    file_id: int
