"""searchTasks: a subset of Kanboard's filter language over a project's tasks.

`attr:value` tokens (quoted values allowed) for status, assignee, creator, color,
column, category, swimlane, reference, id and due date; the remaining words match the title.
The same attribute repeated is OR'ed, different attributes AND'ed. No status filter
returns open and closed tasks, as in Kanboard.
"""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from typing import Any, Callable

import orjson

from domain.rules import is_digits
from projections.queries import Reads

_TOKEN = re.compile(r'(\w+):("[^"]*"|\S+)')
_HIDDEN = ("tags", "is_draggable")


def _person(task: dict, value: str, id_field: str, prefix: str, me: int) -> bool:
    user_id = task[id_field]
    if value == "me":
        return user_id == me
    if value == "nobody":
        return user_id == 0
    if value == "anybody":
        return user_id != 0
    if is_digits(value):
        return user_id == int(value)
    names = (task.get(f"{prefix}_username") or "", task.get(f"{prefix}_name") or "")
    return any(value.lower() in n.lower() for n in names)


_DATE_OPERATORS = (("<=", lambda d, t: d <= t + 86399), (">=", lambda d, t: d >= t),
                   ("<", lambda d, t: d < t), (">", lambda d, t: d > t + 86400))


def _day(text: str) -> int:
    """Midnight (UTC) of a day given as unix seconds, YYYY-MM-DD, today/tomorrow/yesterday;
    0 when unreadable, as strtotime's false in Kanboard's DateParser."""
    today = datetime.now(timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    relative = {"today": 0, "tomorrow": 1, "yesterday": -1}
    if text.lower() in relative:
        return int((today + timedelta(days=relative[text.lower()])).timestamp())
    try:
        moment = (datetime.fromtimestamp(int(text), timezone.utc) if is_digits(text)
                  else datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=timezone.utc))
    except (ValueError, OverflowError):
        return 0
    return int(moment.replace(hour=0, minute=0, second=0).timestamp())


def _due(task: dict, value: str) -> bool:
    """TaskDueDateFilter: `none`, or a set due date on (or before/after) a day."""
    due = task["date_due"] or 0
    if value.lower() == "none":
        return due == 0
    if due == 0:
        return False
    for operator, compare in _DATE_OPERATORS:
        if value.startswith(operator):
            return compare(due, _day(value[len(operator):]))
    day = _day(value)
    return day <= due <= day + 86399


def _matcher(attr: str, value: str, me: int) -> Callable[[dict], bool] | None:
    v = value.lower()
    rules: dict[str, Callable[[dict], bool]] = {
        "status": lambda t: t["is_active"] == (1 if v in ("open", "1") else 0),
        "assignee": lambda t: _person(t, value, "owner_id", "assignee", me),
        "color": lambda t: t["color_id"] == v.replace(" ", "_"),
        "column": lambda t: (t["column_name"] or "").lower() == v or str(t["column_id"]) == v,
        "category": lambda t: (t["category_name"] or "").lower() == v or (
            v == "none" and t["category_id"] == 0),
        "swimlane": lambda t: (t["swimlane_name"] or "").lower() == v,
        "ref": lambda t: (t["reference"] or "").lower() == v,
        "reference": lambda t: (t["reference"] or "").lower() == v,
        "id": lambda t: str(t["id"]) == v.lstrip("#"),
        "title": lambda t: v in t["title"].lower(),
        "description": lambda t: v in (t["description"] or "").lower(),
        "priority": lambda t: str(t["priority"]) == v,
        "due": lambda t: _due(t, value),
    }
    return rules.get(attr.lower())


def search(reads: Reads, project_id: int, query: str, me: int = 0) -> list[dict[str, Any]]:
    groups: dict[str, list[Callable[[dict], bool]]] = defaultdict(list)
    for attr, raw in _TOKEN.findall(query or ""):
        matcher = _matcher(attr, raw.replace('"', ""), me)  # Kanboard's Lexer drops quotes
        if matcher:
            groups[attr.lower()].append(matcher)
    words = _TOKEN.sub(" ", query or "").replace('"', "").split()
    results = []
    for doc in reads.tasks_titled(project_id, words):  # only the titles that match
        task = orjson.loads(doc)
        if all(any(m(task) for m in ms) for ms in groups.values()):
            for name in _HIDDEN:
                task.pop(name, None)
            results.append(task)
    return results
