"""Read procedures answer from here: indexed point reads on the read-model tables.

Stored API documents come back as `orjson.Fragment`s, so a read never decodes and
re-encodes what the projection already rendered.
"""
from __future__ import annotations

import sqlite3
from typing import Any

import orjson
from orjson import Fragment

from domain.state import highest_role



def _fragments(rows) -> list[Fragment]:
    return [Fragment(r[0]) for r in rows]


class Reads:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def head(self) -> int:
        return self._one("SELECT COALESCE(MAX(position), 0) FROM events")

    def _one(self, sql: str, *args: Any) -> Any:
        row = self.conn.execute(sql, args).fetchone()
        return row[0] if row else None

    def _doc(self, sql: str, *args: Any) -> Fragment | None:
        doc = self._one(sql, *args)
        return Fragment(doc) if doc is not None else None

    def _docs(self, sql: str, *args: Any) -> list[Fragment]:
        return _fragments(self.conn.execute(sql, args))

    def _dicts(self, sql: str, *args: Any) -> list[dict]:
        return [orjson.loads(r[0]) for r in self.conn.execute(sql, args)]

    def _dicts_of_projects(self, table: str, doc: str, project_ids: list[int],
                           order: str) -> list[dict]:
        marks = ",".join("?" * len(project_ids))
        return self._dicts(f"SELECT {doc} FROM {table} WHERE project_id IN ({marks}) "
                           f"ORDER BY {order}", *project_ids)

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
        return self.conn.execute(
            f"SELECT p.id, p.name, p.doc FROM projects p WHERE {self._MEMBER_OF} "
            "AND (p.is_active = 1 OR ?) ORDER BY p.name, p.id",
            (user_id, user_id, not active_only)).fetchall()

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
    _SWIMLANES = ("SELECT doc FROM swimlanes WHERE project_id = ? AND (is_active = 1 OR ?) "
                  "ORDER BY position, key")

    def actions(self, project_id: int) -> list[Fragment]:
        """A project's automatic actions with their parameters, by id (getAllByProject)."""
        return self._docs("SELECT doc FROM actions WHERE project_id = ? ORDER BY key",
                          project_id)

    def columns(self, project_id: int) -> list[Fragment]:
        return self._docs(self._COLUMNS, project_id)

    def column_dicts(self, project_id: int) -> list[dict]:
        return self._dicts(self._COLUMNS, project_id)

    def swimlane_dicts(self, project_id: int, active_only: bool) -> list[dict]:
        return self._dicts(self._SWIMLANES, project_id, not active_only)

    def column(self, column_id: int) -> Fragment | None:
        return self._doc("SELECT doc FROM columns WHERE key = ?", column_id)

    def swimlanes(self, project_id: int, active_only: bool) -> list[Fragment]:
        return self._docs(self._SWIMLANES, project_id, not active_only)

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

    # --- tasks ---------------------------------------------------------------------

    def task(self, task_id: int) -> Fragment | None:
        return self._doc("SELECT doc FROM tasks WHERE key = ?", task_id)

    _VIEW = "SELECT board_doc, plan FROM tasks"

    def task_view(self, task_id: Any) -> tuple[dict, dict] | None:
        """(board document, planning fields) of a task: what other facades render from."""
        row = self.conn.execute(f"{self._VIEW} WHERE key = ?", (task_id,)).fetchone()
        return (orjson.loads(row[0]), orjson.loads(row[1])) if row else None

    def task_views(self, project_ids: list[int]) -> list[tuple[dict, dict]]:
        marks = ",".join("?" * len(project_ids))
        rows = self.conn.execute(f"{self._VIEW} WHERE project_id IN ({marks}) ORDER BY id",
                                 project_ids)
        return [(orjson.loads(board), orjson.loads(plan)) for board, plan in rows]

    def sprint(self, sprint_id: int) -> dict | None:
        docs = self._dicts("SELECT doc FROM sprints WHERE key = ?", sprint_id)
        return docs[0] if docs else None

    def sprints(self, project_ids: list[int]) -> list[dict]:
        return self._dicts_of_projects("sprints", "doc", project_ids, "key")

    def task_by_reference(self, project_id: int, reference: str) -> Fragment | None:
        return self._doc("SELECT doc FROM tasks WHERE project_id = ? AND reference = ? "
                         "ORDER BY id LIMIT 1", project_id, reference)

    def tasks(self, project_id: int, status: int) -> list[Fragment]:
        return self._docs("SELECT doc FROM tasks WHERE project_id = ? AND is_active = ? "
                          "ORDER BY id", project_id, status)

    def board_tasks(self, project_id: int) -> list[tuple]:
        """(swimlane_id, column_id, score, is_active, board_doc, id) of every task of a
        project, open and closed, in board order (position, then id), as Kanboard lists
        them on its board."""
        return self.conn.execute(
            "SELECT swimlane_id, column_id, score, is_active, board_doc, id FROM tasks "
            "WHERE project_id = ? ORDER BY position, key", (project_id,)).fetchall()

    def tasks_titled(self, project_id: int, words: list[str]) -> list[str]:
        """The board documents of the project's tasks whose title holds every word (any
        case, as Python's lower() folds it), by id: searchTasks' words, in SQL."""
        having = "".join(" AND instr(title_folded, ?) > 0" for _ in words)
        return [r[0] for r in self.conn.execute(
            f"SELECT board_doc FROM tasks WHERE project_id = ?{having} ORDER BY key",
            (project_id, *(w.lower() for w in words)))]

    def open_tasks_per_column(self, column_ids: list[int]) -> dict[int, int]:
        """Open tasks in each column, whatever their project (a task may sit in another
        project's column, as Kanboard allows)."""
        if not column_ids:
            return {}
        marks = ",".join("?" * len(column_ids))
        return dict(self.conn.execute(
            f"SELECT column_id, COUNT(*) FROM tasks WHERE column_id IN ({marks}) "
            "AND is_active = 1 GROUP BY column_id", column_ids).fetchall())

    def overdue_tasks(self, now: int, project_id: int | None = None,
                      owner_id: int | None = None, member: bool = False) -> list[dict]:
        """With `member`, only in the projects the owner is still a member of (a removed
        member no longer sees the project's tasks, though still assigned to them)."""
        membership = f"AND {self._MEMBER_OF} " if member else ""
        rows = self.conn.execute(
            "SELECT t.board_doc FROM tasks t JOIN projects p ON p.key = t.project_id "
            "WHERE t.is_active = 1 AND p.is_active = 1 AND t.date_due != 0 AND t.date_due <= ? "
            f"AND (? IS NULL OR t.project_id = ?) AND (? IS NULL OR t.owner_id = ?) {membership}"
            "ORDER BY t.id", (now, project_id, project_id, owner_id, owner_id,
                              *((owner_id, owner_id) if member else ()))).fetchall()
        keep = ("id", "title", "date_due", "project_id", "creator_id", "owner_id", "project_name",
                "assignee_username", "assignee_name")
        return [{k: d[k] for k in keep} for d in (orjson.loads(r[0]) for r in rows)]

    # --- subtasks, comments, metadata ----------------------------------------------

    def _user_names(self) -> dict[int, dict]:
        return {r[0]: orjson.loads(r[1]) for r in self.conn.execute("SELECT id, doc FROM users")}

    def subtask(self, subtask_id: int) -> Fragment | None:
        return self._doc("SELECT doc FROM subtasks WHERE key = ?", subtask_id)

    def subtasks(self, task_id: int) -> list[dict]:
        """A task's subtasks in order, as Kanboard lists them."""
        return self._subtask_views(task_id, None, self._user_names())

    def _subtask_views(self, task_id: int, assignee: int | None,
                       users: dict[int, dict]) -> list[dict]:
        """The subtasks (only `assignee`'s, if given) with their users' names."""
        statuses = {0: "Todo", 1: "In progress", 2: "Done"}
        result = []
        for (doc,) in self.conn.execute(
                "SELECT doc FROM subtasks WHERE task_id = ? AND (? IS NULL OR user_id = ?) "
                "ORDER BY position, key", (task_id, assignee, assignee)):
            subtask = orjson.loads(doc)
            user = users.get(subtask["user_id"], {})
            subtask.update(username=user.get("username"), name=user.get("name"),
                           timer_start_date=0, status_name=statuses.get(subtask["status"], ""),
                           is_timer_started=False)
            result.append(subtask)
        return result

    def dashboard(self, user_id: int) -> list[dict]:
        """Kanboard's getMyDashboard: the open tasks of active projects, in columns shown on
        the dashboard, that the user is assigned to or has a subtask of, each with its tags
        and the user's subtasks; only in projects the user is (still) a member of."""
        rows = self.conn.execute(
            "SELECT t.key, t.board_doc, c.doc FROM tasks t JOIN projects p ON p.key = "
            "t.project_id JOIN columns c ON c.key = t.column_id WHERE t.is_active = 1 AND "
            "p.is_active = 1 AND (t.owner_id = ? OR t.key IN (SELECT task_id FROM subtasks "
            f"WHERE user_id = ?)) AND {self._MEMBER_OF} ORDER BY t.key",
            (user_id, user_id, user_id, user_id)).fetchall()
        tasks = []
        users = self._user_names()
        for task_id, board_doc, column_doc in rows:
            if orjson.loads(column_doc)["hide_in_dashboard"]:
                continue
            task = orjson.loads(board_doc)
            del task["is_draggable"]  # a board's flag, not the dashboard's
            tasks.append({**task, "subtasks": self._subtask_views(task_id, user_id, users)})
        return tasks

    def has_timer(self, subtask_id: int, user_id: int) -> bool:
        return self.timer_start(subtask_id, user_id) is not None

    def timer_start(self, subtask_id: int, user_id: int) -> int | None:
        """When the user's running timer on the subtask started, if one runs."""
        return self._one("SELECT start FROM subtask_timers WHERE key = ? AND user_id = ?",
                         subtask_id, user_id)

    def _comment_view(self, doc: str, users: dict[int, dict]) -> dict:
        comment = orjson.loads(doc)
        user = users.get(comment["user_id"], {})
        comment.update(username=user.get("username"), name=user.get("name"),
                       email=user.get("email"), avatar_path=None)
        return comment

    def comment_credential(self, comment_id: int) -> str | None:
        """The credential that wrote the comment, from its CommentCreated's metadata (an
        API key writes as no user, so the row's user_id cannot tell one key from another)."""
        task_id = self.task_of("comment", comment_id)
        if task_id is None:
            return None
        meta = self._one("SELECT metadata FROM events WHERE stream_id = ? AND type = "
                         "'CommentCreated' AND json_extract(data, '$.comment_id') = ? "
                         "ORDER BY position DESC LIMIT 1", f"task-{task_id}", comment_id)
        return orjson.loads(meta).get("credential") if meta else None

    def comment(self, comment_id: int) -> dict | None:
        doc = self._one("SELECT doc FROM comments WHERE key = ?", comment_id)
        return self._comment_view(doc, self._user_names()) if doc else None

    def comments(self, task_id: int) -> list[dict]:
        users = self._user_names()
        views = []
        for (doc,) in self.conn.execute("SELECT doc FROM comments WHERE task_id = ? "
                                        "ORDER BY date_creation, key", (task_id,)):
            view = self._comment_view(doc, users)
            del view["reference"]
            views.append(view)
        return views

    # --- users ---------------------------------------------------------------------

    def user(self, user_id: int) -> Fragment | None:
        return self._doc("SELECT doc FROM users WHERE key = ?", user_id)

    def user_dict(self, user_id: int) -> dict | None:
        docs = self._dicts("SELECT doc FROM users WHERE key = ?", user_id)
        return docs[0] if docs else None

    def user_by_name(self, username: str) -> Fragment | None:
        return self._doc("SELECT doc FROM users WHERE username = ?", username)

    _USERS = "SELECT doc FROM users ORDER BY username, key"

    def users(self) -> list[Fragment]:
        return self._docs(self._USERS)

    def user_dicts(self) -> list[dict]:
        return self._dicts(self._USERS)

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
            "u.key = json_extract(e.doc, '$.creator_id') WHERE e.task_id = ? "
            "ORDER BY e.title, e.key", (task_id,)).fetchall()
        links = []
        for doc, user_doc in rows:
            user = orjson.loads(user_doc) if user_doc else {}
            links.append({**orjson.loads(doc), "creator_name": user.get("name"),
                          "creator_username": user.get("username")})
        return links

    # --- project and task files ----------------------------------------------------

    def project_file(self, project_id: int, file_id: int) -> Fragment | bool:
        """ProjectFileProcedure::getProjectFile: false unless the file is the project's."""
        return self._doc("SELECT doc FROM project_files WHERE key = ? AND project_id = ?",
                         file_id, project_id) or False

    def task_file(self, file_id: int) -> Fragment | None:
        return self._doc("SELECT doc FROM task_files WHERE key = ?", file_id)

    def project_files(self, project_id: int) -> list[dict]:
        return self._files("project_files", "project_id", project_id)

    def task_files(self, task_id: int) -> list[dict]:
        return self._files("task_files", "task_id", task_id)

    def _files(self, table: str, owner: str, owner_id: int) -> list[dict]:
        """FileModel::getAll: the owner's files by name (SQLite's NOCASE: ASCII letters
        in any case), each joined with its uploader's username and name, in getAll's key
        order."""
        rows = self.conn.execute(
            f"SELECT f.doc, u.doc FROM {table} f LEFT JOIN users u ON u.key = f.user_id "
            f"WHERE f.{owner} = ? ORDER BY f.name COLLATE NOCASE, f.key", (owner_id,))
        files = []
        for doc, user_doc in rows:
            row, user = orjson.loads(doc), orjson.loads(user_doc) if user_doc else {}
            files.append({"id": row["id"], "name": row["name"], "path": row["path"],
                          "is_image": row["is_image"], owner: row[owner], "date": row["date"],
                          "user_id": row["user_id"], "size": row["size"],
                          "username": user.get("username"), "user_name": user.get("name"),
                          "etag": row["etag"]})
        return files

    def project_file_blob(self, project_id: int, file_id: int) -> str | None:
        return self._one("SELECT sha256 FROM project_files WHERE key = ? AND project_id = ?",
                         file_id, project_id)

    def task_file_blob(self, file_id: int) -> str | None:
        return self._one("SELECT sha256 FROM task_files WHERE key = ?", file_id)

    # --- groups --------------------------------------------------------------------

    def group(self, group_id: int) -> Fragment | None:
        return self._doc("SELECT doc FROM groups WHERE key = ?", group_id)

    def groups(self) -> list[dict]:
        """Every group with its member count, by name (Kanboard's getAllGroups)."""
        rows = self.conn.execute(
            "SELECT doc, (SELECT COUNT(*) FROM group_members m WHERE m.key = g.key) "
            "FROM groups g ORDER BY name, key").fetchall()
        return [{**orjson.loads(doc), "nb_users": count} for doc, count in rows]

    def member_groups(self, user_id: int) -> list[Fragment]:
        return self._docs("SELECT g.doc FROM group_members m JOIN groups g ON g.key = m.key "
                          "WHERE m.user_id = ? ORDER BY g.name, g.key", user_id)

    def group_members(self, group_id: int) -> list[dict]:
        """A group's members as Kanboard joins them: membership then user record."""
        rows = self.conn.execute(
            "SELECT m.user_id, u.doc FROM group_members m JOIN users u ON u.key = m.user_id "
            "WHERE m.key = ? ORDER BY m.seq", (group_id,)).fetchall()
        return [{"group_id": group_id, "user_id": user_id, **orjson.loads(doc)}
                for user_id, doc in rows]

    def is_group_member(self, group_id: int, user_id: int) -> bool:
        return self._one("SELECT 1 FROM group_members WHERE key = ? AND user_id = ?",
                         group_id, user_id) is not None

    def api_keys(self) -> list[Fragment]:
        return self._docs("SELECT doc FROM api_keys ORDER BY key")

    def user_active(self, user_id: int) -> bool:
        return bool(self._one("SELECT is_active FROM users WHERE key = ?", user_id))


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
