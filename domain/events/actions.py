"""Events of a project's automatic actions (in the project's stream)."""
from __future__ import annotations

from domain.events.base import ProjectEvent, event


@event
class ActionCreated(ProjectEvent):
    """`params` as Kanboard stores them, [name, text] pairs in the order given (a list:
    the log's JSON sorts an object's keys)."""

    action_id: int
    event_name: str
    action_name: str
    params: list[list[str]]


@event
class ActionRemoved(ProjectEvent):
    action_id: int
