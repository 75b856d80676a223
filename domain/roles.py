"""Application and project roles, and the rules that rank them."""

APP_ADMIN, APP_MANAGER, APP_USER = "app-admin", "app-manager", "app-user"
PROJECT_MANAGER, PROJECT_MEMBER, PROJECT_VIEWER = "project-manager", "project-member", "project-viewer"

APPLICATION_ROLES = {APP_ADMIN: "Administrator", APP_MANAGER: "Manager", APP_USER: "User"}
PROJECT_ROLES = {
    PROJECT_MANAGER: "Project Manager",
    PROJECT_MEMBER: "Project Member",
    PROJECT_VIEWER: "Project Viewer",
}

_APP_RANK = {APP_USER: 1, APP_MANAGER: 2, APP_ADMIN: 3}
_PROJECT_RANK = {PROJECT_VIEWER: 1, PROJECT_MEMBER: 2, PROJECT_MANAGER: 3}


def app_role_at_least(role: str, minimum: str) -> bool:
    return _APP_RANK.get(role, 0) >= _APP_RANK[minimum]


def project_role_at_least(role: str | None, minimum: str) -> bool:
    return _PROJECT_RANK.get(role or "", 0) >= _PROJECT_RANK[minimum]


def reads_visibility(role: str, visibility: str) -> bool:
    """Whether a user of this application role may read a comment of that visibility
    (Kanboard: a manager not the admins', a user only the users')."""
    if role == APP_MANAGER:
        return visibility != APP_ADMIN
    return role != APP_USER or visibility == APP_USER
