"""Link types: the defaults, created pairs and singles, duplicates and missing labels,
renames, opposites, removals; as the token and as a plain user (admins only)."""
from __future__ import annotations

from compat.scenario import Step

USER = ("lou", "lou-pass-1")


def steps() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "lou", "password": USER[1]}),
        (token, "getAllLinks", {}),
        (token, "getOppositeLinkId", [1]),
        (token, "getOppositeLinkId", [2]),
        (token, "getOppositeLinkId", [99]),
        (token, "getLinkByLabel", ["blocks"]),
        (token, "getLinkByLabel", ["nothing"]),
        (token, "getLinkById", [4]),
        (token, "getLinkById", [99]),
        (token, "createLink", {"label": "test"}),
        (token, "createLink", {"label": "foo", "opposite_label": "bar"}),
        (token, "createLink", {"label": "test"}),
        (token, "createLink", {"label": ""}),
        (token, "createLink", {"label": "same", "opposite_label": "same"}),
        (token, "createLink", {"label": "new one", "opposite_label": "blocks"}),
        (token, "createLink", ["relates to"]),
        (token, "getAllLinks", {}),
        (token, "updateLink", [13, 12, "my link"]),
        (token, "updateLink", [13, 12, "blocks"]),
        (token, "updateLink", [13, 12, ""]),
        (token, "updateLink", [99, 1, "ghost"]),
        (token, "updateLink", [12, 0, "test"]),
        (token, "getLinkById", [13]),
        (token, "getOppositeLinkId", [12]),
        (token, "removeLink", [14]),
        (token, "removeLink", [14]),
        (token, "getLinkById", [13]),
        (token, "getAllLinks", {}),
        (USER, "getAllLinks", {}),
        (USER, "createLink", {"label": "mine"}),
        (token, "createLink", {"label": "after"}),
        (token, "getAllLinks", {}),
    ]
