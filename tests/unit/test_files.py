"""Files in the domain: Kanboard's naming rules, ids, and what a removal takes along."""
from __future__ import annotations

from typing import Any

import pytest

import domain.decide  # noqa: F401  (registers the decisions)
from domain import commands as cmd
from domain.decision import decide
from domain.errors import NotFound
from domain.evolve import apply
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


def test_a_duplicate_copies_the_files_and_external_links_in_one_decision(world: World) -> None:
    """By name (ASCII case folded) and by title; each copy shares its source's object
    path and content and is the caller's, now; a refused duplicate copies nothing."""
    for name in ("b.txt", "Photo.PNG", "a.txt"):
        upload(world, 1, name)
    for url, title in (("https://example.invalid/z", "Zed"), ("file:///tmp/a", "alpha")):
        run(world, cmd.CreateExternalLink, task_id=1, url=url, dependency="related",
            link_type="auto", title=title, at=5, actor_id=0)
    run(world, cmd.CreateProject, at=6, name="Other")
    decision = decide(world, cmd.DuplicateTaskToProject(task_id=1, project_id=2, at=9,
                                                        actor_id=7))
    copied = [e for e in decision.events if type(e).__name__ == "TaskFileCreated"]
    links = [e for e in decision.events if type(e).__name__ == "ExternalLinkCreated"]
    assert [(e.file_id, e.name, e.user_id, e.at) for e in copied] == [
        (4, "a.txt", 7, 9), (5, "b.txt", 7, 9), (6, "Photo.PNG", 7, 9)]
    assert [(e.external_link_id, e.title, e.creator_id) for e in links] == [
        (3, "Zed", 7), (4, "alpha", 7)]  # SQLite's byte order: upper case first
    for event in decision.events:
        apply(world, event)
    by_name = {r["name"]: r for r in world.task_files.values() if r["task_id"] == 1}
    for file_id in (4, 5, 6):
        row = world.task_files[file_id]
        source = by_name[row["name"]]
        assert (row["task_id"], row["path"], row["sha256"], row["size"], row["date"]) == (
            decision.result, source["path"], SHA, 3, 9)
    assert world.task_files[6]["is_image"] == 1
    assert decide(world, cmd.DuplicateTaskToProject(task_id=1, project_id=99, at=9,
                                                    actor_id=7)).events == []
