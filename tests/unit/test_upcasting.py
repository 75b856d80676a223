"""Logs written before the planning fields got domain names still fold the same."""
from __future__ import annotations

import orjson

from eventstore.records import decode


def test_v1_task_events_keep_their_planning_fields_under_domain_names() -> None:
    created = decode("TaskCreated", 1, orjson.dumps({
        "task_id": 1, "project_id": 1, "column_id": 1, "swimlane_id": 1, "position": 1,
        "at": 5, "fields": {"title": "t", "lt_sprint": 3, "lt_type": "bug",
                            "lt_edit_to": 99}}).decode())
    assert created.fields == {"title": "t", "sprint_id": 3, "kind": "bug", "date_end": 99}
    updated = decode("TaskUpdated", 1, orjson.dumps({
        "task_id": 1, "at": 6, "changes": {"lt_storypoints": 8, "title": "u"}}).decode())
    assert updated.changes == {"story_points": 8, "title": "u"}


def test_v1_sprint_edits_name_their_dates_as_the_domain_does() -> None:
    edited = decode("SprintEdited", 1, orjson.dumps({
        "project_id": 1, "sprint_id": 2,
        "changes": {"name": "S", "startDate": "2026-01-01", "endDate": "2026-01-14"}}).decode())
    assert edited.changes == {"name": "S", "start_date": "2026-01-01", "end_date": "2026-01-14"}
