"""Files in the domain: Kanboard's naming rules, ids, and what a removal takes along."""
from __future__ import annotations

from typing import Any

import pytest

import domain.decide  # noqa: F401  (registers the decisions)
from domain import commands as cmd
from domain.errors import NotFound
from domain.files import is_image, stored_name
from domain.state import World
from tests.unit.support import run

SHA = "ab" * 32


def upload(world: World, task_id: int, name: str = "f.txt", project_id: int = 1) -> Any:
    return run(world, cmd.CreateTaskFile, project_id=project_id, task_id=task_id,
               filename=name, sha256=SHA, size=3, content_type="text/plain", at=5, actor_id=0)


@pytest.fixture
def world() -> World:
    w = World()
    run(w, cmd.CreateProject, at=1, name="Board")
    run(w, cmd.CreateTask, title="t", project_id=1, at=2, actor_id=0)
    return w


def test_names_are_cut_at_255_bytes_and_images_known_by_extension() -> None:
    assert stored_name("ü" * 200) == "ü" * 127  # 254 bytes: the 128th would be cut in two
    assert stored_name("a" * 300) == "a" * 255
    assert [is_image(n) for n in ("a.PNG", "b.jpeg", "c.gif", "d.jpg.txt", "png", "e.webp")] \
        == [True, True, True, False, False, False]


def test_a_file_belongs_to_a_task_of_the_named_project(world: World) -> None:
    assert upload(world, 1) == 1
    row = world.task_files[1]
    assert (row["task_id"], row["size"], row["sha256"], row["is_image"]) == (1, 3, SHA, 0)
    assert row["path"].startswith("tasks/1/") and len(row["path"]) == len("tasks/1/") + 40
    with pytest.raises(NotFound):
        upload(world, 99)
    with pytest.raises(NotFound):
        upload(world, 1, project_id=2)


def test_ids_are_reused_as_kanboards_sqlite_hands_them_out(world: World) -> None:
    assert [upload(world, 1) for _ in range(3)] == [1, 2, 3]
    run(world, cmd.RemoveTaskFile, file_id=3)
    assert upload(world, 1) == 3
    assert run(world, cmd.RemoveAllTaskFiles, task_id=1) is True
    assert world.task_files == {} and world.tasks[1].file_ids == []
    assert run(world, cmd.RemoveAllTaskFiles, task_id=1) is True  # none left: still true


def test_removing_a_task_or_project_takes_its_files(world: World) -> None:
    upload(world, 1)
    run(world, cmd.CreateProjectFile, project_id=1, filename="p.txt", sha256=SHA, size=3,
        content_type="text/plain", at=5, actor_id=0)
    run(world, cmd.RemoveTask, task_id=1)
    assert world.task_files == {} and set(world.project_files) == {1}
    run(world, cmd.RemoveProject, project_id=1)
    assert world.project_files == {}
    with pytest.raises(NotFound):
        run(world, cmd.RemoveProjectFile, project_id=1, file_id=1)
