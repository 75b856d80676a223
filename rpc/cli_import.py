"""`boardlog import-kanboard SOURCE`: a Kanboard's data becomes a new boardlog database."""
from __future__ import annotations

import argparse
import sys

from kanboard_import.run import SourceError, TargetError, import_kanboard
from eventstore.schema import is_postgres
from rpc.cli_commands import CliError, chain_key
from rpc.secrets import hash_secret


def import_kanboard_command(args: argparse.Namespace) -> int:
    if is_postgres(args.db):
        raise CliError("import-kanboard writes a new SQLite database; to run it on "
                       "PostgreSQL, import into a file, then `boardlog export` it and "
                       "`boardlog import --db postgresql://...` the export")
    try:
        outcome = import_kanboard(args.source, args.db, hash_secret, chain_key(args),
                                  replace=args.replace, show=True, files=args.files)
    except SourceError as exc:
        print(f"REFUSED: {exc}; nothing was imported", file=sys.stderr)
        return 1
    except TargetError as exc:
        raise CliError(str(exc)) from exc
    print(f"imported {outcome.source} into {args.db}: {outcome.events} events in "
          f"{outcome.seconds:.1f} s")
    for table, count in sorted(outcome.counts.items()):
        print(f"  {table:<26} {count:>9}")
    return 0


def add_command(commands, subcommand) -> None:
    """Declare the subcommand (`subcommand` is rpc.cli's helper that adds --db)."""
    parser = subcommand(
        commands, "import-kanboard", "bring a Kanboard's data into a new database",
        "Import a Kanboard 1.2.x (its data directory holding db.sqlite and files/, its "
        "SQLite file, or its PostgreSQL database as postgresql://USER@HOST/DB[?schema=S] "
        "with --files naming its data directory's files/) into a new database: users "
        "(their passwords keep working), groups, projects and their boards, tasks with everything on them, files, automatic "
        "actions and the activity stream, with their ids. Refuses a database that holds a "
        "log unless --replace is given; a failed import changes nothing.",
        import_kanboard_command)
    parser.add_argument("source", help="Kanboard's data directory, its db.sqlite, or a "
                        "postgresql:// URL of its database (read in one read-only snapshot)")
    parser.add_argument("--files", metavar="DIR",
                        help="Kanboard's files/ directory (DATA_DIR/files), where the "
                             "content of attached files is; needed for a PostgreSQL "
                             "Kanboard that has files (default: files/ beside db.sqlite)")
    parser.add_argument("--replace", action="store_true",
                        help="replace the database's existing log (only once the import "
                             "succeeded)")
