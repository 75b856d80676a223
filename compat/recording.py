"""What every recorder shares: its command-line options for the server to record on,
that server (a fresh Kanboard, or one already running), and a recording's header line."""
from __future__ import annotations

import argparse
import json
from contextlib import AbstractContextManager, nullcontext
from typing import IO, Any

from compat.client import Credentials, post
from compat.kanboard_server import kanboard_source, running_kanboard

DEFAULT_TOKEN = "fidelity-application-token"


def add_server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--kanboard-src", help="Kanboard's source tree (or KANBOARD_SRC)")
    parser.add_argument("--url", help="record against this running server instead")


def server(args: argparse.Namespace) -> AbstractContextManager[str]:
    """The JSON-RPC URL to record on: --url, or a fresh Kanboard for the recording."""
    if args.url:
        return nullcontext(args.url)
    return running_kanboard(kanboard_source(args.kanboard_src), args.token)


def write_header(sink: IO[str], url: str, token: str, **about: Any) -> None:
    """The first line: what was recorded, the token, the admin login, Kanboard's version
    (asked with a call that is not recorded)."""
    probe = post(url, '{"jsonrpc":"2.0","method":"getVersion","id":0}',
                 Credentials("jsonrpc", token))
    version = probe.body.get("result") if isinstance(probe.body, dict) else None
    sink.write(json.dumps({"header": {**about, "token": token, "admin": ["admin", "admin"],
                                      "kanboard_version": str(version)}}) + "\n")
