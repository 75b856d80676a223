"""Replays every workload recorded against the real Kanboard 1.2.53 against a fresh
boardlog: every answer must match Kanboard's (up to the divergences compat/allowed.py
names), except the calls tests/fidelity/ratchet.json still lists as differing, so the
figure can only go up. compat/README.md says how the recordings were made and how to read
a difference; compat/REPORT.md describes what still differs.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from compat import ratchet
from compat.local_boardlog import running_boardlog
from compat.replay import load, replay
from compat.report import example
from tests.fidelity.conftest import FIGURES

RECORDINGS = sorted((Path(__file__).parent / "recordings").glob("*.jsonl"))
KNOWN = ratchet.load()


@pytest.mark.parametrize("path", RECORDINGS, ids=[p.stem for p in RECORDINGS])
def test_boardlog_answers_as_kanboard_did(path: Path, tmp_path: Path, db_path: str) -> None:
    """On each backend (`db_path`: a file, or a PostgreSQL schema)."""
    recording = load(path)
    with running_boardlog(recording.token, db_dir=tmp_path, location=db_path) as url:
        results = list(replay(recording, url))
    known = KNOWN.get(path.name, {"differing": []})
    allowed = set(known["differing"])
    matched = sum(r.matched for r in results)
    FIGURES.append((path.name, len(results), matched))
    print(f"{path.name}: {len(results)} calls replayed, {matched} matched "
          f"(ratchet {len(results) - len(allowed)})")
    regressed = [r for r in results if not r.matched and r.exchange.seq not in allowed]
    assert not regressed, "\n".join([
        f"{len(regressed)} answers differ that matched before; the first:",
        *example(regressed[0])])


def test_every_recording_has_a_ratchet_entry() -> None:
    assert len(RECORDINGS) >= 10
    assert {p.name for p in RECORDINGS} == set(KNOWN)


# boardlog's own procedures and the seed document's old names: not Kanboard 1.2.53's.
BOARDLOG_ONLY = {"getTaskHistory", "getTaskAt", "getBoardAt", "getAllTasksAt", "getEvents",
                 "createApiKey", "getApiKeys", "revokeApiKey", "getAllowedUsers", "allowUser",
                 "revokeUser", "moveColumnUp", "moveColumnDown"}
KANBOARD_PROCEDURES = 160  # app/Api/Procedure/*.php of Kanboard 1.2.53


def test_the_recordings_call_every_kanboard_procedure_boardlog_serves() -> None:
    from compat.allowed import methods_of
    from rpc.kanboard import load as kanboard_table

    kanboard = set(kanboard_table().procedures) - BOARDLOG_ONLY
    called: set[str] = set()
    for path in RECORDINGS:
        called |= {m for e in load(path).exchanges if e.status == 200
                   for m in methods_of(e.body)}
    assert len(kanboard) == KANBOARD_PROCEDURES
    assert sorted(kanboard - called) == []
