"""What each `boardlog` subcommand does. Results go to stdout, problems to stderr."""
from __future__ import annotations

import argparse
import asyncio
import os
import sys

from aiohttp import web

from eventstore.schema import connect, create_log
from eventstore.verify import verify_chain
from eventstore.writer import Writer, fold_log
from projections.projector import Projector, VersionMismatch, checkpoints
from projections.verify import diff_projections
from rpc.bootstrap import set_token
from rpc.secrets import new_token


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
                    auto_rebuild=not args.no_auto_rebuild)
    print(f"boardlog serving {args.db} on http://{args.host}:{args.port}/jsonrpc.php", flush=True)
    try:
        web.run_app(create_app(config), host=args.host, port=args.port, access_log=None,
                    print=None, shutdown_timeout=30)
    except VersionMismatch as exc:
        raise CliError(str(exc)) from exc
    return 0


def rotate_token(args: argparse.Namespace) -> int:
    path = existing_db(args.db)

    async def rotate() -> str:
        writer = Writer(path, Projector())
        writer.start()
        token = new_token()
        try:
            await set_token(writer, token, "cli:token-rotate")
        finally:
            await writer.close()
        return token

    print(asyncio.run(rotate()))
    return 0


def verify(args: argparse.Namespace) -> int:
    conn = connect(existing_db(args.db))
    create_log(conn)
    chain = verify_chain(conn)
    print(f"hash chain: {chain.checked} events checked")
    if chain.problem:
        print(f"FAILED: {chain.problem}", file=sys.stderr)
        return 1
    world, tip = fold_log(conn)
    differences = diff_projections(conn, world)
    stored = checkpoints(conn)
    for name, (version, position) in sorted(stored.items()):
        print(f"projection {name}: version {version}, checkpoint {position}, log head {tip.position}")
        if position != tip.position:
            differences_note = f"projection {name} checkpoint {position} != log head {tip.position}"
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
