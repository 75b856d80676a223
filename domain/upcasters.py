"""Upcasters: turn an old schema version of an event's data into the next one.

Old rows are never rewritten; they are upcast as they are read, so the rest of the code
only ever sees current events. Register `(type, from_version) -> fn(data) -> data`.
"""
from __future__ import annotations

from typing import Any, Callable

from domain.planning import renamed_legacy

Data = dict[str, Any]
UPCASTERS: dict[tuple[str, int], Callable[[Data], Data]] = {}


def upcaster(type_name: str, from_version: int):
    def register(fn: Callable[[Data], Data]) -> Callable[[Data], Data]:
        UPCASTERS[(type_name, from_version)] = fn
        return fn

    return register


def upcast(type_name: str, version: int, data: Data) -> tuple[int, Data]:
    while (type_name, version) in UPCASTERS:
        data = UPCASTERS[(type_name, version)](data)
        version += 1
    return version, data


def _comment_text_v1_to_v2(data: Data) -> Data:
    """v1 comment events called the text `content`; Kanboard and v2 call it `comment`."""
    upgraded = {k: v for k, v in data.items() if k != "content"}
    upgraded["comment"] = data["content"]
    return upgraded


upcaster("CommentCreated", 1)(_comment_text_v1_to_v2)
upcaster("CommentUpdated", 1)(_comment_text_v1_to_v2)


@upcaster("TaskCreated", 1)
def _task_created_plan_names(data: Data) -> Data:
    """v1 kept planning fields under Leantime's lt_* names."""
    return {**data, "fields": renamed_legacy(data["fields"])}


@upcaster("TaskUpdated", 1)
def _task_updated_plan_names(data: Data) -> Data:
    return {**data, "changes": renamed_legacy(data["changes"])}


@upcaster("SprintEdited", 1)
def _sprint_edited_names(data: Data) -> Data:
    """v1 named the dates as Leantime does (startDate, endDate)."""
    names = {"startDate": "start_date", "endDate": "end_date"}
    return {**data, "changes": {names.get(k, k): v for k, v in data["changes"].items()}}


def _move_v1_to_v2(data: Data) -> Data:
    """v1 moves carried no order key; their TaskRepositioned events did the renumbering."""
    return {**data, "order_key": None}


upcaster("TaskMoved", 1)(_move_v1_to_v2)


@upcaster("TaskMovedToProject", 1)
def _moved_to_project_v1(data: Data) -> Data:
    """v1 moves (Leantime's moveTicket) cleared the category, the sprint and the tags and
    set the modification and move dates; the task stayed open or closed."""
    at = data["at"]
    changes = {"category_id": 0, "sprint_id": None, "date_moved": at, "date_modification": at}
    return {**data, "changes": changes, "tag_ids": []}


@upcaster("TagCreated", 1)
def _tag_colour(data: Data) -> Data:
    """v1 tags had no colour."""
    return {**data, "color_id": None}


@upcaster("TaskFileCreated", 1)
def _task_file_path(data: Data) -> Data:
    """v1 task files were all uploads: each its own object path."""
    return {**data, "path": None}
