"""Tasks and their parts: subtasks, comments, metadata."""
from __future__ import annotations

from typing import Any

import orjson
from orjson import Fragment

from domain.php import INT64_MAX
from domain.rules import is_digits
from projections.reads.base import ReadsBase


class TaskReads(ReadsBase):
    # --- tasks ---------------------------------------------------------------------

    def task(self, task_id: int) -> Fragment | None:
        return self._doc("SELECT doc FROM tasks WHERE key = ?", task_id)

    _VIEW = "SELECT board_doc, plan FROM tasks"

    def task_view(self, task_id: Any) -> tuple[dict, dict] | None:
        """(board document, planning fields) of a task: what other facades render from."""
        row = self.conn.execute(f"{self._VIEW} WHERE key = ?", (task_id,)).fetchone()
        return (orjson.loads(row[0]), orjson.loads(row[1])) if row else None

    def task_views(self, project_ids: list[int]) -> list[tuple[dict, dict]]:
        marks = ",".join("?" * len(project_ids)) or "NULL"  # `IN ()` is SQLite's alone
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
        case, as Python's lower() folds it), by id: searchTasks' words, in SQL. A word
        of digits, or # and digits, also matches the task of that id (TaskTitleFilter)."""
        having, args = "", []
        for word in words:
            task_id = _task_id_word(word)
            if task_id is None:
                having += f" AND {self.sql.holds('title_folded')}"
                args.append(word.lower())
            else:
                having += f" AND (id = ? OR {self.sql.holds('title_folded')})"
                args += [task_id, word.lower()]
        return [r[0] for r in self.conn.execute(
            f"SELECT board_doc FROM tasks WHERE project_id = ?{having} ORDER BY key",
            (project_id, *args))]

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
        # conditions only for what is given (PostgreSQL cannot type a bare `? IS NULL`)
        where, args = "", [now]
        if project_id is not None:
            where, args = where + "AND t.project_id = ? ", args + [project_id]
        if owner_id is not None:
            where, args = where + "AND t.owner_id = ? ", args + [owner_id]
        if member:
            where, args = where + f"AND {self._MEMBER_OF} ", args + [owner_id, owner_id]
        rows = self.conn.execute(
            "SELECT t.board_doc FROM tasks t JOIN projects p ON p.key = t.project_id "
            "WHERE t.is_active = 1 AND p.is_active = 1 AND t.date_due != 0 AND t.date_due <= ? "
            f"{where}ORDER BY t.id", args).fetchall()
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
        mine, args = ("AND user_id = ? ", (task_id, assignee)) if assignee is not None else (
            "", (task_id,))
        for (doc,) in self.conn.execute(
                f"SELECT doc FROM subtasks WHERE task_id = ? {mine}ORDER BY position, key", args):
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
                         f"'CommentCreated' AND {self.sql.json_number('data', 'comment_id')} = ? "
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


def _task_id_word(word: str) -> int | None:
    """The id a search word names, as Kanboard's TaskTitleFilter reads one ("12", "#12"),
    or None; one past 64 bits names no task."""
    digits = word[1:] if len(word) > 1 and word[0] == "#" else word
    if not is_digits(digits) or int(digits) > INT64_MAX:
        return None
    return int(digits)
