"""API keys end to end: issued by the CLI, the Kanboard API and Leantime's API; used;
revoked (and refused at once, even when cached); recorded in the log; and never stored
or shown in any recoverable form."""
from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import re
from pathlib import Path

import aiohttp

from eventstore.schema import connect
from tests.conftest import Rpc, Server
from tests.e2e.leantime_support import Leantime, events, kb_key, kb_project, kb_task, lt_for
from tests.e2e.cli_support import cli
from tests.e2e.storage_support import table_names

KEY_SHAPE = re.compile(r"^lt_([0-9A-Za-z]{32})_([0-9A-Za-z]{32})$")


def secret_of(key: str) -> str:
    match = KEY_SHAPE.match(key)
    assert match, key
    return match.group(2)


async def run_cli(*args: str):
    """The CLI in a thread, so the in-process server keeps serving meanwhile."""
    return await asyncio.to_thread(cli, *args)


async def cli_create(server: Server, name: str, role: str, *projects: int) -> tuple[int, str]:
    args = ["keys", "create", "--db", server.db_path, "--name", name, "--role", role]
    for project in projects:
        args += ["--project", str(project)]
    result = await run_cli(*args)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    key_id = int(re.match(r"key (\d+) ", lines[0]).group(1))
    assert KEY_SHAPE.match(lines[-1]), result.stdout
    return key_id, lines[-1]


async def refused(lt: Leantime) -> bool:
    status, payload, _ = await lt.post(lt.envelope("tickets.getAll", {}))
    return status == 401 and payload == {"error": "Unauthorized"}


async def test_key_lifecycle_create_use_revoke_recorded_in_the_log(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """A key is created, used (it creates a ticket), revoked from the CLI while the server
    runs, and refused on the very next request although it was cached as verified; the
    log holds ApiKeyCreated, the TaskCreated done as "apikey:N", and ApiKeyRevoked."""
    await kb_project(kanboard, "Ops")
    issued = await kb_key(kanboard, "editor", [1], name="deploy bot")
    key_id = issued["id"]
    assert issued["role"] == "editor" and issued["projects"] == [1]
    lt = lt_for(server, session, issued["key"])
    ticket_id = await lt.call("tickets.addTicket", {"values": {"headline": "ship", "projectId": 1}})
    assert (await lt.call("tickets.getTicket", {"id": ticket_id}))["headline"] == "ship"

    result = await run_cli("keys", "revoke", "--db", server.db_path, str(key_id))
    assert result.returncode == 0, result.stderr
    assert await refused(lt)
    status, _, _ = await lt.post(lt.envelope("tickets.getTicket", {"id": ticket_id}))
    assert status == 401
    kb_as_key = Rpc(session, kanboard.url, None, kanboard.counter)
    status, _, _ = await kb_as_key.post('{"jsonrpc":"2.0","method":"getBoard","id":1,'
                                        '"params":[1]}', {"x-api-key": issued["key"]})
    assert status == 401  # refused on the Kanboard endpoint too

    log = await events(kanboard)
    created = [e for e in log if e["type"] == "ApiKeyCreated"
               and e["stream_id"] == f"apikey-{key_id}"]
    used = [e for e in log if e["type"] == "TaskCreated"
            and e["metadata"].get("actor") == f"apikey:{key_id}"]
    revoked = [e for e in log if e["type"] == "ApiKeyRevoked"
               and e["stream_id"] == f"apikey-{key_id}"]
    assert len(created) == len(used) == len(revoked) == 1, (created, used, revoked)
    assert created[0]["position"] < used[0]["position"] < revoked[0]["position"]
    assert created[0]["data"]["role"] == "editor"
    assert used[0]["metadata"]["endpoint"] == "leantime"
    assert used[0]["metadata"]["auth_method"] == "api-key"
    assert used[0]["metadata"]["rpc_method"] == "leantime.rpc.tickets.addTicket"
    assert used[0]["data"]["task_id"] == ticket_id
    assert issued["key"] not in json.dumps(log) and secret_of(issued["key"]) not in json.dumps(log)


async def test_keys_issued_and_revoked_over_leantime_rpc(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """An owner key issues a key with leantime.rpc.api.createAPIKey, lists keys without
    secrets, and revokes it with revokeAPIKey: refused at once, with both events logged."""
    await kb_project(kanboard, "Ops")
    owner = lt_for(server, session, (await kb_key(kanboard, "owner"))["key"])
    issued = await owner.call("api.createAPIKey",
                              {"values": {"name": "reporter", "role": "readonly",
                                          "projects": [1]}})
    assert KEY_SHAPE.match(issued["key"]) and issued["role"] == "readonly"
    assert issued["projects"] == [1] and issued["name"] == "reporter"
    reporter = owner.as_key(issued["key"])
    assert [p["name"] for p in await reporter.call("projects.getAll", {})] == ["Ops"]

    listed = await owner.call("api.getAPIKeys", {})
    assert any(k["id"] == issued["id"] and k["name"] == "reporter" and k["active"]
               for k in listed)
    assert secret_of(issued["key"]) not in json.dumps(listed)

    assert await owner.call("api.revokeAPIKey", {"id": issued["id"]}) is True
    assert await refused(reporter)
    listed = await owner.call("api.getAPIKeys", {})
    assert [k["active"] for k in listed if k["id"] == issued["id"]] == [False]
    assert await owner.call("projects.getAll", {})  # the revoking key is unaffected

    log = await events(kanboard, {"ApiKeyCreated", "ApiKeyRevoked"})
    mine = [(e["type"], e["metadata"]["actor"]) for e in log
            if e["stream_id"] == f"apikey-{issued['id']}"]
    owner_id = (await owner.call("users.getUser"))["id"]
    assert mine == [("ApiKeyCreated", f"apikey:{owner_id}"),
                    ("ApiKeyRevoked", f"apikey:{owner_id}")]


async def test_keys_issued_by_the_cli_and_revoked_over_kanboard(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """`keys create` prints the key once and it works at once in the running server;
    `keys list` shows id, name, role, state and projects but never a secret; Kanboard's
    revokeApiKey stops the key at once."""
    await kb_project(kanboard, "Ops")
    await kb_project(kanboard, "Lab")
    key_id, key = await cli_create(server, "nightly", "manager", 1, 2)
    lt = lt_for(server, session, key)
    assert {p["name"] for p in await lt.call("projects.getAll", {})} == {"Ops", "Lab"}
    assert (await lt.call("users.getUser"))["role"] == "manager"

    listing = await run_cli("keys", "list", "--db", server.db_path)
    assert listing.returncode == 0, listing.stderr
    line = next(l for l in listing.stdout.splitlines() if l.split()[:1] == [str(key_id)])
    assert "nightly" in line and "manager" in line and "active" in line and "1,2" in line
    assert secret_of(key) not in listing.stdout and key not in listing.stdout

    assert await kanboard.call("revokeApiKey", {"key_id": key_id}) is True
    assert await refused(lt)
    listing = await run_cli("keys", "list", "--db", server.db_path)
    line = next(l for l in listing.stdout.splitlines() if l.split()[:1] == [str(key_id)])
    assert "revoked" in line


async def test_cli_refuses_bad_keys_clearly(server: Server, kanboard: Rpc) -> None:
    """An unknown role or a project that does not exist is refused with a message."""
    result = await run_cli("keys", "create", "--db", server.db_path, "--name", "x",
                           "--role", "superuser")
    assert result.returncode != 0 and "superuser" in result.stderr
    result = await run_cli("keys", "create", "--db", server.db_path, "--name", "x",
                           "--role", "editor", "--project", "42")
    assert result.returncode != 0 and result.stderr.strip()
    result = await run_cli("keys", "revoke", "--db", server.db_path, "99")
    assert result.returncode != 0 and result.stderr.strip()
    assert await kanboard.call("getApiKeys") == []


async def test_a_revoked_key_stays_refused_and_revoking_twice_is_harmless(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    """A key revoked over RPC works for nothing afterwards (not even in a batch); revoking
    it again changes nothing and logs no second event."""
    await kb_project(kanboard, "Ops")
    issued = await kb_key(kanboard, "editor", [1])
    lt = lt_for(server, session, issued["key"])
    assert await lt.call("tickets.getAll", {}) == []
    assert await kanboard.call("revokeApiKey", [issued["id"]]) is True
    assert await refused(lt)
    assert await refused(lt)  # and again: not cached as good anywhere
    status, payload, _ = await lt.post([lt.envelope("tickets.getAll", {}),
                                        lt.envelope("projects.getAll", {})])
    assert status == 401 and payload == {"error": "Unauthorized"}
    await kanboard.call("revokeApiKey", [issued["id"]])
    assert len(await events(kanboard, {"ApiKeyRevoked"})) == 1


async def test_only_admin_keys_manage_keys(kanboard: Rpc, server: Server,
                                           session: aiohttp.ClientSession) -> None:
    """A manager key may not create, list or revoke keys (-32001); admin keys may."""
    await kb_project(kanboard, "Ops")
    manager = lt_for(server, session, (await kb_key(kanboard, "manager", [1]))["key"])
    admin = manager.as_key((await kb_key(kanboard, "admin"))["key"])
    for method, params in (("api.createAPIKey", {"values": {"name": "x", "role": "owner"}}),
                           ("api.getAPIKeys", {}), ("api.revokeAPIKey", {"id": 2})):
        assert (await manager.error(method, params))["code"] == -32001, method
    listed = await admin.call("api.getAPIKeys", {})
    assert {k["id"] for k in listed} == {1, 2}
    error = await admin.error("api.createAPIKey", {"values": {"name": "x", "role": "god"}})
    assert error["code"] == -32602


def _db_texts(db_path: str) -> list[str]:
    """Every value of every column of every table (text, and blobs decoded loosely)."""
    conn = connect(db_path)
    try:
        texts = []
        tables = table_names(conn)
        assert "events" in tables or any("event" in t for t in tables), tables
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, bytes):
                        texts.append(value.decode("utf-8", "replace"))
                        texts.append(value.hex())
                    elif value is not None:
                        texts.append(str(value))
        return texts
    finally:
        conn.close()


def _forms(secret: str) -> list[str]:
    """The secret in forms someone could recover it from or check guesses against fast."""
    raw = secret.encode()
    return [secret, secret[::-1], raw.hex(), base64.b64encode(raw).decode().rstrip("="),
            base64.urlsafe_b64encode(raw).decode().rstrip("="),
            hashlib.sha256(raw).hexdigest(), hashlib.md5(raw).hexdigest(),
            hashlib.sha1(raw).hexdigest()]


async def test_the_database_holds_no_key_secret_in_any_recoverable_form(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession, tmp_path: Path) -> None:
    """Keys issued by the CLI, the Kanboard API and Leantime's API, used and revoked:
    no table, column, raw database file, export, listing, event or health page holds a
    secret, the full key, or a fast encoding or hash of the secret; only a slow hash."""
    await kb_project(kanboard, "Ops")
    await kb_task(kanboard, 1, "a task")
    keys: list[str] = [(await kb_key(kanboard, "owner"))["key"]]
    owner = lt_for(server, session, keys[0])
    keys.append((await owner.call("api.createAPIKey",
                                  {"values": {"name": "rpc", "role": "editor",
                                              "projects": [1]}}))["key"])
    keys.append((await cli_create(server, "cli", "commenter", 1))[1])
    for key in keys:  # use each (authentication caches them; writes carry their metadata)
        lt = owner.as_key(key)
        assert await lt.call("tickets.getAll", {})
        await lt.call("comments.addComment", {"values": {"text": "seen"}, "module": "ticket",
                                              "entityId": 1})
        status, _, _ = await Rpc(session, kanboard.url, None).post(
            '{"jsonrpc":"2.0","method":"getBoard","id":1,"params":[1]}', {"x-api-key": key})
        assert status == 200
    assert await owner.call("api.revokeAPIKey", {"id": 2})

    export_path = tmp_path / "export.ndjson"
    exported = await run_cli("export", "--db", server.db_path, "--out", str(export_path))
    assert exported.returncode == 0, exported.stderr
    listing = await run_cli("keys", "list", "--db", server.db_path)
    assert listing.returncode == 0
    async with session.get(f"{server.url}/health") as response:
        health = await response.text()
    async with session.get(f"{server.url}/metrics") as response:
        metrics = await response.text()

    texts = _db_texts(server.db_path)
    haystacks = {
        "tables": "\n".join(texts),
        "export": export_path.read_text(),
        "keys list": listing.stdout,
        "getEvents": json.dumps(await events(kanboard)),
        "getApiKeys": json.dumps(await kanboard.call("getApiKeys")),
        "leantime getAPIKeys": json.dumps(await owner.call("api.getAPIKeys", {})),
        "health": health, "metrics": metrics,
    }
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = Path(server.db_path + suffix)
        if path.exists():
            haystacks[f"file{suffix}"] = path.read_bytes().decode("latin-1")
    assert "events" in haystacks["export"] or haystacks["export"].count("\n") > 5
    for key in keys:
        secret = secret_of(key)
        for where, text in haystacks.items():
            assert key not in text, f"the full key is in {where}"
            for form in _forms(secret):
                assert form not in text, f"a form of the secret is in {where}"
    # what is stored is a slow, salted hash
    created = [json.loads(line) for line in haystacks["export"].splitlines()
               if '"ApiKeyCreated"' in line]
    assert len(created) == len(keys)
    for line in created:
        text = json.dumps(line)
        assert re.search(r'"scrypt\$\d+\$\d+\$\d+\$[^"$]+\$[^"$]+"', text), text
    assert "<redacted>" in haystacks["getEvents"]


async def test_issued_keys_have_the_leantime_shape_and_are_unique(kanboard: Rpc) -> None:
    """Every key is lt_{32 chars}_{32 chars} of [0-9a-zA-Z], each name and secret fresh."""
    await kb_project(kanboard, "Ops")
    issued = [await kb_key(kanboard, role, [1]) for role in ("readonly", "editor", "owner")]
    parts = [KEY_SHAPE.match(k["key"]).groups() for k in issued]
    names, secrets_ = {p[0] for p in parts}, {p[1] for p in parts}
    assert len(names) == len(secrets_) == 3 and not names & secrets_
    assert [k["id"] for k in issued] == [1, 2, 3]
    assert await kanboard.call("createApiKey", {"name": "x", "role": "root", "projects": []}) \
        is False
    assert await kanboard.call("createApiKey", {"name": "x", "role": "editor",
                                                "projects": [99]}) is False
