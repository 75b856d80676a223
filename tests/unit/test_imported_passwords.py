"""Kanboard's bcrypt password hashes (PHP's password_hash, `$2y$`) verify as PHP's
password_verify does, so imported users keep signing in."""
from __future__ import annotations

import bcrypt

from rpc.secrets import hash_secret, is_bcrypt, verify_secret

# PHP 8: password_hash("admin", PASSWORD_BCRYPT), as Kanboard stores it for admin/admin
KANBOARD_ADMIN = "$2y$10$.H5GbNfsqh3xAwnePPTUTONCUZl.KSgvmyndN0NEzHfQtL4Ech0GW"


def test_a_kanboard_hash_verifies_its_password_only() -> None:
    assert is_bcrypt(KANBOARD_ADMIN)
    assert verify_secret("admin", KANBOARD_ADMIN)
    assert not verify_secret("Admin", KANBOARD_ADMIN)
    assert not verify_secret("", KANBOARD_ADMIN)


def test_past_72_bytes_only_the_first_72_count_as_in_php() -> None:
    long = "p" * 72
    stored = bcrypt.hashpw(long.encode(), bcrypt.gensalt(4)).decode().replace("$2b$", "$2y$", 1)
    assert verify_secret(long + "anything", stored)
    assert not verify_secret(long[:-1], stored)


def test_a_malformed_bcrypt_hash_lets_nobody_in() -> None:
    assert not verify_secret("admin", "$2y$10$not-a-hash")


def test_scrypt_hashes_are_not_taken_for_bcrypt() -> None:
    stored = hash_secret("secret")
    assert not is_bcrypt(stored) and verify_secret("secret", stored)
