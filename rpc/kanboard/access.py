"""Kanboard's authorization rules: application roles, project roles, "me" procedures.

The application token passes every check except the "me" procedures. A user needs the
procedure's application role and, where the call names a project (directly or through
a task, column, category, comment or subtask), a project role; there is no admin
bypass, and an object that does not exist is a 403 for a user, as in Kanboard.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from domain.keys import key_level, sees_project
from domain.roles import (APP_ADMIN, APP_USER, PROJECT_MANAGER, PROJECT_MEMBER,
                          PROJECT_VIEWER, app_role_at_least, project_role_at_least,
                          reads_visibility)
from projections.queries import Reads
from rpc.auth import Principal
from rpc.procedures import to_int
from rpc.protocol import HttpError

Resolver = Callable[[Reads, dict[str, Any]], list[int | None]]


class Forbidden(HttpError):
    """Kanboard answers a denied call with HTTP 403 alone, even inside a batch."""

    def __init__(self) -> None:
        super().__init__(403, b'{"jsonrpc":"2.0","error":{"code":403,"message":"Forbidden"},'
                              b'"id":null}')


@dataclass(frozen=True)
class Access:
    app_role: str = APP_USER
    project: Resolver | None = None
    project_role: str = PROJECT_VIEWER
    me: bool = False
    comment: bool = False  # a comment write: API keys with the commenter role may do it
    # the param naming a comment whose visibility the caller's role must reach
    # (Kanboard's CommentAuthorization::checkCommentAccess)
    comment_id: str | None = None


def _key_roles(role: str) -> tuple[str, str]:
    """An API key's role read as (application role, project role) on Kanboard's API."""
    level = key_level(role)
    if level >= key_level("admin"):
        return APP_ADMIN, PROJECT_MANAGER
    if level >= key_level("manager"):  # manages its projects; cannot create one it won't see
        return APP_USER, PROJECT_MANAGER
    return APP_USER, PROJECT_MEMBER if level >= key_level("editor") else PROJECT_VIEWER


def app_role_of(principal: Principal) -> str:
    """A user's application role, or what a key's role reads as on Kanboard's API."""
    return _key_roles(principal.role)[0] if principal.is_key else principal.role


def _check_key_procedure(access: Access, key: Principal) -> None:
    app_role, _ = _key_roles(key.role)
    if access.me or not app_role_at_least(app_role, access.app_role):
        raise Forbidden


def _check_key_objects(access: Access, key: Principal, reads: Reads,
                       args: dict[str, Any]) -> None:
    if access.project is None:
        return
    _, project_role = _key_roles(key.role)
    if access.comment and key_level(key.role) >= key_level("commenter"):
        project_role = max(project_role, PROJECT_MEMBER, key=_rank)
    for project_id in access.project(reads, args):
        if not project_id or not sees_project(key.role, list(key.project_ids), project_id):
            raise Forbidden
        if not project_role_at_least(project_role, access.project_role):
            raise Forbidden


def _rank(role: str) -> int:
    return (PROJECT_VIEWER, PROJECT_MEMBER, PROJECT_MANAGER).index(role)


def check_procedure(access: Access, principal: Principal) -> None:
    """What Kanboard checks before it binds the params (BaseProcedure::beforeProcedure):
    the caller's application role, and that "me" procedures are a user's."""
    if principal.is_key:
        _check_key_procedure(access, principal)
    elif principal.is_app:
        if access.me:
            raise Forbidden
    elif not app_role_at_least(principal.role, access.app_role):
        raise Forbidden


def check_objects(access: Access, principal: Principal, reads: Reads,
                  args: dict[str, Any]) -> None:
    """What Kanboard checks inside the procedure, once the params are bound: the caller's
    role in the project the call names."""
    if principal.is_key:
        _check_key_objects(access, principal, reads, args)
    elif principal.is_app or access.project is None:
        return
    else:
        for project_id in access.project(reads, args):
            role = reads.member_role(project_id, principal.user_id) if project_id else None
            if not project_role_at_least(role, access.project_role):
                raise Forbidden
    if access.comment_id is not None:
        _check_comment_visibility(principal, reads, args.get(access.comment_id))


def _check_comment_visibility(principal: Principal, reads: Reads, comment_id: Any) -> None:
    comment = reads.comment(comment_id) if comment_id else None
    if comment is None or not reads_visibility(app_role_of(principal), comment["visibility"]):
        raise Forbidden


def check(access: Access, principal: Principal, reads: Reads, args: dict[str, Any]) -> None:
    check_procedure(access, principal)
    check_objects(access, principal, reads, args)


def by_project(name: str = "project_id") -> Resolver:
    return lambda reads, args: [args.get(name)]


def by_projects(name: str) -> Resolver:
    """The projects a list names; an item that is no id (a list, an object) names none."""
    return lambda reads, args: [to_int(p) for p in args.get(name) or [0]]


def by(kind: str, name: str) -> Resolver:
    return lambda reads, args: [reads.project_of(kind, args.get(name))]


def if_exists(kind: str, name: str) -> Resolver:
    """The project of the object only if it exists: Kanboard's TagAuthorization checks
    nothing for a tag that is not there (the call then answers as the model does)."""
    def resolve(reads: Reads, args: dict[str, Any]) -> list[int | None]:
        project_id = reads.project_of(kind, args.get(name))
        return [] if project_id is None else [project_id]

    return resolve


def by_task_part(kind: str, name: str) -> Resolver:
    def resolve(reads: Reads, args: dict[str, Any]) -> list[int | None]:
        return [reads.project_of("task", reads.task_of(kind, args.get(name)))]

    return resolve


def both(*resolvers: Resolver) -> Resolver:
    return lambda reads, args: [p for r in resolvers for p in r(reads, args)]


def sees(principal: Principal, reads: Reads, project_id: int) -> bool:
    """Whether the caller may read the project now: the check every project read makes."""
    try:
        check_objects(Access(project=lambda reads, args: [project_id]), principal, reads, {})
    except Forbidden:
        return False
    return True
