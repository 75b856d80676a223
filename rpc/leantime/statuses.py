"""Leantime ticket statuses as a view of a project's columns and a task's open/closed state.

A project's statuses are its columns. A column titled like one of Leantime's defaults
takes that status's id (New 3, Blocked 1, In Progress 4, Waiting for Approval 2, Done 0;
Backlog counts as New and Work in progress as In Progress); any other column gets the
stable id 100 + column id. A closed task, or one in a Done column, has status 0.
Columns are the read model's column documents in board order.
"""
from __future__ import annotations

from typing import Any

from domain.errors import Invalid

Column = dict[str, Any]

LEANTIME_COLUMNS = ("New", "Blocked", "In Progress", "Waiting for Approval", "Done")
DONE = 0
_BY_TITLE = {"new": 3, "backlog": 3, "blocked": 1, "in progress": 4, "work in progress": 4,
             "waiting for approval": 2, "done": 0}


def column_status(column: Column) -> int:
    return _BY_TITLE.get(column["title"].strip().lower(), 100 + column["id"])


def status_type(status: int, first_column: bool) -> str:
    if status == DONE:
        return "DONE"
    return "NEW" if status == 3 or first_column else "INPROGRESS"


def labels_for_columns(columns: list[Column]) -> dict[str, dict]:
    """Status id -> label for a project's columns, in board order, then Done."""
    labels: dict[str, dict] = {}
    for index, column in enumerate(columns):
        status = column_status(column)
        labels.setdefault(str(status), {
            "name": column["title"], "class": "label-default",
            "statusType": status_type(status, index == 0), "kanbanCol": True,
            "sortKey": index + 1, "columnId": column["id"]})
    labels.setdefault(str(DONE), {"name": "Done", "class": "label-success", "statusType": "DONE",
                                  "kanbanCol": False, "sortKey": len(labels) + 1,
                                  "columnId": None})
    return labels


def status_types(columns: list[Column]) -> dict[str, str]:
    return {s: label["statusType"] for s, label in labels_for_columns(columns).items()}


def ticket_status(columns: list[Column], column_id: int, is_active: int) -> int:
    if not is_active:
        return DONE
    column = next((c for c in columns if c["id"] == column_id), None)
    return column_status(column) if column else 3


def placement(columns: list[Column], status: int) -> tuple[int | None, bool]:
    """Where a ticket of `status` goes: (its column or None, open?). Unknown: Invalid."""
    column_id = next((c["id"] for c in columns if column_status(c) == status), None)
    if column_id is None and status != DONE:
        raise Invalid(f"status {status} is not a column of this project")
    return column_id, status != DONE


def first_status_of_type(columns: list[Column], kind: str) -> int | None:
    """The first status in board order (then Done) whose type is `kind`."""
    for status, label in labels_for_columns(columns).items():
        if label["statusType"] == kind.upper():
            return int(status)
    return None
