"""Project and task files."""
from __future__ import annotations

import orjson
from orjson import Fragment

from projections.reads.base import ReadsBase


class FileReads(ReadsBase):
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
            f"WHERE f.{owner} = ? ORDER BY {self.sql.ascii_nocase('f.name')}, f.key", (owner_id,))
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
