"""The `boardlog` command line. Every subcommand finds the database by --db or BOARDLOG_DB."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Callable

from rpc import cli_commands, cli_log

DEFAULT_DB = "./boardlog.db"


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=os.environ.get("BOARDLOG_DB", DEFAULT_DB),
                        help="SQLite database file (env BOARDLOG_DB, default ./boardlog.db)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="boardlog", description=(
        "Event-sourced task store speaking Kanboard's JSON-RPC API."))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="run the JSON-RPC server",
                                description="Run the JSON-RPC server (Ctrl-C stops it cleanly).")
    _db_option(serve)
    serve.add_argument("--host", default=os.environ.get("BOARDLOG_HOST", "127.0.0.1"),
                       help="address to listen on (env BOARDLOG_HOST, default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("BOARDLOG_PORT", "8080")),
                       help="port to listen on (env BOARDLOG_PORT, default 8080)")
    serve.add_argument("--max-body", type=int,
                       default=int(os.environ.get("BOARDLOG_MAX_BODY", str(16 * 1024 * 1024))),
                       help="largest request body in bytes; larger ones get HTTP 413 "
                            "(env BOARDLOG_MAX_BODY, default 16 MiB)")
    serve.add_argument("--no-auto-rebuild", action="store_true",
                       help="refuse to start when a projection was built by another version "
                            "(default: rebuild it before serving)")
    serve.set_defaults(run=cli_commands.serve)

    token = commands.add_parser("token", help="manage the application API token",
                                description="Manage the application API token (user 'jsonrpc').")
    token_commands = token.add_subparsers(dest="action", required=True, metavar="ACTION")
    rotate = token_commands.add_parser("rotate", help="issue a new token; the old one stops working",
                                       description="Issue a new application token and print it "
                                                   "once; the old token stops working at once.")
    _db_option(rotate)
    rotate.set_defaults(run=cli_commands.rotate_token)

    keys = commands.add_parser("keys", help="manage Leantime-style API keys",
                               description="Create, list and revoke API keys (x-api-key).")
    key_commands = keys.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = key_commands.add_parser("create", help="issue a key; its secret is printed once",
                                     description="Issue a key lt_{name}_{secret}; only a slow "
                                                 "hash of the secret is kept.")
    _db_option(create)
    create.add_argument("--name", required=True, help="a label for the key")
    create.add_argument("--role", required=True,
                        choices=("readonly", "commenter", "editor", "manager", "admin", "owner"))
    create.add_argument("--project", type=int, action="append", metavar="ID",
                        help="a project the key may see (repeat; admin and owner see all)")
    create.set_defaults(run=cli_commands.keys_create)
    listing = key_commands.add_parser("list", help="list keys (never their secrets)",
                                      description="List every key with role, state and scope.")
    _db_option(listing)
    listing.set_defaults(run=cli_commands.keys_list)
    revoke = key_commands.add_parser("revoke", help="revoke a key; it stops working at once",
                                     description="Revoke a key; a running server refuses it "
                                                 "from the next request on.")
    _db_option(revoke)
    revoke.add_argument("key_id", type=int)
    revoke.set_defaults(run=cli_commands.keys_revoke)

    verify = commands.add_parser("verify", help="check the hash chain and the projections",
                                 description="Walk the log's hash chain and compare every "
                                             "projection with a fresh fold of the log. Exits 1 "
                                             "and names the first problem found.")
    _db_option(verify)
    verify.set_defaults(run=cli_commands.verify)

    status = commands.add_parser("projections", help="list projections, checkpoints and lag",
                                 description="List each projection with its stored and code "
                                             "version, its checkpoint, the log head and the lag.")
    _db_option(status)
    status.set_defaults(run=cli_log.projections)

    rebuild = commands.add_parser("rebuild", help="rebuild projections from the log",
                                  description="Rebuild projections from the log into fresh "
                                              "tables while the server keeps serving, then swap "
                                              "them in. Safe to interrupt and run again.")
    _db_option(rebuild)
    rebuild.add_argument("projections", nargs="*", metavar="PROJECTION",
                         help="projections to rebuild (default: all)")
    rebuild.add_argument("--check", action="store_true",
                         help="only compare with a fresh fold and report every difference "
                              "(exit 1 if any); nothing is swapped")
    rebuild.set_defaults(run=cli_log.rebuild_command)

    export = commands.add_parser("export", help="write the whole log as NDJSON",
                                 description="Write every event, with its metadata and hash, "
                                             "as one JSON object per line.")
    _db_option(export)
    export.add_argument("--out", help="file to write (default: stdout)")
    export.set_defaults(run=cli_log.export_command)

    load = commands.add_parser("import", help="load an NDJSON export into a new database",
                               description="Load an export into a new database; refused whole "
                                           "if its hash chain does not verify.")
    _db_option(load)
    load.add_argument("file", help="the NDJSON export to load")
    load.set_defaults(run=cli_log.import_command)

    replay = commands.add_parser("replay", help="write a database as of a past moment",
                                 description="Write a new database holding the log up to a "
                                             "position or time, with its projections.")
    _db_option(replay)
    replay.add_argument("--until", required=True, help="log position or ISO 8601 time")
    replay.add_argument("--out", required=True, help="the new database file")
    replay.set_defaults(run=cli_log.replay_command)

    history = commands.add_parser("history", help="print a task's or project's timeline",
                                  description="Print the timeline of a task (with the fields "
                                              "each event changed) or of a project.")
    _db_option(history)
    history.add_argument("kind", choices=("task", "project"))
    history.add_argument("id", type=int)
    history.set_defaults(run=cli_log.history_command)
    return parser


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except cli_commands.CliError as exc:
        print(f"boardlog: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())


