"""A task costs its row and little more until parts join it: its empty id lists and set
are one shared immutable empty each (domain.state.own), replaced at the first part."""
from __future__ import annotations

import domain.decide  # noqa: F401  (registers the decisions)
from domain import commands as cmd
from domain.decision import decide
from domain.evolve import apply
from domain.state import TaskState, World
from tests.unit.test_rows import bytes_per_row


def run(world: World, command: cmd.Command) -> None:
    for event in decide(world, command).events:
        apply(world, event)


def test_a_task_without_parts_allocates_no_containers() -> None:
    row = {"id": 1}
    # the object alone is ~100 bytes; five empty lists and a set were ~500 more
    assert bytes_per_row(lambda: TaskState(row=row)) < 200


def test_a_first_part_gets_a_container_of_its_own() -> None:
    world = World()
    run(world, cmd.CreateUser(username="a", password_hash="h", role="app-user"))
    run(world, cmd.CreateProject(at=1, name="Board"))
    for title in ("one", "two"):
        run(world, cmd.CreateTask(at=1, actor_id=0, title=title, project_id=1))
    run(world, cmd.CreateComment(task_id=1, user_id=1, content="c", at=2))
    run(world, cmd.CreateTaskLink(task_id=1, opposite_task_id=2, link_id=1))
    run(world, cmd.SetTaskTags(project_id=1, task_id=1, tags=["a"]))
    first, second = world.tasks[1], world.tasks[2]
    assert len(first.comment_ids) == 1 and len(first.tag_ids) == 1
    assert list(second.comment_ids) == [] and list(second.tag_ids) == []
    assert len(first.link_ids) == 1 and len(second.link_ids) == 1  # a row each way
    run(world, cmd.CreateComment(task_id=1, user_id=1, content="d", at=3))
    assert len(first.comment_ids) == 2 and not second.comment_ids
