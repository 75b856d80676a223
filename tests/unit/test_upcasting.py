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


def test_v1_moves_to_a_project_fold_as_they_did_then() -> None:
    """v1 (Leantime's first moveTicket) cleared category, sprint and tags, dated the
    move and left a closed task closed; v2 moves reopen and keep what Kanboard keeps."""
    from domain import commands as cmd
    from domain.decision import decide
    from domain.evolve import apply
    from domain.state import World
    import domain.decide  # noqa: F401

    world = World()
    for command in (cmd.CreateProject(name="A", at=1), cmd.CreateProject(name="B", at=1),
                    cmd.CreateCategory(project_id=1, name="Bug"),
                    cmd.CreateTask(title="t", project_id=1, category_id=1, tags=["x"], at=2,
                                   actor_id=0),
                    cmd.UpdateTask(task_id=1, is_active=False, at=3)):
        for event in decide(world, command).events:
            apply(world, event)
    moved = decode("TaskMovedToProject", 1, orjson.dumps({
        "task_id": 1, "project_id": 2, "column_id": 5, "swimlane_id": 2, "position": 1,
        "at": 9}).decode())
    apply(world, moved)
    row = world.tasks[1].row
    assert (row["project_id"], row["column_id"], row["category_id"], row["is_active"]) \
        == (2, 5, 0, 0)
    assert (row["sprint_id"], row["date_moved"], row["date_modification"]) == (None, 9, 9)
    assert world.tasks[1].tag_ids == []


def test_v1_task_files_keep_their_own_object_path() -> None:
    """v1 TaskFileCreated had no `path`: every one was an upload, its path its own."""
    from domain.evolve import apply
    from domain.files import object_path
    from domain.state import World
    from domain import commands as cmd
    from domain.decision import decide
    import domain.decide  # noqa: F401

    world = World()
    for command in (cmd.CreateProject(name="A", at=1),
                    cmd.CreateTask(title="t", project_id=1, at=2, actor_id=0)):
        for event in decide(world, command).events:
            apply(world, event)
    created = decode("TaskFileCreated", 1, orjson.dumps({
        "task_id": 1, "file_id": 1, "name": "a.txt", "size": 1, "content_type": "text/plain",
        "sha256": "ab" * 32, "user_id": 0, "at": 7}).decode())
    assert created.path is None
    apply(world, created)
    assert world.task_files[1]["path"] == object_path("tasks", 1, "a.txt", 7)
