"""Importing aiohttp without loading the system's CA bundle twice.

aiohttp makes its two default client TLS contexts when imported (so that no event loop
ever blocks on it), and each loads every certificate of the system's CA bundle: about
100 ms of CPU of each boardlog start on the benchmark machine, a sixth of its imports.
boardlog is only ever a server; it never opens a TLS connection as a client.

`deferred_ca_bundle` lets those contexts be made with no bundle: OpenSSL reads
SSL_CERT_FILE when a context loads its defaults, so it points at an empty file for the
import and is restored afterwards. The contexts keep the system's CA directory, whose
certificates OpenSSL looks up by subject only when a connection needs one (on Debian,
/etc/ssl/certs): a client connection through them is still verified, and where a system
has no such directory it fails verification, never skips it.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

_BUNDLE = "SSL_CERT_FILE"


@contextmanager
def deferred_ca_bundle() -> Iterator[None]:
    """Within: TLS contexts made with OpenSSL's defaults load no CA bundle file."""
    given = os.environ.get(_BUNDLE)
    os.environ[_BUNDLE] = os.devnull
    try:
        yield
    finally:
        if given is None:
            del os.environ[_BUNDLE]
        else:
            os.environ[_BUNDLE] = given
