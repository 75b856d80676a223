"""Taking a task to another project, as Kanboard 1.2.53 does: moving it
(TaskProjectMoveModel) or duplicating it there (TaskProjectDuplicationModel). Both place
it by TaskDuplicationModel::checkDestinationProjectValues: the owner stays if allowed in
the destination, the category, swimlane and column are found there by name (else none,
the first active swimlane, the first column) and a priority out of the destination's
range becomes its default. Tags are re-linked (or copied) to the destination's tags of
the same name, made there if missing. Kanboard runs neither in a transaction; the steps
that succeed there are decided here together, in one decision."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain import commands as cmd
from domain import events as ev
from domain.colors import default_color
from domain.decision import Decision, decides
from domain.errors import NotFound
from domain.planning import checked_plan
from domain.roles import APP_ADMIN
from domain.rules import is_member, tags_by_name
from domain.state import Row, TaskState, World

DUPLICATE_LINK = 4  # Kanboard's "duplicates" link type (its opposite: "is duplicated by")
# TaskDuplicationModel::$fieldsToDuplicate, less those placed by the destination.
_COPIED = ("title", "description", "date_due", "color_id", "owner_id", "score", "priority",
           "category_id", "time_estimated", "recurrence_status", "recurrence_trigger",
           "recurrence_factor", "recurrence_timeframe", "recurrence_basedate",
           "external_provider", "external_uri", "reference")


@dataclass
class Placement:
    """Where and how the task lands: Kanboard's values after the destination checks."""

    swimlane_id: int
    column_id: int
    category_id: int
    owner_id: int
    priority: int

    def lands(self, world: World, project_id: int) -> bool:
        """Kanboard's foreign keys: the row is written only with a project, a column and
        a swimlane that exist (else its UPDATE or INSERT fails and nothing moves)."""
        return (project_id in world.projects and self.column_id in world.columns
                and self.swimlane_id in world.swimlanes)


def _id_by_name(table: dict[int, Row], project_id: int, key: str, name: Any) -> int:
    """getIdByName(project, name): the project's first row with that exact name, else 0
    (a missing name, NULL in SQL, matches nothing)."""
    if name is None:
        return 0
    return min((i for i, r in table.items() if r["project_id"] == project_id and r[key] == name),
               default=0)


def _name_of(table: dict[int, Row], item_id: Any, key: str) -> Any:
    row = table.get(item_id) if isinstance(item_id, int) else None
    return row[key] if row else None


def _first_active_swimlane(world: World, project_id: int) -> int:
    lanes = [r for r in world.swimlanes.values() if r["project_id"] == project_id
             and r["is_active"]]
    return min(lanes, key=lambda r: (r["position"], r["id"]))["id"] if lanes else 0


def _first_column(world: World, project_id: int) -> int:
    project = world.projects.get(project_id)
    return project.column_order[0] if project and project.column_order else 0


def _allowed_owner(world: World, project_id: int, owner_id: int, actor_id: int) -> int:
    """isUserAllowed: anyone when the caller is an application admin, else a member."""
    if owner_id <= 0:
        return owner_id
    actor = world.users.get(actor_id)
    if actor is not None and actor["role"] == APP_ADMIN:
        return owner_id
    return owner_id if is_member(world, project_id, owner_id) else 0


def _priority_in(world: World, project_id: int, priority: Any) -> int:
    """getPriorityForProject: the priority if in the project's range, else its default."""
    project = world.projects.get(project_id)
    value = priority or 0
    if project is None:  # nothing lands there (Placement.lands)
        return value
    row = project.row
    if row["priority_start"] <= value <= row["priority_end"]:
        return value
    return row["priority_default"]


def place(world: World, project_id: int, values: dict[str, Any], actor_id: int) -> Placement:
    """checkDestinationProjectValues on the swimlane, column, category, owner and
    priority the task would keep or was given."""
    category = values["category_id"] or 0
    if category > 0:
        category = _id_by_name(world.categories, project_id, "name",
                               _name_of(world.categories, category, "name") or "")
    swimlane = _id_by_name(world.swimlanes, project_id, "name",
                           _name_of(world.swimlanes, values["swimlane_id"], "name"))
    swimlane = swimlane or _first_active_swimlane(world, project_id)
    column = values["column_id"]
    if column is not None and column > 0:
        column = _id_by_name(world.columns, project_id, "title",
                             _name_of(world.columns, column, "title"))
        column = column or _first_column(world, project_id)
    return Placement(swimlane, column, category,
                     _allowed_owner(world, project_id, values["owner_id"] or 0, actor_id),
                     _priority_in(world, project_id, values["priority"]))


def _given(c: cmd.MoveTaskToProject | cmd.DuplicateTaskToProject | None,
           row: Row) -> dict[str, Any]:
    """The task's own values where the command gives none (Kanboard: `!== null`)."""
    return {name: row[name] if getattr(c, name, None) is None else getattr(c, name)
            for name in ("swimlane_id", "column_id", "category_id", "owner_id")} | {
        "priority": row["priority"]}


# --- tags ------------------------------------------------------------------------------


class _Tags:
    """The destination's tags by name as the decision goes (TagModel::getIdByName: a
    global tag first, then the project's; case-insensitive), creating those missing."""

    def __init__(self, world: World, project_id: int) -> None:
        self.project_id = project_id
        self.next_id = world.next_id("tag")
        self.by_name = tags_by_name(world, project_id)
        self.events: list[ev.Event] = []

    def find_or_create(self, tag: Row) -> int:
        found = self.by_name.get(tag["name"].lower())
        if found is not None:
            return found
        tag_id, self.next_id = self.next_id, self.next_id + 1
        self.by_name[tag["name"].lower()] = tag_id
        self.events.append(ev.TagCreated(self.project_id, tag_id, tag["name"], tag["color_id"]))
        return tag_id


def _synced_tags(world: World, task: TaskState, tags: _Tags) -> list[int]:
    """syncTaskTagsToAnotherProject: each tag of another project is swapped for the
    destination's of that name (it is unlinked, the other linked after the rest)."""
    linked = list(task.tag_ids)
    foreign = [t for t in task.tag_ids if world.tags[t]["project_id"] not in (0, tags.project_id)]
    for tag_id in foreign:
        replacement = tags.find_or_create(world.tags[tag_id])
        linked.remove(tag_id)
        if replacement not in linked:  # linked already: the unique row refuses it
            linked.append(replacement)
    return linked


def _copied_tags(world: World, task: TaskState, tags: _Tags) -> list[int]:
    """duplicateTaskTagsToAnotherProject: the destination's tag of each name."""
    linked: list[int] = []
    for tag_id in task.tag_ids:
        replacement = tags.find_or_create(world.tags[tag_id])
        if replacement not in linked:
            linked.append(replacement)
    return linked


# --- moving ----------------------------------------------------------------------------


def _open_in_column(world: World, project_id: int, column_id: Any) -> int:
    """countByColumnId: the open tasks of that project in that column, every swimlane."""
    project = world.projects.get(project_id)
    if project is None:
        return 0
    return sum(1 for t in project.task_ids if world.tasks[t].row["column_id"] == column_id
               and world.tasks[t].row["is_active"])


@dataclass
class _Move:
    """What the tasks of one decision share: where, when, by whom, the destination's
    tags, and the columns the tasks moved so far arrived in."""

    project_id: int
    at: int
    actor_id: int
    tags: _Tags
    arrived: list[int]


def _moved(world: World, task: TaskState, values: dict[str, Any], move: _Move,
           plan: dict[str, Any]) -> list[ev.Event]:
    """One task's move: Kanboard answers true even when its UPDATE fails (a project,
    column or swimlane that does not exist), the tags re-linked all the same. Its
    position counts the destination's open tasks in the column asked, or in the task's
    own column (an id of the source project, so usually none), before that column is
    found by name; `arrived` are the columns of the tasks moved before in this decision."""
    task_id, project_id = task.row["id"], move.project_id
    position = (_open_in_column(world, project_id, values["column_id"])
                + move.arrived.count(values["column_id"]) + 1)
    placement = place(world, project_id, values, move.actor_id)
    tag_ids = _synced_tags(world, task, move.tags)
    if not placement.lands(world, project_id):
        return [] if tag_ids == list(task.tag_ids) else [ev.TaskTagsSet(task_id, tag_ids)]
    move.arrived.append(placement.column_id)
    changes: dict[str, Any] = {"is_active": 1, "category_id": placement.category_id,
                               "owner_id": placement.owner_id, "priority": placement.priority}
    if task.row["project_id"] != project_id and task.row.get("sprint_id"):
        changes["sprint_id"] = None  # a sprint is its project's
    return [ev.TaskMovedToProject(task_id, project_id, placement.column_id,
                                  placement.swimlane_id, position, move.at,
                                  {**changes, **plan},
                                  None if tag_ids == list(task.tag_ids) else tag_ids)]


def _milestone_tasks(world: World, task_id: int, project_id: int) -> list[TaskState]:
    return [t for t_id, t in sorted(world.tasks.items())
            if t.row.get("milestone_id") == task_id and t_id != task_id
            and t.row["project_id"] != project_id]


@decides(cmd.MoveTaskToProject)
def move_task_to_project(world: World, c: cmd.MoveTaskToProject) -> Decision:
    """The task (and with `milestone_tasks`, the tasks whose milestone it is, each
    placed by its own values), in one decision sharing the destination's new tags."""
    task = world.tasks.get(c.task_id)
    if task is None:
        raise NotFound(f"task {c.task_id} does not exist")
    target = world.projects.get(c.project_id)
    plan = checked_plan(target, c.plan) if target is not None else {}
    move = _Move(c.project_id, c.at, c.actor_id, _Tags(world, c.project_id), [])
    moves = _moved(world, task, _given(c, task.row), move, plan)
    for child in _milestone_tasks(world, c.task_id, c.project_id) if c.milestone_tasks else ():
        moves += _moved(world, child, _given(None, child.row), move, {})
    return Decision(move.tags.events + moves, True)


# --- duplicating -----------------------------------------------------------------------


def _copied_fields(row: Row, placement: Placement, actor_id: int,
                   fallback_color: str) -> dict[str, Any]:
    """The new row's values: the copied fields, the destination's, and those
    TaskCreationModel fills in (the caller as creator; no start date; no time spent)."""
    fields = {name: row.get(name) for name in _COPIED}
    fields.update(title=fields["title"] or "Untitled", color_id=fields["color_id"] or fallback_color,
                  owner_id=placement.owner_id, category_id=placement.category_id,
                  priority=placement.priority, creator_id=actor_id or 0, date_started=None,
                  time_spent=0, score=fields["score"] or 0, recurrence_parent=None,
                  recurrence_child=None)
    return fields


def _subtask_events(world: World, source: TaskState, new_id: int) -> list[ev.Event]:
    """SubtaskModel::duplicate: title, estimate and assignee; to do, no time spent."""
    first = world.next_id("subtask")
    return [ev.SubtaskCreated(new_id, first + i, world.subtasks[s]["title"],
                              world.subtasks[s]["user_id"], world.subtasks[s]["time_estimated"],
                              0, 0)
            for i, s in enumerate(source.subtask_order)]


def _times_kept(world: World, source: TaskState, new_id: int, at: int) -> list[ev.Event]:
    """Kanboard copies the subtasks with plain INSERTs, so the copy keeps the source's
    estimate and no time spent instead of the subtasks' sums (which folding them sets)."""
    if not source.subtask_order:
        return []
    summed = sum(world.subtasks[s]["time_estimated"] for s in source.subtask_order)
    if summed == source.row["time_estimated"]:
        return []
    return [ev.TaskUpdated(new_id, {"time_estimated": source.row["time_estimated"],
                                    "time_spent": 0}, at)]


def _duplicate_link(world: World, new_id: int, source_id: int) -> list[ev.Event]:
    """The copy "duplicates" its source; the source "is duplicated by" it (if the type
    and its opposite still exist: else Kanboard's INSERT fails, silently)."""
    link = world.links.get(DUPLICATE_LINK)
    opposite = (link["opposite_id"] if link else 0) or DUPLICATE_LINK
    if link is None or opposite not in world.links:
        return []
    first = world.next_id("task_link")
    return [ev.TaskLinkCreated(new_id, first, source_id, DUPLICATE_LINK),
            ev.TaskLinkCreated(source_id, first + 1, new_id, opposite)]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _nocase(name: str) -> str:
    """SQLite's NOCASE collation: ASCII letters folded, nothing else."""
    return name.translate(_ASCII_LOWER)


def _file_copies(world: World, source: TaskState, new_id: int, actor_id: int,
                 at: int) -> list[ev.Event]:
    """taskFileModel->create(new, name, path, size) for each file in getAll's order (by
    name): the same object (so the same blob, stored once), uploaded now by the caller
    (0 for the token)."""
    rows = sorted((world.task_files[i] for i in source.file_ids),
                  key=lambda r: (_nocase(r["name"]), r["id"]))
    first = world.next_id("task_file")
    return [ev.TaskFileCreated(new_id, first + i, r["name"], r["size"], r["content_type"],
                               r["sha256"], actor_id or 0, at, r["path"])
            for i, r in enumerate(rows)]


def _external_link_copies(world: World, source: TaskState, new_id: int, actor_id: int,
                          at: int) -> list[ev.Event]:
    """taskExternalLinkModel->create for each link in getAll's order (by title): kind,
    dependency, title and url kept; TaskExternalLinkModel::create makes the caller (0 for
    the token) its creator, whatever creator_id it is given."""
    rows = sorted((world.external_links[i] for i in source.external_link_ids),
                  key=lambda r: (r["title"], r["id"]))
    first = world.next_id("external_link")
    return [ev.ExternalLinkCreated(new_id, first + i, r["link_type"], r["dependency"],
                                   r["title"], r["url"], actor_id or 0, at)
            for i, r in enumerate(rows)]


@decides(cmd.DuplicateTaskToProject)
def duplicate_task_to_project(world: World, c: cmd.DuplicateTaskToProject) -> Decision:
    """The new task's id, or 0 when nothing could be created (an unknown task; a
    project, column or swimlane that does not exist, after which Kanboard still makes
    the destination's missing tags). Its files (sharing their content) and external links
are copied; comments, metadata and other task links stay behind."""
    source = world.tasks.get(c.task_id)
    if source is None:
        return Decision([], 0)
    placement = place(world, c.project_id, _given(c, source.row), c.actor_id)
    placement.swimlane_id = placement.swimlane_id or _first_active_swimlane(world, c.project_id)
    placement.column_id = placement.column_id or _first_column(world, c.project_id)
    tags = _Tags(world, c.project_id)
    tag_ids = _copied_tags(world, source, tags)
    if not placement.lands(world, c.project_id):
        return Decision(tags.events, 0)
    new_id = world.next_id("task")
    cell = (c.project_id, placement.swimlane_id, placement.column_id)
    events: list[ev.Event] = [ev.TaskCreated(
        new_id, c.project_id, placement.column_id, placement.swimlane_id,
        world.open_in_cell(cell) + 1, _copied_fields(source.row, placement, c.actor_id,
                                                 default_color(world.settings)), c.at)]
    events += _subtask_events(world, source, new_id) + _times_kept(world, source, new_id, c.at)
    events += tags.events + ([ev.TaskTagsSet(new_id, tag_ids)] if tag_ids else [])
    events += _duplicate_link(world, new_id, c.task_id)
    events += _file_copies(world, source, new_id, c.actor_id, c.at)
    events += _external_link_copies(world, source, new_id, c.actor_id, c.at)
    return Decision(events, new_id)
