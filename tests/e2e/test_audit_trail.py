"""An anchored, optionally keyed audit trail, through the real CLI: someone who can write
the database rewrites an event's actor and recomputes every hash after it; `verify` and
`import` catch it against an anchor kept elsewhere (`boardlog head`), and a keyed chain
catches it without one. Client-supplied request ids are stored as bounded strings."""
from __future__ import annotations

import itertools
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import aiohttp
import pytest

from eventstore.recorder import ChainKeyError, chain_hash
from tests.conftest import TOKEN, Rpc, basic, start_server
from tests.e2e.cli_support import cli as run_cli

KEY = "k" * 16 + "a-long-random-chain-key"
WRONG = "w" * 40


def cli(*args: str, key: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOARDLOG_CHAIN_KEY")}
    if key is not None:
        env["BOARDLOG_CHAIN_KEY"] = key
    return run_cli(*args, env=env)


async def make_log(db_path: str, session: aiohttp.ClientSession,
                   key: str | None = None) -> None:
    runner, url = await start_server(db_path, chain_key=key.encode() if key else None)
    try:
        rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
        project = await rpc.call("createProject", {"name": "Audited"})
        for title in ("one", "two", "three"):
            await rpc.call("createTask", {"title": title, "project_id": project})
    finally:
        await runner.cleanup()


def forge(db_path: str, keyed_prefix: bool = False) -> int:
    """Rewrite the first task's actor and recompute every hash from there with plain
    SHA-256 (the forger has the file, not the key). Returns the forged position."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    conn.execute("DROP TRIGGER events_no_update")
    rows = conn.execute("SELECT * FROM events ORDER BY position").fetchall()
    forged = next(r[0] for r in rows if r[3] == "TaskCreated")
    previous = rows[forged - 2][8]
    for row in rows[forged - 1:]:
        meta = json.loads(row[6])
        if row[0] == forged:
            meta["actor"] = "someone-else"
        metadata = json.dumps(meta, sort_keys=True, separators=(",", ":"))
        digest = chain_hash(previous, row[0], row[1], row[2], row[3], row[4], row[5],
                            metadata, row[7])
        previous = ("hmac:" + digest) if keyed_prefix else digest
        conn.execute("UPDATE events SET metadata = ?, hash = ? WHERE position = ?",
                     (metadata, previous, row[0]))
    conn.close()
    return forged


def head_anchor(db_path: str, key: str | None = None) -> str:
    done = cli("head", "--db", db_path, key=key)
    assert done.returncode == 0, done.stderr
    anchor = done.stdout.strip()
    position, digest = anchor.split(":", 1)
    assert int(position) > 0 and len(digest) >= 64
    return anchor


async def test_a_rewritten_log_passes_plain_verify_but_not_its_anchor(
        tmp_path: Path, session: aiohttp.ClientSession) -> None:
    db = str(tmp_path / "b.db")
    await make_log(db, session)
    anchor = head_anchor(db)
    assert cli("verify", "--db", db, "--expect", anchor).returncode == 0
    forged = forge(db)
    assert cli("verify", "--db", db).returncode == 0  # the chain alone cannot tell
    caught = cli("verify", "--db", db, "--expect", anchor)
    assert caught.returncode == 1
    assert f"position {anchor.split(':')[0]}" in caught.stderr and "rewritten" in caught.stderr
    assert forged < int(anchor.split(":")[0])
    past_end = cli("verify", "--db", db, "--expect", "999:" + "0" * 64)
    assert past_end.returncode == 1 and "before the expected position 999" in past_end.stderr
    bad = cli("verify", "--db", db, "--expect", "nonsense")
    assert bad.returncode == 2 and "POSITION:HASH" in bad.stderr


async def test_import_refuses_a_forged_export_against_the_anchor(
        tmp_path: Path, session: aiohttp.ClientSession) -> None:
    db = str(tmp_path / "b.db")
    await make_log(db, session)
    anchor = head_anchor(db)
    forge(db)
    export = str(tmp_path / "forged.ndjson")
    assert cli("export", "--db", db, "--out", export).returncode == 0
    refused = cli("import", "--db", str(tmp_path / "new.db"), export, "--expect", anchor)
    assert refused.returncode == 1 and "rewritten" in refused.stderr
    assert "nothing was imported" in refused.stderr
    accepted = cli("import", "--db", str(tmp_path / "other.db"), export)
    assert accepted.returncode == 0, accepted.stderr  # without an anchor nothing can tell


async def test_a_keyed_chain_catches_recomputed_hashes_without_an_anchor(
        tmp_path: Path, session: aiohttp.ClientSession) -> None:
    db = str(tmp_path / "b.db")
    await make_log(db, session, key=KEY)
    assert "hmac:" in head_anchor(db)
    assert cli("verify", "--db", db, key=KEY).returncode == 0
    unkeyed = cli("verify", "--db", db)
    assert unkeyed.returncode == 1 and "is keyed" in unkeyed.stderr
    wrong = cli("verify", "--db", db, key=WRONG)
    assert wrong.returncode == 1 and "wrong key" in wrong.stderr
    export = str(tmp_path / "log.ndjson")
    assert cli("export", "--db", db, "--out", export).returncode == 0
    assert cli("import", "--db", str(tmp_path / "copy.db"), export, key=KEY).returncode == 0

    for keyed_prefix in (True, False):  # the forger keeps or drops the keyed marker
        forged_db = str(tmp_path / f"forged-{keyed_prefix}.db")
        Path(forged_db).write_bytes(Path(db).read_bytes())
        forged = forge(forged_db, keyed_prefix)
        caught = cli("verify", "--db", forged_db, key=KEY)
        assert caught.returncode == 1 and f"position {forged}" in caught.stderr, caught.stderr
        forged_export = str(tmp_path / f"forged-{keyed_prefix}.ndjson")
        assert cli("export", "--db", forged_db, "--out", forged_export).returncode == 0
        refused = cli("import", "--db", str(tmp_path / f"in-{keyed_prefix}.db"), forged_export,
                      key=KEY)
        assert refused.returncode == 1 and f"position {forged}" in refused.stderr
        with pytest.raises(ChainKeyError):  # nor will a server continue the forged log
            await start_server(forged_db, chain_key=KEY.encode())


async def test_the_server_and_the_cli_refuse_a_missing_wrong_or_unexpected_key(
        tmp_path: Path, session: aiohttp.ClientSession) -> None:
    keyed, plain = str(tmp_path / "keyed.db"), str(tmp_path / "plain.db")
    await make_log(keyed, session, key=KEY)
    await make_log(plain, session)
    for db, key, problem in ((keyed, None, "is keyed"), (keyed, WRONG, "does not match"),
                             (plain, KEY, "started without a chain key")):
        with pytest.raises(ChainKeyError, match=problem):
            await start_server(db, chain_key=key.encode() if key else None)
        done = cli("keys", "create", "--db", db, "--name", "x", "--role", "editor", key=key)
        assert done.returncode == 2 and problem in done.stderr, done.stderr
    served = cli("serve", "--db", keyed, "--port", "1", key=WRONG)
    assert served.returncode == 2 and "does not match" in served.stderr
    short = cli("verify", "--db", keyed, key="short")
    assert short.returncode == 2 and "at least 32 bytes" in short.stderr
    rotated = cli("token", "rotate", "--db", keyed, key=KEY)  # the CLI appends keyed rows
    assert rotated.returncode == 0, rotated.stderr
    assert cli("verify", "--db", keyed, key=KEY).returncode == 0
    key_file = tmp_path / "chain.key"
    key_file.write_text(KEY + "\n")
    assert cli("verify", "--db", keyed, "--chain-key-file", str(key_file)).returncode == 0


def test_cli_help_names_the_anchor_and_the_key() -> None:
    for command, words in ((["verify"], ["--expect", "--chain-key-file"]),
                           (["import"], ["--expect", "--chain-key-file"]),
                           (["head"], ["POSITION:HASH"])):
        done = cli(*command, "--help")
        assert done.returncode == 0 and all(w in done.stdout for w in words), done.stdout


async def test_client_request_ids_are_stored_as_bounded_strings(
        tmp_path: Path, session: aiohttp.ClientSession) -> None:
    db = str(tmp_path / "b.db")
    runner, url = await start_server(db)
    shaped = {"actor": "admin", "credential": "token", "auth_method": "token"}
    ids = [shaped, "x" * 5000, 7, [[[[1]]]]]
    try:
        rpc = Rpc(session, f"{url}/jsonrpc.php", basic("jsonrpc", TOKEN), itertools.count(1))
        for i, request_id in enumerate(ids):
            status, answer, _ = await rpc.post(json.dumps({
                "jsonrpc": "2.0", "method": "createProject", "id": request_id,
                "params": {"name": f"P{i}"}}))
            assert status == 200 and answer["id"] == request_id  # answered as sent
    finally:
        await runner.cleanup()
    conn = sqlite3.connect(db)
    stored = [json.loads(m)["request_id"] for (m,) in conn.execute(
        "SELECT metadata FROM events WHERE type = 'ProjectCreated' ORDER BY position")]
    conn.close()
    assert stored[-4:] == [json.dumps(shaped, separators=(",", ":"))[:128], "x" * 128, "7",
                           "[[[[1]]]]"]
