"""The per-procedure difference report, in Markdown."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any, Iterable

from compat.compare import compare
from compat.replay import Replayed

EXAMPLE_CHARS = 600


def compact(value: Any, limit: int = EXAMPLE_CHARS) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           separators=(",", ":"))
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"


READS = ("get", "is", "search")


def is_write(method: Any) -> bool:
    return isinstance(method, str) and not method.startswith(READS)


def answers_by_id(body: Any) -> dict[str, Any]:
    if not isinstance(body, list):
        return {}
    return {json.dumps(a.get("id")): a for a in body if isinstance(a, dict)}


def write_differs(result: Replayed) -> bool:
    """Whether the call may change state and was answered differently.

    In a batch only the answers to write members count (notifications have none).
    """
    if result.matched:
        return False
    if result.procedure != "<batch>":
        return not result.procedure.startswith("<") and is_write(result.procedure)
    members = json.loads(result.exchange.body)
    expected, actual = answers_by_id(result.exchange.response), answers_by_id(result.response)
    for member in members:
        if isinstance(member, dict) and is_write(member.get("method")) and "id" in member:
            key = json.dumps(member["id"])
            if compare((200, 200), (expected.get(key), actual.get(key))):
                return True
    return False


def mark_diverged(results: list[Replayed]) -> dict[int, bool]:
    """For each result (by index): had a write already answered differently before it?

    After that the two servers may hold different state (other ids handed out, other
    members, ...), so later differences may be echoes rather than causes.
    """
    diverged: dict[int, bool] = {}
    current, recording = False, None
    for index, result in enumerate(results):
        if result.recording != recording:
            current, recording = False, result.recording
        diverged[index] = current
        if write_differs(result):
            current = True
    return diverged


def where(result: Replayed | None) -> str:
    if result is None:
        return "-"
    return f"#{result.exchange.seq} `{result.procedure}`: {result.klass.replace('|', '/')}"


def summary(results: list[Replayed]) -> list[str]:
    lines = ["| recording | calls | matched | differ | first difference | first differing write |",
             "|---|---|---|---|---|---|"]
    by_recording: dict[str, list[Replayed]] = defaultdict(list)
    for result in results:
        by_recording[result.recording].append(result)
    for name, items in by_recording.items():
        first = next((r for r in items if not r.matched), None)
        first_write = next((r for r in items if write_differs(r)), None)
        matched = sum(r.matched for r in items)
        lines.append(f"| {name} | {len(items)} | {matched} | {len(items) - matched} "
                     f"| {where(first)} | {where(first_write)} |")
    total, matched = len(results), sum(r.matched for r in results)
    lines.append(f"| **all** | {total} | {matched} | {total - matched} "
                 f"({100 * (total - matched) / max(total, 1):.1f}%) | | |")
    return lines


def per_procedure(results: list[Replayed], diverged: dict[int, bool]) -> list[str]:
    calls: Counter[str] = Counter()
    differ: Counter[str] = Counter()
    early: Counter[str] = Counter()
    for index, result in enumerate(results):
        calls[result.procedure] += 1
        if not result.matched:
            differ[result.procedure] += 1
            early[result.procedure] += not diverged[index]
    lines = ["| procedure | calls | differ | of which while state in sync |", "|---|---|---|---|"]
    for name in sorted(calls, key=lambda n: (-differ[n], n)):
        lines.append(f"| `{name}` | {calls[name]} | {differ[name]} | {early[name]} |")
    return lines


def example(result: Replayed) -> list[str]:
    exchange = result.exchange
    who = exchange.auth.username if exchange.auth else "(no credentials)"
    lines = [f"- {result.recording} #{exchange.seq}, as `{who}`",
             f"  - request: `{compact(exchange.body)}`",
             f"  - Kanboard (HTTP {exchange.status}): `{compact(exchange.response)}`",
             f"  - boardlog (HTTP {result.status}): `{compact(result.response)}`"]
    for difference in result.found[:5]:
        lines.append(f"  - at `{difference.path}`: Kanboard `{compact(difference.expected, 200)}`"
                     f", boardlog `{compact(difference.actual, 200)}`")
    return lines


def classes(results: list[Replayed], diverged: dict[int, bool]) -> list[str]:
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, result in enumerate(results):
        if not result.matched:
            groups[(result.procedure, result.klass)].append(index)
    lines: list[str] = []
    for (procedure, klass), indices in sorted(groups.items(),
                                              key=lambda item: (item[0][0], -len(item[1]))):
        clean = [i for i in indices if not diverged[i]]
        chosen = results[(clean or indices)[0]]  # an example unaffected by earlier divergence
        lines.append(f"#### `{procedure}` — {klass} ({len(indices)}; "
                     f"{len(clean)} while state in sync)")
        lines.extend(example(chosen))
        lines.append("")
    return lines


def ranking(results: list[Replayed], diverged: dict[int, bool]) -> list[str]:
    """Every class of difference, most frequent first: the work list at a glance."""
    counts: Counter[tuple[str, str]] = Counter()
    clean: Counter[tuple[str, str]] = Counter()
    for index, result in enumerate(results):
        if not result.matched:
            counts[(result.procedure, result.klass)] += 1
            clean[(result.procedure, result.klass)] += not diverged[index]
    lines = ["| procedure | class (Kanboard -> boardlog, or where results differ) | calls "
             "| while state in sync |", "|---|---|---|---|"]
    for (procedure, klass), count in sorted(counts.items(), key=lambda i: (-clean[i[0]], -i[1])):
        lines.append(f"| `{procedure}` | {klass.replace('|', '/')} | {count} "
                     f"| {clean[(procedure, klass)]} |")
    return lines


def allowed(results: list[Replayed]) -> list[str]:
    """How many matching calls each allow-list entry (compat/allowed.py) explained."""
    from compat.allowed import ALLOWED
    lines = ["| divergence | matched calls it explains | why |", "|---|---|---|"]
    for entry in ALLOWED:
        count = sum(entry.name in r.allowed for r in results)
        lines.append(f"| `{entry.name}` | {count} | {entry.reason} |")
    return lines


def render(results: Iterable[Replayed]) -> str:
    items = list(results)
    diverged = mark_diverged(items)
    parts = ["## Summary", "", *summary(items), "",
             "## Divergences on purpose", "",
             "A call whose only differences these explain counts as matched "
             "(compat/allowed.py).", "", *allowed(items), "",
             "## Differences per procedure", "", *per_procedure(items, diverged), "",
             "## Classes of difference, ranked", "",
             "Ranked by the calls that differ while the state is in sync (no earlier write in "
             "the same recording answered differently): those are causes, not echoes.", "",
             *ranking(items, diverged), "",
             "## Examples: one per class", "",
             "Kanboard's answer is the expected one. Each example is taken while the state is "
             "in sync when the class has such a call.", "",
             *classes(items, diverged)]
    return "\n".join(parts) + "\n"
