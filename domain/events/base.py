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
import functools
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

E = TypeVar("E", bound="Event")
REGISTRY: dict[str, type["Event"]] = {}


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    """An event class's field names, in order (looked up once per class)."""
    return tuple(f.name for f in dataclasses.fields(kind))


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
        return {name: getattr(self, name) for name in _field_names(type(self))}


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
