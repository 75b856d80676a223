"""Secret hashing: scrypt (a slow, memory-hard KDF from the standard library). Passwords
brought across from Kanboard keep their bcrypt hashes (`$2y$...`, PHP's password_hash),
checked with the `bcrypt` package, so every imported login keeps working."""
from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import secrets

import bcrypt

_BCRYPT = ("$2y$", "$2b$", "$2a$")
# bcrypt reads at most 72 bytes of a password (PHP's password_verify too); the package
# refuses longer ones, so they are cut there as PHP does.
_BCRYPT_MAX = 72
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


def is_bcrypt(stored: str | None) -> bool:
    return bool(stored) and stored.startswith(_BCRYPT)  # type: ignore[union-attr]


def _verify_bcrypt(secret: str, stored: str) -> bool:
    try:
        return bcrypt.checkpw(secret.encode()[:_BCRYPT_MAX], stored.encode())
    except ValueError:  # a malformed hash: no password matches it
        return False


def verify_secret(secret: str, stored: str | None) -> bool:
    """Constant-time check of a secret against its stored scrypt (or imported bcrypt) hash."""
    if is_bcrypt(stored):
        return _verify_bcrypt(secret, stored)  # type: ignore[arg-type]
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
