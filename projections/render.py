"""Render world entities into the exact JSON shapes the Kanboard API answers with."""
from __future__ import annotations

import hashlib
from operator import itemgetter
from typing import Any, Callable

from domain.colors import color_of
from domain.planning import PLAN_FIELDS
from domain.state import Row, TaskState, World

BASE_URL = "http://localhost/"

TASK_FIELDS = ("id", "title", "description", "date_creation", "color_id", "project_id",
               "column_id", "owner_id", "position", "is_active", "date_completed", "score",
               "date_due", "category_id", "creator_id", "date_modification", "reference",
               "date_started", "time_spent", "time_estimated", "swimlane_id", "date_moved",
               "recurrence_status", "recurrence_trigger", "recurrence_factor",
               "recurrence_timeframe", "recurrence_basedate", "recurrence_parent",
               "recurrence_child", "priority", "external_provider", "external_uri")
BOARD_TASK_FIELDS = ("id", "reference", "title", "description", "date_creation",
                     "date_modification", "date_completed", "date_started", "date_due",
                     "color_id", "project_id", "column_id", "swimlane_id", "owner_id",
                     "creator_id", "position", "is_active", "score", "category_id", "priority",
                     "date_moved", "recurrence_status", "recurrence_trigger",
                     "recurrence_factor", "recurrence_timeframe", "recurrence_basedate",
                     "recurrence_parent", "recurrence_child", "time_estimated", "time_spent")
_USER_DEFAULTS = {"is_ldap_user": 0, "google_id": None, "github_id": None,
                  "notifications_enabled": 0, "timezone": None, "language": None,
                  "disable_login_form": 0, "twofactor_activated": 0, "twofactor_secret": None,
                  "token": "", "notifications_filter": 4, "nb_failed_login": 0,
                  "lock_expiration_date": 0, "is_project_admin": 0, "gitlab_id": None}
_USER_TAIL = {"avatar_path": None, "api_access_token": None, "filter": None, "theme": "light"}


def fields_of(row: Row, names: tuple[str, ...], values: Callable[[Row], tuple]
              ) -> dict[str, Any]:
    """`row`'s values of `names` (None where it has none), `values` being
    operator.itemgetter(*names): one C call for the usual row that has them all."""
    try:
        return dict(zip(names, values(row)))
    except KeyError:  # a row folded from an older log may lack a column
        return {name: row.get(name) for name in names}


_TASK_VALUES = itemgetter(*TASK_FIELDS)
_BOARD_TASK_VALUES = itemgetter(*BOARD_TASK_FIELDS)


def task_fields(row: Row) -> dict[str, Any]:
    """A task's own columns, in Kanboard's order."""
    return fields_of(row, TASK_FIELDS, _TASK_VALUES)


def task_doc(task: TaskState) -> dict[str, Any]:
    row = task.row
    doc = task_fields(row)
    doc["url"] = f"{BASE_URL}?controller=TaskViewController&action=show&task_id={row['id']}"
    doc["color"] = color_of(row["color_id"])
    return doc


def board_task_doc(world: World, task: TaskState) -> dict[str, Any]:
    """A task as getBoard and searchTasks show it: counts and joined names."""
    row = task.row
    subtasks = [world.subtasks[s] for s in task.subtask_order]
    owner = world.users.get(row["owner_id"]) or {}
    category = world.categories.get(row["category_id"]) or {}
    column = world.columns.get(row["column_id"]) or {}
    project = world.projects.get(row["project_id"])
    doc: dict[str, Any] = {
        "nb_comments": len(task.comment_ids), "nb_files": len(task.file_ids), "nb_subtasks": len(subtasks),
        "nb_completed_subtasks": sum(1 for s in subtasks if s["status"] == 2),
        "nb_links": len(task.link_ids), "nb_external_links": len(task.external_link_ids),
        "is_milestone": 1 if _is_milestone(world, task) else None,
    }
    doc.update(fields_of(row, BOARD_TASK_FIELDS, _BOARD_TASK_VALUES))
    doc.update({
        "assignee_username": owner.get("username"), "assignee_name": owner.get("name"),
        "assignee_email": owner.get("email"), "assignee_avatar_path": None,
        "category_name": category.get("name"), "category_description": category.get("description"),
        "category_color_id": category.get("color_id"), "column_name": column.get("title"),
        "column_position": column.get("position"),
        "swimlane_name": (world.swimlanes.get(row["swimlane_id"]) or {}).get("name"),
        "project_name": project.row["name"] if project else None,
        "tags": [{"id": t, "name": world.tags[t]["name"], "color_id": world.tags[t]["color_id"],
                  "task_id": row["id"]}
                 for t in sorted((t for t in task.tag_ids if t in world.tags),
                                 key=lambda t: (world.tags[t]["name"], t))],  # by name
        "is_draggable": False,
    })
    return doc


def plan_doc(task: TaskState) -> dict[str, Any]:
    """The task's planning fields (domain.planning), which Kanboard's shapes never show."""
    return {name: task.row.get(name) for name in PLAN_FIELDS}


def _is_milestone(world: World, task: TaskState) -> bool:
    """Kanboard's is_milestone: the task has an "is a milestone of" link."""
    return any(world.links.get(world.task_links[i]["link_id"], {}).get("label")
               == "is a milestone of" for i in task.link_ids if i in world.task_links)


# getById's columns of each file table, in Kanboard's order (its getAll joins the user)
PROJECT_FILE_FIELDS = ("id", "project_id", "name", "path", "is_image", "size", "user_id", "date")
TASK_FILE_FIELDS = ("id", "name", "path", "is_image", "task_id", "date", "user_id", "size")


def file_doc(row: Row, fields: tuple[str, ...]) -> dict[str, Any]:
    """A file as Kanboard's FileModel::getById answers it, with its etag (md5 of the path)."""
    doc = {name: row[name] for name in fields}
    doc["etag"] = hashlib.md5(row["path"].encode()).hexdigest()
    return doc


def project_doc(row: Row) -> dict[str, Any]:
    doc = {
        "id": row["id"], "name": row["name"], "is_active": row["is_active"],
        "token": row["token"], "last_modified": row["last_modified"],
        "is_public": row["is_public"], "is_private": row["is_private"],
        "is_everybody_allowed": 0, "default_swimlane": "Default swimlane",
        "show_default_swimlane": 1, "description": row["description"],
        "identifier": row["identifier"], "start_date": row["start_date"],
        "end_date": row["end_date"], "owner_id": row["owner_id"],
        "priority_default": row["priority_default"], "priority_start": row["priority_start"],
        "priority_end": row["priority_end"], "email": row["email"],
        "predefined_email_subjects": None, "per_swimlane_task_limits": 0, "task_limit": 0,
        "enable_global_tags": 1,
    }
    urls = {"board": f"{BASE_URL}?controller=BoardViewController&action=show&project_id={row['id']}",
            "list": f"{BASE_URL}?controller=TaskListController&action=show&project_id={row['id']}"}
    if row["is_public"] and row["token"]:
        token = row["token"]
        urls["public_board"] = f"{BASE_URL}?controller=BoardViewController&action=readonly&token={token}"
        urls["rss_feed"] = f"{BASE_URL}?controller=FeedController&action=project&token={token}"
        urls["ical_feed"] = f"{BASE_URL}?controller=ICalendarController&action=project&token={token}"
    doc["url"] = urls
    return doc


def user_doc(row: Row) -> dict[str, Any]:
    """getUser's shape, without the password hash Kanboard leaks."""
    return {"id": row["id"], "username": row["username"],
            "is_admin": row.get("is_admin", 0), "name": row["name"],
            "email": row["email"], **_USER_DEFAULTS,
            "nb_failed_login": row.get("nb_failed_login", 0),
            "lock_expiration_date": row.get("lock_expiration_date", 0), "role": row["role"],
            "is_active": row["is_active"], **_USER_TAIL}


def me_doc(row: Row) -> dict[str, Any]:
    doc = user_doc(row)
    for name in ("is_admin", "is_project_admin"):
        doc.pop(name)
    doc["is_ldap_user"] = False
    doc["twofactor_activated"] = False
    return doc


def api_key_doc(key: Row) -> dict[str, Any]:
    """A key as listed to admins: never its secret or hash."""
    return {"id": key["id"], "name": key["label"], "key": f"lt_{key['key_name']}_***",
            "role": key["role"], "projects": key["project_ids"], "active": key["active"]}
