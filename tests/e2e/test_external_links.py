"""External task links over real HTTP, as Kanboard answers them (the same calls recorded
on the real Kanboard replay in tests/fidelity/recordings/external-links-scenario.jsonl),
and never a request from the server to the linked address."""
from __future__ import annotations

import socket
from typing import Iterator

import aiohttp
import pytest

from tests.conftest import Rpc, Server
from tests.e2e.cli_support import cli


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local port that records whether anything connected to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock
    sock.close()


def connections(sock: socket.socket) -> int:
    count = 0
    while True:
        try:
            sock.accept()[0].close()
        except BlockingIOError:
            return count
        count += 1


async def setup(kanboard: Rpc) -> Rpc:
    await kanboard.call("createProject", {"name": "A"})
    await kanboard.call("createTask", {"title": "a1", "project_id": 1})
    await kanboard.call("createUser", {"username": "vic", "password": "vic-pass-1"})
    await kanboard.call("addProjectUser", [1, 2, "project-viewer"])
    return kanboard.as_user("vic", "vic-pass-1")


async def test_a_web_link_is_never_fetched(kanboard: Rpc, listener: socket.socket) -> None:
    await setup(kanboard)
    port = listener.getsockname()[1]
    urls = [f"http://127.0.0.1:{port}/page", f"http://localhost:{port}/admin",
            f"https://example.invalid:{port}/docs/intro"]
    for url in urls:
        assert isinstance(await kanboard.call("createExternalTaskLink", [1, url, "related"]),
                          int)
    titles = {link["url"]: link["title"]
              for link in await kanboard.call("getAllExternalTaskLinks", [1])}
    # a private address keeps its URL as title; any other host shows host and path
    assert titles == {urls[0]: urls[0], urls[1]: urls[1],
                      urls[2]: "example.invalid/docs/intro"}
    assert connections(listener) == 0


async def test_links_of_every_kind_read_update_remove(kanboard: Rpc) -> None:
    viewer = await setup(kanboard)
    assert await kanboard.call("getExternalTaskLinkTypes") == {
        "auto": "Auto", "attachment": "Attachment", "file": "Local File",
        "weblink": "Web Link"}
    assert await viewer.call("getExternalTaskLinkProviderDependencies", ["file"]) == {
        "related": "Related"}
    assert await kanboard.call("getExternalTaskLinkProviderDependencies", ["auto"]) is False
    create = "createExternalTaskLink"
    assert await kanboard.call(create, [1, "https://x.invalid/r/q3.pdf", "related"]) == 1
    assert await kanboard.call(create, [1, "smb://server/share/plan.doc", "blocks"]) == 2
    assert await kanboard.call(create, [1, "https://x.invalid/p", "related", "file"]) is False
    assert await kanboard.call(create, [1, "not a url", "related"]) is False
    assert await kanboard.call(create, [1, "https://x.invalid/p", ""]) is False
    assert await kanboard.call(create, [99, "https://x.invalid/p", "related"]) is False
    status, _, _ = await viewer.post(
        '{"jsonrpc":"2.0","method":"createExternalTaskLink","id":1,'
        '"params":[1,"https://x.invalid/p","related"]}')
    assert status == 403
    links = await viewer.call("getAllExternalTaskLinks", [1])
    assert [(l["id"], l["link_type"], l["title"], l["type"], l["dependency_label"])
            for l in links] == [(2, "file", "plan.doc", "Local File", "blocks"),
                                (1, "attachment", "q3.pdf", "Attachment", "Related")]
    assert await kanboard.call("updateExternalTaskLink", [1, 1, "Q3 report"]) is True
    assert (await kanboard.call("getExternalTaskLinkById", [1, 1]))["title"] == "Q3 report"
    assert await kanboard.call("updateExternalTaskLink", [1, 1, None, "not a url"]) is False
    assert await kanboard.call("getExternalTaskLinkById", [2, 1]) is False  # not task 2's
    board = await kanboard.call("getBoard", [1])
    assert board[0]["columns"][0]["tasks"][0]["nb_external_links"] == 2
    assert await kanboard.call("removeExternalTaskLink", [1, 2]) is True
    assert await kanboard.call("removeExternalTaskLink", [1, 2]) is False
    await kanboard.call("removeTask", [1])  # the links go with the task
    assert await kanboard.call("getExternalTaskLinkById", [1, 1]) is False


async def test_links_are_in_history_time_travel_rebuild_and_verify(
        kanboard: Rpc, server: Server, session: aiohttp.ClientSession) -> None:
    await setup(kanboard)
    await kanboard.call("createExternalTaskLink", [1, "file:///tmp/a.txt", "related"])
    async with session.get(f"{server.url}/health") as response:
        then = (await response.json())["log_head"]
    await kanboard.call("updateExternalTaskLink", [1, 1, "Notes"])
    await kanboard.call("removeExternalTaskLink", [1, 1])
    history = await kanboard.call("getTaskHistory", [1])
    assert [h["type"] for h in history][-3:] == [
        "ExternalLinkCreated", "ExternalLinkUpdated", "ExternalLinkRemoved"]
    assert history[-2]["changes"]["external_link:1"]["title"] == {"old": "a.txt",
                                                                  "new": "Notes"}
    board_then = await kanboard.call("getBoardAt", [1, then])
    assert board_then[0]["columns"][0]["tasks"][0]["nb_external_links"] == 1
    await kanboard.call("createExternalTaskLink", [1, "file:///tmp/b.txt", "related"])
    assert cli("rebuild", "--db", server.db_path, "--check").returncode == 0
    assert cli("verify", "--db", server.db_path).returncode == 0
