"""The `boardlog` command line. Every subcommand finds the database by --db or BOARDLOG_DB."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Callable

from rpc import cli_commands

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
    serve.set_defaults(run=cli_commands.serve)

    token = commands.add_parser("token", help="manage the application API token",
                                description="Manage the application API token (user 'jsonrpc').")
    token_commands = token.add_subparsers(dest="action", required=True, metavar="ACTION")
    rotate = token_commands.add_parser("rotate", help="issue a new token; the old one stops working",
                                       description="Issue a new application token and print it "
                                                   "once; the old token stops working at once.")
    _db_option(rotate)
    rotate.set_defaults(run=cli_commands.rotate_token)

    verify = commands.add_parser("verify", help="check the hash chain and the projections",
                                 description="Walk the log's hash chain and compare every "
                                             "projection with a fresh fold of the log. Exits 1 "
                                             "and names the first problem found.")
    _db_option(verify)
    verify.set_defaults(run=cli_commands.verify)
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


