"""getBoard's nested shape: swimlanes, then columns, then the tasks of each cell.

One assembler serves the live read model and time travel, so a board as it was is
shaped exactly as the board is.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Iterable

from orjson import Fragment

from domain.state import World
from projections.queries import Reads
from projections.render import board_task_doc

# swimlane_id, column_id, score, is_active, board document
TaskRow = tuple[int, int, int, int, Any]


def board(reads: Reads, project_id: int) -> list[dict[str, Any]]:
    tasks = ((lane, column, score, active, Fragment(doc))
             for lane, column, score, active, doc, _ in reads.board_tasks(project_id))
    return assemble(project_id, reads.swimlane_dicts(project_id, active_only=True),
                    reads.column_dicts(project_id), tasks)


def board_of_world(world: World, project_id: int) -> list[dict[str, Any]]:
    project = world.projects.get(project_id)
    if project is None:
        return []
    tasks = sorted((world.tasks[i] for i in project.task_ids),
                   key=lambda t: (t.row["position"], t.row["id"]))
    rows = ((t.row["swimlane_id"], t.row["column_id"], t.row["score"], t.row["is_active"],
             board_task_doc(world, t)) for t in tasks)
    swimlanes = [world.swimlanes[s] for s in project.swimlane_order
                 if world.swimlanes[s]["is_active"]]
    columns = sorted((world.columns[c] for c in project.column_order),
                     key=lambda c: (c["position"], c["id"]))
    return assemble(project_id, swimlanes, columns, rows)


def assemble(project_id: int, swimlanes: list[dict], columns: list[dict],
             tasks: Iterable[TaskRow]) -> list[dict[str, Any]]:
    """Kanboard's board: every task, open or closed, in its cell; `nb_open_tasks` counts
    a column's open tasks, the cell and "across swimlane" figures every task shown."""
    cells: dict[tuple[int, int], list[Any]] = defaultdict(list)
    scores: dict[tuple[int, int], int] = defaultdict(int)
    open_in_column: dict[int, int] = defaultdict(int)
    for swimlane_id, column_id, score, is_active, doc in tasks:
        cells[(swimlane_id, column_id)].append(doc)
        scores[(swimlane_id, column_id)] += score or 0
        open_in_column[column_id] += 1 if is_active else 0
    shown = {column["id"]: sum(len(cells.get((lane["id"], column["id"]), ())) for lane in swimlanes)
             for column in columns}
    shown_score = {column["id"]: sum(scores[(lane["id"], column["id"])] for lane in swimlanes)
                   for column in columns}
    result = []
    for swimlane in swimlanes:
        lane_columns, lane_tasks, lane_score = [], 0, 0
        for column in columns:
            cell = (swimlane["id"], column["id"])
            tasks_here = cells.get(cell, [])
            lane_tasks += len(tasks_here)
            lane_score += scores[cell]
            lane_columns.append({
                "id": column["id"], "title": column["title"], "position": column["position"],
                "task_limit": column["task_limit"], "description": column["description"],
                "hide_in_dashboard": column["hide_in_dashboard"], "project_id": project_id,
                "nb_open_tasks": open_in_column[column["id"]], "tasks": tasks_here,
                "nb_tasks": len(tasks_here), "score": scores[cell],
                "column_nb_open_tasks": open_in_column[column["id"]],
                "nb_visible_tasks_across_swimlane": shown[column["id"]],
                "nb_unfiltered_tasks_across_swimlane": open_in_column[column["id"]],
                "cumulative_score_across_swimlane": shown_score[column["id"]],
            })
        result.append({**swimlane, "columns": lane_columns, "nb_swimlanes": len(swimlanes),
                       "nb_columns": len(columns), "nb_tasks": lane_tasks, "score": lane_score})
    return result
