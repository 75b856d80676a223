"""Valid calls for every Kanboard procedure, built from the model so they name real objects.

Each builder returns a Call (or None when the model has nothing to call it on) whose
`learn` updates the model from Kanboard's answer. Invalid variants are derived from
these by compat/corrupt.py.
"""
from __future__ import annotations

import random
from typing import Any, Callable

from compat.calls import Call
from compat.model import ADMIN_ID, APP_ROLES, PROJECT_ROLES, Model, Project, Task, User

COLORS = ("yellow", "blue", "green", "purple", "red", "orange", "grey", "brown",
          "deep_orange", "dark_grey", "pink", "teal", "cyan", "lime", "light_green", "amber")
WORDS = ("alpha", "bravo", "delta", "ember", "fjord", "gamma", "harbor", "iris", "jade",
         "kilo", "lumen", "mesa", "nova", "orbit", "pixel", "quartz", "river", "sierra")
DATES = ("2026-12-31", "2027-01-15 10:30", "2020-01-01", "2025-06-30")
Builder = Callable[["Builders"], Call | None]
BUILDERS: dict[str, Builder] = {}


def builds(name: str) -> Callable[[Builder], Builder]:
    def register(function: Builder) -> Builder:
        BUILDERS[name] = function
        return function
    return register


def as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


class Builders:
    def __init__(self, model: Model, rng: random.Random) -> None:
        self.model = model
        self.rng = rng
        self.serial = 0

    def word(self) -> str:
        self.serial += 1
        return f"{self.rng.choice(WORDS)}-{self.serial}"

    def project(self) -> Project | None:
        return self.model.pick_project(self.rng)

    def task(self) -> Task | None:
        return self.model.pick_task(self.rng)

    def user(self, include_admin: bool = False) -> User | None:
        users = [u for u in self.model.users.values() if include_admin or u.id != ADMIN_ID]
        return self.rng.choice(users) if users else None

    def any_user_id(self) -> int:
        user = self.user(include_admin=True)
        return user.id if user else ADMIN_ID

    def subtask(self) -> tuple[int, int] | None:
        items = list(self.model.subtasks.items())
        return self.rng.choice(items) if items else None

    def comment(self) -> tuple[int, int] | None:
        items = list(self.model.comments.items())
        return self.rng.choice(items) if items else None

    def category(self) -> tuple[int, Project] | None:
        pairs = [(c, p) for p in self.model.projects.values() for c in p.categories]
        return self.rng.choice(pairs) if pairs else None

    def column(self) -> tuple[int, Project] | None:
        pairs = [(c, p) for p in self.model.projects.values() for c in p.columns]
        return self.rng.choice(pairs) if pairs else None

    def learn_project(self, name: str) -> Callable[[Any], None]:
        def learn(result: Any) -> None:
            if as_int(result):
                self.model.projects[result] = Project(self.model.saw(result), name)
        return learn

    def follow_ups(self, project_id: int) -> list[Call]:
        """Reads that teach the model a new project's columns and swimlanes."""
        def learn_columns(result: Any) -> None:
            project = self.model.projects.get(project_id)
            if project and isinstance(result, list):
                project.columns = [self.model.saw(int(c["id"])) for c in result]

        def learn_swimlanes(result: Any) -> None:
            project = self.model.projects.get(project_id)
            if project and isinstance(result, list):
                project.swimlanes = [self.model.saw(int(s["id"])) for s in result]

        return [Call("getColumns", {"project_id": project_id}, learn_columns),
                Call("getAllSwimlanes", {"project_id": project_id}, learn_swimlanes)]


# --- application ------------------------------------------------------------------------

for _name in ("getVersion", "getTimezone", "getDefaultTaskColor", "getDefaultTaskColors",
              "getColorList", "getApplicationRoles", "getProjectRoles", "getAllProjects",
              "getAllUsers", "getAllTags", "getOverdueTasks"):
    BUILDERS[_name] = (lambda name: lambda b: Call(name))(_name)


@builds("getAllLinks")
def _get_all_links(b: Builders) -> Call:
    def learn(result: Any) -> None:
        if isinstance(result, list):
            b.model.links = [int(link["id"]) for link in result]
    return Call("getAllLinks", None, learn)


for _name in ("getMe", "getMyProjects", "getMyProjectsList", "getMyOverdueTasks",
              "getMyActivityStream"):
    BUILDERS[_name] = (lambda name: lambda b: Call(name, as_user=True))(_name)


# --- users --------------------------------------------------------------------------------

@builds("createUser")
def _create_user(b: Builders) -> Call:
    username, password = b.word(), "secret-" + b.word()
    role = b.rng.choice(APP_ROLES)
    params: dict[str, Any] = {"username": username, "password": password}
    if b.rng.random() < 0.7:
        params["role"] = role
    else:
        role = "app-user"
    if b.rng.random() < 0.5:
        params["name"] = username.title()
        params["email"] = f"{username}@example.org"

    def learn(result: Any) -> None:
        if as_int(result):
            b.model.users[result] = User(b.model.saw(result), username, password, role)
    return Call("createUser", params, learn)


def _user_call(method: str, include_admin: bool = True) -> Builder:
    def build(b: Builders) -> Call | None:
        user = b.user(include_admin)
        return Call(method, {"user_id": user.id}) if user else None
    return build


BUILDERS["getUser"] = _user_call("getUser")
BUILDERS["isActiveUser"] = _user_call("isActiveUser")


@builds("getUserByName")
def _get_user_by_name(b: Builders) -> Call | None:
    user = b.user(include_admin=True)
    return Call("getUserByName", {"username": user.username}) if user else None


@builds("updateUser")
def _update_user(b: Builders) -> Call | None:
    user = b.user()
    if user is None:
        return None
    params: dict[str, Any] = {"id": user.id}
    role = b.rng.choice(APP_ROLES)
    choice = b.rng.random()
    if choice < 0.4:
        params["name"] = b.word().title()
    elif choice < 0.7:
        params["role"] = role
    else:
        params["email"] = f"{b.word()}@example.com"

    def learn(result: Any) -> None:
        if result is True and "role" in params:
            user.role = role
    return Call("updateUser", params, learn)


@builds("disableUser")
def _disable_user(b: Builders) -> Call | None:
    user = b.user()
    if user is None:
        return None

    def learn(result: Any) -> None:
        if result is True:
            user.active = False
    return Call("disableUser", {"user_id": user.id}, learn)


@builds("enableUser")
def _enable_user(b: Builders) -> Call | None:
    user = b.user()
    if user is None:
        return None

    def learn(result: Any) -> None:
        if result is True:
            user.active = True
    return Call("enableUser", {"user_id": user.id}, learn)


@builds("removeUser")
def _remove_user(b: Builders) -> Call | None:
    user = b.user()
    if user is None or len(b.model.users) < 6:  # keep enough callers for every role
        return None

    def learn(result: Any) -> None:
        if result is True:
            b.model.users.pop(user.id, None)
            for project in b.model.projects.values():
                project.members.pop(user.id, None)
    return Call("removeUser", {"user_id": user.id}, learn)


# --- projects -----------------------------------------------------------------------------

@builds("createProject")
def _create_project(b: Builders) -> Call:
    name = b.word().title()
    params: dict[str, Any] = {"name": name}
    if b.rng.random() < 0.4:
        params["description"] = "about " + name
    if b.rng.random() < 0.3:
        params["identifier"] = name.replace("-", "").upper()[:8]
    if b.rng.random() < 0.3:
        params["owner_id"] = b.any_user_id()
    if b.rng.random() < 0.2:
        params["start_date"], params["end_date"] = "2026-01-01", "2026-12-31"
    if b.rng.random() < 0.15:
        params["email"] = f"{name.lower()}@example.org"
    base = b.learn_project(name)

    def learn(result: Any) -> None:
        base(result)
        if as_int(result):
            b.model.projects[result].identifier = params.get("identifier", "")
    return Call("createProject", params, learn)


@builds("createMyPrivateProject")
def _create_private_project(b: Builders) -> Call:
    name = b.word().title()
    return Call("createMyPrivateProject", {"name": name}, b.learn_project(name), as_user=True)


def _project_call(method: str, **extra: Any) -> Builder:
    def build(b: Builders) -> Call | None:
        project = b.project()
        if project is None:
            return None
        return Call(method, {"project_id": project.id, **extra}, project_id=project.id)
    return build


for _name in ("getProjectById", "enableProject", "disableProject", "enableProjectPublicAccess",
              "disableProjectPublicAccess", "getProjectActivity", "getProjectUsers",
              "getAllSwimlanes", "getActiveSwimlanes", "getAllCategories", "getBoard",
              "getTagsByProject", "getOverdueTasksByProject", "getProjectMetadata"):
    BUILDERS[_name] = _project_call(_name)


@builds("getColumns")
def _get_columns(b: Builders) -> Call | None:
    project = b.project()
    return b.follow_ups(project.id)[0] if project else None


@builds("getAllTasks")
def _get_all_tasks(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    params: dict[str, Any] = {"project_id": project.id}
    if b.rng.random() < 0.6:
        params["status_id"] = b.rng.choice((0, 1))
    return Call("getAllTasks", params, project_id=project.id)


@builds("getAssignableUsers")
def _get_assignable_users(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    params: dict[str, Any] = {"project_id": project.id}
    if b.rng.random() < 0.5:
        params["prepend_unassigned"] = b.rng.choice((True, False))
    return Call("getAssignableUsers", params, project_id=project.id)


@builds("getProjectByName")
def _get_project_by_name(b: Builders) -> Call | None:
    project = b.project()
    return Call("getProjectByName", {"name": project.name}) if project else None


@builds("getProjectByIdentifier")
def _get_project_by_identifier(b: Builders) -> Call | None:
    known = [p for p in b.model.projects.values() if p.identifier]
    if not known:
        return None
    return Call("getProjectByIdentifier", {"identifier": b.rng.choice(known).identifier})


@builds("getProjectByEmail")
def _get_project_by_email(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    return Call("getProjectByEmail", {"email": f"{project.name.lower()}@example.org"})


@builds("getProjectActivities")
def _get_project_activities(b: Builders) -> Call | None:
    ids = [p.id for p in b.model.projects.values()]
    if not ids:
        return None
    return Call("getProjectActivities", {"project_ids": b.rng.sample(ids, min(len(ids), 2))})


@builds("updateProject")
def _update_project(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    params: dict[str, Any] = {"project_id": project.id}
    choice = b.rng.random()
    if choice < 0.4:
        params["name"] = project.name + "-v2"
    elif choice < 0.6:
        params["description"] = "new " + b.word()
    elif choice < 0.8:
        params["identifier"] = b.word().replace("-", "").upper()[:8]
    else:
        params["priority_start"], params["priority_end"] = 1, 5

    def learn(result: Any) -> None:
        if result is True:
            project.name = params.get("name", project.name)
            project.identifier = params.get("identifier", project.identifier)
    return Call("updateProject", params, learn, project_id=project.id)


@builds("removeProject")
def _remove_project(b: Builders) -> Call | None:
    project = b.project()
    if project is None or len(b.model.projects) < 4:
        return None

    def learn(result: Any) -> None:
        if result is True:
            b.model.forget_project(project.id)
    return Call("removeProject", {"project_id": project.id}, learn, project_id=project.id)


# --- project members ------------------------------------------------------------------------

def _membership(method: str, with_role: bool, default_role: str | None = None) -> Builder:
    def build(b: Builders) -> Call | None:
        project, user = b.project(), b.user(include_admin=True)
        if project is None or user is None:
            return None
        params: dict[str, Any] = {"project_id": project.id, "user_id": user.id}
        role = default_role
        if with_role and (method != "addProjectUser" or b.rng.random() < 0.8):
            role = b.rng.choice(PROJECT_ROLES)
            params["role"] = role

        def learn(result: Any) -> None:
            if result is True and role:
                project.members[user.id] = role
            elif result is True:
                project.members.pop(user.id, None)
        return Call(method, params, learn, project_id=project.id)
    return build


BUILDERS["addProjectUser"] = _membership("addProjectUser", True, "project-member")
BUILDERS["changeProjectUserRole"] = _membership("changeProjectUserRole", True)
BUILDERS["removeProjectUser"] = _membership("removeProjectUser", False)


@builds("getProjectUserRole")
def _get_project_user_role(b: Builders) -> Call | None:
    project, user = b.project(), b.user(include_admin=True)
    if project is None or user is None:
        return None
    return Call("getProjectUserRole", {"project_id": project.id, "user_id": user.id},
                project_id=project.id)


# --- metadata -------------------------------------------------------------------------------

@builds("saveProjectMetadata")
def _save_project_metadata(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    name = b.rng.choice(("owner", "budget", "phase"))

    def learn(result: Any) -> None:
        if result is True:
            project.metadata.add(name)
    return Call("saveProjectMetadata", {"project_id": project.id, "values": {name: b.word()}},
                learn, project_id=project.id)


@builds("getProjectMetadataByName")
def _get_project_metadata_by_name(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    name = b.rng.choice(sorted(project.metadata) or ["owner"])
    return Call("getProjectMetadataByName", {"project_id": project.id, "name": name},
                project_id=project.id)


@builds("removeProjectMetadata")
def _remove_project_metadata(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    name = b.rng.choice(sorted(project.metadata) or ["phase"])

    def learn(result: Any) -> None:
        if result is True:
            project.metadata.discard(name)
    return Call("removeProjectMetadata", {"project_id": project.id, "name": name}, learn,
                project_id=project.id)


@builds("saveTaskMetadata")
def _save_task_metadata(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    name = b.rng.choice(("estimate", "source", "ticket"))

    def learn(result: Any) -> None:
        if result is True:
            task.metadata.add(name)
    return Call("saveTaskMetadata", {"task_id": task.id, "values": {name: b.word()}}, learn,
                project_id=task.project_id)


@builds("getTaskMetadataByName")
def _get_task_metadata_by_name(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    name = b.rng.choice(sorted(task.metadata) or ["source"])
    return Call("getTaskMetadataByName", {"task_id": task.id, "name": name},
                project_id=task.project_id)


@builds("removeTaskMetadata")
def _remove_task_metadata(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    name = b.rng.choice(sorted(task.metadata) or ["ticket"])

    def learn(result: Any) -> None:
        if result is True:
            task.metadata.discard(name)
    return Call("removeTaskMetadata", {"task_id": task.id, "name": name}, learn,
                project_id=task.project_id)


# --- columns, swimlanes, categories ---------------------------------------------------------

@builds("addColumn")
def _add_column(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    params: dict[str, Any] = {"project_id": project.id, "title": b.word().title()}
    if b.rng.random() < 0.4:
        params["task_limit"] = b.rng.randint(0, 5)
    if b.rng.random() < 0.3:
        params["description"] = "stage " + b.word()

    def learn(result: Any) -> None:
        if as_int(result):
            project.columns.append(b.model.saw(result))
    return Call("addColumn", params, learn, project_id=project.id)


@builds("getColumn")
def _get_column(b: Builders) -> Call | None:
    pair = b.column()
    return Call("getColumn", {"column_id": pair[0]}, project_id=pair[1].id) if pair else None


@builds("updateColumn")
def _update_column(b: Builders) -> Call | None:
    pair = b.column()
    if pair is None:
        return None
    params: dict[str, Any] = {"column_id": pair[0], "title": b.word().title()}
    if b.rng.random() < 0.5:
        params["task_limit"] = b.rng.randint(0, 4)
    return Call("updateColumn", params, project_id=pair[1].id)


@builds("changeColumnPosition")
def _change_column_position(b: Builders) -> Call | None:
    pair = b.column()
    if pair is None:
        return None
    column_id, project = pair
    position = b.rng.randint(1, max(1, len(project.columns)))

    def learn(result: Any) -> None:
        if result is True and column_id in project.columns:
            project.columns.remove(column_id)
            project.columns.insert(position - 1, column_id)
    return Call("changeColumnPosition", {"project_id": project.id, "column_id": column_id,
                                         "position": position}, learn, project_id=project.id)


@builds("removeColumn")
def _remove_column(b: Builders) -> Call | None:
    pair = b.column()
    if pair is None or len(pair[1].columns) < 3:
        return None
    column_id, project = pair

    def learn(result: Any) -> None:
        if result is True and column_id in project.columns:
            project.columns.remove(column_id)
    return Call("removeColumn", {"column_id": column_id}, learn, project_id=project.id)


@builds("getSwimlane")
def _get_swimlane(b: Builders) -> Call | None:
    project = b.project()
    if project is None or not project.swimlanes:
        return None
    return Call("getSwimlane", {"swimlane_id": b.rng.choice(project.swimlanes)},
                project_id=project.id)


@builds("getSwimlaneById")
def _get_swimlane_by_id(b: Builders) -> Call | None:
    call = _get_swimlane(b)
    return Call("getSwimlaneById", call.params, project_id=call.project_id) if call else None


@builds("getSwimlaneByName")
def _get_swimlane_by_name(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    return Call("getSwimlaneByName", {"project_id": project.id, "name": "Default swimlane"},
                project_id=project.id)


@builds("createCategory")
def _create_category(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    params: dict[str, Any] = {"project_id": project.id, "name": b.word().title()}
    if b.rng.random() < 0.5:
        params["color_id"] = b.rng.choice(COLORS)

    def learn(result: Any) -> None:
        if as_int(result):
            project.categories.append(b.model.saw(result))
    return Call("createCategory", params, learn, project_id=project.id)


@builds("getCategory")
def _get_category(b: Builders) -> Call | None:
    pair = b.category()
    return Call("getCategory", {"category_id": pair[0]}, project_id=pair[1].id) if pair else None


@builds("updateCategory")
def _update_category(b: Builders) -> Call | None:
    pair = b.category()
    if pair is None:
        return None
    params: dict[str, Any] = {"id": pair[0], "name": b.word().title()}
    if b.rng.random() < 0.5:
        params["color_id"] = b.rng.choice(COLORS)
    return Call("updateCategory", params, project_id=pair[1].id)


@builds("removeCategory")
def _remove_category(b: Builders) -> Call | None:
    pair = b.category()
    if pair is None:
        return None
    category_id, project = pair

    def learn(result: Any) -> None:
        if result is True and category_id in project.categories:
            project.categories.remove(category_id)
    return Call("removeCategory", {"category_id": category_id}, learn, project_id=project.id)


# --- tasks ------------------------------------------------------------------------------------

@builds("createTask")
def _create_task(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    params: dict[str, Any] = {"title": b.word().title(), "project_id": project.id}
    column = project.columns[0] if project.columns else 0
    swimlane = project.swimlanes[0] if project.swimlanes else 0
    rng = b.rng
    if project.columns and rng.random() < 0.5:
        column = params["column_id"] = rng.choice(project.columns)
    if project.swimlanes and rng.random() < 0.2:
        swimlane = params["swimlane_id"] = rng.choice(project.swimlanes)
    if rng.random() < 0.3:
        params["color_id"] = rng.choice(COLORS)
    if rng.random() < 0.3:
        params["owner_id"] = rng.choice(list(project.members) or [ADMIN_ID])
    if project.categories and rng.random() < 0.3:
        params["category_id"] = rng.choice(project.categories)
    if rng.random() < 0.3:
        params["date_due"] = rng.choice(DATES)
    if rng.random() < 0.3:
        params["description"] = "details of " + b.word()
    if rng.random() < 0.2:
        params["score"] = rng.randint(0, 13)
    if rng.random() < 0.2:
        params["priority"] = rng.randint(0, 3)
    if rng.random() < 0.2:
        params["tags"] = rng.sample(["ops", "bug", "ui", "db"], 2)
    if rng.random() < 0.15:
        params["reference"] = f"REF-{rng.randint(1, 30)}"

    def learn(result: Any) -> None:
        if as_int(result):
            b.model.tasks[result] = Task(b.model.saw(result), project.id, column, swimlane)
    return Call("createTask", params, learn, project_id=project.id)


def _task_call(method: str, learn_removed: bool = False) -> Builder:
    def build(b: Builders) -> Call | None:
        task = b.task()
        if task is None:
            return None

        def learn(result: Any) -> None:
            if learn_removed and result is True:
                b.model.forget_task(task.id)
        return Call(method, {"task_id": task.id}, learn, project_id=task.project_id)
    return build


for _name in ("getTask", "openTask", "closeTask", "getAllSubtasks", "getAllComments",
              "getTaskTags", "getTaskMetadata", "getAllTaskLinks"):
    BUILDERS[_name] = _task_call(_name)
BUILDERS["removeTask"] = _task_call("removeTask", learn_removed=True)


@builds("getTaskByReference")
def _get_task_by_reference(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    return Call("getTaskByReference", {"project_id": project.id,
                                       "reference": f"REF-{b.rng.randint(1, 30)}"},
                project_id=project.id)


@builds("updateTask")
def _update_task(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    rng = b.rng
    params: dict[str, Any] = {"id": task.id}
    for name, value in (("title", b.word().title()), ("color_id", rng.choice(COLORS)),
                        ("date_due", rng.choice(DATES)), ("description", "now " + b.word()),
                        ("score", rng.randint(0, 8)), ("priority", rng.randint(0, 3)),
                        ("tags", rng.sample(["ops", "bug", "ui", "db"], 1))):
        if rng.random() < 0.3:
            params[name] = value
    if len(params) == 1:
        params["title"] = b.word().title()
    return Call("updateTask", params, project_id=task.project_id)


@builds("moveTaskPosition")
def _move_task_position(b: Builders) -> Call | None:
    task = b.task()
    project = b.model.projects.get(task.project_id) if task else None
    if task is None or project is None or not project.columns:
        return None
    column = b.rng.choice(project.columns)
    swimlane = task.swimlane_id
    siblings = [t for t in b.model.tasks_of(project.id) if t.column_id == column]
    position = b.rng.randint(1, len(siblings) + 1)

    def learn(result: Any) -> None:
        if result is True:
            task.column_id = column
    return Call("moveTaskPosition", {"project_id": project.id, "task_id": task.id,
                                     "column_id": column, "position": position,
                                     "swimlane_id": swimlane}, learn, project_id=project.id)


@builds("searchTasks")
def _search_tasks(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    query = b.rng.choice(("status:open", "status:closed", b.rng.choice(WORDS), "color:blue",
                          "assignee:me", "due:<2027-01-01", "nothing-matches"))
    return Call("searchTasks", {"project_id": project.id, "query": query},
                project_id=project.id)


@builds("setTaskTags")
def _set_task_tags(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    tags = b.rng.sample(["ops", "bug", "ui", "db", "later"], b.rng.randint(0, 3))
    return Call("setTaskTags", {"project_id": task.project_id, "task_id": task.id,
                                "tags": tags}, project_id=task.project_id)


# --- subtasks and comments --------------------------------------------------------------------

@builds("createSubtask")
def _create_subtask(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    params: dict[str, Any] = {"task_id": task.id, "title": b.word()}
    if b.rng.random() < 0.3:
        params["user_id"] = b.any_user_id()
    if b.rng.random() < 0.3:
        params["time_estimated"] = b.rng.randint(1, 8)
    if b.rng.random() < 0.2:
        params["status"] = b.rng.choice((0, 1, 2))

    def learn(result: Any) -> None:
        if as_int(result):
            b.model.subtasks[b.model.saw(result)] = task.id
    return Call("createSubtask", params, learn, project_id=task.project_id)


def _project_of_task(b: Builders, task_id: int) -> int | None:
    task = b.model.tasks.get(task_id)
    return task.project_id if task else None


@builds("getSubtask")
def _get_subtask(b: Builders) -> Call | None:
    pair = b.subtask()
    if pair is None:
        return None
    return Call("getSubtask", {"subtask_id": pair[0]}, project_id=_project_of_task(b, pair[1]))


@builds("updateSubtask")
def _update_subtask(b: Builders) -> Call | None:
    pair = b.subtask()
    if pair is None:
        return None
    params: dict[str, Any] = {"id": pair[0], "task_id": pair[1]}
    choice = b.rng.random()
    if choice < 0.4:
        params["status"] = b.rng.choice((0, 1, 2))
    elif choice < 0.7:
        params["title"] = b.word()
    else:
        params["time_spent"] = b.rng.randint(1, 5)
    return Call("updateSubtask", params, project_id=_project_of_task(b, pair[1]))


@builds("removeSubtask")
def _remove_subtask(b: Builders) -> Call | None:
    pair = b.subtask()
    if pair is None:
        return None

    def learn(result: Any) -> None:
        if result is True:
            b.model.subtasks.pop(pair[0], None)
    return Call("removeSubtask", {"subtask_id": pair[0]}, learn,
                project_id=_project_of_task(b, pair[1]))


@builds("createComment")
def _create_comment(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    params: dict[str, Any] = {"task_id": task.id, "user_id": b.any_user_id(),
                              "content": "note " + b.word()}
    if b.rng.random() < 0.2:
        params["reference"] = f"ext-{b.rng.randint(1, 99)}"

    def learn(result: Any) -> None:
        if as_int(result):
            b.model.comments[b.model.saw(result)] = task.id
    return Call("createComment", params, learn, project_id=task.project_id)


@builds("getComment")
def _get_comment(b: Builders) -> Call | None:
    pair = b.comment()
    if pair is None:
        return None
    return Call("getComment", {"comment_id": pair[0]}, project_id=_project_of_task(b, pair[1]))


@builds("updateComment")
def _update_comment(b: Builders) -> Call | None:
    pair = b.comment()
    if pair is None:
        return None
    return Call("updateComment", {"id": pair[0], "content": "edited " + b.word()},
                project_id=_project_of_task(b, pair[1]))


@builds("removeComment")
def _remove_comment(b: Builders) -> Call | None:
    pair = b.comment()
    if pair is None:
        return None

    def learn(result: Any) -> None:
        if result is True:
            b.model.comments.pop(pair[0], None)
    return Call("removeComment", {"comment_id": pair[0]}, learn,
                project_id=_project_of_task(b, pair[1]))
