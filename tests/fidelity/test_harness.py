"""The harness itself: what counts as a difference, and that a replay of a server against
itself matches (so every difference it reports against Kanboard is real)."""
from __future__ import annotations

import io
import json
from pathlib import Path

from compat.client import RecordingClient
from compat.compare import compare, difference_class
from compat.local_boardlog import running_boardlog
from compat.mixes import MIXES
from compat.replay import load, replay
from compat.workload import Workload

TOKEN = "harness-token"


def test_server_times_secrets_and_urls_are_not_differences() -> None:
    kanboard = {"result": {"id": 3, "date_creation": 1796120600, "last_modified": 1796120600,
                           "password": "$2y$10$abc", "url": {"board": "http://localhost/?x"}}}
    other = {"result": {"id": 3, "date_creation": 1796129999, "last_modified": 1796129999,
                        "password": "$2y$10$xyz", "url": {"board": "http://127.0.0.1/?x"}}}
    assert compare((200, 200), (kanboard, other)) == []


def test_types_missing_keys_and_unset_times_are_differences() -> None:
    kanboard = {"result": {"id": 3, "date_completed": 0, "password": "$2y$10$abc"}}
    other = {"result": {"id": "3", "date_completed": None}}
    paths = {d.path for d in compare((200, 200), (kanboard, other))}
    assert paths == {"$.result.id", "$.result.date_completed", "$.result.password"}


def test_an_accepted_call_refused_is_classed_by_both_outcomes() -> None:
    kanboard = {"jsonrpc": "2.0", "result": 4, "id": 1}
    other = {"jsonrpc": "2.0", "error": {"code": -32602, "message": "Invalid params"}, "id": 1}
    found = compare((200, 200), (kanboard, other))
    assert difference_class(kanboard, other, found) == "result -> error -32602"


def test_boardlog_replayed_against_itself_matches(tmp_path: Path) -> None:
    sink = io.StringIO()
    with running_boardlog(TOKEN, db_dir=tmp_path) as url:
        Workload(RecordingClient(url, sink), TOKEN, MIXES["hostile"], seed=3).run(150)
    path = tmp_path / "self.jsonl"
    path.write_text(json.dumps({"header": {"token": TOKEN}}) + "\n" + sink.getvalue())
    recording = load(path)
    with running_boardlog(TOKEN, db_dir=tmp_path) as url:
        results = list(replay(recording, url))
    assert len(results) >= 150
    assert [r.exchange.seq for r in results if not r.matched] == []
