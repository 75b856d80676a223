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
               _crash_on_missing_task),
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
               _validation_errors_printed),
    Divergence("lenient-base64",
               "createTaskFile/createProjectFile: PHP's base64_decode skips characters that "
               "are not base64 and Kanboard stores whatever is left; boardlog refuses such "
               "a blob with -32602 Invalid params rather than store content nobody sent",
               _lenient_base64),
)


def explain(k_status: int, k_body: Any, b_status: int, b_body: Any,
            found: list[Difference]) -> tuple[list[Difference], list[str]]:
    """The differences no entry explains, and the names of the entries that explained some."""
    left: list[Difference] = []
    names: set[str] = set()
    for d in found:
        entry = next((a for a in ALLOWED if a.explains(k_status, k_body, b_status, b_body, d)),
                     None)
        if entry is None:
            left.append(d)
        else:
            names.add(entry.name)
    return left, sorted(names)
