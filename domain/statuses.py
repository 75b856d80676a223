"""Leantime ticket statuses as a view of Kanboard's columns and open/closed state.

A project's statuses are its columns. A column titled like one of Leantime's defaults
takes that status's id (New 3, Blocked 1, In Progress 4, Waiting for Approval 2, Done 0;
Backlog counts as New and Work in progress as In Progress); any other column gets the
stable id 100 + column id. A closed task, or one in a Done column, has status 0.
"""
from __future__ import annotations

from domain.state import ProjectState, Row, TaskState, World

LEANTIME_COLUMNS = ("New", "Blocked", "In Progress", "Waiting for Approval", "Done")
DONE = 0
_BY_TITLE = {"new": 3, "backlog": 3, "blocked": 1, "in progress": 4, "work in progress": 4,
             "waiting for approval": 2, "done": 0}
STATUS_TYPES = {"NEW", "INPROGRESS", "DONE"}


def column_status(column: Row) -> int:
    return _BY_TITLE.get(column["title"].strip().lower(), 100 + column["id"])


def status_type(status: int, first_column: bool) -> str:
    if status == DONE:
        return "DONE"
    return "NEW" if status == 3 or first_column else "INPROGRESS"


def status_labels(world: World, project: ProjectState) -> dict[str, dict]:
    return labels_for_columns([world.columns[c] for c in project.column_order])


def labels_for_columns(columns: list[Row]) -> dict[str, dict]:
    """Status id -> label for a project's columns, in board order, then Done."""
    labels: dict[str, dict] = {}
    for index, column in enumerate(columns):
        column_id = column["id"]
        status = column_status(column)
        labels.setdefault(str(status), {
            "name": column["title"], "class": "label-default",
            "statusType": status_type(status, index == 0), "kanbanCol": True,
            "sortKey": index + 1, "columnId": column_id})
    labels.setdefault(str(DONE), {"name": "Done", "class": "label-success", "statusType": "DONE",
                                  "kanbanCol": False, "sortKey": len(labels) + 1,
                                  "columnId": None})
    return labels


def ticket_status(world: World, task: TaskState) -> int:
    if not task.row["is_active"]:
        return DONE
    column = world.columns.get(task.row["column_id"])
    return column_status(column) if column else 3


def column_for_status(world: World, project: ProjectState, status: int) -> int | None:
    for column_id in project.column_order:
        if column_status(world.columns[column_id]) == status:
            return column_id
    return None


def status_types(columns: list[Row]) -> dict[str, str]:
    return {s: label["statusType"] for s, label in labels_for_columns(columns).items()}


def statuses_of_type(world: World, project: ProjectState, kind: str) -> set[int]:
    return {int(s) for s, label in status_labels(world, project).items()
            if label["statusType"] == kind}
