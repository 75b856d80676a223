"""A bug is not a refusal: a decision that raises answers an internal error, changes nothing."""
from __future__ import annotations

from typing import Any

import pytest

from domain import commands as cmd
from domain.decision import DECIDERS
from domain.state import World
from tests.conftest import Rpc


async def test_a_faulty_decision_answers_internal_error_and_writes_nothing(
        kanboard: Rpc, monkeypatch: pytest.MonkeyPatch) -> None:
    def faulty(world: World, command: Any) -> None:
        raise ValueError("a bug in a decision")

    monkeypatch.setitem(DECIDERS, cmd.CreateProject, faulty)
    answer = await kanboard.answer("createProject", {"name": "Never"})
    assert answer["error"]["code"] == -32603
    monkeypatch.undo()
    assert await kanboard.call("getAllProjects") == []
    assert await kanboard.call("createProject", {"name": "Works"}) == 1
