"""A task as Leantime's tickets service shows it, rendered from the read model's board
document, its planning fields and its project's columns (which give the status)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from projections.queries import Reads
from rpc.leantime.statuses import ticket_status

Doc = dict[str, Any]


def _datetime(stamp: int | None) -> str | None:
    if not stamp:
        return None
    return datetime.fromtimestamp(stamp, timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def ticket_view(board: Doc, plan: Doc, columns: list[Doc]) -> Doc:
    return {
        "id": board["id"], "headline": board["title"], "type": plan.get("kind") or "task",
        "description": board["description"], "projectId": board["project_id"],
        "projectName": board["project_name"], "userId": board["creator_id"],
        "editorId": board["owner_id"], "priority": plan.get("urgency"),
        "storypoints": plan.get("story_points"), "date": _datetime(board["date_creation"]),
        "dateToFinish": _datetime(board["date_due"]),
        "status": ticket_status(columns, board["column_id"], board["is_active"]),
        "hourRemaining": plan.get("hours_remaining"), "planHours": board["time_estimated"],
        "bookedHours": board["time_spent"], "sprint": plan.get("sprint_id"),
        "tags": ",".join(tag["name"] for tag in board["tags"]),
        "editFrom": _datetime(board["date_started"]), "editTo": _datetime(plan.get("date_end")),
        "dependingTicketId": plan.get("parent_id"), "milestoneid": plan.get("milestone_id"),
        "modified": _datetime(board["date_modification"]),
    }


def ticket_of(reads: Reads, task_id: Any) -> Doc | None:
    found = reads.task_view(task_id)
    if found is None:
        return None
    board, plan = found
    return ticket_view(board, plan, reads.column_dicts(board["project_id"]))


def tickets_of(reads: Reads, project_ids: list[int]) -> list[Doc]:
    tickets = []
    for project_id in project_ids:
        columns = reads.column_dicts(project_id)
        tickets += [ticket_view(board, plan, columns)
                    for board, plan in reads.task_views([project_id])]
    return sorted(tickets, key=lambda t: t["id"])
