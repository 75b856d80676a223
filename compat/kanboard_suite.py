"""Run Kanboard's own API test suite (its tests/integration, PHPUnit) against a fresh
boardlog: python -m compat.kanboard_suite [--kanboard-src DIR]

Kanboard's source (with tests/integration) comes from KANBOARD_SRC or --kanboard-src (see
compat/README.md); Debian's phpunit runs it. A new boardlog serves a temporary database
with the suite's API key ("test") as its token; the suite's XML and bootstrap are written
to a temporary folder, pointing at that server. Prints PHPUnit's summary; exits with
PHPUnit's status."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from compat.kanboard_server import free_port, kanboard_source

TOKEN = "test"
_XML = """<phpunit bootstrap="{bootstrap}" colors="false">
  <testsuites><testsuite name="Kanboard">
    <directory>{suite}</directory><exclude>{suite}/BaseProcedureTest.php</exclude>
  </testsuite></testsuites>
  <php>
    <const name="BASE_URL" value="{base}" />
    <const name="API_URL" value="{base}jsonrpc.php" />
    <const name="API_KEY" value="{token}" />
  </php>
</phpunit>
"""


def _wait(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"boardlog did not answer on {url}")


def run(source: Path, boardlog: str) -> int:
    suite = source / "tests" / "integration"
    with tempfile.TemporaryDirectory(prefix="kanboard-suite-") as work:
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        (Path(work) / "bootstrap.php").write_text(
            f"<?php\nrequire '{source}/vendor/autoload.php';\n"
            f"require '{suite}/BaseProcedureTest.php';\n")
        (Path(work) / "phpunit.xml").write_text(_XML.format(
            bootstrap=Path(work) / "bootstrap.php", suite=suite, base=base, token=TOKEN))
        env = dict(os.environ, BOARDLOG_API_TOKEN=TOKEN, BOARDLOG_ADMIN_PASSWORD="admin")
        server = subprocess.Popen([boardlog, "serve", "--db", str(Path(work) / "suite.db"),
                                   "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            _wait(f"{base}health")
            return subprocess.run(["phpunit", "-c", str(Path(work) / "phpunit.xml")]).returncode
        finally:
            server.terminate()
            server.wait(timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kanboard-src", help="Kanboard's source tree (or KANBOARD_SRC)")
    parser.add_argument("--boardlog", default=str(Path(sys.executable).parent / "boardlog"),
                        help="the boardlog command to serve with (default: this venv's)")
    args = parser.parse_args(argv)
    return run(kanboard_source(args.kanboard_src), args.boardlog)


if __name__ == "__main__":
    sys.exit(main())
