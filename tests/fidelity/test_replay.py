"""Replays every workload recorded against the real Kanboard 1.2 against a fresh boardlog.

Deselected by default (boardlog does not match yet); run with `pytest -m fidelity`.
compat/README.md says how the recordings were made and how to read a difference.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from compat.local_boardlog import running_boardlog
from compat.replay import load, replay
from compat.report import example

RECORDINGS = sorted((Path(__file__).parent / "recordings").glob("*.jsonl"))


@pytest.mark.fidelity
@pytest.mark.parametrize("path", RECORDINGS, ids=[p.stem for p in RECORDINGS])
def test_boardlog_answers_as_kanboard_did(path: Path, tmp_path: Path) -> None:
    recording = load(path)
    with running_boardlog(recording.token, db_dir=tmp_path) as url:
        results = list(replay(recording, url))
    differing = [r for r in results if not r.matched]
    print(f"{path.name}: {len(results)} calls replayed, {len(results) - len(differing)} matched")
    assert not differing, "\n".join([f"{len(differing)} of {len(results)} answers differ; "
                                      "the first:", *example(differing[0])])


def test_recordings_are_present() -> None:
    assert len(RECORDINGS) >= 6
