"""API key roles (Leantime's levels) and what each may do."""
from __future__ import annotations

KEY_ROLES = {"readonly": 5, "commenter": 10, "editor": 20, "manager": 30, "admin": 40, "owner": 50}
ALL_PROJECTS_LEVEL = KEY_ROLES["admin"]  # admin and owner keys see every project


def key_level(role: str) -> int:
    return KEY_ROLES.get(role, 0)


def sees_project(role: str, project_ids: list[int], project_id: int | None) -> bool:
    return key_level(role) >= ALL_PROJECTS_LEVEL or (project_id is not None
                                                     and project_id in project_ids)
