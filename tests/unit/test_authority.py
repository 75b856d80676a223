"""Role ceilings (domain.authority), decided in memory: what each rank may grant or remove."""
from __future__ import annotations

import dataclasses

import pytest

import domain.decide  # noqa: F401  (registers the decisions)
from domain import commands as cmd
from domain.authority import NEEDS, OWNER, key_rank, user_rank
from domain.decision import decide
from domain.errors import AboveCeiling
from domain.evolve import apply
from domain.state import World

ADMIN_KEY = key_rank("admin")


@pytest.fixture
def world() -> World:
    w = World()
    for command in (cmd.CreateUser(username="admin", password_hash="h", role="app-admin"),
                    cmd.CreateUser(username="ann", password_hash="h"),
                    cmd.CreateApiKey(label="o", role="owner", key_name="o", secret_hash="h")):
        for event in decide(w, command).events:
            apply(w, event)
    return w


@pytest.mark.parametrize("command", [
    cmd.CreateApiKey(label="x", role="owner", key_name="x", secret_hash="h"),
    cmd.RevokeApiKey(key_id=1),
    cmd.CreateUser(username="m", password_hash="h", role="app-admin"),
    cmd.UpdateUser(user_id=2, role="app-admin"),
    cmd.UpdateUser(user_id=1, role="app-user"),
    cmd.UpdateUser(user_id=1, email="x@example.com"),
    cmd.ChangeUserPassword(user_id=1, password_hash="h2"),
    cmd.SetUserActive(user_id=1, active=False, at=1),
    cmd.RemoveUser(user_id=1),
])
def test_an_admin_key_reaches_nothing_at_owner_level(world: World, command) -> None:
    with pytest.raises(AboveCeiling):
        decide(world, cmd_with(command, ADMIN_KEY))
    decide(world, cmd_with(command, OWNER))  # an owner (or Kanboard app-admin) may


@pytest.mark.parametrize("command", [
    cmd.CreateApiKey(label="x", role="admin", key_name="x", secret_hash="h"),
    cmd.CreateUser(username="m", password_hash="h", role="app-manager"),
    cmd.UpdateUser(user_id=2, name="Ann"),
    cmd.RemoveUser(user_id=2),
])
def test_an_admin_key_grants_up_to_its_own_level(world: World, command) -> None:
    decide(world, cmd_with(command, ADMIN_KEY))


def test_every_command_without_a_ceiling_is_unaffected_and_ranks_are_ordered() -> None:
    assert user_rank("app-user") < user_rank("app-manager") <= ADMIN_KEY < user_rank("app-admin")
    assert user_rank("app-admin") == OWNER == key_rank("owner")
    assert cmd.CreateProject not in NEEDS and cmd.CreateApiKey in NEEDS


def cmd_with(command: cmd.Command, authority: int) -> cmd.Command:
    return dataclasses.replace(command, authority=authority)
