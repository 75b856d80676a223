"""Subcommands over the log itself: projections, rebuild, export, import, replay, history."""
from __future__ import annotations

import argparse
import os
import sys

from eventstore import reader
from eventstore.schema import connect, create_log, is_postgres
from eventstore.backends import log_exists, open_blobs, shown
from eventstore.transfer import (TransferError, copy_blobs, export_lines, import_log,
                                  write_log)
from projections.history import position_of, task_history
from projections.projector import EVENT_PROJECTIONS, VERSIONS, checkpoints
from projections.rebuild import check, materialize, rebuild
from projections.tables import PROJECTIONS as TABLE_PROJECTIONS
from rpc.cli_commands import CliError, anchors, chain_key, existing_db


def head_command(args: argparse.Namespace) -> int:
    """The head as POSITION:HASH, the anchor `verify --expect` and `import --expect` take."""
    position, digest = reader.head(connect(existing_db(args.db)))
    if not position:
        raise CliError(f"{shown(args.db)} holds no events yet")
    print(f"{position}:{digest}")
    return 0

PROJECTIONS = TABLE_PROJECTIONS + EVENT_PROJECTIONS


def projections(args: argparse.Namespace) -> int:
    conn = connect(existing_db(args.db))
    head = reader.head(conn)[0]
    stored = checkpoints(conn)
    print(f"{'projection':<12} {'version':>8} {'code':>5} {'checkpoint':>11} {'head':>8} {'lag':>6}")
    for name in PROJECTIONS:
        version, position = stored.get(name, (0, 0))
        print(f"{name:<12} {version:>8} {VERSIONS[name]:>5} {position:>11} {head:>8} "
              f"{head - position:>6}")
    return 0


def _names(args: argparse.Namespace) -> list[str]:
    unknown = set(args.projections) - set(PROJECTIONS)
    if unknown:
        raise CliError(f"unknown projection(s): {', '.join(sorted(unknown))} "
                       f"(known: {', '.join(PROJECTIONS)})")
    return args.projections or list(PROJECTIONS)


def rebuild_command(args: argparse.Namespace) -> int:
    path, names = existing_db(args.db), _names(args)
    if args.check:
        head, differences = check(path, names)
        print(f"checked {', '.join(names)} against a fresh fold of {head} events")
        for difference in differences:
            print(f"DIFFERENCE: {difference.describe()}", file=sys.stderr)
        if differences:
            print(f"{len(differences)} difference(s)", file=sys.stderr)
            return 1
        print("no differences")
        return 0
    position = rebuild(path, names, show=True)
    print(f"rebuilt {', '.join(names)} at position {position}")
    return 0


def export_command(args: argparse.Namespace) -> int:
    conn = connect(existing_db(args.db))
    out = open(args.out, "wb") if args.out else sys.stdout.buffer
    count = blobs = 0
    try:
        for line in export_lines(conn, blobs=open_blobs(args.db)):
            out.write(line)
            if line.startswith(b'{"blob":'):
                blobs += 1
            else:
                count += 1
    except TransferError as exc:
        raise CliError(f"export stopped: {exc}") from exc
    finally:
        if args.out:
            out.close()
    print(f"exported {count} events and {blobs} file contents", file=sys.stderr)
    return 0


def _holds_events(location: str) -> bool:
    try:
        return log_exists(location) and reader.head(connect(location))[0] > 0
    except OSError as exc:
        raise CliError(str(exc)) from exc


def import_command(args: argparse.Namespace) -> int:
    if _holds_events(args.db):
        raise CliError(f"{shown(args.db)} already holds events; import into a new database")
    try:
        with open(args.file, "rb") as source:
            report = import_log(args.db, source, open_blobs(args.db), chain_key(args),
                                anchors(args))
    except (OSError, TransferError) as exc:
        raise CliError(str(exc)) from exc
    if report.problem:
        print(f"REFUSED: {report.problem}; nothing was imported", file=sys.stderr)
        return 1
    position = materialize(args.db)
    print(f"imported {report.checked} events (hash chain verified); projections at {position}")
    return 0


def replay_command(args: argparse.Namespace) -> int:
    conn = connect(existing_db(args.db))
    until = position_of(conn, args.until)
    if until is None:
        raise CliError(f"--until takes a log position or an ISO 8601 time, not {args.until!r}")
    if _holds_events(args.out) if is_postgres(args.out) else os.path.exists(args.out):
        raise CliError(f"{shown(args.out)} exists; replay writes a new database")
    rows = list(reader.read_all(conn, until=until))
    try:
        copy_blobs(rows, open_blobs(args.db), open_blobs(args.out))
    except TransferError as exc:
        raise CliError(str(exc)) from exc
    write_log(args.out, rows)
    materialize(args.out)
    print(f"wrote {args.out}: {len(rows)} events, up to position {until}")
    return 0


def _print_task(conn, task_id: int) -> int:
    entries = task_history(conn, task_id)
    if not entries:
        raise CliError(f"task {task_id} has no events")
    for entry in entries:
        who = entry["actor_name"] or entry["actor"]
        print(f"#{entry['position']:<7} {entry['recorded_at']}  {who:<12} {entry['type']}"
              f" (via {entry['rpc_method']})")
        for entity, fields in entry["changes"].items():
            for field, change in fields.items():
                print(f"{'':10}{entity}.{field}: {change['old']!r} -> {change['new']!r}")
    return 0


def _print_project(conn, project_id: int) -> int:
    streams = [f"project-{project_id}", *reader.task_streams_of_project(conn, project_id)]
    rows = reader.read_streams(conn, streams)
    if not rows:
        raise CliError(f"project {project_id} has no events")
    for row in rows:
        meta = row.meta()
        print(f"#{row.position:<7} {row.recorded_at}  {meta.get('actor_name') or meta.get('actor'):<12}"
              f" {row.stream_id:<12} {row.type} (via {meta.get('rpc_method')})")
    return 0


def history_command(args: argparse.Namespace) -> int:
    conn = connect(existing_db(args.db))
    create_log(conn)
    show = _print_task if args.kind == "task" else _print_project
    return show(conn, args.id)


