"""Where boardlog differs from Kanboard on purpose: the replay's allow-list.

Each entry names one divergence and says why boardlog keeps it; the replay drops the
differences an entry explains (and counts the calls it explained), so everything else a
replay reports is a real difference. README.md ("Where boardlog differs from Kanboard on
purpose") lists the same entries.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Callable

from compat.compare import Difference


@dataclass(frozen=True)
class Divergence:
    name: str
    reason: str
    # (Kanboard's status, Kanboard's body, boardlog's status, boardlog's body, difference)
    # -> whether this entry explains that difference
    explains: Callable[[int, Any, int, Any, Difference], bool]
    # the procedures it may explain a difference of (a batch: any of its members); empty: any
    procedures: frozenset[str] = frozenset()
    # which requests it may explain (given the request text); None: any
    sent: Callable[[str], bool] | None = None

    def covers(self, methods: set[str]) -> bool:
        return not self.procedures or bool(self.procedures & methods)


def methods_of(request: str) -> set[str]:
    """The procedures a recorded request calls (all of a batch's members)."""
    try:
        message = json.loads(request)
    except ValueError:
        return set()
    members = message if isinstance(message, list) else [message]
    return {m["method"] for m in members
            if isinstance(m, dict) and isinstance(m.get("method"), str)}


def _password_hash(k_status: int, k_body: Any, b_status: int, b_body: Any,
                   d: Difference) -> bool:
    return d.path.endswith(".password") and d.actual == "<absent>"


def _is_error(body: Any, code: int) -> bool:
    return (isinstance(body, dict) and isinstance(body.get("error"), dict)
            and body["error"].get("code") == code)


def _crash_on_wrong_type(k_status: int, k_body: Any, b_status: int, b_body: Any,
                         d: Difference) -> bool:
    return k_status == 500 and k_body is None and _is_error(b_body, -32602)


def _crash_on_missing_task(k_status: int, k_body: Any, b_status: int, b_body: Any,
                           d: Difference) -> bool:
    return (k_status == 500 and k_body is None and isinstance(b_body, dict)
            and "result" in b_body and b_body["result"] is False)


def _build_version(k_status: int, k_body: Any, b_status: int, b_body: Any,
                   d: Difference) -> bool:
    return (re.fullmatch(r"\$(\[\d+\])?\.result", d.path) is not None  # single or in a batch
            and isinstance(d.expected, str)
            and d.expected.startswith("main.") and d.actual == "main.unknown_revision")


# PHP's var_export() of the validator's errors, printed (not returned) before the body.
_PRINTED_ERRORS = re.compile(r"array \(\n.*\n\)(\{.*\})", re.DOTALL)


def _validation_errors_printed(k_status: int, k_body: Any, b_status: int, b_body: Any,
                               d: Difference) -> bool:
    raw = k_body.get("_raw") if isinstance(k_body, dict) and len(k_body) == 1 else None
    found = _PRINTED_ERRORS.fullmatch(raw) if isinstance(raw, str) else None
    return found is not None and k_status == b_status and json.loads(found[1]) == b_body


def _lenient_base64(k_status: int, k_body: Any, b_status: int, b_body: Any,
                    d: Difference) -> bool:
    return (k_status == 200 and _is_error(b_body, -32602)
            and "is not base64" in str(b_body["error"].get("data")))


def _sql_error_on_empty_update(k_status: int, k_body: Any, b_status: int, b_body: Any,
                               d: Difference) -> bool:
    error = k_body.get("error") if isinstance(k_body, dict) else None
    return (isinstance(error, dict) and error.get("code") == 0
            and str(error.get("message", "")).startswith("SQL Error")
            and 'near "WHERE": syntax error' in str(error.get("message"))
            and isinstance(b_body, dict) and isinstance(b_body.get("result"), bool))


def _role_true(request: str) -> bool:
    try:
        params = json.loads(request).get("params")
    except (ValueError, AttributeError):
        return False
    return isinstance(params, dict) and params.get("role") is True


def _loose_role_match(k_status: int, k_body: Any, b_status: int, b_body: Any,
                      d: Difference) -> bool:
    return (isinstance(k_body, dict) and k_body.get("result") not in (None, False)
            and isinstance(b_body, dict) and b_body.get("result") is False)


_MY_TASK_KEYS = ({"assignee_username", "project_name", "owner_id"},  # getMyOverdueTasks
                 {"subtasks", "nb_comments", "owner_id"})  # getMyDashboard


def _task_ids(body: Any, index: str | None) -> list | None:
    item = body[int(index)] if index is not None and isinstance(body, list) else body
    result = item.get("result") if isinstance(item, dict) else None
    if not isinstance(result, list) or not all(
            isinstance(t, dict) and any(keys <= t.keys() for keys in _MY_TASK_KEYS)
            for t in result):
        return None
    return [t["id"] for t in result]


def _removed_member_tasks(k_status: int, k_body: Any, b_status: int, b_body: Any,
                          d: Difference) -> bool:
    match = re.fullmatch(r"\$(?:\[(\d+)\])?\.result\.length", d.path)
    if match is None:
        return False
    kanboard, boardlog = _task_ids(k_body, match.group(1)), _task_ids(b_body, match.group(1))
    return (kanboard is not None and boardlog is not None
            and len(boardlog) < len(kanboard) and set(boardlog) <= set(kanboard))


ALLOWED = (
    Divergence("password-hash",
               "Kanboard's user records (getUser, getUserByName, getAllUsers) carry the "
               "user's bcrypt password hash; boardlog never hands out a secret",
               _password_hash),
    Divergence("crash-on-wrong-type",
               "Kanboard crashes (HTTP 500, empty body) when a param has the wrong JSON "
               "type, e.g. an array for a name; boardlog answers -32602 Invalid params",
               _crash_on_wrong_type),
    Divergence("crash-on-missing-task",
               "moveTaskToProject of a task that does not exist crashes Kanboard (a "
               "TypeError: HTTP 500, empty body); boardlog answers false, as it answers "
               "the other refusals",
               _crash_on_missing_task,
               frozenset({"moveTaskToProject", "duplicateTaskToProject"})),
    Divergence("build-version",
               "getVersion depends on how Kanboard was built: the recorded server, run from "
               "a git export, says main.<commit>; a source tree without git metadata says "
               "main.unknown_revision, which Kanboard's own API test suite expects and "
               "boardlog answers",
               _build_version),
    Divergence("validation-errors-printed",
               "createExternalTaskLink and updateExternalTaskLink print the validator's "
               "errors (PHP var_export without its return flag) before the JSON body, so "
               "a refused link is not valid JSON; boardlog answers the same body alone",
               _validation_errors_printed,
               frozenset({"createExternalTaskLink", "updateExternalTaskLink"})),
    Divergence("lenient-base64",
               "createTaskFile/createProjectFile: PHP's base64_decode skips characters that "
               "are not base64 and Kanboard stores whatever is left; boardlog refuses such "
               "a blob with -32602 Invalid params rather than store content nobody sent",
               _lenient_base64, frozenset({"createTaskFile", "createProjectFile"})),
    Divergence("sql-error-on-empty-update",
               "updateGroup and updateUser with every value null leave Kanboard nothing to "
               "set: it runs `UPDATE ... SET WHERE` and answers its SQL error (code 0, "
               "'near \"WHERE\": syntax error'); boardlog answers as to an update that "
               "changes nothing rather than pass on a database error",
               _sql_error_on_empty_update, frozenset({"updateGroup", "updateUser"})),
    Divergence("loose-role-match",
               "createUser/updateUser with the role true: Kanboard's InArray compares "
               "loosely (true == 'app-admin') and stores the role '1', which no role rule "
               "knows; boardlog refuses it as an unknown role (false), as it refuses 7",
               _loose_role_match, frozenset({"createUser", "updateUser"}), _role_true),
    Divergence("removed-member-tasks",
               "getMyOverdueTasks and getMyDashboard list, in Kanboard, every task assigned "
               "to the caller, also in projects they were removed from; boardlog lists only "
               "those of projects they are still a member of (issue #11: a removed member "
               "sees nothing more of the project)",
               _removed_member_tasks, frozenset({"getMyOverdueTasks", "getMyDashboard"})),
)


def _boolean_as_integer(k_status: int, k_body: Any, b_status: int, b_body: Any,
                        d: Difference) -> bool:
    return isinstance(d.expected, bool) and type(d.actual) is int and d.actual == d.expected


# Columns Kanboard's PostgreSQL migrations dropped and its SQLite schema still has
# (app/Schema/Postgres.php against Sqlite.php: SQLite could not drop a column then).
_DROPPED_ON_POSTGRESQL = frozenset({"is_admin", "is_project_admin", "is_everybody_allowed",
                                    "default_swimlane", "show_default_swimlane"})


def _dropped_column(k_status: int, k_body: Any, b_status: int, b_body: Any,
                    d: Difference) -> bool:
    return d.expected == "<absent>" and d.path.rpartition(".")[2] in _DROPPED_ON_POSTGRESQL


def _same_rows(body: Any) -> list | None:
    result = body.get("result") if isinstance(body, dict) else None
    if not isinstance(result, list) or not all(isinstance(r, dict) for r in result):
        return None
    return sorted(result, key=lambda r: json.dumps(r, sort_keys=True))


def _database_order(k_status: int, k_body: Any, b_status: int, b_body: Any,
                    d: Difference) -> bool:
    return (d.path.startswith("$.result[") and _same_rows(k_body) is not None
            and _same_rows(k_body) == _same_rows(b_body))


# Where Kanboard on PostgreSQL answers otherwise than Kanboard on SQLite, which the
# fidelity harness records and boardlog answers as: not divergences of boardlog, the
# difference between Kanboard's two backends. Applied only to a recording of Kanboard on
# PostgreSQL (tests/fixtures/kanboard-import-pg, the import from PostgreSQL's test).
KANBOARD_ON_POSTGRESQL = (
    Divergence("postgresql-booleans",
               "Kanboard's PostgreSQL schema has BOOLEAN columns, which PDO hands to the "
               "JSON as true/false; on SQLite (and in boardlog) the same flags are 1/0",
               _boolean_as_integer),
    Divergence("postgresql-dropped-columns",
               "Kanboard's PostgreSQL migrations dropped users.is_admin, is_project_admin "
               "and projects.is_everybody_allowed, default_swimlane, show_default_swimlane, "
               "which its SQLite schema keeps and answers",
               _dropped_column),
    Divergence("postgresql-row-order",
               "getAllLinks has no ORDER BY and getAllTags orders by name alone: the order "
               "of rows is the database's (PostgreSQL's heap order after an update, "
               "SQLite's rowid); the same rows either way",
               _database_order, frozenset({"getAllLinks", "getAllTags"})),
)


def explain(request: str, k_status: int, k_body: Any, b_status: int, b_body: Any,
            found: list[Difference], allowed: tuple[Divergence, ...] = ALLOWED,
            ) -> tuple[list[Difference], list[str]]:
    """The differences no entry of `allowed` explains, and the names of the entries that
    explained some."""
    left: list[Difference] = []
    names: set[str] = set()
    entries = [a for a in allowed
               if a.covers(methods_of(request)) and (a.sent is None or a.sent(request))]
    for d in found:
        entry = next((a for a in entries if a.explains(k_status, k_body, b_status, b_body, d)),
                     None)
        if entry is None:
            left.append(d)
        else:
            names.add(entry.name)
    return left, sorted(names)
