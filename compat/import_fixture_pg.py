"""Make the fixture `boardlog import-kanboard postgresql://...` is tested on: a real
Kanboard on PostgreSQL, driven by the workload compat/import_fixture.py drives the
SQLite one with, dumped with what it answered about every object in it.

python -m compat.import_fixture_pg --out tests/fixtures/kanboard-import-pg \\
    [--pg postgresql://postgres@127.0.0.1:5432/test]

Creates a new database on the server `--pg` names (or BOARDLOG_TEST_PG), serves Kanboard
on it (DB_DRIVER=postgres: Kanboard creates its schema at the first request; its files/
in a temporary data directory), runs the scenario and the seeded workload, records every
read as `admin` (OUT/reads.jsonl), then writes OUT/kanboard.sql (`pg_dump --no-owner
--no-privileges --inserts`: plain SQL that one connection can run) and OUT/files/, and
drops the database."""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from compat.import_fixture import drive, record_reads
from compat.kanboard_server import kanboard_process, kanboard_source
from compat.recording import DEFAULT_TOKEN

DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/test"


def database_url(server: str, name: str) -> str:
    """The URL of database `name` on the server `server` (a libpq URL) reaches."""
    return urlunsplit(urlsplit(server)._replace(path=f"/{name}", query=""))


def kanboard_settings(url: str) -> dict[str, str]:
    """Kanboard's DB_* environment (app/constants.php) for the database at `url`."""
    parts = urlsplit(url)
    return {"DB_DRIVER": "postgres", "DB_HOSTNAME": parts.hostname or "127.0.0.1",
            "DB_PORT": str(parts.port or 5432), "DB_USERNAME": parts.username or "postgres",
            "DB_PASSWORD": parts.password or "", "DB_NAME": parts.path.lstrip("/")}


@contextmanager
def new_database(server: str, prefix: str) -> Iterator[str]:
    """A new, empty database on `server`, dropped at the end; yields its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield database_url(server, name)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                          .format(sql.Identifier(name)))


def dump(url: str, out: Path) -> None:
    """The database as SQL statements only: pg_dump's psql meta-commands (`\\restrict`,
    `\\unrestrict`, since PostgreSQL 15.14) are left out, so a driver can run it."""
    text = subprocess.run(["pg_dump", "--no-owner", "--no-privileges", "--inserts",
                           "--rows-per-insert=200", url],
                          check=True, capture_output=True, text=True).stdout
    out.write_text("".join(line for line in text.splitlines(keepends=True)
                           if not line.startswith(("\\restrict", "\\unrestrict"))))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--pg", default=os.environ.get("BOARDLOG_TEST_PG") or DEFAULT_SERVER,
                        help="a PostgreSQL server allowed to create databases")
    parser.add_argument("--kanboard-src", help="Kanboard's source tree (or KANBOARD_SRC)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with new_database(args.pg, "kanboard_fixture") as url, \
            tempfile.TemporaryDirectory(prefix="kanboard-fixture-") as data_dir:
        with kanboard_process(kanboard_source(args.kanboard_src), DEFAULT_TOKEN,
                              data_dir=data_dir, database=kanboard_settings(url)) as (kb, _):
            drive(kb, DEFAULT_TOKEN)
            with psycopg.connect(url) as db:
                count = record_reads(kb, db, args.out / "reads.jsonl", DEFAULT_TOKEN)
        dump(url, args.out / "kanboard.sql")
        if (args.out / "files").exists():
            shutil.rmtree(args.out / "files")
        shutil.copytree(Path(data_dir) / "files", args.out / "files")
    print(f"{count} reads recorded in {args.out / 'reads.jsonl'}; the database in "
          f"{args.out / 'kanboard.sql'}, its files in {args.out / 'files'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
