"""The per-procedure difference report, in Markdown."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import Any, Iterable

from compat.replay import Replayed

EXAMPLE_CHARS = 900
CREATES = ("create", "add")


def compact(value: Any, limit: int = EXAMPLE_CHARS) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False,
                                                           separators=(",", ":"))
    return text if len(text) <= limit else text[:limit] + f"... ({len(text)} chars)"


def mark_shifted(results: list[Replayed]) -> dict[int, bool]:
    """For each result (by index): did a create/add answer differently before it?

    After such a call the two servers hand out different ids, so later differences may be
    consequences rather than causes.
    """
    shifted: dict[int, bool] = {}
    current, recording = False, None
    for index, result in enumerate(results):
        if result.recording != recording:
            current, recording = False, result.recording
        shifted[index] = current
        if not result.matched and result.procedure.startswith(CREATES):
            current = True
    return shifted


def summary(results: list[Replayed]) -> list[str]:
    lines = ["| recording | calls | matched | differ | first difference |", "|---|---|---|---|---|"]
    by_recording: dict[str, list[Replayed]] = defaultdict(list)
    for result in results:
        by_recording[result.recording].append(result)
    for name, items in by_recording.items():
        first = next((r for r in items if not r.matched), None)
        where = f"#{first.exchange.seq} `{first.procedure}`: {first.klass}" if first else "-"
        matched = sum(r.matched for r in items)
        lines.append(f"| {name} | {len(items)} | {matched} | {len(items) - matched} | {where} |")
    total, matched = len(results), sum(r.matched for r in results)
    lines.append(f"| **all** | {total} | {matched} | {total - matched} "
                 f"({100 * (total - matched) / max(total, 1):.1f}%) | |")
    return lines


def per_procedure(results: list[Replayed], shifted: dict[int, bool]) -> list[str]:
    calls, differ, early = Counter(), Counter(), Counter()
    for index, result in enumerate(results):
        calls[result.procedure] += 1
        if not result.matched:
            differ[result.procedure] += 1
            early[result.procedure] += not shifted[index]
    lines = ["| procedure | calls | differ | of which before any id shift |", "|---|---|---|---|"]
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


def classes(results: list[Replayed], shifted: dict[int, bool]) -> list[str]:
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for index, result in enumerate(results):
        if not result.matched:
            groups[(result.procedure, result.klass)].append(index)
    lines: list[str] = []
    for (procedure, klass), indices in sorted(groups.items(),
                                              key=lambda item: (item[0][0], -len(item[1]))):
        clean = [i for i in indices if not shifted[i]]
        chosen = results[(clean or indices)[0]]  # an example unaffected by id shifts if any
        lines.append(f"#### `{procedure}` — {klass} ({len(indices)}; "
                     f"{len(clean)} before any id shift)")
        lines.extend(example(chosen))
        lines.append("")
    return lines


def render(results: Iterable[Replayed]) -> str:
    items = list(results)
    shifted = mark_shifted(items)
    parts = ["## Summary", "", *summary(items), "",
             "## Differences per procedure", "", *per_procedure(items, shifted), "",
             "## Classes of difference, with one example each", "",
             "Kanboard's answer is the expected one. An example is taken before any id shift "
             "(a create/add answered differently) when there is one.", "",
             *classes(items, shifted)]
    return "\n".join(parts) + "\n"
