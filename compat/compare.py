"""Structural comparison of two answers, and the class a difference belongs to."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from compat.normalize import normalize

MAX_DIFFERENCES = 5


@dataclass(frozen=True)
class Difference:
    path: str
    expected: Any  # Kanboard's value
    actual: Any  # the other server's value


def same_type(a: Any, b: Any) -> bool:
    return type(a) is type(b) or (isinstance(a, (int, float)) and isinstance(b, (int, float))
                                  and not isinstance(a, bool) and not isinstance(b, bool))


def differences(expected: Any, actual: Any, path: str = "$") -> list[Difference]:
    """Every place where `actual` departs from `expected` (keys, lengths, types, values)."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        found: list[Difference] = []
        for key in expected.keys() | actual.keys():
            child = f"{path}.{key}"
            if key not in actual:
                found.append(Difference(child, expected[key], "<absent>"))
            elif key not in expected:
                found.append(Difference(child, "<absent>", actual[key]))
            else:
                found.extend(differences(expected[key], actual[key], child))
        return sorted(found, key=lambda d: d.path)
    if isinstance(expected, list) and isinstance(actual, list):
        if len(expected) != len(actual):
            return [Difference(f"{path}.length", len(expected), len(actual))]
        found = []
        for index, (e, a) in enumerate(zip(expected, actual)):
            found.extend(differences(e, a, f"{path}[{index}]"))
        return found
    if same_type(expected, actual) and expected == actual:
        return []
    return [Difference(path, expected, actual)]


def compare(status: tuple[int, int], bodies: tuple[Any, Any]) -> list[Difference]:
    """Differences between Kanboard's (status, body) and another server's, normalised."""
    found = []
    if status[0] != status[1]:
        found.append(Difference("http-status", status[0], status[1]))
    found.extend(differences(normalize(bodies[0]), normalize(bodies[1])))
    return found


def outcome(body: Any) -> str:
    if isinstance(body, list):
        return "batch"
    if not isinstance(body, dict):
        return "empty" if body is None else "raw"
    if "error" in body:
        return f"error {body['error'].get('code') if isinstance(body['error'], dict) else '?'}"
    if "result" not in body:
        return "raw"
    result = body["result"]
    if result is False:
        return "false"
    if result is None:
        return "null"
    return "result"


def pattern(path: str) -> str:
    """A path with list indices and numeric object keys generalised, to group differences."""
    path = re.sub(r"\[\d+\]", "[*]", path)
    return re.sub(r"\.\d+(?=\.|$|\[)", ".{n}", path)


def difference_class(expected: Any, actual: Any, found: list[Difference]) -> str:
    """A short name for how two answers differ, e.g. `result -> error -32602`."""
    left, right = outcome(expected), outcome(actual)
    if left != right:
        return f"{left} -> {right}"
    paths = sorted({pattern(d.path) for d in found})
    shown = ", ".join(paths[:3]) + (" ..." if len(paths) > 3 else "")
    return f"{left}: {shown}"
