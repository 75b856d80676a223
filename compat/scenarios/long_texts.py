"""What Kanboard accepts and refuses at the edges boardlog now bounds (issue #11): long
titles and descriptions (descriptions and comments past the 65,535 bytes of a MySQL TEXT column are kept, a title over 65,535
characters is refused by Kanboard's validator, well below boardlog's text limit), and
search strings with quotes, unterminated ones included."""
from __future__ import annotations

from compat.scenario import Step

USER = ("lena", "lena-pass-1")


def steps() -> list[Step]:
    token = None
    return [
        (token, "createUser", {"username": "lena", "password": USER[1]}),
        (token, "createProject", {"name": "Long texts"}),
        (token, "addProjectUser", [1, 2, "project-member"]),
        (token, "createTask", {"title": "abc task", "project_id": 1}),
        (token, "createTask", {"title": "quoted \"abc\" task", "project_id": 1}),
        (token, "createTask", {"title": "long", "project_id": 1, "description": "d" * 70_000}),
        (token, "getTask", [3]),
        (token, "createTask", {"title": "t" * 65535, "project_id": 1}),
        (token, "createTask", {"title": "t" * 65536, "project_id": 1}),
        (USER, "createComment", {"task_id": 3, "user_id": 2, "content": "c" * 70_000}),
        (token, "getAllComments", [3]),
        (token, "updateTask", {"id": 3, "description": "e" * 80_000}),
        (token, "getTask", [3]),
        (token, "searchTasks", {"project_id": 1, "query": 'title:"abc'}),
        (token, "searchTasks", {"project_id": 1, "query": 'title:"abc task"'}),
        (token, "searchTasks", {"project_id": 1, "query": 'title:abc"'}),
        (token, "searchTasks", {"project_id": 1, "query": '"abc'}),
        (USER, "searchTasks", {"project_id": 1, "query": 'title:"quoted'}),
        (token, "searchTasks", {"project_id": 1, "query": 'description:"ee'}),
    ]
