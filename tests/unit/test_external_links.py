"""External links decided and folded in memory; the URL rules checked against what PHP
8.2 itself answers (tests/fixtures/php-url-oracle.jsonl: filter_var FILTER_VALIDATE_URL,
basename(parse_url(path)) and Kanboard's unfetched web-link title, per URL)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import domain.decide  # noqa: F401  (registers the decisions)
from domain import commands as cmd
from domain import external_links as links
from domain.errors import Invalid, NotFound
from domain.state import World
from tests.unit.support import run

ORACLE = Path(__file__).parent.parent / "fixtures" / "php-url-oracle.jsonl"


@pytest.fixture
def world() -> World:
    w = World()
    run(w, cmd.CreateProject, at=1, name="P")
    for title in ("a", "b"):
        run(w, cmd.CreateTask, title=title, project_id=1, at=1, actor_id=0)
    return w


def create(world: World, url: str, **args: Any) -> int:
    values = {"task_id": 1, "dependency": "related", "at": 5, "actor_id": 0, **args}
    return run(world, cmd.CreateExternalLink, url=url, **values)


@pytest.mark.parametrize("line", ORACLE.read_text().splitlines())
def test_url_rules_answer_as_php(line: str) -> None:
    url, valid, attachment_title, file_title, web_title = json.loads(line)
    assert links.is_valid_url(url) is valid
    assert links.default_title(links.ATTACHMENT, url) == attachment_title
    assert links.default_title(links.FILE, url) == file_title
    assert links.default_title(links.WEBLINK, url) == web_title


@pytest.mark.parametrize("url, kind", [
    ("https://example.invalid/page", links.WEBLINK),
    ("https://example.invalid/report.pdf", links.ATTACHMENT),
    ("https://example.invalid/index.PHP", links.WEBLINK),  # a page, not a file
    ("file:///tmp/a.txt", links.FILE),
    ("HTTP://example.invalid/x", links.FILE),  # Kanboard's prefixes are case-sensitive
])
def test_auto_recognises_the_kind_kanboard_would(url: str, kind: str) -> None:
    assert links.recognise(url, links.AUTO) == (kind, url)


@pytest.mark.parametrize("url, kind", [
    ("https://example.invalid/page", links.ATTACHMENT), ("file:///x", links.WEBLINK),
    ("ftp://example.invalid/a.zip", links.AUTO), ("https://x.invalid/", "nope"),
    ("https://x.invalid/", ""), ("not a url", links.AUTO)])
def test_a_kind_that_does_not_read_the_url_is_refused(url: str, kind: str) -> None:
    with pytest.raises(Invalid):
        links.recognise(url, kind)


def test_create_update_remove(world: World) -> None:
    assert create(world, " http://127.0.0.1:9/x ") == 1  # trimmed; private: not fetched
    assert world.external_links[1]["title"] == "http://127.0.0.1:9/x"
    assert create(world, "https://example.invalid/doc", title="0") == 2  # "0": no title
    assert world.external_links[2]["title"] == "example.invalid/doc"
    assert world.tasks[1].external_link_ids == [1, 2]
    run(world, cmd.UpdateExternalLink, task_id=1, external_link_id=2, title="Doc", at=9)
    assert world.external_links[2] == {
        "id": 2, "link_type": "weblink", "dependency": "related", "title": "Doc",
        "url": "https://example.invalid/doc", "date_creation": 5, "date_modification": 9,
        "task_id": 1, "creator_id": 0}
    run(world, cmd.RemoveExternalLink, task_id=1, external_link_id=2)
    assert 2 not in world.external_links and world.tasks[1].external_link_ids == [1]
    assert create(world, "file:///b.txt") == 2  # the largest id still there, plus one


@pytest.mark.parametrize("args", [
    {"dependency": ""}, {"dependency": "d" * 101}, {"title": "t" * 65536},
    {"link_type": "attachment"}])
def test_invalid_creates_are_refused_and_change_nothing(world: World, args: dict) -> None:
    with pytest.raises(Invalid):
        create(world, "https://example.invalid/x", **args)
    assert world.external_links == {}


def test_a_link_answers_only_through_its_own_task(world: World) -> None:
    with pytest.raises(NotFound):
        create(world, "https://example.invalid/x", task_id=99)
    create(world, "https://example.invalid/x")
    for command, args in ((cmd.UpdateExternalLink, {"title": "x", "at": 1}),
                          (cmd.RemoveExternalLink, {})):
        with pytest.raises(NotFound):
            run(world, command, task_id=2, external_link_id=1, **args)
        with pytest.raises(NotFound):
            run(world, command, task_id=1, external_link_id=9, **args)


@pytest.mark.parametrize("args", [{"url": "not a url"}, {"title": ""}, {"dependency": ""}])
def test_an_update_is_validated_as_a_whole(world: World, args: dict) -> None:
    create(world, "https://example.invalid/x")
    with pytest.raises(Invalid):
        run(world, cmd.UpdateExternalLink, task_id=1, external_link_id=1, at=2, **args)


def test_a_removed_task_takes_its_links(world: World) -> None:
    create(world, "https://example.invalid/x")
    create(world, "https://example.invalid/y", task_id=2)
    run(world, cmd.RemoveTask, task_id=1)
    assert list(world.external_links) == [2]
