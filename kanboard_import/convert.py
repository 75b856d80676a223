"""Kanboard's rows as boardlog events, each folded into the world as it is made.

Every object is brought across by the events boardlog's own commands append (a task is
TaskCreated, its tags, its close...), with Kanboard's ids, authors and times; what those
events cannot say (a task's date_moved, a comment edited later, a subtask's timers adding
up) follows as the update event that sets it, found by comparing the folded row with
Kanboard's. So the log folds, verifies and time-travels like any other, and the ids
boardlog hands out next continue after the highest imported one.
"""
from __future__ import annotations

import mimetypes
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

import orjson

from domain import events as ev
from domain.colors import DEFAULT_COLOR_SETTING
from domain.evolve import apply
from domain.evolve.common import number
from domain.state import Row, World
from eventstore.blobs import BlobStore
from kanboard_import.source import KanboardSource, SourceError

# The settings the API answers with besides the token (getTimezone, getDefaultTaskColor,
# and the colour of a task created without one).
_ANSWERED_SETTINGS = ("application_timezone", DEFAULT_COLOR_SETTING)
Emitted = tuple[ev.Event, str]  # an event and its metadata (JSON text)
# Task fields TaskCreated carries in `fields` (the rest: its cell, position and times).
_TASK_FIELDS = ("title", "description", "color_id", "owner_id", "score", "date_due",
                "category_id", "creator_id", "reference", "date_started", "time_spent",
                "time_estimated", "recurrence_status", "recurrence_trigger",
                "recurrence_factor", "recurrence_timeframe", "recurrence_basedate",
                "recurrence_parent", "recurrence_child", "priority", "external_provider",
                "external_uri")
# What the events after a TaskCreated may leave other than Kanboard has it: the time a
# close stamps, a move's stamp (TaskCreated stamps date_moved at creation), the times the
# subtasks add up; date_modification is the update event's own time.
_TASK_SET_AFTER = ("date_completed", "date_moved", "time_spent", "time_estimated", "position",
                   "is_active")


def _plain(value: Any) -> Any:
    """A REAL column's whole number as boardlog keeps it (Kanboard's JSON shows 0, not 0.0)."""
    return number(value) if isinstance(value, float) else value


def _differences(world_row: Row, kanboard: Row, fields: tuple[str, ...] | None = None
                 ) -> dict[str, Any]:
    """Kanboard's values of the fields the folded row holds otherwise."""
    names = fields if fields is not None else tuple(world_row)
    return {name: _plain(kanboard[name]) for name in names
            if name in kanboard and world_row.get(name) != _plain(kanboard[name])}


@dataclass
class Converter:
    """Turns one Kanboard database into events; `emit` hands each on, with its metadata."""

    source: KanboardSource
    blobs: BlobStore
    emit: Callable[[list[Emitted]], None]
    hash_token: Callable[[str], str]
    tick: Callable[[], None] | None = None  # once per row read (the progress bar)
    world: World = field(default_factory=World)
    counts: Counter = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._meta_prefix = orjson.dumps({
            "actor": "system", "actor_name": "import-kanboard", "auth_method": "local",
            "credential": "none", "endpoint": "cli", "rpc_method": "import-kanboard",
            "command": "ImportKanboard"})[:-1] + b',"imported":{"from":' + orjson.dumps(
                self.source.name) + b',"table":'

    def _meta(self, table: str, row_id: Any) -> str:
        return (self._meta_prefix + orjson.dumps(table) + b',"id":' + orjson.dumps(row_id)
                + b"}}").decode()

    def _out(self, table: str, row_id: Any, *events: ev.Event) -> None:
        meta = self._meta(table, row_id)
        for event in events:
            apply(self.world, event)
        self.emit([(event, meta) for event in events])

    def run(self) -> Counter:
        for step in (self.settings, self.users, self.groups, self.link_types, self.projects,
                     self.tasks, self.task_links, self.activities):
            step()
        return self.counts

    def _rows(self, table: str, order: str = "id") -> Iterator[Row]:
        for row in self.source.rows(table, order):
            self.counts[table] += 1
            if self.tick:
                self.tick()
            yield row

    # --- the application and people ------------------------------------------------------

    def settings(self) -> None:
        settings = self.source.settings()
        token = settings.get("api_token")
        if token:
            self._out("settings", "api_token", ev.ApplicationTokenSet(self.hash_token(token)))
            self.counts["settings"] += 1
        answered = {name: settings[name] for name in _ANSWERED_SETTINGS if settings.get(name)}
        if answered:
            self._out("settings", sorted(answered), ev.ApplicationSettingsSaved(answered))
            self.counts["settings"] += len(answered)

    def users(self) -> None:
        for row in self._rows("users"):
            user_id = row["id"]
            events: list[ev.Event] = [ev.UserCreated(
                user_id, row["username"], row["password"] or "", row["name"], row["email"],
                row["role"] or "app-user")]
            if not row["is_active"]:
                events.append(ev.UserDisabled(user_id))
            self._out("users", user_id, *events)
            changes = _differences(self.world.users[user_id], row)
            if changes:
                self._out("users", user_id, ev.UserUpdated(user_id, changes))

    def groups(self) -> None:
        for row in self._rows("groups"):
            self._out("groups", row["id"], ev.GroupCreated(row["id"], row["name"],
                                                           row["external_id"]))
        for row in self._rows("group_has_users", order="rowid"):
            self._out("group_has_users", [row["group_id"], row["user_id"]],
                      ev.GroupMemberAdded(row["group_id"], row["user_id"]))

    def link_types(self) -> None:
        """Kanboard's link types: the eleven it installs (boardlog has them too), changed
        or removed, and those added."""
        kept = set()
        for row in self._rows("links"):
            link_id, label, opposite = row["id"], row["label"], row["opposite_id"] or 0
            kept.add(link_id)
            known = self.world.links.get(link_id)
            if known is None:
                self._out("links", link_id, ev.LinkCreated(link_id, label, opposite))
            elif (known["label"], known["opposite_id"]) != (label, opposite):
                self._out("links", link_id, ev.LinkUpdated(link_id, label, opposite))
        for link_id in sorted(set(self.world.links) - kept):
            self._out("links", link_id, ev.LinkRemoved(link_id))

    # --- projects and their boards ------------------------------------------------------

    def projects(self) -> None:
        for row in self._rows("projects"):
            self._project(row)
        self._board_parts()
        self._project_people()
        for row in self._rows("project_has_metadata", order="project_id, name"):
            self._out("project_has_metadata", [row["project_id"], row["name"]],
                      ev.ProjectMetadataSaved(row["project_id"], {row["name"]: row["value"]}))
        self._project_files()
        self._actions()
        for row in self.source.rows("projects"):  # what the events above moved on
            state = self.world.projects[row["id"]]
            changes = _differences(state.row, row)
            if changes:
                self._out("projects", row["id"], ev.ProjectUpdated(
                    row["id"], changes, row["last_modified"] or 0))

    def _project(self, row: Row) -> None:
        project_id, at = row["id"], row["last_modified"] or 0
        events: list[ev.Event] = [ev.ProjectCreated(
            project_id, row["name"], row["description"], row["owner_id"] or 0,
            row["identifier"] or "", row["start_date"] or "", row["end_date"] or "",
            row["priority_default"], row["priority_start"], row["priority_end"], row["email"],
            row["is_private"] or 0, at)]
        if not row["is_active"]:
            events.append(ev.ProjectDisabled(project_id, at))
        if row["is_public"]:
            events.append(ev.ProjectPublicAccessEnabled(project_id, row["token"] or "", at))
        self._out("projects", project_id, *events)

    def _board_parts(self) -> None:
        for row in self._rows("columns", order="project_id, position, id"):
            self._out("columns", row["id"], ev.ColumnAdded(
                row["project_id"], row["id"], row["title"], row["task_limit"] or 0,
                row["description"] or ""))
        disabled = []
        # active swimlanes in board order, then the disabled ones (Kanboard's position 0)
        for row in self._rows("swimlanes", order="project_id, is_active DESC, position, id"):
            self._out("swimlanes", row["id"], ev.SwimlaneAdded(
                row["project_id"], row["id"], row["name"], row["description"] or ""))
            if not row["is_active"]:
                disabled.append(row)
        for row in disabled:
            self._out("swimlanes", row["id"], ev.SwimlaneDisabled(row["project_id"], row["id"]))
        for row in self._rows("project_has_categories"):
            self._out("project_has_categories", row["id"], ev.CategoryCreated(
                row["project_id"], row["id"], row["name"], row["color_id"]))
        for row in self._rows("tags"):
            self._out("tags", row["id"], ev.TagCreated(row["project_id"], row["id"], row["name"],
                                                       row["color_id"]))

    def _project_people(self) -> None:
        for row in self._rows("project_has_users", order="project_id, user_id"):
            self._out("project_has_users", [row["project_id"], row["user_id"]],
                      ev.ProjectUserAdded(row["project_id"], row["user_id"], row["role"]))
        for row in self._rows("project_has_groups", order="project_id, group_id"):
            self._out("project_has_groups", [row["project_id"], row["group_id"]],
                      ev.ProjectGroupAdded(row["project_id"], row["group_id"], row["role"]))

    def _stored(self, table: str, row: Row) -> tuple[str, int, str]:
        """The file's content put in the blob store: (sha256, size, media type)."""
        data = self.source.content(table, row["id"], row["path"])
        content_type = mimetypes.guess_type(row["name"])[0] or "application/octet-stream"
        return self.blobs.put(data), len(data), content_type

    def _project_files(self) -> None:
        for row in self._rows("project_has_files"):
            digest, size, content_type = self._stored("project_has_files", row)
            self._out("project_has_files", row["id"], ev.ProjectFileCreated(
                row["project_id"], row["id"], row["name"], size, content_type, digest,
                row["user_id"] or 0, row["date"] or 0))

    def _actions(self) -> None:
        params: dict[int, list[list[str]]] = defaultdict(list)
        for row in self._rows("action_has_params"):
            params[row["action_id"]].append([row["name"], str(row["value"] or "")])
        for row in self._rows("actions"):
            self._out("actions", row["id"], ev.ActionCreated(
                row["project_id"], row["id"], row["event_name"], row["action_name"],
                params.get(row["id"], [])))

    # --- tasks and what hangs on them ---------------------------------------------------

    def tasks(self) -> None:
        parts = self._task_parts()
        for row in self._rows("tasks"):
            task_id = row["id"]
            if row["project_id"] not in self.world.projects:
                raise SourceError(f"tasks row {task_id}: its project {row['project_id']} "
                                  "is not in the projects table")
            self._task(row, parts.pop(task_id, {}))

    def _task_parts(self) -> dict[int, dict[str, list[Row]]]:
        """Tags, metadata, subtasks, timers, comments, external links and files, by task."""
        parts: dict[int, dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
        for table, order in (("task_has_tags", "task_id, tag_id"),
                             ("task_has_metadata", "task_id, name"),
                             ("subtasks", "task_id, position, id"), ("comments", "id"),
                             ("task_has_external_links", "id"), ("task_has_files", "id")):
            for row in self._rows(table, order):
                parts[row["task_id"]][table].append(row)
        subtask_tasks = {s["id"]: task_id for task_id, p in parts.items()
                         for s in p.get("subtasks", ())}
        for row in self._rows("subtask_time_tracking"):
            task_id = subtask_tasks.get(row["subtask_id"])
            if task_id is not None:
                parts[task_id]["subtask_time_tracking"].append(row)
        return parts

    def _task(self, row: Row, parts: dict[str, list[Row]]) -> None:
        task_id = row["id"]
        fields = {name: _plain(row[name]) for name in _TASK_FIELDS}
        fields["description"] = fields["description"] or ""
        fields["reference"] = fields["reference"] or ""
        events: list[ev.Event] = [ev.TaskCreated(
            task_id, row["project_id"], row["column_id"], row["swimlane_id"], row["position"],
            fields, row["date_creation"] or 0)]
        tags = [t["tag_id"] for t in parts.get("task_has_tags", ())]
        if tags:
            events.append(ev.TaskTagsSet(task_id, tags))
        if not row["is_active"]:
            events.append(ev.TaskClosed(task_id, row["date_completed"] or 0))
        self._out("tasks", task_id, *events)
        for meta in parts.get("task_has_metadata", ()):
            self._out("task_has_metadata", [task_id, meta["name"]],
                      ev.TaskMetadataSaved(task_id, {meta["name"]: meta["value"]}))
        self._subtasks(task_id, parts)
        self._comments(task_id, parts.get("comments", ()))
        self._external_links(task_id, parts.get("task_has_external_links", ()))
        self._task_files(task_id, parts.get("task_has_files", ()))
        task_row = self.world.tasks[task_id].row
        changes = _differences(task_row, row, _TASK_SET_AFTER)
        if changes or task_row["date_modification"] != row["date_modification"]:
            self._out("tasks", task_id, ev.TaskUpdated(task_id, changes,
                                                       row["date_modification"] or 0))

    def _subtasks(self, task_id: int, parts: dict[str, list[Row]]) -> None:
        subtasks = parts.get("subtasks", ())
        for row in subtasks:
            self._out("subtasks", row["id"], ev.SubtaskCreated(
                task_id, row["id"], row["title"], row["user_id"] or 0,
                _plain(row["time_estimated"] or 0), 0, row["status"] or 0))
        for row in parts.get("subtask_time_tracking", ()):
            events: list[ev.Event] = [ev.SubtaskTimerStarted(
                task_id, row["subtask_id"], row["user_id"], row["start"] or 0)]
            if row["end"]:
                events.append(ev.SubtaskTimerStopped(task_id, row["subtask_id"], row["user_id"],
                                                     row["end"], _plain(row["time_spent"] or 0)))
            self._out("subtask_time_tracking", row["id"], *events)
        for row in subtasks:  # the time spent Kanboard holds, and any gap in positions
            changes = _differences(self.world.subtasks[row["id"]], row,
                                   ("time_spent", "position", "status"))
            if changes:
                self._out("subtasks", row["id"], ev.SubtaskUpdated(task_id, row["id"], changes))

    def _comments(self, task_id: int, comments: Any) -> None:
        for row in comments:
            events: list[ev.Event] = [ev.CommentCreated(
                task_id, row["id"], row["user_id"] or 0, row["comment"] or "",
                row["reference"] or "", row["visibility"] or "app-user",
                row["date_creation"] or 0)]
            if row["date_modification"] != row["date_creation"]:
                events.append(ev.CommentUpdated(task_id, row["id"], row["comment"] or "",
                                                row["date_modification"] or 0))
            self._out("comments", row["id"], *events)

    def _external_links(self, task_id: int, links: Any) -> None:
        for row in links:
            events: list[ev.Event] = [ev.ExternalLinkCreated(
                task_id, row["id"], row["link_type"], row["dependency"], row["title"] or "",
                row["url"], row["creator_id"] or 0, row["date_creation"] or 0)]
            if row["date_modification"] != row["date_creation"]:
                events.append(ev.ExternalLinkUpdated(task_id, row["id"], {},
                                                     row["date_modification"] or 0))
            self._out("task_has_external_links", row["id"], *events)

    def _task_files(self, task_id: int, files: Any) -> None:
        for row in files:
            digest, size, content_type = self._stored("task_has_files", row)
            self._out("task_has_files", row["id"], ev.TaskFileCreated(
                task_id, row["id"], row["name"], size, content_type, digest,
                row["user_id"] or 0, row["date"] or 0, row["path"]))

    def task_links(self) -> None:
        for row in self._rows("task_has_links"):
            self._out("task_has_links", row["id"], ev.TaskLinkCreated(
                row["task_id"], row["id"], row["opposite_task_id"], row["link_id"]))

    def activities(self) -> None:
        for row in self._rows("project_activities"):
            try:
                data = orjson.loads(row["data"] or "{}")
            except orjson.JSONDecodeError as exc:
                raise SourceError(f"project_activities row {row['id']}: its data is not "
                                  f"JSON ({exc})") from exc
            self._out("project_activities", row["id"], ev.ActivityImported(
                row["task_id"], row["id"], row["project_id"], row["creator_id"] or 0,
                row["event_name"], row["date_creation"] or 0, data))
