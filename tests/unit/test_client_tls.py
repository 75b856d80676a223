"""The CLI imports aiohttp without loading the CA bundle, and leaves the environment as
it found it (child processes inherit it)."""
from __future__ import annotations

import os
import ssl

import pytest

from rpc.client_tls import deferred_ca_bundle


def test_contexts_made_within_load_no_bundle() -> None:
    with deferred_ca_bundle():
        context = ssl.create_default_context()
    assert context.cert_store_stats()["x509_ca"] == 0


@pytest.mark.parametrize("given", [None, "/etc/ssl/mine.pem"])
def test_the_callers_bundle_setting_is_restored(monkeypatch: pytest.MonkeyPatch,
                                                given: str | None) -> None:
    if given is None:
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    else:
        monkeypatch.setenv("SSL_CERT_FILE", given)
    with deferred_ca_bundle():
        assert os.environ["SSL_CERT_FILE"] == os.devnull
    assert os.environ.get("SSL_CERT_FILE") == given
