"""/metrics and /health: what a client sends cannot forge lines in the exposition or
grow it, and an operator can put both behind a bearer token."""
from __future__ import annotations

import json
import subprocess

import aiohttp

from tests.conftest import Rpc, Server, start_server

FORGED = 'x"} 1\nboardlog_forged_total{a="'


async def scrape(session: aiohttp.ClientSession, url: str, **headers: str) -> str:
    async with session.get(f"{url}/metrics", headers=headers) as response:
        assert response.status == 200
        return await response.text()


def series(text: str) -> list[str]:
    return [line for line in text.splitlines() if line and not line.startswith("#")]


async def test_unknown_method_names_share_one_series_and_forge_no_line(
        server: Server, kanboard: Rpc, session: aiohttp.ClientSession) -> None:
    await kanboard.call("getVersion")
    before = series(await scrape(session, server.url))
    names = [FORGED, "a\\b", "x\ny"] + [f"noSuchMethod{i}" for i in range(50)]
    batch = [{"jsonrpc": "2.0", "method": name, "id": i} for i, name in enumerate(names)]
    status, answers, _ = await kanboard.post(json.dumps(batch))
    assert status == 200 and all(a["error"]["code"] == -32601 for a in answers)
    await kanboard.call("GETVERSION")  # Kanboard ignores case: the same procedure
    text = await scrape(session, server.url)
    assert "boardlog_forged_total" not in [line.split("{")[0] for line in series(text)]
    assert not any(line.startswith("boardlog_forged") for line in text.splitlines())
    assert 'boardlog_rpc_requests_total{endpoint="kanboard",method="unknown",outcome="error"} 53.0' in text
    assert 'boardlog_rpc_requests_total{endpoint="kanboard",method="getVersion",outcome="ok"} 2.0' in text
    # 53 unknown names added one counter and one histogram's worth of lines, no more
    added = len(series(text)) - len(before)
    assert added == 1 + (12 + 1 + 2), added


async def test_leantime_methods_are_labelled_by_their_procedure(
        server: Server, session: aiohttp.ClientSession) -> None:
    async with session.post(f"{server.url}/api/jsonrpc", json={
            "jsonrpc": "2.0", "method": 'leantime.rpc.no"pe.x', "id": 1},
            headers={"x-api-key": "lt_none_wrong"}) as response:
        assert response.status == 401  # refused before any call is counted
    text = await scrape(session, server.url)
    assert 'no"pe' not in text


async def test_a_monitoring_token_guards_health_and_metrics(
        db_path: str, session: aiohttp.ClientSession) -> None:
    runner, url = await start_server(db_path, monitor_token="watch-this")
    try:
        answers = {}
        for route in ("health", "metrics"):
            for label, headers in (("none", {}), ("wrong", {"Authorization": "Bearer nope"}),
                                   ("basic", {"Authorization": "Basic d2F0Y2gtdGhpcw=="}),
                                   ("right", {"Authorization": "Bearer watch-this"})):
                async with session.get(f"{url}/{route}", headers=headers) as response:
                    await response.read()
                    answers[route, label] = response.status
    finally:
        await runner.cleanup()
    assert answers == {(r, label): (200 if label == "right" else 401)
                       for r in ("health", "metrics")
                       for label in ("none", "wrong", "basic", "right")}


def test_serve_refuses_an_unreadable_or_empty_monitoring_token_file(tmp_path) -> None:
    from tests.e2e.helpers_process import REPO, boardlog_command, server_env

    empty = tmp_path / "empty"
    empty.write_text("\n")
    for path, problem in ((tmp_path / "missing", "cannot read the monitoring token file"),
                          (empty, "is empty")):
        done = subprocess.run([*boardlog_command(), "serve", "--db", str(tmp_path / "b.db"),
                               "--monitor-token-file", str(path)], cwd=REPO, env=server_env(),
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 2 and problem in done.stderr, done.stderr


def test_the_monitoring_token_comes_from_the_file_or_the_environment(
        tmp_path, monkeypatch) -> None:
    from rpc.cli_commands import monitor_token

    token_file = tmp_path / "token"
    token_file.write_text("from-file\n")
    monkeypatch.setenv("BOARDLOG_MONITOR_TOKEN", "from-env")
    assert monitor_token(str(token_file)) == "from-file"
    assert monitor_token(None) == "from-env"
    monkeypatch.delenv("BOARDLOG_MONITOR_TOKEN")
    assert monitor_token(None) is None
