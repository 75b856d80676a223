"""The world a decision is made against: current state of every aggregate.

Rows are plain dicts whose keys are the Kanboard API field names, so the read models
can render them without a translation table.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from domain.journal import DERIVED
from domain.order_keys import spread_keys

Row = dict[str, Any]
# Project roles from the highest; Kanboard ranks a role by how few roles include it.
_ROLE_ORDER = ("project-manager", "project-member", "project-viewer")
Cell = tuple[int, int, int]  # (project_id, swimlane_id, column_id)
Key = tuple[str, int]  # (entity kind, id): what an event touched
# Most tasks never get tags, links or files, and a new one has no comments or subtasks:
# rather than five empty lists and an empty set each (some 500 bytes, times every task),
# such a field holds the one shared empty tuple (or frozenset) until a part joins it and
# `own` gives it a container of its own. Readers only iterate, count and test membership.
Ids = list[int] | tuple[()]
IdSet = set[int] | frozenset[int]
_NO_IDS: tuple[()] = ()
_NO_ID_SET: frozenset[int] = frozenset()


def own(parent: Any, name: str) -> Any:
    """`parent`'s `name` field as a container to change: the shared empty one is
    replaced by a list (or set) of its own first."""
    value = getattr(parent, name)
    if type(value) is tuple:
        value = list(value)
        setattr(parent, name, value)
    elif type(value) is frozenset:
        value = set(value)
        setattr(parent, name, value)
    return value


@dataclass(slots=True)
class Aggregate:
    """What projects and tasks both have: their row, tags and free-form metadata."""

    row: Row
    tag_ids: Ids = _NO_IDS
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ProjectState(Aggregate):
    column_order: list[int] = field(default_factory=list)
    swimlane_order: list[int] = field(default_factory=list)
    category_ids: list[int] = field(default_factory=list)
    members: dict[int, str] = field(default_factory=dict)
    group_roles: dict[int, str] = field(default_factory=dict)  # group id -> project role
    task_ids: set[int] = field(default_factory=set, metadata=DERIVED)  # World.derived
    sprint_ids: list[int] = field(default_factory=list)
    file_ids: Ids = _NO_IDS  # its rows in World.project_files


@dataclass(slots=True)
class TaskState(Aggregate):
    subtask_order: Ids = _NO_IDS
    comment_ids: Ids = _NO_IDS
    link_ids: IdSet = _NO_ID_SET  # its rows in World.task_links
    external_link_ids: Ids = _NO_IDS  # in World.external_links
    file_ids: Ids = _NO_IDS  # its rows in World.task_files
    order_key: str = ""  # its place in its cell; valid while the cell is in World.keyed


# Kind -> the World table whose live ids decide the next id (see World.next_id).
REUSING_KINDS = {
    "user": "users", "project": "projects", "column": "columns", "swimlane": "swimlanes",
    "category": "categories", "tag": "tags", "task": "tasks", "subtask": "subtasks",
    "comment": "comments", "group": "groups", "link": "links", "task_link": "task_links",
    "external_link": "external_links",
    "project_file": "project_files", "task_file": "task_files",
    "action": "actions",
}


@dataclass(slots=True)
class World:
    app_token_hash: str | None = None
    settings: dict[str, str] = field(default_factory=dict)  # Kanboard's settings, by option
    users: dict[int, Row] = field(default_factory=dict)
    password_hashes: dict[int, str] = field(default_factory=dict)
    usernames: dict[str, int] = field(default_factory=dict)
    projects: dict[int, ProjectState] = field(default_factory=dict)
    columns: dict[int, Row] = field(default_factory=dict)
    swimlanes: dict[int, Row] = field(default_factory=dict)
    categories: dict[int, Row] = field(default_factory=dict)
    tags: dict[int, Row] = field(default_factory=dict)
    tasks: dict[int, TaskState] = field(default_factory=dict)
    subtasks: dict[int, Row] = field(default_factory=dict)
    comments: dict[int, Row] = field(default_factory=dict)
    sprints: dict[int, Row] = field(default_factory=dict)
    api_keys: dict[int, Row] = field(default_factory=dict)
    groups: dict[int, Row] = field(default_factory=dict)
    task_links: dict[int, Row] = field(default_factory=dict)  # both directions, a row each
    external_links: dict[int, Row] = field(default_factory=dict)  # web pages, files of tasks
    project_files: dict[int, Row] = field(default_factory=dict)
    task_files: dict[int, Row] = field(default_factory=dict)
    actions: dict[int, Row] = field(default_factory=dict)  # automatic actions, by id
    timers: dict[tuple[int, int], int] = field(default_factory=dict)  # (subtask, user) -> start
    links: dict[int, Row] = field(default_factory=lambda: _default_links())  # link types
    group_members: dict[int, list[int]] = field(default_factory=dict)  # in the order added
    key_names: dict[str, int] = field(default_factory=dict)
    cells: dict[Cell, set[int]] = field(default_factory=dict,  # the open tasks of each cell
                                        metadata=DERIVED)
    # Cells whose open tasks' order keys sort as (position, id) does, with those tasks as
    # sorted (key, id) pairs; any other cell's keys are respread from (position, id) when
    # next needed (see cell_keys).
    keyed: dict[Cell, list[tuple[str, int]]] = field(default_factory=dict, metadata=DERIVED)
    # Keyed cells whose open tasks are numbered 1..n in key order (once settled): a task
    # created there goes last with the next key, and the cell stays keyed.
    dense: set[Cell] = field(default_factory=set)
    # None: a move renumbers its cells as it is folded. Time travel, which renders only
    # at the end, sets a set: keyed cells whose renumbering waits until something depends
    # on their positions (domain/evolve/ordering.py).
    unsettled: set[Cell] | None = None
    # the default link types come with ids 1..11
    last_ids: dict[str, int] = field(default_factory=lambda: {"link": len(_default_links())})

    def next_id(self, kind: str) -> int:
        """The id the next `kind` gets. Kanboard's SQLite tables have `INTEGER PRIMARY
        KEY` without AUTOINCREMENT, so a new row gets the largest id still there plus one:
        removing the newest row hands its id to the next create. Kinds Kanboard does not
        have (API keys, sprints, timesheets) never reuse an id."""
        last = self.last_ids.get(kind, 0)
        table = REUSING_KINDS.get(kind)
        if table is None:
            return last + 1
        rows = getattr(self, table)
        if last in rows:  # the newest row is still there: the usual case, O(1)
            return last + 1
        return max(rows, default=0) + 1

    def saw_id(self, kind: str, value: int) -> None:
        # A reusing kind's new id is larger than every id still there, so it is the
        # newest even when an older, removed row had a larger one.
        if kind in REUSING_KINDS or value > self.last_ids.get(kind, 0):
            self.last_ids[kind] = value

    def derived(self, wanted: list[tuple[str, Any, str | None]]) -> list[Any]:
        """What each DERIVED (table, key, field) holds, computed from the tasks in one
        pass (the journal's undo puts these back so, never from a copy): ("cells", cell,
        None) and ("keyed", cell, None), the cell's open tasks as a set and as sorted
        (order key, id) pairs; ("projects", id, "task_ids"), the project's tasks."""
        cells = {key: [] for table, key, _ in wanted if table in ("cells", "keyed")}
        projects = {key: set() for table, key, _ in wanted if table == "projects"}
        for task_id, task in self.tasks.items():
            row = task.row
            if row["project_id"] in projects:
                projects[row["project_id"]].add(task_id)
            if cells and row["is_active"] and (cell := self.cell_of(row)) in cells:
                cells[cell].append(task_id)
        values: list[Any] = []
        for table, key, field_name in wanted:
            if (table, field_name) == ("cells", None):
                values.append(set(cells[key]))
            elif (table, field_name) == ("keyed", None):
                values.append(sorted((self.tasks[t].order_key, t) for t in cells[key]))
            elif (table, field_name) == ("projects", "task_ids"):
                values.append(set(projects[key]))
            else:
                raise ValueError(f"{table} {field_name or ''} is not derived")
        return values

    def cell_of(self, task: Row) -> Cell:
        return (task["project_id"], task["swimlane_id"], task["column_id"])

    def open_in_cell(self, cell: Cell) -> int:
        return len(self.cells.get(cell, ()))

    def cell_order(self, cell: Cell) -> list[int]:
        """A cell's open tasks in board order (by position, then id), as Kanboard sorts."""
        peek = dict.__getitem__  # reads only: no undo copies while journaled (domain.journal)
        return sorted(self.cells.get(cell, ()),
                      key=lambda t: (peek(self.tasks, t).row["position"], t))

    def cell_keys(self, cell: Cell) -> list[tuple[int, str]]:
        """(task id, order key) of a cell's open tasks in board order. A cell that is not
        keyed gets fresh keys spread over its board order; this only computes them, evolve
        stores them (key_cell), so a decision and the fold see the same keys."""
        if cell in self.keyed:
            return [(t, key) for key, t in self.keyed[cell]]
        order = self.cell_order(cell)
        return list(zip(order, spread_keys(len(order))))

    def project_of_task(self, task_id: int) -> ProjectState | None:
        task = self.tasks.get(task_id)
        return self.projects.get(task.row["project_id"]) if task else None

    def member_role(self, project_id: int, user_id: int) -> str | None:
        """As Kanboard: the user's own role in the project, else the highest role of the
        groups the user belongs to."""
        project = self.projects.get(project_id)
        if project is None:
            return None
        return project.members.get(user_id) or highest_role(self.group_roles_of(project,
                                                                                 user_id))

    def group_roles_of(self, project: ProjectState, user_id: int) -> list[str]:
        return [role for group_id, role in project.group_roles.items()
                if user_id in self.group_members.get(group_id, ())]


def highest_role(roles: list[str]) -> str | None:
    """Kanboard's getHighestRole: a role it does not know ranks with the manager."""
    if not roles:
        return None
    return min(roles, key=lambda r: _ROLE_ORDER.index(r) if r in _ROLE_ORDER else 0)


def _default_links() -> dict[int, Row]:
    from domain.links import default_links  # domain.links builds on this module's Row

    return default_links()
