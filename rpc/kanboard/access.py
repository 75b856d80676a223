"""Kanboard's authorization rules: application roles, project roles, "me" procedures.

The application token passes every check except the "me" procedures. A user needs the
procedure's application role and, where the call names a project (directly or through
a task, column, category, comment or subtask), a project role; there is no admin
bypass, and an object that does not exist is a 403 for a user, as in Kanboard.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from domain.roles import APP_USER, PROJECT_VIEWER, app_role_at_least, project_role_at_least
from projections.queries import Reads
from rpc.auth import Principal

Resolver = Callable[[Reads, dict[str, Any]], list[int | None]]


class Forbidden(Exception):
    pass


@dataclass(frozen=True)
class Access:
    app_role: str = APP_USER
    project: Resolver | None = None
    project_role: str = PROJECT_VIEWER
    me: bool = False


def check(access: Access, principal: Principal, reads: Reads, args: dict[str, Any]) -> None:
    if principal.is_app:
        if access.me:
            raise Forbidden
        return
    if not app_role_at_least(principal.role, access.app_role):
        raise Forbidden
    if access.project is None:
        return
    for project_id in access.project(reads, args):
        role = reads.member_role(project_id, principal.user_id) if project_id else None
        if not project_role_at_least(role, access.project_role):
            raise Forbidden


def by_project(name: str = "project_id") -> Resolver:
    return lambda reads, args: [args.get(name)]


def by_projects(name: str) -> Resolver:
    return lambda reads, args: list(args.get(name) or [0])


def by(kind: str, name: str) -> Resolver:
    return lambda reads, args: [reads.project_of(kind, args.get(name))]


def by_task_part(kind: str, name: str) -> Resolver:
    def resolve(reads: Reads, args: dict[str, Any]) -> list[int | None]:
        return [reads.project_of("task", reads.task_of(kind, args.get(name)))]

    return resolve


def both(*resolvers: Resolver) -> Resolver:
    return lambda reads, args: [p for r in resolvers for p in r(reads, args)]
