"""Projects, their boards (columns, swimlanes, categories, tags) and what a call's
object belongs to (for project-role checks)."""
from __future__ import annotations

from typing import Any

import orjson
from orjson import Fragment

from domain.state import highest_role
from projections.reads.base import ReadsBase


class ProjectReads(ReadsBase):
    # --- projects ------------------------------------------------------------------

    def project(self, project_id: int) -> Fragment | None:
        return self._doc("SELECT doc FROM projects WHERE key = ?", project_id)

    def project_dict(self, project_id: int) -> dict | None:
        docs = self._dicts("SELECT doc FROM projects WHERE key = ?", project_id)
        return docs[0] if docs else None

    def project_id_where(self, column: str, value: Any) -> int | None:
        assert column in ("name", "identifier", "email")
        return self._one(f"SELECT id FROM projects WHERE {column} = ? ORDER BY id LIMIT 1", value)

    def project_name(self, project_id: int) -> str | None:
        return self._one("SELECT name FROM projects WHERE key = ?", project_id)

    def all_projects(self) -> list[Fragment]:
        return self._docs("SELECT doc FROM projects ORDER BY name, id")

    # The projects a user has a role in: directly, or through one of their groups.
    _MEMBER_OF = ("(p.key IN (SELECT key FROM project_users WHERE user_id = ?) OR p.key IN "
                  "(SELECT g.key FROM project_groups g JOIN group_members m "
                  "ON m.key = g.group_id WHERE m.user_id = ?))")

    def member_projects(self, user_id: int, active_only: bool) -> list[tuple[int, str, str]]:
        """(id, name, doc) of the projects the user is a member of (also through a
        group), by name."""
        active = "AND p.is_active = 1 " if active_only else ""
        return self.conn.execute(
            f"SELECT p.id, p.name, p.doc FROM projects p WHERE {self._MEMBER_OF} "
            f"{active}ORDER BY p.name, p.id", (user_id, user_id)).fetchall()

    def project_ids(self) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM projects")]

    # --- what a call's object belongs to (for project-role checks) --------------------

    def project_of(self, kind: str, item_id: Any) -> int | None:
        table = {"task": "tasks", "column": "columns", "category": "categories",
                 "swimlane": "swimlanes", "tag": "tags", "action": "actions"}[kind]
        return self._one(f"SELECT project_id FROM {table} WHERE key = ?", item_id)

    def task_of(self, kind: str, item_id: Any) -> int | None:
        table = {"subtask": "subtasks", "comment": "comments", "task_link": "task_links",
                 "task_file": "task_files"}[kind]
        return self._one(f"SELECT task_id FROM {table} WHERE key = ?", item_id)

    def member_role(self, project_id: int, user_id: int) -> str | None:
        """As Kanboard: the user's own role, else the highest role of their groups."""
        own = self._one("SELECT role FROM project_users WHERE key = ? AND user_id = ?",
                        project_id, user_id)
        if own:
            return own
        roles = [r[0] for r in self.conn.execute(
            "SELECT g.role FROM project_groups g JOIN group_members m ON m.key = g.group_id "
            "WHERE g.key = ? AND m.user_id = ?", (project_id, user_id))]
        return highest_role(roles)

    def project_members(self, project_id: int, assignable: bool) -> dict[str, str]:
        """{user_id: name or username} of the direct and the groups' members, sorted by that
        display name, as Kanboard shows it; assignable: active and not a viewer there."""
        rows = self.conn.execute(
            "SELECT u.id, u.doc FROM project_users m JOIN users u ON u.key = m.user_id "
            "WHERE m.key = ? AND (? = 0 OR (m.role != 'project-viewer' AND u.is_active = 1)) "
            "UNION SELECT u.id, u.doc FROM project_groups g JOIN group_members m "
            "ON m.key = g.group_id JOIN users u ON u.key = m.user_id "
            "WHERE g.key = ? AND (? = 0 OR (g.role != 'project-viewer' AND u.is_active = 1))",
            (project_id, int(assignable), project_id, int(assignable))).fetchall()
        names = {}
        for user_id, doc in rows:
            user = orjson.loads(doc)
            names[str(user_id)] = user["name"] or user["username"]
        return dict(sorted(names.items(), key=lambda item: item[1]))

    _METADATA = {"project": "project_metadata", "task": "task_metadata"}

    def metadata(self, owner: str, owner_id: int) -> dict[str, str]:
        """A project's or a task's metadata."""
        return dict(self.conn.execute(f"SELECT name, value FROM {self._METADATA[owner]} "
                                      "WHERE key = ?", (owner_id,)))

    def metadata_value(self, owner: str, owner_id: int, name: str) -> str:
        return self.metadata(owner, owner_id).get(name, "")

    # --- columns, swimlanes, categories, tags ---------------------------------------

    _COLUMNS = "SELECT doc FROM columns WHERE project_id = ? ORDER BY position, key"
    _SWIMLANES = "SELECT doc FROM swimlanes WHERE project_id = ? {}ORDER BY position, key"

    def actions(self, project_id: int) -> list[Fragment]:
        """A project's automatic actions with their parameters, by id (getAllByProject)."""
        return self._docs("SELECT doc FROM actions WHERE project_id = ? ORDER BY key",
                          project_id)

    def columns(self, project_id: int) -> list[Fragment]:
        return self._docs(self._COLUMNS, project_id)

    def column_dicts(self, project_id: int) -> list[dict]:
        return self._dicts(self._COLUMNS, project_id)

    def swimlane_dicts(self, project_id: int, active_only: bool) -> list[dict]:
        return self._dicts(self._SWIMLANES.format("AND is_active = 1 " if active_only else ""),
                           project_id)

    def column(self, column_id: int) -> Fragment | None:
        return self._doc("SELECT doc FROM columns WHERE key = ?", column_id)

    def swimlanes(self, project_id: int, active_only: bool) -> list[Fragment]:
        return self._docs(self._SWIMLANES.format("AND is_active = 1 " if active_only else ""),
                          project_id)

    def swimlane(self, swimlane_id: int) -> Fragment | None:
        return self._doc("SELECT doc FROM swimlanes WHERE key = ?", swimlane_id)

    def swimlane_by_name(self, project_id: int, name: str) -> Fragment | None:
        return self._doc("SELECT doc FROM swimlanes WHERE project_id = ? AND name = ?",
                         project_id, name)

    def categories(self, project_id: int) -> list[Fragment]:
        return self._docs("SELECT doc FROM categories WHERE project_id = ? ORDER BY name, key",
                          project_id)

    def category(self, category_id: int) -> Fragment | None:
        return self._doc("SELECT doc FROM categories WHERE key = ?", category_id)

    def tags(self, project_id: int | None = None) -> list[Fragment]:
        """A project's tags (every tag with None), by name as Kanboard sorts them."""
        if project_id is None:
            return self._docs("SELECT doc FROM tags ORDER BY name, key")
        return self._docs("SELECT doc FROM tags WHERE project_id = ? ORDER BY name, key",
                          project_id)

    def tags_of_projects(self, project_ids: list[int]) -> list[Fragment]:
        """The tags of these projects and the global ones (project 0), by name."""
        marks = ",".join("?" * len(project_ids)) or "NULL"
        return self._docs(f"SELECT doc FROM tags WHERE project_id = 0 OR project_id IN ({marks}) "
                          "ORDER BY name, key", *project_ids)

    def task_tags(self, task_id: int) -> dict[str, str]:
        ids = orjson.loads(self._one("SELECT tag_ids FROM tasks WHERE key = ?", task_id) or "[]")
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        names = dict(self.conn.execute(f"SELECT key, name FROM tags WHERE key IN ({marks})", ids))
        return {str(i): names[i] for i in ids if i in names}
