"""What each `boardlog` subcommand does. Results go to stdout, problems to stderr."""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from aiohttp import web

from eventstore.fold import fold
from eventstore.schema import connect, create_log
from eventstore.backends import log_exists, open_blobs, open_recorder, shown
from eventstore import reader
from eventstore.sqlite import SqliteLog
from eventstore.recorder import MIN_KEY_BYTES, ChainKeyError
from eventstore.verify import parse_anchor, verify_blobs, verify_chain
from eventstore.writer import Snapshots, Writer
from projections.projector import Projector, VersionMismatch, checkpoints
from projections.verify import diff_projections
from domain import commands as cmd
from domain.decision import command_name
from domain.errors import DomainError
from rpc.bootstrap import SYSTEM
from rpc.keys import issue_key
from rpc.offload import niceness, offloadable, worker_count
from rpc.secrets import hash_secret, new_token


class CliError(Exception):
    """A problem the operator must fix; printed to stderr, exit status 2."""


def chain_key(args: argparse.Namespace) -> bytes | None:
    """The secret that keys the hash chain (HMAC-SHA256): the file named by
    --chain-key-file or BOARDLOG_CHAIN_KEY_FILE (its bytes, less a trailing newline),
    else BOARDLOG_CHAIN_KEY; None: plain SHA-256. Never stored in the database."""
    path = getattr(args, "chain_key_file", None)
    if path:
        try:
            key = Path(path).read_bytes().rstrip(b"\r\n")
        except OSError as exc:
            raise CliError(f"cannot read the chain key file: {exc}") from exc
    else:
        value = os.environ.get("BOARDLOG_CHAIN_KEY")
        if not value:
            return None
        key = value.encode()
    if len(key) < MIN_KEY_BYTES:
        raise CliError(f"the chain key must be at least {MIN_KEY_BYTES} bytes of random "
                       "(e.g. `head -c 32 /dev/urandom | base64`): anyone holding the "
                       "database can test guesses of it offline")
    return key


def anchors(args: argparse.Namespace) -> dict[int, str]:
    """The --expect POSITION:HASH anchors."""
    try:
        return dict(parse_anchor(text) for text in getattr(args, "expect", None) or [])
    except ValueError as exc:
        raise CliError(str(exc)) from exc


def existing_db(path: str) -> str:
    """`path` (a SQLite file or a PostgreSQL URL) if it holds a log, else a CliError."""
    try:
        found = log_exists(path)
    except OSError as exc:
        raise CliError(str(exc)) from exc
    if not found:
        raise CliError(f"no database at {shown(path)} (use --db or BOARDLOG_DB)")
    return path


def serve(args: argparse.Namespace) -> int:
    if args.workers < 1:
        raise CliError("--workers must be at least 1")
    if args.workers > 1 and not offloadable(args.db):
        raise CliError("--workers needs a database file the processes can share")
    try:
        worker_count()
        niceness()
    except ValueError as exc:
        raise CliError(str(exc)) from exc
    if args.max_file_size * 4 // 3 > args.max_body and args.supervisor is None:
        print(f"boardlog: warning: a file of --max-file-size {args.max_file_size} bytes needs "
              f"a body of about {args.max_file_size * 4 // 3} bytes in base64, more than "
              f"--max-body {args.max_body}: larger files get HTTP 413", file=sys.stderr)
    config = _serve_config(args)
    try:
        if args.workers > 1:
            return _supervise(args, config)
        return _serve_one(args, config)
    except (VersionMismatch, ChainKeyError) as exc:
        raise CliError(str(exc)) from exc


def _serve_config(args: argparse.Namespace):
    from rpc.app import Config

    return Config(db_path=args.db, max_body=args.max_body, max_file_size=args.max_file_size,
                  api_token=os.environ.get("BOARDLOG_API_TOKEN") or None,
                  admin_password=os.environ.get("BOARDLOG_ADMIN_PASSWORD") or None,
                  auto_rebuild=not args.no_auto_rebuild, max_batch=args.max_batch,
                  max_answer=args.max_answer, max_text=args.max_text,
                  max_depth=args.max_depth, unauthenticated_body=args.unauthenticated_body,
                  read_timeout=args.read_timeout, idle_timeout=args.idle_timeout,
                  monitor_token=monitor_token(args.monitor_token_file),
                  chain_key=chain_key(args), snapshot_every=args.snapshot_every,
                  announce=args.supervisor is None, supervisor_pid=args.supervisor)


def _serve_one(args: argparse.Namespace, config) -> int:
    """One server process: alone, or a worker of `serve --workers` (sharing the port)."""
    from rpc.app import create_app, server_options

    try:
        import uvloop
        uvloop.install()
    except ImportError:  # uvloop is optional; plain asyncio works, a little slower
        pass
    worker = args.supervisor is not None
    print(f"boardlog {f'worker {os.getpid()} ' if worker else ''}serving {shown(args.db)} on "
          f"http://{args.host}:{args.port}/jsonrpc.php", flush=True)
    web.run_app(create_app(config), host=args.host, port=args.port, access_log=None,
                print=None, shutdown_timeout=30, reuse_port=worker or None,
                **server_options(config))
    return 0


def _supervise(args: argparse.Namespace, config) -> int:
    """`serve --workers N`: the one-time work here, then N workers on the port."""
    from rpc.app import prepare
    from rpc.supervisor import Supervisor, offload_workers, reserve_port

    try:
        reserved = reserve_port(args.host, args.port)
    except OSError as exc:
        raise CliError(f"cannot listen on {args.host}:{args.port}: {exc}") from exc
    port = reserved.getsockname()[1]  # the one chosen, for --port 0
    try:
        asyncio.run(prepare(config))
        command = [sys.executable, "-m", "rpc.cli", *args.argv, "--port", str(port),
                   "--workers", "1", "--supervisor", str(os.getpid())]
        env = {**os.environ, "BOARDLOG_OFFLOAD_WORKERS": os.environ.get(
            "BOARDLOG_OFFLOAD_WORKERS", str(offload_workers(args.workers)))}
        print(f"boardlog serving {shown(args.db)} on http://{args.host}:{port}/jsonrpc.php "
              f"with {args.workers} worker processes", flush=True)
        return Supervisor(command, args.workers, env).run()
    finally:
        reserved.close()


def monitor_token(path: str | None) -> str | None:
    """The bearer token for /health and /metrics: the file's first line, else the
    environment's BOARDLOG_MONITOR_TOKEN, else None (open)."""
    if path:
        try:
            token = Path(path).read_text().strip()
        except OSError as exc:
            raise CliError(f"cannot read the monitoring token file: {exc}") from exc
        if not token:
            raise CliError(f"the monitoring token file {path} is empty")
        return token
    return os.environ.get("BOARDLOG_MONITOR_TOKEN") or None


def rotate_token(args: argparse.Namespace) -> int:
    token = new_token()

    async def rotate(execute) -> None:
        token_hash = await asyncio.to_thread(hash_secret, token)
        await execute(cmd.SetApplicationToken(token_hash=token_hash))

    _with_writer(args, rotate)
    print(token)
    return 0


def verify(args: argparse.Namespace) -> int:
    conn = connect(existing_db(args.db))
    create_log(conn)
    chain = verify_chain(conn, chain_key(args), anchors(args))
    print(f"hash chain: {chain.checked} events checked")
    if chain.problem:
        print(f"FAILED: {chain.problem}", file=sys.stderr)
        return 1
    blobs = verify_blobs(open_blobs(args.db), reader.blob_references(conn))
    print(f"file contents: {blobs.checked} referenced blobs checked"
          + (f"; {blobs.unreferenced} unreferenced (harmless: a write that did not commit)"
             if blobs.unreferenced else ""))
    if blobs.problem:
        print(f"FAILED: {blobs.problem}", file=sys.stderr)
        return 1
    folded = fold(SqliteLog(conn))
    world, head = folded.world, folded.position
    differences = diff_projections(conn, world)
    stored = checkpoints(conn)
    for name, (version, position) in sorted(stored.items()):
        print(f"projection {name}: version {version}, checkpoint {position}, log head {head}")
        if position != head:
            differences_note = f"projection {name} checkpoint {position} != log head {head}"
            print(f"FAILED: {differences_note}", file=sys.stderr)
            return 1
    print(f"projections: {sum(1 for _ in world.tasks)} tasks, {len(world.projects)} projects, "
          f"{len(world.users)} users compared with a fresh fold")
    if differences:
        for difference in differences[:20]:
            print(f"FAILED: {difference.describe()}", file=sys.stderr)
        return 1
    print("OK")
    return 0


def _with_writer(args: argparse.Namespace, work):
    """Run `work(execute)` against a writer on the database, then close it."""
    path, key = existing_db(args.db), chain_key(args)

    async def run():
        try:
            recorder = open_recorder(path, key)
        except ChainKeyError as exc:
            raise CliError(str(exc)) from exc
        writer = Writer(recorder, Projector(), Snapshots(on_close=False))  # a few events
        writer.start()

        async def execute(command: cmd.Command):
            return await writer.execute(command, {**SYSTEM, "rpc_method": f"cli:{command_name(command)}"})

        try:
            return await work(execute)
        finally:
            await writer.close()

    return asyncio.run(run())


def keys_create(args: argparse.Namespace) -> int:
    try:
        issued = _with_writer(args, lambda execute: issue_key(execute, args.name, args.role,
                                                              args.project or []))
    except DomainError as exc:
        raise CliError(str(exc)) from exc
    print(f"key {issued['id']} ({args.role}); shown once, keep it safe:")
    print(issued["key"])
    return 0


def keys_list(args: argparse.Namespace) -> int:
    conn = connect(existing_db(args.db))
    world = fold(SqliteLog(conn)).world
    print(f"{'id':>4}  {'name':<20} {'role':<10} {'state':<8} projects")
    for key in world.api_keys.values():
        projects = ",".join(map(str, key["project_ids"])) or "-"
        state = "active" if key["active"] else "revoked"
        print(f"{key['id']:>4}  {key['label']:<20} {key['role']:<10} {state:<8} {projects}")
    return 0


def keys_revoke(args: argparse.Namespace) -> int:
    try:
        _with_writer(args,
                     lambda execute: execute(cmd.RevokeApiKey(key_id=args.key_id)))
    except DomainError as exc:
        raise CliError(str(exc)) from exc
    print(f"key {args.key_id} revoked")
    return 0
