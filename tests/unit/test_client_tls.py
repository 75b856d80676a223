"""The CLI imports aiohttp without loading the CA bundle, and leaves the environment as
it found it (child processes inherit it)."""
from __future__ import annotations

import os
import ssl
import subprocess
import sys

import pytest

from rpc.client_tls import deferred_ca_bundle
from tests.e2e.helpers_process import REPO


def test_contexts_made_within_load_no_bundle() -> None:
    if ssl.create_default_context().cert_store_stats()["x509_ca"] == 0:
        pytest.skip("this system's default TLS context loads no CA bundle anyway")
    with deferred_ca_bundle():
        context = ssl.create_default_context()
    assert context.cert_store_stats()["x509_ca"] == 0


def test_the_command_line_imports_aiohttp_so_and_leaves_the_environment_alone() -> None:
    """What a `boardlog` start does: the entry point's import is the first of aiohttp."""
    probe = ("import os, rpc.cli; from aiohttp import connector; "
             "print(connector._SSL_CONTEXT_VERIFIED.cert_store_stats()['x509_ca'], "
             "os.environ.get('SSL_CERT_FILE'))")
    env = {k: v for k, v in os.environ.items() if k != "SSL_CERT_FILE"}
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          env=env, cwd=REPO, timeout=60)
    assert done.stdout.split() == ["0", "None"], done.stderr


@pytest.mark.parametrize("given", [None, "certificates/mine.pem"])
def test_the_callers_bundle_setting_is_restored(monkeypatch: pytest.MonkeyPatch,
                                                given: str | None) -> None:
    if given is None:
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    else:
        monkeypatch.setenv("SSL_CERT_FILE", given)
    with deferred_ca_bundle():
        assert os.environ["SSL_CERT_FILE"] == os.devnull
    assert os.environ.get("SSL_CERT_FILE") == given
