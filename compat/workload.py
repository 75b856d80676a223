"""A seeded pseudo-random workload that follows the server's answers.

The generator sends each call before it builds the next, so ids handed out by Kanboard
feed later calls; most calls name real objects, and a mix-defined share is made invalid.
"""
from __future__ import annotations

import copy
import random
from collections import Counter
from typing import Any

from compat.builders import BUILDERS, Builders
from compat.calls import Call, Learn
from compat.client import Answer, Credentials, RecordingClient
from compat.corrupt import batch, corrupt, protocol_error
from compat.mixes import FAMILIES, Mix
from compat.model import APP_ROLES, PROJECT_ROLES, Model, User

CREATES = ("createUser", "createProject", "createCategory", "addColumn", "createTask",
           "createSubtask", "createComment", "createMyPrivateProject")


def prerequisites(name: str) -> list[str]:
    """The creates that give procedure `name` something to work on, outermost first."""
    chains = (("Subtask", ["createProject", "createTask", "createSubtask"]),
              ("Comment", ["createProject", "createTask", "createComment"]),
              ("Category", ["createProject", "createCategory"]),
              ("Column", ["createProject", "addColumn"]),
              ("Task", ["createProject", "createTask"]),
              ("User", ["createUser"]))
    return next((chain for word, chain in chains if word in name), ["createProject"])


class Workload:
    def __init__(self, client: RecordingClient, token: str, mix: Mix, seed: int) -> None:
        self.client = client
        self.token = Credentials("jsonrpc", token)
        self.mix = mix
        self.rng = random.Random(seed)
        self.model = Model()
        self.builders = Builders(self.model, self.rng)
        self.pending: list[Call] = []
        self.sent: Counter[str] = Counter()  # valid calls per procedure
        self.kinds: Counter[str] = Counter()  # calls per kind (valid, each mistake, ...)
        self.created: list[Call] = []  # successful creates, for duplicates
        self.request_id = 0
        procedures = [(n, mix.families.get(f, 0) / len(names))
                      for f, names in FAMILIES.items() for n in names]
        self.names = [n for n, _ in procedures]
        self.weights = [w for _, w in procedures]

    # --- sending ----------------------------------------------------------------------

    def next_id(self) -> int:
        self.request_id += 1
        return self.request_id

    def send(self, call: Call) -> Answer:
        auth = call.auth if call.auth is not None else self.token
        answer = self.client.send(call.body(self.next_id()), auth)
        body = answer.body
        if answer.status == 401:
            self.lost_login(auth)
        if call.learn and isinstance(body, dict) and "result" in body:
            call.learn(body["result"])
            self.after_create(call, body["result"], auth)
        return answer

    def after_create(self, call: Call, result: Any, auth: Credentials) -> None:
        if call.method not in CREATES or not isinstance(result, int) or result <= 0:
            return
        self.created.append(copy.deepcopy(Call(call.method, call.params, auth=auth)))
        if call.method in ("createProject", "createMyPrivateProject"):
            creator = self.user_named(auth.username)
            if creator is not None:
                self.model.projects[result].members[creator.id] = "project-manager"
            self.pending.extend(self.builders.follow_ups(result))

    def lost_login(self, auth: Credentials) -> None:
        """Right password refused: the user was removed, disabled or locked; stop using them."""
        user = self.user_named(auth.username)
        if user is not None and user.password == auth.password:
            user.active = False

    def user_named(self, username: str) -> User | None:
        return next((u for u in self.model.users.values() if u.username == username), None)

    # --- choosing callers ---------------------------------------------------------------

    def choose_auth(self, call: Call) -> Credentials:
        rng = self.rng
        users = [u for u in self.model.users.values() if u.active]
        share = 0.85 if call.as_user else self.mix.as_user
        if not users or rng.random() >= share:
            return self.token
        project = self.model.projects.get(call.project_id or 0)
        members = [self.model.users[i] for i in (project.members if project else {})
                   if i in self.model.users and self.model.users[i].active]
        if members and rng.random() < 0.7:
            return rng.choice(members).credentials
        return rng.choice(users).credentials

    def speak_for_caller(self, call: Call) -> None:
        """Kanboard lets a user comment only in their own name: mostly do so."""
        caller = self.user_named(call.auth.username) if call.auth else None
        if (call.method == "createComment" and caller and call.params
                and "user_id" in call.params and self.rng.random() < 0.85):
            call.params["user_id"] = caller.id

    # --- the kinds of request -------------------------------------------------------------

    def ordinary(self, name: str | None = None, allow_invalid: bool = True,
                 as_token: bool = False) -> bool:
        name = name or self.rng.choices(self.names, self.weights)[0]
        call = BUILDERS[name](self.builders)
        if call is None:
            return False
        kind = "valid"
        if allow_invalid and self.rng.random() < self.mix.invalid:
            kind = corrupt(call, self.model, self.rng) or "valid"
        if kind == "valid":
            self.sent[name] += 1
        self.kinds[kind] += 1
        call.auth = self.token if as_token else self.choose_auth(call)
        self.speak_for_caller(call)
        self.send(call)
        return True

    def protocol(self) -> None:
        self.kinds["protocol"] += 1
        self.client.send(protocol_error(self.rng, self.next_id()), self.token)

    def batch(self) -> None:
        members = []
        for _ in range(self.rng.randint(1, 4)):
            name = self.rng.choice(("getVersion", "getAllProjects", "getTask", "getBoard",
                                    "getProjectById", "getAllUsers", "createComment",
                                    "getColumns", "getMe"))
            call = BUILDERS[name](self.builders)
            if call is not None:
                members.append(call.envelope(self.next_id()))
        self.kinds["batch"] += 1
        self.client.send(batch(self.rng, members), self.choose_auth(Call("batch")))

    def bad_auth(self) -> None:
        self.kinds["bad-auth"] += 1
        choice = self.rng.random()
        user = self.builders.user()
        if choice < 0.3:
            auth: Credentials | None = Credentials("jsonrpc", "wrong-token")
        elif choice < 0.55:
            auth = Credentials("nobody-" + self.builders.word(), "whatever")
        elif choice < 0.7 and user is not None:
            auth = Credentials(user.username, "wrong-password")
        elif choice < 0.85:
            auth = None
        else:
            auth = Credentials("", "")
        method = self.rng.choice(("getVersion", "getAllProjects", "getMe"))
        call = Call(method)
        self.client.send(call.body(self.next_id()), auth)

    def duplicate(self) -> bool:
        if not self.created:
            return False
        original = self.rng.choice(self.created)
        self.kinds["duplicate"] += 1
        self.send(Call(original.method, copy.deepcopy(original.params), auth=original.auth))
        return True

    # --- the whole run ----------------------------------------------------------------------

    def setup(self) -> None:
        """Users of every application role, projects with members of every project role."""
        for role in APP_ROLES * 2:
            call = BUILDERS["createUser"](self.builders)
            assert call is not None
            call.params["role"] = role  # type: ignore[index]
            username, password = call.params["username"], call.params["password"]  # type: ignore
            call.learn = self.learn_user(username, password, role)
            self.send(call)
        for _ in range(3):
            self.ordinary("createProject", allow_invalid=False)
            self.drain()
        users = [u for u in self.model.users.values() if u.id != 1]
        for project in list(self.model.projects.values()):
            for user, role in zip(self.rng.sample(users, 3), PROJECT_ROLES):
                call = Call("addProjectUser", {"project_id": project.id, "user_id": user.id,
                                               "role": role})
                call.learn = self.learn_member(project.id, user.id, role)
                self.send(call)

    def learn_user(self, username: str, password: str, role: str) -> Learn:
        def learn(result: Any) -> None:
            if isinstance(result, int) and result > 0:
                self.model.users[result] = User(self.model.saw(result), username, password, role)
        return learn

    def learn_member(self, project_id: int, user_id: int, role: str) -> Learn:
        def learn(result: Any) -> None:
            if result is True and project_id in self.model.projects:
                self.model.projects[project_id].members[user_id] = role
        return learn

    def drain(self) -> None:
        while self.pending:
            self.send(self.pending.pop(0))

    def step(self) -> None:
        self.drain()
        mix, roll = self.mix, self.rng.random()
        if roll < mix.protocol:
            self.protocol()
        elif roll < mix.protocol + mix.batch:
            self.batch()
        elif roll < mix.protocol + mix.batch + mix.bad_auth:
            self.bad_auth()
        elif roll < mix.protocol + mix.batch + mix.bad_auth + mix.duplicate and self.duplicate():
            pass
        else:
            while not self.ordinary():
                pass

    def sweep(self) -> None:
        """One valid call of every procedure the random part did not reach."""
        for name in BUILDERS:
            if not self.sent[name]:
                for _ in range(6):
                    if self.ordinary(name, allow_invalid=False):
                        break
                    for create in prerequisites(name):
                        self.ordinary(create, allow_invalid=False, as_token=True)
                        self.drain()

    def run(self, calls: int) -> None:
        self.setup()
        while self.client.count < calls:
            self.step()
        self.drain()
        self.sweep()
        self.drain()
