"""Secret hashing: scrypt (a slow, memory-hard KDF from the standard library)."""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets

_N, _R, _P = 2**14, 8, 1


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def hash_secret(secret: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


@functools.cache
def _decoy() -> str:
    """Checked against when there is no stored hash, so an unknown name costs the same time."""
    return hash_secret(secrets.token_hex(16))


def verify_secret(secret: str, stored: str | None) -> bool:
    """Constant-time check of a secret against its stored scrypt hash."""
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
    except ValueError:
        verify_secret(secret, _decoy())
        return False
    if scheme != "scrypt":
        return False
    actual = hashlib.scrypt(secret.encode(), salt=base64.b64decode(salt), n=int(n), r=int(r),
                            p=int(p), dklen=32)
    return hmac.compare_digest(actual, base64.b64decode(digest))


def new_token() -> str:
    return secrets.token_hex(30)
