"""Link types, links between tasks, external links."""
from __future__ import annotations

import orjson
from orjson import Fragment

from projections.reads.base import ReadsBase


class LinkReads(ReadsBase):
    # --- link types ------------------------------------------------------------------

    def link(self, link_id: int) -> Fragment | None:
        return self._doc("SELECT doc FROM links WHERE key = ?", link_id)

    def link_by_label(self, label: str) -> Fragment | None:
        return self._doc("SELECT doc FROM links WHERE label = ?", label)

    def opposite_link_id(self, link_id: int) -> int:
        """The opposite type's id, or the type's own when it has none (or is not there)."""
        doc = self._one("SELECT doc FROM links WHERE key = ?", link_id)
        return (orjson.loads(doc)["opposite_id"] if doc else 0) or link_id

    def links(self) -> list[Fragment]:
        return self._docs("SELECT doc FROM links ORDER BY key")

    # --- application settings (not a link, but as global as link types) ----------------

    def setting(self, name: str) -> str | None:
        return self._one("SELECT value FROM settings WHERE name = ?", name)

    # --- links between tasks ---------------------------------------------------------

    def task_link(self, task_link_id: int) -> dict | None:
        """A task link with its type's label and opposite (TaskLinkModel::getById)."""
        row = self.conn.execute(
            "SELECT t.task_id, t.opposite_task_id, t.link_id, l.doc FROM task_links t "
            "JOIN links l ON l.key = t.link_id WHERE t.key = ?", (task_link_id,)).fetchone()
        if row is None:
            return None
        link = orjson.loads(row[3])
        return {"id": task_link_id, "opposite_task_id": row[1], "task_id": row[0],
                "link_id": row[2], "label": link["label"],
                "opposite_link_id": link["opposite_id"]}

    def task_links(self, task_id: int) -> list[dict]:
        """The task's links, each with the linked task as Kanboard joins it (getAll):
        by link type, then the linked task's column (last first), open first, position."""
        rows = self.conn.execute(
            "SELECT t.key, l.doc, o.board_doc FROM task_links t JOIN links l ON l.key = "
            "t.link_id JOIN tasks o ON o.key = t.opposite_task_id WHERE t.task_id = ?",
            (task_id,)).fetchall()
        links = []
        for key, link_doc, board_doc in rows:
            link, other = orjson.loads(link_doc), orjson.loads(board_doc)
            order = (link["id"], -(other["column_position"] or 0), -other["is_active"],
                     other["position"], other["id"])
            links.append((order, _linked_task(key, link, other)))
        return [linked for _, linked in sorted(links, key=lambda item: item[0])]

    # --- external links ------------------------------------------------------------

    def external_link(self, external_link_id: int) -> dict | None:
        """The link's row as Kanboard stores it (TaskExternalLinkModel::getById)."""
        docs = self._dicts("SELECT doc FROM external_links WHERE key = ?", external_link_id)
        return docs[0] if docs else None

    def external_links(self, task_id: int) -> list[dict]:
        """The task's links by title (SQLite's byte order), each with its creator's name
        and username (None for the application token's), as TaskExternalLinkModel::getAll."""
        rows = self.conn.execute(
            "SELECT e.doc, u.doc FROM external_links e LEFT JOIN users u ON "
            f"u.key = {self.sql.json_number('e.doc', 'creator_id')} WHERE e.task_id = ? "
            "ORDER BY e.title, e.key", (task_id,)).fetchall()
        links = []
        for doc, user_doc in rows:
            user = orjson.loads(user_doc) if user_doc else {}
            links.append({**orjson.loads(doc), "creator_name": user.get("name"),
                          "creator_username": user.get("username")})
        return links


def _linked_task(task_link_id: int, link: dict, other: dict) -> dict:
    return {"id": task_link_id, "task_id": other["id"], "label": link["label"],
            "title": other["title"], "is_active": other["is_active"],
            "project_id": other["project_id"], "column_id": other["column_id"],
            "color_id": other["color_id"], "date_completed": other["date_completed"],
            "date_started": other["date_started"], "date_due": other["date_due"],
            "task_time_spent": other["time_spent"],
            "task_time_estimated": other["time_estimated"],
            "task_assignee_id": other["owner_id"],
            "task_assignee_username": other["assignee_username"],
            "task_assignee_name": other["assignee_name"], "column_title": other["column_name"],
            "project_name": other["project_name"]}
