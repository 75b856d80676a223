"""Users and groups."""
from __future__ import annotations

import orjson
from orjson import Fragment

from projections.reads.base import ReadsBase


class PeopleReads(ReadsBase):
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
