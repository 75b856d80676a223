"""Events of a project's automatic actions (in the project's stream)."""
from __future__ import annotations

from domain.events.base import ProjectEvent, event


@event
class ActionCreated(ProjectEvent):
    """`params` as Kanboard stores them: name -> text."""

    action_id: int
    event_name: str
    action_name: str
    params: dict[str, str]


@event
class ActionRemoved(ProjectEvent):
    action_id: int
