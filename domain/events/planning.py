"""Events of API keys (apikey-N), sprints (project stream) and logged time (task stream)."""
from __future__ import annotations

from domain.events.base import ApiKeyEvent, Changes, ProjectEvent, TaskEvent, event


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
