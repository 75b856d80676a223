"""The `boardlog` command line. Every subcommand finds the database by --db or BOARDLOG_DB."""
from __future__ import annotations

import argparse
import logging
import os
import sys
from typing import Callable

from eventstore import world_snapshot
from rpc.client_tls import deferred_ca_bundle
from rpc.limits import Limits

# The first import of aiohttp (also in a long-read worker: spawn imports this module as
# its main), whose client boardlog never uses.
with deferred_ca_bundle():
    from rpc import cli_commands, cli_import, cli_log

DEFAULT_DB = "./boardlog.db"


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", default=os.environ.get("BOARDLOG_DB", DEFAULT_DB),
                        help="SQLite database file, or a postgresql://USER@HOST:PORT/DBNAME URL "
                             "(optionally ?schema=NAME) (env BOARDLOG_DB, default ./boardlog.db)")
    parser.add_argument("--chain-key-file", metavar="FILE",
                        default=os.environ.get("BOARDLOG_CHAIN_KEY_FILE"),
                        help="the secret keying the log's hash chain (env "
                             "BOARDLOG_CHAIN_KEY_FILE, or the key itself in BOARDLOG_CHAIN_KEY;"
                             " default: none, plain SHA-256); a keyed log needs it everywhere")


def _expect_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--expect", action="append", metavar="POSITION:HASH",
                        help="an anchor kept outside the database (from `boardlog head`): "
                             "fail unless the log holds that hash at that position (repeat)")


def _subcommand(group, name: str, summary: str, description: str,
                run: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    """A subcommand that finds the database by --db and runs `run`."""
    parser = group.add_parser(name, help=summary, description=description)
    _db_option(parser)
    parser.set_defaults(run=run)
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="boardlog", description=(
        "Event-sourced task store speaking Kanboard's JSON-RPC API."))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _serve_command(commands)
    token = commands.add_parser("token", help="manage the application API token",
                                description="Manage the application API token (user 'jsonrpc').")
    tokens = token.add_subparsers(dest="action", required=True, metavar="ACTION")
    _subcommand(tokens, "rotate", "issue a new token; the old one stops working",
                "Issue a new application token and print it once; the old token stops "
                "working at once.", cli_commands.rotate_token)
    _key_commands(commands)
    _log_commands(commands)
    cli_import.add_command(commands, _subcommand)
    return parser


def _serve_command(commands) -> None:
    serve = _subcommand(commands, "serve", "run the JSON-RPC server",
                        "Run the JSON-RPC server (Ctrl-C stops it cleanly).", cli_commands.serve)
    serve.add_argument("--host", default=os.environ.get("BOARDLOG_HOST", "127.0.0.1"),
                       help="address to listen on (env BOARDLOG_HOST, default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=int(os.environ.get("BOARDLOG_PORT", "8080")),
                       help="port to listen on (env BOARDLOG_PORT, default 8080)")
    serve.add_argument("--max-body", type=int,
                       default=int(os.environ.get("BOARDLOG_MAX_BODY", str(16 * 1024 * 1024))),
                       help="largest request body in bytes; larger ones get HTTP 413 "
                            "(env BOARDLOG_MAX_BODY, default 16 MiB)")
    serve.add_argument("--max-file-size", type=int,
                       default=int(os.environ.get("BOARDLOG_MAX_FILE_SIZE",
                                                  str(10 * 1024 * 1024))),
                       help="largest file content in bytes (decoded) createTaskFile and "
                            "createProjectFile accept; larger ones are refused with -32602 "
                            "(env BOARDLOG_MAX_FILE_SIZE, default 10 MiB)")
    _limit_options(serve)
    serve.add_argument("--monitor-token-file",
                       default=os.environ.get("BOARDLOG_MONITOR_TOKEN_FILE"),
                       help="a file holding the bearer token /health and /metrics then ask "
                            "for (env BOARDLOG_MONITOR_TOKEN_FILE, or the token itself in "
                            "BOARDLOG_MONITOR_TOKEN; default: both open)")
    serve.add_argument("--snapshot-every", type=int, default=int(os.environ.get(
                           "BOARDLOG_SNAPSHOT_EVERY", world_snapshot.EVERY)),
                       help="events between snapshots of the writer's world, which a restart "
                            "reads instead of folding the whole log; one is also kept at "
                            "every clean stop (env BOARDLOG_SNAPSHOT_EVERY, default "
                            f"{world_snapshot.EVERY})")
    serve.add_argument("--workers", type=int,
                       default=int(os.environ.get("BOARDLOG_WORKERS", "1")),
                       help="server processes on the port, all writing to the one database; "
                            "more than 1 starts a supervisor that prepares the database once, "
                            "restarts a worker that dies and stops all on SIGTERM/SIGINT "
                            "(env BOARDLOG_WORKERS, default 1: one process, no supervisor)")
    serve.add_argument("--supervisor", type=int, metavar="PID", help=argparse.SUPPRESS)
    serve.add_argument("--no-auto-rebuild", action="store_true",
                       help="refuse to start when a projection was built by another version "
                            "(default: rebuild it before serving)")


# (flag, environment, type, default, help): what one request may cost (rpc.limits)
_LIMITS = (
    ("--max-batch", "BOARDLOG_MAX_BATCH", int, Limits.max_batch,
     "most calls in one batch; a longer batch is refused whole (-32600)"),
    ("--max-answer", "BOARDLOG_MAX_ANSWER", int, Limits.max_answer,
     "bytes of a batch's answer; past it the remaining calls are not run (-32600 each)"),
    ("--max-text", "BOARDLOG_MAX_TEXT", int, Limits.max_text,
     "most characters in any text parameter (-32602 naming it)"),
    ("--max-depth", "BOARDLOG_MAX_DEPTH", int, Limits.max_depth,
     "most levels of arrays and objects in a parameter or a request id (-32602/-32600)"),
    ("--unauthenticated-body", "BOARDLOG_UNAUTHENTICATED_BODY", int,
     Limits.unauthenticated_body, "bytes read of a body whose credentials failed, only to "
     "answer Kanboard's parse error; longer bodies get 401 unread"),
    ("--read-timeout", "BOARDLOG_READ_TIMEOUT", float, Limits.read_timeout,
     "seconds for a request body to arrive whole (HTTP 408 after)"),
    ("--idle-timeout", "BOARDLOG_IDLE_TIMEOUT", float, Limits.idle_timeout,
     "seconds a connection may stay idle or take to send its request headers"),
)


def _limit_options(serve: argparse.ArgumentParser) -> None:
    for flag, env, kind, default, text in _LIMITS:
        serve.add_argument(flag, type=kind, default=kind(os.environ.get(env, default)),
                           help=f"{text} (env {env}, default {default})")


def _key_commands(commands) -> None:
    keys = commands.add_parser("keys", help="manage Leantime-style API keys",
                               description="Create, list and revoke API keys (x-api-key).")
    actions = keys.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = _subcommand(actions, "create", "issue a key; its secret is printed once",
                         "Issue a key lt_{name}_{secret}; only a slow hash of the secret is "
                         "kept.", cli_commands.keys_create)
    create.add_argument("--name", required=True, help="a label for the key")
    create.add_argument("--role", required=True,
                        choices=("readonly", "commenter", "editor", "manager", "admin", "owner"))
    create.add_argument("--project", type=int, action="append", metavar="ID",
                        help="a project the key may see (repeat; admin and owner see all)")
    _subcommand(actions, "list", "list keys (never their secrets)",
                "List every key with role, state and scope.", cli_commands.keys_list)
    revoke = _subcommand(actions, "revoke", "revoke a key; it stops working at once",
                         "Revoke a key; a running server refuses it from the next request on.",
                         cli_commands.keys_revoke)
    revoke.add_argument("key_id", type=int)


def _log_commands(commands) -> None:
    verify = _subcommand(commands, "verify", "check the hash chain and the projections",
                         "Walk the log's hash chain (keyed: with its key), check the anchors "
                         "given, and compare every projection with a fresh fold of the log. "
                         "Exits 1 and names the first problem found.", cli_commands.verify)
    _expect_option(verify)
    _subcommand(commands, "head", "print the head as POSITION:HASH, to keep elsewhere",
                "Print the log's last position and its hash as POSITION:HASH. Keep it "
                "outside this machine; `verify --expect` and `import --expect` check a log "
                "against it.", cli_log.head_command)
    _subcommand(commands, "projections", "list projections, checkpoints and lag",
                "List each projection with its stored and code version, its checkpoint, the "
                "log head and the lag.", cli_log.projections)
    rebuild = _subcommand(commands, "rebuild", "rebuild projections from the log",
                          "Rebuild projections from the log into fresh tables while the "
                          "server keeps serving, then swap them in. Safe to interrupt and run "
                          "again.", cli_log.rebuild_command)
    rebuild.add_argument("projections", nargs="*", metavar="PROJECTION",
                         help="projections to rebuild (default: all)")
    rebuild.add_argument("--check", action="store_true",
                         help="only compare with a fresh fold and report every difference "
                              "(exit 1 if any); nothing is swapped")
    export = _subcommand(commands, "export", "write the whole log as NDJSON",
                         "Write every event, with its metadata and hash, as one JSON object "
                         "per line.", cli_log.export_command)
    export.add_argument("--out", help="file to write (default: stdout)")
    load = _subcommand(commands, "import", "load an NDJSON export into a new database",
                       "Load an export into a new database; refused whole if its hash chain "
                       "does not verify (keyed: with its key) or an anchor does not match.",
                       cli_log.import_command)
    load.add_argument("file", help="the NDJSON export to load")
    _expect_option(load)
    replay = _subcommand(commands, "replay", "write a database as of a past moment",
                         "Write a new database holding the log up to a position or time, with "
                         "its projections.", cli_log.replay_command)
    replay.add_argument("--until", required=True, help="log position or ISO 8601 time")
    replay.add_argument("--out", required=True,
                        help="the new database: a SQLite file or a postgresql:// URL")
    history = _subcommand(commands, "history", "print a task's or project's timeline",
                          "Print the timeline of a task (with the fields each event changed) "
                          "or of a project.", cli_log.history_command)
    history.add_argument("kind", choices=("task", "project"))
    history.add_argument("id", type=int)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    args = build_parser().parse_args(argv)
    args.argv = list(sys.argv[1:] if argv is None else argv)  # for `serve --workers`
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


