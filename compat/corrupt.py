"""Invalid variants of valid calls, protocol errors and batches.

Every kind of mistake a client makes: ids that do not exist, ids from another project,
string ids, wrong types, missing and extra params, empty and over-long values, unknown
roles and colours, positions out of range, duplicates, malformed JSON-RPC envelopes,
batches mixing notifications and invalid members.
"""
from __future__ import annotations

import copy
import json
import random
from typing import Any, Callable

from compat.calls import Call
from compat.model import Model

ID_PARAMS = ("project_id", "task_id", "column_id", "swimlane_id", "category_id", "user_id",
             "owner_id", "subtask_id", "comment_id", "id", "creator_id")
WRONG_TYPES: tuple[Any, ...] = ([1], {"x": 1}, True, 1.5, None, "abc", -1, 0)
ROLE_VALUES = ("app-superuser", "project-owner", "admin", "", "PROJECT-MANAGER")
COLOR_VALUES = ("ultraviolet", "", "Blue", "#ff0000")
Mutation = Callable[[Call, Model, random.Random], bool]  # False: does not apply to this call


def _id_params(call: Call) -> list[str]:
    return [k for k in (call.params or {}) if k in ID_PARAMS or k.endswith("_id")]


def _string_params(call: Call) -> list[str]:
    return [k for k, v in (call.params or {}).items() if isinstance(v, str)]


def missing_id(call: Call, model: Model, rng: random.Random) -> bool:
    names = _id_params(call)
    if not names:
        return False
    call.params[rng.choice(names)] = model.missing_id(rng)  # type: ignore[index]
    return True


def foreign_id(call: Call, model: Model, rng: random.Random) -> bool:
    """A real id, but of an object in another project than the call's."""
    if call.project_id is None or not call.params:
        return False
    other = model.other_project(call.project_id, rng)
    if other is None:
        return False
    choices: dict[str, list[int]] = {
        "column_id": other.columns, "swimlane_id": other.swimlanes,
        "category_id": other.categories,
        "task_id": [t.id for t in model.tasks_of(other.id)],
        "project_id": [other.id],
    }
    names = [n for n in call.params if choices.get(n)]
    if not names:
        return False
    name = rng.choice(names)
    call.params[name] = rng.choice(choices[name])
    return True


def string_id(call: Call, model: Model, rng: random.Random) -> bool:
    names = [n for n in _id_params(call) if isinstance(call.params[n], int)]  # type: ignore
    if not names:
        return False
    name = rng.choice(names)
    call.params[name] = str(call.params[name])  # type: ignore[index]
    return True


def wrong_type(call: Call, model: Model, rng: random.Random) -> bool:
    if not call.params:
        return False
    call.params[rng.choice(list(call.params))] = rng.choice(WRONG_TYPES)
    return True


def missing_param(call: Call, model: Model, rng: random.Random) -> bool:
    if not call.params:
        return False
    del call.params[rng.choice(list(call.params))]
    return True


def extra_param(call: Call, model: Model, rng: random.Random) -> bool:
    call.params = dict(call.params or {})
    call.params[rng.choice(("bogus", "unknown_field", "is_admin"))] = rng.choice((1, "x"))
    return True


def empty_value(call: Call, model: Model, rng: random.Random) -> bool:
    names = _string_params(call)
    if not names:
        return False
    call.params[rng.choice(names)] = rng.choice(("", " "))  # type: ignore[index]
    return True


def long_value(call: Call, model: Model, rng: random.Random) -> bool:
    names = _string_params(call)
    if not names:
        return False
    call.params[rng.choice(names)] = "L" * rng.choice((51, 256, 1001))  # type: ignore[index]
    return True


def unknown_role_or_colour(call: Call, model: Model, rng: random.Random) -> bool:
    params = call.params or {}
    if "role" in params:
        params["role"] = rng.choice(ROLE_VALUES)
    elif "color_id" in params:
        params["color_id"] = rng.choice(COLOR_VALUES)
    elif call.method in ("addProjectUser", "createUser", "updateUser", "createCategory",
                         "createTask", "updateTask", "updateCategory"):
        key = "role" if "User" in call.method else "color_id"
        call.params = {**params, key: rng.choice(ROLE_VALUES if key == "role" else COLOR_VALUES)}
    else:
        return False
    return True


def position_out_of_range(call: Call, model: Model, rng: random.Random) -> bool:
    if not call.params or "position" not in call.params:
        return False
    call.params["position"] = rng.choice((0, -1, 999, "2"))
    return True


def positional(call: Call, model: Model, rng: random.Random) -> bool:
    """Positional params, sometimes one too many."""
    if not call.params:
        return False
    call.positional = True
    if rng.random() < 0.5:
        call.params = {**call.params, "_surplus": 1}
    return True


MUTATIONS: dict[str, Mutation] = {
    "missing-id": missing_id, "foreign-id": foreign_id, "string-id": string_id,
    "wrong-type": wrong_type, "missing-param": missing_param, "extra-param": extra_param,
    "empty-value": empty_value, "long-value": long_value,
    "unknown-role-or-colour": unknown_role_or_colour,
    "position-out-of-range": position_out_of_range, "positional": positional,
}


SPECIFIC = frozenset({"foreign-id", "unknown-role-or-colour", "position-out-of-range",
                      "missing-id"})  # drawn more often than the mistakes that always apply


def corrupt(call: Call, model: Model, rng: random.Random) -> str | None:
    """Applies one applicable mutation in place; the mutation's name, or None."""
    applicable = [name for name, mutate in MUTATIONS.items()
                  if mutate(copy.deepcopy(call), model, random.Random(0))]
    if not applicable:
        return None
    weights = [3 if name in SPECIFIC else 1 for name in applicable]
    name = rng.choices(applicable, weights)[0]
    MUTATIONS[name](call, model, rng)
    call.learn = None  # what an invalid call answers teaches nothing reliable
    return name


def protocol_error(rng: random.Random, request_id: int) -> str:
    """A request body that breaks JSON or JSON-RPC 2.0 itself."""
    good = {"jsonrpc": "2.0", "method": "getVersion", "id": request_id}
    bodies = [
        '{"jsonrpc": "2.0", "method": "getVersion", "id": 1',  # truncated JSON
        "not json at all",
        "",
        "42",
        '"getVersion"',
        "[]",
        json.dumps({"method": "getVersion", "id": request_id}),  # no jsonrpc member
        json.dumps({**good, "jsonrpc": "1.0"}),
        json.dumps({"jsonrpc": "2.0", "id": request_id}),  # no method
        json.dumps({**good, "method": 7}),
        json.dumps({**good, "params": "scalar"}),
        json.dumps({**good, "params": 3}),
        json.dumps({**good, "method": "noSuchProcedure"}),
        json.dumps({**good, "method": "getallprojects"}),  # wrong case
        json.dumps({**good, "id": None}),
        json.dumps({**good, "id": "text-id"}),
        json.dumps({**good, "id": {"nested": 1}}),
        json.dumps({**good, "id": 1.5}),
    ]
    return rng.choice(bodies)


def batch(rng: random.Random, members: list[dict[str, Any]]) -> str:
    """A batch of the given calls, some turned into notifications, plus invalid members."""
    out: list[Any] = []
    for member in members:
        if rng.random() < 0.3:
            member = {k: v for k, v in member.items() if k != "id"}
        out.append(member)
    invalid: list[Any] = [1, "x", {}, {"jsonrpc": "2.0"}, {"jsonrpc": "2.0", "method": "nope",
                                                            "id": 99},
                          {"jsonrpc": "2.0", "method": "getTask", "id": 98,
                           "params": {"task_id": "x"}}]
    for _ in range(rng.randint(0, 2)):
        out.insert(rng.randint(0, len(out)), rng.choice(invalid))
    if rng.random() < 0.1:  # all notifications
        out = [{k: v for k, v in m.items() if k != "id"} if isinstance(m, dict) else m
               for m in out]
    return json.dumps(out, ensure_ascii=False)
