"""Planning fields a task may carry beyond Kanboard's own: kind, story points, sprint...

They live in the task row under these names (Kanboard's renderings never show them)
and are set through a command's `plan` mapping, validated here.
"""
from __future__ import annotations

from typing import Any

from domain.errors import Invalid
from domain.state import ProjectState

PLAN_FIELDS: dict[str, type] = {
    "kind": str, "story_points": int, "sprint_id": int, "milestone_id": int,
    "parent_id": int, "hours_remaining": float, "urgency": int, "date_end": int,
}
# The names the first versions of TaskCreated/TaskUpdated stored them under.
LEGACY_NAMES = {"lt_type": "kind", "lt_storypoints": "story_points", "lt_sprint": "sprint_id",
                "lt_milestone": "milestone_id", "lt_parent": "parent_id",
                "lt_hour_remaining": "hours_remaining", "lt_priority": "urgency",
                "lt_edit_to": "date_end"}


def checked_plan(project: ProjectState, plan: dict[str, Any] | None) -> dict[str, Any]:
    """The plan's fields, if every name is known and a sprint belongs to the project."""
    values = dict(plan or {})
    unknown = set(values) - set(PLAN_FIELDS)
    if unknown:
        raise Invalid(f"unknown fields: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        kind = PLAN_FIELDS[name]
        if value is not None and not isinstance(value, kind) and not (
                kind is float and isinstance(value, int)):
            raise Invalid(f"{name} must be {kind.__name__}")
    sprint = values.get("sprint_id")
    if sprint and sprint not in project.sprint_ids:
        raise Invalid(f"sprint {sprint} is not in project {project.row['id']}")
    return values


def renamed_legacy(values: dict[str, Any]) -> dict[str, Any]:
    return {LEGACY_NAMES.get(k, k): v for k, v in values.items()}
