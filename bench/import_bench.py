"""How long `boardlog import-kanboard` takes on a large Kanboard (run by hand, never as a test).

python -m bench.import_bench [--tasks 100000] [--pg postgresql://postgres@127.0.0.1/test]

The Kanboard database is made from the fixture's db.sqlite (a real Kanboard 1.2.53
created it, so its schema is Kanboard's own), emptied of rows and filled with generated
ones: 20 projects with Kanboard's four columns, the tasks spread over them (a fifth
closed), and per two tasks one subtask, one comment and one activity row. With --pg the
same rows are copied into a new database of that server holding the schema a real
Kanboard 1.2.53 created on PostgreSQL (tests/fixtures/kanboard-import-pg), and the import
reads that one."""
from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import orjson

from compat.import_fixture_pg import new_database
from kanboard_import.run import import_kanboard
from rpc.secrets import hash_secret

FIXTURES = Path(__file__).parents[1] / "tests" / "fixtures"
TEMPLATE = FIXTURES / "kanboard-import" / "data"
PG_TEMPLATE = FIXTURES / "kanboard-import-pg" / "kanboard.sql"
_KEEP = {"settings", "links", "users", "plugin_schema_versions", "currencies",
         "sqlite_sequence"}
PROJECTS, COLUMNS = 20, ("Backlog", "Ready", "Work in progress", "Done")


def generate(path: Path, tasks: int) -> None:
    template = sqlite3.connect(TEMPLATE / "db.sqlite")
    template.execute("VACUUM INTO ?", (str(path),))
    template.close()
    db = sqlite3.connect(path)
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table not in _KEEP:
            db.execute(f'DELETE FROM "{table}"')
    db.execute("DELETE FROM users WHERE id > 1")
    now = int(time.time()) - 86_400
    for p in range(1, PROJECTS + 1):
        db.execute("INSERT INTO projects (id, name, is_active, last_modified, owner_id) "
                   "VALUES (?, ?, 1, ?, 1)", (p, f"Project {p}", now))
        db.execute("INSERT INTO project_has_users (project_id, user_id, role) "
                   "VALUES (?, 1, 'project-manager')", (p,))
        db.execute("INSERT INTO swimlanes (id, name, position, is_active, project_id) "
                   "VALUES (?, 'Default swimlane', 1, 1, ?)", (p, p))
        for c, title in enumerate(COLUMNS, start=1):
            db.execute("INSERT INTO columns (id, title, position, project_id) VALUES (?, ?, ?, ?)",
                       ((p - 1) * 4 + c, title, c, p))
    positions: dict[tuple[int, int], int] = {}
    rows, subtasks, comments, activities = [], [], [], []
    for t in range(1, tasks + 1):
        p = (t - 1) % PROJECTS + 1
        column = (p - 1) * 4 + (t // PROJECTS) % 4 + 1
        is_active = 0 if t % 5 == 0 else 1
        positions[(column, is_active)] = position = positions.get((column, is_active), 0) + 1
        rows.append((t, f"Task {t}", f"about task {t}", now + t, "yellow", p, column, 1,
                     position, is_active, None if is_active else now + t + 5, now + t, 1,
                     p, now + t))
        if t % 2 == 0:
            subtasks.append((t // 2, f"step of {t}", 0, t, 0))
            comments.append((t // 2, t, 1, now + t, f"comment on {t}", now + t))
            data = orjson.dumps({"task_id": t, "task": {"id": t, "title": f"Task {t}"}}).decode()
            activities.append((t // 2, now + t, "task.create", 1, p, t, data))
    db.executemany("INSERT INTO tasks (id, title, description, date_creation, color_id, "
                   "project_id, column_id, owner_id, position, is_active, date_completed, "
                   "creator_id, swimlane_id, date_modification, date_moved) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)",
                   [r[:7] + r[8:] for r in rows])
    db.executemany("INSERT INTO subtasks (id, title, status, task_id, user_id, position) "
                   "VALUES (?, ?, ?, ?, ?, 1)", subtasks)
    db.executemany("INSERT INTO comments (id, task_id, user_id, date_creation, comment, "
                   "date_modification) VALUES (?, ?, ?, ?, ?, ?)", comments)
    db.executemany("INSERT INTO project_activities (id, date_creation, event_name, "
                   "creator_id, project_id, task_id, data) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   activities)
    db.commit()
    db.close()


def copy_to_postgres(sqlite_path: Path, url: str) -> None:
    """The generated rows of every table both schemas have, into Kanboard's PostgreSQL
    schema (emptied first; booleans as PostgreSQL's). Its foreign keys are not checked
    while copying (session_replication_role: the server's superuser runs the bench)."""
    import psycopg
    from psycopg import sql

    source = sqlite3.connect(sqlite_path)
    with psycopg.connect(url) as pg:
        pg.execute(PG_TEMPLATE.read_text())
        pg.execute("SET search_path TO public")
        pg.execute("SET session_replication_role = replica")
        types: dict[str, dict[str, str]] = {}
        for table, column, kind in pg.execute(
                "SELECT table_name, column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'public'"):
            types.setdefault(table, {})[column] = kind
        tables = [name for (name,) in source.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'") if name in types]
        pg.execute(sql.SQL("TRUNCATE {}").format(sql.SQL(", ").join(map(sql.Identifier, tables))))
        for table in tables:
            present = [r[1] for r in source.execute(f'PRAGMA table_info("{table}")')]
            columns = [c for c in present if c in types[table]]
            flags = [types[table][c] == "boolean" for c in columns]
            quoted = ", ".join(f'"{c}"' for c in columns)
            with pg.cursor().copy(sql.SQL("COPY {} ({}) FROM STDIN").format(
                    sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns)))) as copy:
                for row in source.execute(f'SELECT {quoted} FROM "{table}"'):
                    copy.write_row([bool(v) if flag and v is not None else v
                                    for v, flag in zip(row, flags)])
    source.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--pg", help="a PostgreSQL server (libpq URL) allowed to create "
                                     "databases: import from a Kanboard on PostgreSQL")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="import-bench-") as folder:
        source = Path(folder) / "kanboard.sqlite"
        generate(source, args.tasks)
        print(f"generated {args.tasks} tasks: {os.path.getsize(source) / 2**20:.1f} MiB",
              file=sys.stderr)
        if args.pg:
            with new_database(args.pg, "kanboard_bench") as url:
                copy_to_postgres(source, url)
                print("copied into a Kanboard PostgreSQL database", file=sys.stderr)
                _measure(url, Path(folder), args.tasks)
        else:
            _measure(str(source), Path(folder), args.tasks)
    return 0


def _measure(source: str, folder: Path, tasks: int) -> None:
    cpu = time.process_time()
    outcome = import_kanboard(source, str(folder / "boardlog.db"), hash_secret)
    cpu = time.process_time() - cpu
    load = os.getloadavg()[0]
    print(f"imported {tasks} tasks ({outcome.events} events) from {outcome.source} in "
          f"{outcome.seconds:.1f} s, {cpu:.1f} s of CPU in this process (one thread); "
          f"load average {load:.1f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    sys.exit(main())
