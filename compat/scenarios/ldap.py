"""createLdapUser on a Kanboard with no LDAP server configured, as the token, an admin
and a plain user."""
from __future__ import annotations

from compat.scenario import Step

ADMIN, USER = ("ada", "ada-pass-1"), ("usa", "usa-pass-2")


def steps() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "ada", "password": ADMIN[1], "role": "app-admin"}),
        (token, "createUser", {"username": "usa", "password": USER[1]}),
        (token, "createLdapUser", {"username": "someone"}),
        (token, "createLdapUser", ["someone"]),
        (token, "createLdapUser", {}),
        (ADMIN, "createLdapUser", {"username": "someone"}),
        (USER, "createLdapUser", {"username": "someone"}),
        (token, "getAllUsers", {}),
    ]
