"""The fidelity ratchet: per recording, the calls that still differ from Kanboard.

tests/fidelity/ratchet.json holds, per recording, how many calls match and the sequence
numbers of those that do not (yet). The default test run replays every recording and
fails when a call outside that list differs, so the figure can only go up; after a fix,
`python -m compat.replay tests/fidelity/recordings/*.jsonl --ratchet` writes the new list.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from compat.replay import Replayed

RATCHET = Path(__file__).resolve().parent.parent / "tests" / "fidelity" / "ratchet.json"


def entry(results: list[Replayed]) -> dict[str, Any]:
    differing = [r.exchange.seq for r in results if not r.matched]
    return {"calls": len(results), "matched": len(results) - len(differing),
            "differing": differing}


def load(path: Path = RATCHET) -> dict[str, dict[str, Any]]:
    return json.loads(path.read_text()) if path.exists() else {}


def write(entries: dict[str, dict[str, Any]], path: Path = RATCHET) -> None:
    lines = ["{"]
    for index, (name, item) in enumerate(sorted(entries.items())):
        comma = "," if index < len(entries) - 1 else ""
        lines.append(f'  {json.dumps(name)}: {json.dumps(item)}{comma}')
    path.write_text("\n".join(lines + ["}"]) + "\n")
