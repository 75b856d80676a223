"""The slice of the world one project's history needs, for snapshots.

SNAPSHOT_VERSION names the shape of World and of evolve's results: bump it whenever
either changes, and snapshots made by older code are ignored (folded from the log).
"""
from __future__ import annotations

from domain.state import World

SNAPSHOT_VERSION = 7  # 2: order keys, keyed cells, Aggregate base, sprint rows
# 3: Kanboard fidelity (is_admin, ids reused, cascades); 4: groups, link types, timers;
# 5: external links, project and task files, automatic actions; 6: links between tasks;
# 7: an aggregate's empty id lists and sets are the shared empty (domain.state.own)


def project_slice(world: World, project_id: int) -> World:
    """One project with its board, tasks (and their parts) and the users.

    The slice shares its objects with `world`: serialize it (which copies) before the
    world changes again; a deep copy first would only double the cost."""
    project = world.projects.get(project_id)
    part = World(users=world.users, usernames=world.usernames)
    if project is None:
        return part
    part.projects = {project_id: project}
    part.columns = {c: world.columns[c] for c in project.column_order}
    part.swimlanes = {s: world.swimlanes[s] for s in project.swimlane_order}
    part.categories = {c: world.categories[c] for c in project.category_ids}
    part.tags = {t: world.tags[t] for t in project.tag_ids if t in world.tags}
    part.sprints = {s: world.sprints[s] for s in project.sprint_ids}
    part.tasks = {t: world.tasks[t] for t in project.task_ids}
    part.actions = {a: row for a, row in world.actions.items() if row["project_id"] == project_id}
    part.subtasks = {s: world.subtasks[s] for t in part.tasks.values() for s in t.subtask_order}
    part.comments = {c: world.comments[c] for t in part.tasks.values() for c in t.comment_ids}
    part.task_links = {n: world.task_links[n] for t in part.tasks.values() for n in t.link_ids}
    part.external_links = {x: world.external_links[x] for t in part.tasks.values()
                           for x in t.external_link_ids}
    part.project_files = {f: world.project_files[f] for f in project.file_ids}
    part.task_files = {f: world.task_files[f] for t in part.tasks.values() for f in t.file_ids}
    part.cells = {c: ids for c, ids in world.cells.items() if c[0] == project_id}
    part.keyed = {c: order for c, order in world.keyed.items() if c[0] == project_id}
    part.dense = {c for c in world.dense if c[0] == project_id}
    return part
