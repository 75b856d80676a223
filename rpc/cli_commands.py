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
from eventstore.backends import open_recorder
from eventstore.sqlite import SqliteLog
from eventstore.verify import verify_chain
from eventstore.writer import Writer
from projections.projector import Projector, VersionMismatch, checkpoints
from projections.verify import diff_projections
from domain import commands as cmd
from domain.decision import command_name
from domain.errors import DomainError
from rpc.bootstrap import SYSTEM
from rpc.keys import issue_key
from rpc.secrets import hash_secret, new_token


class CliError(Exception):
    """A problem the operator must fix; printed to stderr, exit status 2."""


def existing_db(path: str) -> str:
    if not os.path.exists(path):
        raise CliError(f"no database at {path} (use --db or BOARDLOG_DB)")
    return path


def serve(args: argparse.Namespace) -> int:
    from rpc.app import Config, create_app

    try:
        import uvloop
        uvloop.install()
    except ImportError:  # uvloop is optional; plain asyncio works, a little slower
        pass
    config = Config(db_path=args.db, max_body=args.max_body,
                    api_token=os.environ.get("BOARDLOG_API_TOKEN") or None,
                    admin_password=os.environ.get("BOARDLOG_ADMIN_PASSWORD") or None,
                    auto_rebuild=not args.no_auto_rebuild,
                    monitor_token=monitor_token(args.monitor_token_file))
    print(f"boardlog serving {args.db} on http://{args.host}:{args.port}/jsonrpc.php", flush=True)
    try:
        web.run_app(create_app(config), host=args.host, port=args.port, access_log=None,
                    print=None, shutdown_timeout=30)
    except VersionMismatch as exc:
        raise CliError(str(exc)) from exc
    return 0


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

    _with_writer(existing_db(args.db), rotate)
    print(token)
    return 0


def verify(args: argparse.Namespace) -> int:
    conn = connect(existing_db(args.db))
    create_log(conn)
    chain = verify_chain(conn)
    print(f"hash chain: {chain.checked} events checked")
    if chain.problem:
        print(f"FAILED: {chain.problem}", file=sys.stderr)
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


def _with_writer(path: str, work):
    """Run `work(execute)` against a writer on the database, then close it."""

    async def run():
        writer = Writer(open_recorder(path), Projector())
        writer.start()

        async def execute(command: cmd.Command):
            return await writer.execute(command, {**SYSTEM, "rpc_method": f"cli:{command_name(command)}"})

        try:
            return await work(execute)
        finally:
            await writer.close()

    return asyncio.run(run())


def keys_create(args: argparse.Namespace) -> int:
    path = existing_db(args.db)
    try:
        issued = _with_writer(path, lambda execute: issue_key(execute, args.name, args.role,
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
        _with_writer(existing_db(args.db),
                     lambda execute: execute(cmd.RevokeApiKey(key_id=args.key_id)))
    except DomainError as exc:
        raise CliError(str(exc)) from exc
    print(f"key {args.key_id} revoked")
    return 0
